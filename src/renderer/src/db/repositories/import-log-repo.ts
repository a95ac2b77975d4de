import type { ArchiveDb } from '../archive-db'

/** Log chunk of the files a source could not read; batch k of the import is chunk k + 1. */
export const SOURCE_PROBLEMS_CHUNK = 0

/** Log chunk of an import's batch (0-based). */
export function batchChunk(batchIndex: number): number {
  return batchIndex + 1
}

/**
 * Records files the source could not read, so the import history names every
 * file and its reason.
 */
export async function logSourceProblems(
  db: ArchiveDb,
  importId: string,
  problems: readonly { fileName: string; reason: string }[],
  now: number = Date.now(),
): Promise<void> {
  if (problems.length === 0) return
  await db.importLogChunks.put({
    importId,
    chunk: SOURCE_PROBLEMS_CHUNK,
    at: now,
    entries: problems.map((p) => ({
      fileName: p.fileName,
      outcome: 'rejected',
      message: p.reason,
      releaseId: null,
      mixedScriptWords: 0,
    })),
  })
}
