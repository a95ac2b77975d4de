/**
 * Runs one import from a source (picked files, a folder, a drop, the watched
 * folder, the samples): reads the source in slices, hands each slice to the
 * import engine (the workers) as one batch, keeping as many batches in flight
 * as the engine works on at once, reports progress in file order, and stops
 * after the batches in flight when cancelled. What a finished batch committed stays;
 * importing the same files again later only imports what is missing.
 */
import type { ArchiveDb } from '../../db/archive-db'
import type { ImportOutcome, ImportReportRecord } from '../../db/records'
import { batchChunk, logSourceProblems } from '../../db/repositories/import-log-repo'
import {
  emptyCounts,
  finishReport,
  startReport,
  updateReport,
} from '../../db/repositories/import-reports-repo'
import type { ImportSource } from '../../host/host'
import type { ImportEngine } from '../../workers/import-client'
import type { ImportReportItem } from '../../workers/import-protocol'

/** Files per batch: one transaction each. Large enough to amortise it, small enough to cancel quickly. */
export const BATCH_SIZE = 200

export type ImportProgress = {
  reportId: string
  source: string
  total: number
  done: number
  /** The file the worker is on. */
  current: string | null
  counts: Record<ImportOutcome, number>
  /** Files per second so far. */
  rate: number
  /** Estimated seconds left, or null before there is a rate. */
  secondsLeft: number | null
  isCancelling: boolean
}

export type RunImportOptions = {
  db: ArchiveDb
  engine: ImportEngine
  source: ImportSource
  maxBytes: number
  signal?: AbortSignal
  onProgress?: (progress: ImportProgress) => void
  now?: () => number
}

export async function runImport(options: RunImportOptions): Promise<ImportReportRecord> {
  const { db, engine, source, maxBytes, signal, onProgress } = options
  const now = options.now ?? (() => performance.now())
  const id = newReportId()
  const total = source.total + source.problems.length
  await startReport(db, { id, source: source.label, total })

  const counts = emptyCounts()
  const started = now()
  let done = 0
  let current: string | null = null
  const report = () => {
    const elapsed = (now() - started) / 1000
    const rate = elapsed > 0 ? done / elapsed : 0
    onProgress?.({
      reportId: id,
      source: source.label,
      total,
      done,
      current,
      counts: { ...counts },
      rate,
      secondsLeft: rate > 0 && done > 0 ? (total - done) / rate : null,
      isCancelling: signal?.aborted ?? false,
    })
  }

  let status: ImportReportRecord['status'] = 'done'
  let error: string | null = null
  // Batches in flight, oldest first: while the oldest is written, the next ones are
  // being prepared, as many as the engine can work on at once.
  const inFlight: Promise<ImportReportItem[]>[] = []
  try {
    if (source.problems.length > 0) {
      await logSourceProblems(
        db,
        id,
        source.problems.map((p) => ({ fileName: p.name, reason: p.error })),
      )
      counts.rejected += source.problems.length
      done += source.problems.length
    }
    report()
    let start = 0
    let batch = 0
    for (;;) {
      while (!signal?.aborted && start < source.total && inFlight.length < engine.parallelism) {
        const files = await source.read(start, BATCH_SIZE)
        const running = engine.run(
          { importId: id, chunk: batchChunk(batch), files, maxBytes },
          (name) => {
            current = name
          },
        )
        // Awaited in order below; a failure is not "unhandled" while it waits its turn.
        running.catch(() => {})
        inFlight.push(running)
        start += BATCH_SIZE
        batch += 1
      }
      const oldest = inFlight.shift()
      if (!oldest) break
      const items = await oldest
      for (const item of items) counts[item.outcome] += 1
      done += items.length
      report()
      await updateReport(db, id, { counts: { ...counts } })
    }
    if (signal?.aborted && done < total) status = 'cancelled'
  } catch (e) {
    status = 'failed'
    error = e instanceof Error ? e.message : String(e)
    // Batches already handed over may still be written; the report counts them.
    await Promise.allSettled(inFlight)
  } finally {
    await source.close().catch(() => {})
  }
  const finished = await finishReport(db, id, status, error)
  if (!finished) throw new Error('the import report was lost')
  return finished
}

function newReportId(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`
}

/**
 * One line for an import: "Imported 12 releases, 3 duplicates, 2 refused." A report still
 * marked running is either under way or was cut off (the app was closed or crashed, and its
 * report was never finished): both are not finished, and what is listed is what was stored.
 */
export function summariseReport(report: Pick<ImportReportRecord, 'counts' | 'status'>): string {
  const c = report.counts
  const imported = c.imported + c['imported-with-warning']
  const parts = [`Imported ${imported} release${imported === 1 ? '' : 's'}`]
  if (c['imported-with-warning'] > 0) parts.push(`${c['imported-with-warning']} with warnings`)
  if (c.version > 0) parts.push(`${c.version} new version${c.version === 1 ? '' : 's'}`)
  if (c.duplicate > 0) parts.push(`${c.duplicate} already in the archive`)
  if (c.rejected > 0) parts.push(`${c.rejected} refused`)
  const line = parts.join(', ') + '.'
  if (report.status === 'cancelled') return `Cancelled. ${line}`
  return report.status === 'running' ? `Not finished. ${line}` : line
}
