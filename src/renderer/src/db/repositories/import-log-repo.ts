import type { ArchiveDb } from '../archive-db'
import type { ImportLogRecord } from '../records'

/** Records files that were refused, so the import history names every file and its reason. */
export async function logRejections(
  db: ArchiveDb,
  batchId: string,
  rejections: readonly { fileName: string; reason: string }[],
  now: number = Date.now(),
): Promise<void> {
  if (rejections.length === 0) return
  await db.importLog.bulkAdd(
    rejections.map((r): ImportLogRecord => ({
      batchId,
      at: now,
      fileName: r.fileName,
      outcome: 'rejected',
      message: r.reason,
      releaseId: null,
    })),
  )
}
