/**
 * What the importer found out about a release: its date (and whether the year
 * was inferred), place, type, language, organisations, countries,
 * participants and references; where it came from; and its versions.
 */
import { useLiveQuery } from 'dexie-react-hooks'
import { useState } from 'react'
import { useDb } from '../../app/app-context'
import { hrefFor } from '../../app/use-route'
import { formatDateTime } from '../../components/format'
import type { ReleaseRecord } from '../../db/records'
import { getOriginalText, getVersions } from '../../db/repositories/releases-repo'

const LANGUAGES: Record<string, string> = { en: 'English', ru: 'Russian', zh: 'Chinese' }

export function ReleaseDetails({ release }: { release: ReleaseRecord }) {
  const db = useDb()
  const versions = useLiveQuery(() => getVersions(db, release.id), [db, release.id])
  const [showOriginal, setShowOriginal] = useState(false)
  const original = useLiveQuery(
    () => (showOriginal ? getOriginalText(db, release.id) : undefined),
    [db, release.id, showOriginal],
  )
  const date = release.dateMention

  return (
    <section className="release-details" aria-label="Release details">
      <dl className="metadata">
        <Field label="Date">
          {date ? (
            <>
              <time dateTime={date.iso}>{date.end ? `${date.iso} to ${date.end}` : date.iso}</time>
              <span className="source-phrase">
                {' '}
                (“{date.text}”{date.inferred ? ', year inferred from the text' : ''})
              </span>
            </>
          ) : null}
        </Field>
        <Field label="Place">{release.place}</Field>
        <Field label="Type">{release.type}</Field>
        <Field label="Language">
          {release.lang ? (LANGUAGES[release.lang] ?? release.lang) : null}
        </Field>
        <Field label="Organisations">{release.organisations.join(', ') || null}</Field>
        <Field label="Countries">{release.countries.join(', ') || null}</Field>
        <Field label="Participants">
          {release.participants.length > 0 ? (
            <ul className="participants">
              {release.participants.map((p) => (
                <li key={`${p.name}-${p.role ?? ''}`}>
                  <strong>{p.name}</strong>
                  {p.role && `, ${p.role}`}
                  {p.country && ` (${p.country})`}
                </li>
              ))}
            </ul>
          ) : null}
        </Field>
        <Field label="References">
          {release.references.length > 0 ? (
            <ul className="references">
              {release.references.map((r) => (
                <li key={r.label}>
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

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="metadata-field">
      <dt>{label}</dt>
      <dd>{children ?? <span className="unknown">not found</span>}</dd>
    </div>
  )
}
