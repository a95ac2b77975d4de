/**
 * What the importer found out about a release: its title, date (and whether
 * the year was inferred), place, type, language, organisations, countries,
 * participants and references; where it came from; and its versions.
 *
 * Every extracted field can be corrected (Edit beside it). A corrected field
 * says so, and a later import of the same text never overwrites it
 * (releases-repo `correctMetadata`). Corrections go on the undo stack.
 */
import { useLiveQuery } from 'dexie-react-hooks'
import { useId, useRef, useState, type ReactNode } from 'react'
import { DOC_TYPES } from '../../../../shared/release/metadata/types'
import { useDb, useEdit } from '../../app/app-context'
import { hrefFor } from '../../app/use-route'
import { formatDateTime } from '../../components/format'
import type { ReleaseMetadata, ReleaseRecord } from '../../db/records'
import { correctMetadata } from '../../db/repositories/metadata-repo'
import { getOriginalText, getVersions } from '../../db/repositories/releases-repo'
import {
  formatParticipant,
  parseDateInput,
  parseLines,
  parseParticipants,
  parseReferences,
  type Parsed,
} from './metadata-input'
import { messageOf } from '../../components/use-live-result'

const LANGUAGES: Record<string, string> = { en: 'English', ru: 'Russian', zh: 'Chinese' }

type Patch = Partial<ReleaseMetadata>

type Editor =
  | { kind: 'text'; value: string; hint?: string }
  | { kind: 'lines'; value: string; hint: string }
  | { kind: 'select'; value: string; options: { value: string; label: string }[] }

