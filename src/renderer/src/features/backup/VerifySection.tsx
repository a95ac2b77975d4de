/**
 * Verify Archive: recomputes every release's content hash and checks that releases, their
 * paragraphs, tags, annotations and the search index agree. Problems are listed by release;
 * when the search index is the problem, it can be rebuilt from the releases.
 */
import { useEffect, useRef, useState } from 'react'
import { useDb } from '../../app/app-context'
import { plural } from '../../components/format'
import { messageOf } from '../../components/use-live-result'
import {
  rebuildSearchIndex,
  verifyArchive,
  type VerifyReport,
} from '../../db/repositories/verify-repo'

export function VerifySection({ request }: { request: number }) {
  const db = useDb()
  const [running, setRunning] = useState<{ done: number; total: number } | null>(null)
  const [report, setReport] = useState<VerifyReport | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [rebuilt, setRebuilt] = useState(false)

  const verify = async () => {
    if (running) return
    setRunning({ done: 0, total: 0 })
    setError(null)
    setRebuilt(false)
    try {
      setReport(
        await verifyArchive(db, { onProgress: (done, total) => setRunning({ done, total }) }),
      )
    } catch (err) {
      setError(`Verifying failed: ${messageOf(err)}.`)
    } finally {
      setRunning(null)
    }
  }

  const rebuild = async () => {
    try {
      await rebuildSearchIndex(db)
      setRebuilt(true)
    } catch (err) {
      setError(`The search index could not be rebuilt: ${messageOf(err)}.`)
    }
  }

  const handled = useRef(0)
  useEffect(() => {
    if (request <= handled.current) return
    handled.current = request
    void verify()
    // Runs for a new request only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [request])

  const total = report?.problems.length ?? 0
  const counted = report ? Object.values(report.problemCount).reduce((a, b) => a + b, 0) : 0
  return (
    <section className="backup-section" aria-labelledby="verify-title">
      <h3 id="verify-title">Verify the archive</h3>
      <p className="fine-print">
        Recomputes every release’s content hash from its text, and checks that paragraphs, tags,
        annotations and the search index agree with the releases.
      </p>
      <button type="button" onClick={() => void verify()} disabled={running !== null}>
        Verify Archive
      </button>
      {running && (
        <p role="status">
          Verifying…{' '}
          {running.total > 0 &&
            `${running.done.toLocaleString()} of ${running.total.toLocaleString()} releases`}
        </p>
      )}
      {error && (
        <p className="backup-error" role="alert">
          {error}
        </p>
      )}
      {report && !running && (
        <div className="verify-report" role="status">
          <p>
            Checked {plural(report.checkedReleases, 'release')} and{' '}
            {plural(report.checkedAnnotations, 'annotation')} in {duration(report.ms)}:{' '}
            {counted === 0 ? 'no problems found.' : `${plural(counted, 'problem')} found.`}
          </p>
          {report.waitingToIndex > 0 && (
            <p className="fine-print">
              {plural(report.waitingToIndex, 'release')} still waiting for the search index: it
              indexes them in the background.
            </p>
          )}
          {report.uncheckedHashes > 0 && (
            <p className="fine-print">
              {plural(report.uncheckedHashes, 'release')} from the first version of the archive
              could not have its content hash recomputed: it was made from file bytes the archive
              does not keep.
            </p>
          )}
          {total > 0 && (
            <ul className="verify-problems">
              {report.problems.map((p, i) => (
                <li key={i}>{p.message}</li>
              ))}
            </ul>
          )}
          {total < counted && <p className="fine-print">The first {total} are listed.</p>}
          {report.indexProblems > 0 && report.canRebuildIndex && !rebuilt && (
            <p>
              The search index does not match the releases.{' '}
              <button type="button" onClick={() => void rebuild()}>
                Rebuild the search index
              </button>
            </p>
          )}
          {rebuilt && (
            <p>The search index is being rebuilt from the releases, in the background.</p>
          )}
        </div>
      )}
    </section>
  )
}

function duration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`
}
