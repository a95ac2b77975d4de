/**
 * Export of annotations and the codebook, for one scope: the whole archive,
 * the library's selection, the release open in the reader, or one tag. The
 * view counts what the scope holds before anything is exported; each file is
 * made from the archive as it is at the moment of the click.
 */
import { useEffect, useMemo, useState } from 'react'
import type { ExchangeData } from '../../../../shared/annotation/types'
import { useDb, useHistory } from '../../app/app-context'
import { downloadText } from '../../components/download'
import { plural } from '../../components/format'
import { collectExport, type ExportScope } from '../../db/repositories/exchange-repo'
import { getRelease } from '../../db/repositories/releases-repo'
import { listTags } from '../../db/repositories/tags-repo'
import { messageOf, useLiveResult } from '../../components/use-live-result'
import { EXPORT_FORMATS, type FormatInfo } from './export-formats'
import {
  exportFileName,
  exportScopeFor,
  scopeSlug,
  type ExportFormat,
  type ScopeChoice,
  type ScopeKind,
} from './export-scope'
import { ImportAnnotations } from './ImportAnnotations'
import './exchange.css'

type Props = {
  choice: ScopeChoice
  onChoiceChange: (choice: ScopeChoice) => void
  selection: ReadonlySet<string>
  /** The release open in the reader, or the one last open. */
  releaseId: string | null
}

/** What the scope holds, counted for the scope it was counted for. */
type Preview = { scope: ExportScope; data: ExchangeData } | { scope: ExportScope; error: string }

