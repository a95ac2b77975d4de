/**
 * The import path shared by every way a file arrives: dropped, picked, or a
 * shipped sample. Bytes are prepared in `shared/release`, then stored in
 * batches; each file ends with exactly one outcome in the report, and files
 * that fail never touch what is already in the archive.
 */
import type { IncomingFile } from '../../../../shared/ipc/contract'
import { prepareRelease, type PreparedRelease } from '../../../../shared/release/prepare-release'
import type { ArchiveDb } from '../../db/archive-db'
import { logRejections } from '../../db/repositories/import-log-repo'
import { storeReleases } from '../../db/repositories/releases-repo'
import type { ImportOutcome } from '../../db/records'

/** Files stored per transaction: large enough to be fast, small enough to keep the UI responsive. */
const BATCH_SIZE = 200

export type ImportReportItem = {
  fileName: string
  outcome: ImportOutcome
  message: string
  releaseId: string | null
}

export type ImportReport = {
  batchId: string
  items: ImportReportItem[]
}

export async function importFiles(
  db: ArchiveDb,
  files: readonly IncomingFile[],
  options: { maxBytes?: number } = {},
): Promise<ImportReport> {
  const batchId = newBatchId()
  const items: ImportReportItem[] = []

  for (let start = 0; start < files.length; start += BATCH_SIZE) {
    const ready: PreparedRelease[] = []
    const rejected: { fileName: string; reason: string }[] = []
    for (const file of files.slice(start, start + BATCH_SIZE)) {
      if ('error' in file) {
        rejected.push({ fileName: file.name, reason: file.error })
        continue
      }
      const outcome = await prepareRelease(file.name, file.bytes, options)
      if (outcome.kind === 'ready') ready.push(outcome.release)
      else rejected.push({ fileName: outcome.fileName, reason: outcome.reason })
    }
    const stored = ready.length > 0 ? await storeReleases(db, ready, batchId) : []
    await logRejections(db, batchId, rejected)
    items.push(...stored)
    items.push(
      ...rejected.map((r) => ({
        fileName: r.fileName,
        outcome: 'rejected' as const,
        message: r.reason,
        releaseId: null,
      })),
    )
  }
  return { batchId, items }
}

export function summariseReport(report: ImportReport): string {
  const count = (outcome: ImportOutcome) => report.items.filter((i) => i.outcome === outcome).length
  const imported = count('imported') + count('imported-with-warning')
  const parts = [`Imported ${imported} release${imported === 1 ? '' : 's'}`]
  const duplicates = count('duplicate')
  if (duplicates > 0) parts.push(`${duplicates} already in the archive`)
  const rejected = count('rejected')
  if (rejected > 0) parts.push(`${rejected} refused`)
  return parts.join(', ') + '.'
}

function newBatchId(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`
}