export function ReleaseDetails({ release }: { release: ReleaseRecord }) {
  const db = useDb()
  const versions = useLiveQuery(() => getVersions(db, release.id).catch(() => []), [db, release.id])
  const [showOriginal, setShowOriginal] = useState(false)
  const original = useLiveQuery(
    () => (showOriginal ? getOriginalText(db, release.id) : undefined),
    [db, release.id, showOriginal],
  )
  const date = release.dateMention
  const edited = new Set(release.editedFields ?? [])
  const languageOptions = [
    { value: '', label: 'Not known' },
    ...Object.entries(LANGUAGES).map(([value, label]) => ({ value, label })),
    ...(release.lang && !(release.lang in LANGUAGES)
      ? [{ value: release.lang, label: release.lang }]
      : []),
  ]

  return (
    <section className="release-details" aria-label="Release details">
      <dl className="metadata">
        <Field
          label="Title"
          release={release}
          isCorrected={edited.has('title')}
          editor={{ kind: 'text', value: release.title }}
          parse={(text) => {
            const title = text.trim().replace(/\s+/gu, ' ')
            return title === ''
              ? { ok: false, error: 'A release needs a title.' }
              : { ok: true, value: { title } }
          }}
        >
          {release.title}
        </Field>
        <Field
          label="Date"
          release={release}
          isCorrected={edited.has('date')}
          editor={{
            kind: 'text',
            value: release.date ?? '',
            hint: 'YYYY, YYYY-MM or YYYY-MM-DD; empty if not known.',
          }}
          parse={(text) => {
            // The archive keeps the phrase of a date the text mentions (releases-repo).
            const parsed = parseDateInput(text)
            return parsed.ok ? { ok: true, value: { date: parsed.value } } : parsed
          }}
        >
          {date && (!edited.has('date') || date.iso === release.date) ? (
            <>
              <time dateTime={date.iso}>{date.end ? `${date.iso} to ${date.end}` : date.iso}</time>
              <span className="source-phrase">
                {' '}
                (“{date.text}”{date.inferred ? ', year inferred from the text' : ''})
              </span>
            </>
          ) : release.date ? (
            <time dateTime={release.date}>{release.date}</time>
          ) : null}
        </Field>
        <Field
          label="Place"
          release={release}
          isCorrected={edited.has('place')}
          editor={{ kind: 'text', value: release.place ?? '', hint: 'Empty if not known.' }}
          parse={(text) => ({ ok: true, value: { place: text.trim() || null } })}
        >
          {release.place}
        </Field>
        <Field
          label="Type"
          release={release}
          isCorrected={edited.has('type')}
          editor={{
            kind: 'select',
            value: release.type ?? '',
            options: [
              { value: '', label: 'Not known' },
              ...DOC_TYPES.map((t) => ({ value: t, label: t })),
            ],
          }}
          parse={(text) => ({
            ok: true,
            value: {
              type: (DOC_TYPES as readonly string[]).includes(text)
                ? (text as Patch['type'])
                : null,
            },
          })}
        >
          {release.type}
        </Field>
        <Field
          label="Language"
          release={release}
          isCorrected={edited.has('lang')}
          editor={{ kind: 'select', value: release.lang ?? '', options: languageOptions }}
          parse={(text) => ({ ok: true, value: { lang: text || null } })}
        >
          {release.lang ? (LANGUAGES[release.lang] ?? release.lang) : null}
        </Field>
        <Field
          label="Organisations"
          release={release}
          isCorrected={edited.has('organisations')}
          editor={{
            kind: 'lines',
            value: release.organisations.join('\n'),
            hint: 'One organisation per line.',
          }}
          parse={(text) => ({ ok: true, value: { organisations: parseLines(text) } })}
        >
          {release.organisations.join(', ') || null}
        </Field>
        <Field
          label="Countries"
          release={release}
          isCorrected={edited.has('countries')}
          editor={{
            kind: 'lines',
            value: release.countries.join('\n'),
            hint: 'One country per line.',
          }}
          parse={(text) => ({ ok: true, value: { countries: parseLines(text) } })}
        >
          {release.countries.join(', ') || null}
        </Field>
        <Field
          label="Participants"
          release={release}
          isCorrected={edited.has('participants')}
          editor={{
            kind: 'lines',
            value: release.participants.map(formatParticipant).join('\n'),
            hint: 'One per line: Name, role (Country). Role and country may be left out.',
          }}
          parse={(text) => {
            const parsed = parseParticipants(text)
            return parsed.ok ? { ok: true, value: { participants: parsed.value } } : parsed
          }}
        >
          {release.participants.length > 0 ? (
            <ul className="participants">
              {release.participants.map((p, i) => (
                <li key={`${i}-${p.name}-${p.role ?? ''}`}>
                  <strong>{p.name}</strong>
                  {p.role && `, ${p.role}`}
                  {p.country && ` (${p.country})`}
                </li>
              ))}
            </ul>
          ) : null}
        </Field>
        <Field
          label="References"
          release={release}
          isCorrected={edited.has('references')}
          editor={{
            kind: 'lines',
            value: release.references.map((r) => r.label).join('\n'),
            hint: 'One document per line, by its name.',
          }}
          parse={(text) => ({
            ok: true,
            value: { references: parseReferences(text, release.references) },
          })}
        >
          {release.references.length > 0 ? (
            <ul className="references">
              {release.references.map((r, i) => (
                <li key={`${i}-${r.label}`}>
                  {r.label}
                  {r.date && ` (${r.date.iso})`}
                </li>
              ))}
            </ul>
          ) : null}
        </Field>
      </dl>

      {versions && versions.length > 1 && (
        <nav className="versions" aria-label="Versions">
          <h3>Versions</h3>
          <ol>
            {versions.map((v) => (
              <li key={v.id}>
                {v.id === release.id ? (
                  <strong aria-current="page">{v.title}</strong>
                ) : (
                  <a href={hrefFor({ view: 'release', releaseId: v.id })}>{v.title}</a>
                )}{' '}
                <span className="fine-print">
                  {v.sourceFiles[0]?.name} · imported {formatDateTime(v.importedAt)}
                </span>
              </li>
            ))}
          </ol>
        </nav>
      )}

      <details className="provenance" onToggle={(e) => setShowOriginal(e.currentTarget.open)}>
        <summary>Source files and original text</summary>
        <ul>
          {release.sourceFiles.map((s) => (
            <li key={`${s.name}-${s.sha256}`}>
              {s.name} · {s.encoding} · {s.byteLength.toLocaleString()} bytes · sha256{' '}
              <code>{s.sha256}</code> · imported {formatDateTime(s.importedAt)}
            </li>
          ))}
        </ul>
        {showOriginal && original !== undefined && (
          <pre className="original-text" aria-label="Original text as received">
            {original}
          </pre>
        )}
      </details>
    </section>
  )
}