export function ExportView({ choice, onChoiceChange, selection, releaseId }: Props) {
  const db = useDb()
  const tags = useLiveResult(() => listTags(db), [db])
  const release = useLiveResult(
    async () => (releaseId ? ((await getRelease(db, releaseId)) ?? null) : null),
    [db, releaseId],
  )
  // A tag chosen earlier may have been deleted or merged away since.
  const isTagGone =
    choice.kind === 'tag' &&
    tags.status === 'ready' &&
    !tags.value.some((t) => t.id === choice.tagId)
  const scope = useMemo(
    () => (isTagGone ? null : exportScopeFor(choice, { selection, releaseId })),
    [choice, selection, releaseId, isTagGone],
  )
  const [preview, setPreview] = useState<Preview | null>(null)
  const [busy, setBusy] = useState<ExportFormat | null>(null)
  const [exportError, setExportError] = useState<string | null>(null)
  const [saved, setSaved] = useState<string | null>(null)
  // Each edit, undo or redo (an annotation import made here among them) may change what the
  // scope holds: it is counted again.
  const history = useHistory()
  const [revision, setRevision] = useState(0)
  useEffect(() => history.subscribe(() => setRevision((r) => r + 1)), [history])

  useEffect(() => {
    if (!scope) return
    let isCurrent = true
    collectExport(db, scope).then(
      (data) => isCurrent && setPreview({ scope, data }),
      (error: unknown) => isCurrent && setPreview({ scope, error: messageOf(error) }),
    )
    return () => {
      isCurrent = false
    }
  }, [db, scope, revision])

  const current = preview && preview.scope === scope ? preview : null
  const tagList = tags.status === 'ready' ? tags.value : []
  const releaseTitle = release.status === 'ready' ? release.value?.title : undefined
  const tagPath = tagList.find((t) => t.id === choice.tagId)?.path

  const choose = (kind: ScopeKind) => {
    setSaved(null)
    setExportError(null)
    onChoiceChange({
      ...choice,
      kind,
      tagId: kind === 'tag' ? (choice.tagId ?? tagList[0]?.id ?? null) : choice.tagId,
    })
  }

  const download = async (info: FormatInfo) => {
    if (!scope) return
    setBusy(info.format)
    setExportError(null)
    setSaved(null)
    try {
      const data = await collectExport(db, scope)
      const name = exportFileName(
        info.format,
        scopeSlug(scope, { releaseTitle, tagPath }),
        data.exportedAt,
      )
      downloadText(name, info.render(data), info.type)
      setSaved(`Saved ${name}: ${summary(data)}`)
    } catch (e) {
      setExportError(`The ${info.label} export failed: ${messageOf(e)}`)
    } finally {
      setBusy(null)
    }
  }

  return (
    <div className="exchange">
      <section className="exchange-section" aria-labelledby="export-title">
        <h2 id="export-title">Export annotations</h2>

        <fieldset className="exchange-scope">
          <legend>What to export</legend>
          <ScopeOption kind="archive" choice={choice} onChoose={choose}>
            The whole archive
          </ScopeOption>
          <ScopeOption
            kind="selection"
            choice={choice}
            onChoose={choose}
            isDisabled={selection.size === 0}
          >
            {selection.size > 0
              ? `The releases selected in the library (${selection.size.toLocaleString()})`
              : 'The releases selected in the library (none selected)'}
          </ScopeOption>
          <ScopeOption kind="release" choice={choice} onChoose={choose} isDisabled={!releaseId}>
            {releaseId
              ? `The release last open: “${releaseTitle ?? '…'}”`
              : 'One release (open one in the reader first)'}
          </ScopeOption>
          <div className="scope-tag">
            <ScopeOption
              kind="tag"
              choice={choice}
              onChoose={choose}
              isDisabled={tagList.length === 0}
            >
              {tagList.length > 0 ? 'One tag and its sub-tags:' : 'One tag (there are no tags yet)'}
            </ScopeOption>
            {tagList.length > 0 && (
              <select
                aria-label="Tag to export"
                value={isTagGone ? '' : (choice.tagId ?? '')}
                onChange={(e) => onChoiceChange({ kind: 'tag', tagId: e.target.value })}
              >
                {(choice.tagId === null || isTagGone) && <option value="">Choose a tag</option>}
                {tagList.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.path}
                  </option>
                ))}
              </select>
            )}
          </div>
        </fieldset>
        {tags.status === 'error' && (
          <p className="exchange-error" role="alert">
            Tags could not be read: {tags.error}
          </p>
        )}

        <p className="exchange-count" role="status">
          {!scope
            ? 'Choose what to export.'
            : !current
              ? 'Counting annotations…'
              : 'data' in current
                ? `${capitalise(current.data.scopeLabel)}: ${summary(current.data)}`
                : ''}
        </p>
        {current && 'error' in current && (
          <p className="exchange-error" role="alert">
            What this scope holds could not be read: {current.error}
          </p>
        )}

        <ul className="export-formats" aria-label="Formats">
          {EXPORT_FORMATS.map((info) => (
            <li key={info.format}>
              <button
                type="button"
                disabled={!scope || busy !== null}
                aria-describedby={`format-${info.format}`}
                onClick={() => void download(info)}
              >
                {busy === info.format ? 'Preparing…' : info.label}
              </button>
              <span id={`format-${info.format}`} className="fine-print">
                {info.detail}
              </span>
            </li>
          ))}
        </ul>
        {saved && <p className="exchange-saved">{saved}</p>}
        {exportError && (
          <p className="exchange-error" role="alert">
            {exportError}
          </p>
        )}
      </section>

      <ImportAnnotations />
    </div>
  )
}

function ScopeOption({
  kind,
  choice,
  onChoose,
  isDisabled,
  children,
}: {
  kind: ScopeKind
  choice: ScopeChoice
  onChoose: (kind: ScopeKind) => void
  isDisabled?: boolean
  children: string
}) {
  return (
    <label className={`scope-option${isDisabled ? ' is-disabled' : ''}`}>
      <input
        type="radio"
        name="export-scope"
        value={kind}
        checked={choice.kind === kind}
        disabled={isDisabled}
        onChange={() => onChoose(kind)}
      />
      {children}
    </label>
  )
}

/** "12 annotations on 3 releases; 4 tagged paragraphs; 2 tagged releases." */
function summary(data: ExchangeData): string {
  const onReleases = new Set(data.annotations.map((a) => a.releaseId)).size
  const taggedReleases = data.releases.filter((r) => r.tagIds.length > 0).length
  return (
    `${plural(data.annotations.length, 'annotation')} on ${plural(onReleases, 'release')}; ` +
    `${plural(data.paragraphTags.length, 'tagged paragraph')}; ` +
    `${plural(taggedReleases, 'tagged release')}.`
  )
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
