/**
 * Import reports: one row per import, with its counts; every file's outcome
 * is in importLogChunks under the report's id, one row per batch. Reports are kept, so the last
 * import's report can be read again after a restart.
 */
import Dexie from 'dexie'
import type { ArchiveDb } from '../archive-db'
import type {
  ImportLogChunkRecord,
  ImportLogEntry,
  ImportOutcome,
  ImportReportRecord,
} from '../records'

export const OUTCOMES: readonly ImportOutcome[] = [
  'imported',
  'imported-with-warning',
  'duplicate',
  'version',
  'rejected',
]

export function emptyCounts(): Record<ImportOutcome, number> {
  return { imported: 0, 'imported-with-warning': 0, duplicate: 0, version: 0, rejected: 0 }
}

export async function startReport(
  db: ArchiveDb,
  report: Pick<ImportReportRecord, 'id' | 'source' | 'total'>,
  now: number = Date.now(),
): Promise<ImportReportRecord> {
  const row: ImportReportRecord = {
    ...report,
    startedAt: now,
    finishedAt: null,
    status: 'running',
    counts: emptyCounts(),
    mixedScriptWords: 0,
    error: null,
  }
  await db.importReports.add(row)
  return row
}

export async function updateReport(
  db: ArchiveDb,
  id: string,
  changes: Partial<Omit<ImportReportRecord, 'id'>>,
): Promise<void> {
  await db.importReports.update(id, changes)
}

/**
 * Ends a report with counts taken from the log itself, so they match the
 * files listed even when the import stopped part way.
 */
export async function finishReport(
  db: ArchiveDb,
  id: string,
  status: ImportReportRecord['status'],
  error: string | null = null,
  now: number = Date.now(),
): Promise<ImportReportRecord | undefined> {
  return db.transaction('rw', [db.importReports, db.importLogChunks], async () => {
    const counts = emptyCounts()
    let mixed = 0
    await chunksOf(db, id).each((chunk) => {
      for (const e of chunk.entries) {
        counts[e.outcome] += 1
        mixed += e.mixedScriptWords
      }
    })
    await db.importReports.update(id, {
      status,
      error,
      finishedAt: now,
      counts,
      mixedScriptWords: mixed,
    })
    return db.importReports.get(id)
  })
}

function chunksOf(db: ArchiveDb, importId: string) {
  return db.importLogChunks
    .where('[importId+chunk]')
    .between([importId, Dexie.minKey], [importId, Dexie.maxKey])
}

export function latestReport(db: ArchiveDb): Promise<ImportReportRecord | undefined> {
  return db.importReports.orderBy('startedAt').last()
}

export function getReport(db: ArchiveDb, id: string): Promise<ImportReportRecord | undefined> {
  return db.importReports.get(id)
}

/** One file of an import's report; `seq` is its place in the import, from 0. */
export type ReportItem = ImportLogEntry & { seq: number }

/** Every file of an import with its outcome, in the order the files were imported. */
export async function reportItems(
  db: ArchiveDb,
  id: string,
  outcome: ImportOutcome | null = null,
): Promise<ReportItem[]> {
  const chunks: ImportLogChunkRecord[] = await chunksOf(db, id).toArray()
  const items: ReportItem[] = []
  let seq = 0
  for (const chunk of chunks) {
    for (const e of chunk.entries) {
      if (outcome === null || e.outcome === outcome) items.push({ ...e, seq })
      seq += 1
    }
  }
  return items
}