/**
 * One field: its value, a "corrected" badge when the user corrected it, and
 * an Edit button that turns it into an input with Save and Cancel. The input
 * is checked before saving; what is wrong is said under it.
 */
function Field({
  label,
  release,
  isCorrected,
  editor,
  parse,
  children,
}: {
  label: string
  release: ReleaseRecord
  isCorrected: boolean
  editor: Editor
  parse: (text: string) => Parsed<Patch>
  children: ReactNode
}) {
  const edit = useEdit()
  const id = useId()
  const [text, setText] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [isBusy, setBusy] = useState(false)
  const editButton = useRef<HTMLButtonElement>(null)
  const isEditing = text !== null
  const name = label.toLowerCase()

  const close = () => {
    setText(null)
    setError(null)
    requestAnimationFrame(() => editButton.current?.focus())
  }

  const save = async () => {
    if (text === null) return
    const parsed = parse(text)
    if (!parsed.ok) {
      setError(parsed.error)
      return
    }
    setBusy(true)
    try {
      await edit((db) => correctMetadata(db, release.id, parsed.value))
      close()
    } catch (e) {
      setError(`The correction was not saved: ${messageOf(e)}`)
    } finally {
      setBusy(false)
    }
  }

  const hint = editor.kind === 'select' ? undefined : editor.hint
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean)
  const common = {
    id: `${id}-input`,
    'aria-describedby': describedBy.length > 0 ? describedBy.join(' ') : undefined,
    'aria-invalid': error ? true : undefined,
    disabled: isBusy,
    autoFocus: true,
  }

  return (
    <div className={`metadata-field${isEditing ? ' is-editing' : ''}`}>
      <dt>
        {isEditing ? <label htmlFor={`${id}-input`}>{label}</label> : label}
        {isCorrected && (
          <span
            className="corrected-badge"
            title="You corrected this field; a later import of the same text keeps your correction."
          >
            corrected
          </span>
        )}
      </dt>
      <dd>
        {isEditing ? (
          <form
            className="field-editor"
            onSubmit={(e) => {
              e.preventDefault()
              void save()
            }}
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                e.stopPropagation()
                close()
              } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault()
                void save()
              }
            }}
          >
            {editor.kind === 'text' && (
              <input
                {...common}
                type="text"
                value={text}
                onChange={(e) => setText(e.target.value)}
              />
            )}
            {editor.kind === 'lines' && (
              <textarea
                {...common}
                rows={Math.min(10, Math.max(3, text.split('\n').length + 1))}
                value={text}
                onChange={(e) => setText(e.target.value)}
              />
            )}
            {editor.kind === 'select' && (
              <select {...common} value={text} onChange={(e) => setText(e.target.value)}>
                {editor.options.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            )}
            {hint && (
              <p id={`${id}-hint`} className="field-hint">
                {hint}
                {editor.kind === 'lines' ? ' Ctrl+Enter saves.' : ''}
              </p>
            )}
            {error && (
              <p id={`${id}-error`} className="field-error" role="alert">
                {error}
              </p>
            )}
            <div className="field-actions">
              <button type="submit" className="primary" disabled={isBusy}>
                {isBusy ? 'Saving…' : 'Save'}
              </button>
              <button type="button" onClick={close}>
                Cancel
              </button>
            </div>
          </form>
        ) : (
          <div className="field-value">
            <div className="field-content">
              {children ?? <span className="unknown">not found</span>}
            </div>
            <button
              ref={editButton}
              type="button"
              className="field-edit"
              aria-label={`Edit ${name}`}
              onClick={() => setText(editor.value)}
            >
              Edit
            </button>
          </div>
        )}
      </dd>
    </div>
  )
}
