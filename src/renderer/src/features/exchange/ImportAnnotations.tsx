/**
 * Import of a W3C Web Annotation file (from Communiqué or another tool): the
 * archive places each annotation on its release, and this panel says what
 * happened to every one. The whole import is one edit: Undo takes it back.
 */
import { useRef, useState } from 'react'
import { useEdit } from '../../app/app-context'
import {
  importAnnotationFile,
  type AnnotationImportResult,
} from '../../db/repositories/exchange-repo'
import { messageOf } from '../../components/use-live-result'

/** Quotes longer than this are cut in the list of unplaced annotations. */
const EXCERPT_LENGTH = 120

type Outcome =
  { fileName: string; result: AnnotationImportResult } | { fileName: string; error: string }

export function ImportAnnotations() {
  const edit = useEdit()
  const input = useRef<HTMLInputElement>(null)
  const [isBusy, setBusy] = useState(false)
  const [outcome, setOutcome] = useState<Outcome | null>(null)

  const importFile = async (file: File) => {
    setBusy(true)
    setOutcome(null)
    try {
      const text = await file.text()
      const imported: { result?: AnnotationImportResult } = {}
      await edit(async (db) => {
        imported.result = await importAnnotationFile(db, text)
        return imported.result.edit
      })
      if (imported.result) setOutcome({ fileName: file.name, result: imported.result })
    } catch (e) {
      setOutcome({ fileName: file.name, error: messageOf(e) })
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="exchange-section" aria-labelledby="import-annotations-title">
      <h2 id="import-annotations-title">Import annotations</h2>
      <p className="fine-print">
        A W3C Web Annotation file (.json or .jsonld), exported from Communiqué or another tool. Each
        annotation is placed on its release by the release’s identifier or, failing that, by the
        passage it quotes; where the archive already has an annotation, the newer one is kept. Undo
        takes the whole import back.
      </p>
      <button type="button" disabled={isBusy} onClick={() => input.current?.click()}>
        {isBusy ? 'Importing…' : 'Import annotations…'}
      </button>
      <input
        ref={input}
        type="file"
        hidden
        aria-label="Annotation file to import"
        accept=".json,.jsonld,application/json,application/ld+json"
        onChange={(e) => {
          const file = e.target.files?.[0]
          // Cleared, so choosing the same file again imports it again.
          e.target.value = ''
          if (file) void importFile(file)
        }}
      />
      <div className="import-result" role="status">
        {outcome && 'result' in outcome && <ImportResult {...outcome} />}
      </div>
      {outcome && 'error' in outcome && (
        <p className="exchange-error" role="alert">
          “{outcome.fileName}” could not be imported: {outcome.error}
        </p>
      )}
    </section>
  )
}

function ImportResult({ fileName, result }: { fileName: string; result: AnnotationImportResult }) {
  const { added, updated, kept, unplaced, problems } = result
  return (
    <>
      <p className="fine-print">Imported from “{fileName}”.</p>
      <p className="import-result-summary">
        {`Added ${added.toLocaleString()}, updated ${updated.toLocaleString()}, kept ${kept.toLocaleString()}; ${unplaced.length.toLocaleString()} could not be placed.`}
      </p>
      {unplaced.length > 0 && (
        <>
          <h3>Not placed</h3>
          <ul className="import-unplaced" aria-label="Annotations that could not be placed">
            {unplaced.map((u) => (
              <li key={u.id}>
                <q>{excerpt(u.quote)}</q> <span className="import-reason">{u.reason}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {problems.length > 0 && (
        <>
          <h3>Problems with the file</h3>
          <ul className="import-problems" aria-label="Problems with the file">
            {problems.map((problem, i) => (
              <li key={i}>{problem}</li>
            ))}
          </ul>
        </>
      )}
    </>
  )
}

function excerpt(quote: string): string {
  const text = quote.replace(/\s+/g, ' ').trim()
  if (!text) return '(no quoted text)'
  return text.length > EXCERPT_LENGTH ? `${text.slice(0, EXCERPT_LENGTH - 1)}…` : text
}
