/**
 * One batch of an import, in two steps. `prepareBatch` reads the files, asks
 * which were imported before (by their bytes and name), prepares the rest
 * (shared/release) and encodes their text; it does not touch the archive,
 * so several batches can be prepared at once. `storeBatch` (db/repositories)
 * then judges and writes the batch in one transaction, one batch at a time.
 * Runs inside the import workers; tests run it directly on fake-indexeddb.
 */
import { sha256Hex } from '../../../shared/release/content-hash'
import { prepareRelease } from '../../../shared/release/prepare-release'
import type { ArchiveDb } from '../db/archive-db'
import {
  ArchiveCatalog,
  knownFiles,
  storeBatch,
  toStorable,
  type BatchItem,
  type KnownFile,
} from '../db/repositories/releases-repo'
import type { BatchRequest, ImportReportItem, PreparedBatch, WorkerFile } from './import-protocol'

type Read = { name: string; bytes: Uint8Array; lastModified: number | null; sourceHash: string }

/** Which of these files were imported before: the store step knows (knownFiles). */
export type LookUpKnown = (
  files: { name: string; sha256: string }[],
) => Promise<(KnownFile | null)[]>

export async function prepareBatch(
  request: Omit<BatchRequest, 'type' | 'seq'>,
  lookUp: LookUpKnown,
  onFile: (fileName: string) => void = () => {},
): Promise<PreparedBatch> {
  const { files, importId, chunk, maxBytes } = request
  const read: (Read | { name: string; error: string })[] = []
  for (const file of files) {
    const bytes = await readBytes(file)
    read.push(
      'error' in bytes
        ? { name: file.name, error: bytes.error }
        : { ...bytes, sourceHash: await sha256Hex(bytes.bytes) },
    )
  }

  // A file whose bytes and name are already among a release's sources was imported
  // before (an import that was cancelled or cut short): it is not parsed again.
  const hashed = read.flatMap((r) => ('sourceHash' in r ? [r] : []))
  const answers = await lookUp(hashed.map((r) => ({ name: r.name, sha256: r.sourceHash })))
  const known = new Map<Read, KnownFile>()
  hashed.forEach((r, i) => {
    const answer = answers[i]
    if (answer) known.set(r, answer)
  })

  const items: BatchItem[] = []
  for (const file of read) {
    onFile(file.name)
    if ('error' in file) {
      items.push({ kind: 'rejected', fileName: file.name, reason: file.error })
      continue
    }
    const before = known.get(file)
    if (before) {
      items.push({ kind: 'known', fileName: file.name, ...before })
      continue
    }
    const outcome = await prepareRelease(file.name, file.bytes, {
      maxBytes,
      lastModified: file.lastModified,
      sourceHash: file.sourceHash,
    })
    items.push(
      outcome.kind === 'ready'
        ? { kind: 'release', release: toStorable(outcome.release) }
        : { kind: 'rejected', fileName: outcome.fileName, reason: outcome.reason },
    )
  }
  return { importId, chunk, items }
}

/** Both steps on one thread: the in-process engine's whole batch. */
export async function processBatch(
  db: ArchiveDb,
  request: Omit<BatchRequest, 'type' | 'seq'>,
  archive: ArchiveCatalog,
  onFile: (fileName: string) => void = () => {},
): Promise<ImportReportItem[]> {
  const lookUp: LookUpKnown = (files) => knownFiles(db, archive, files)
  return storeBatch(db, await prepareBatch(request, lookUp, onFile), archive)
}

async function readBytes(
  file: WorkerFile,
): Promise<{ name: string; bytes: Uint8Array; lastModified: number | null } | { error: string }> {
  if ('error' in file) return { error: file.error }
  if ('bytes' in file)
    return { name: file.name, bytes: file.bytes, lastModified: file.lastModified ?? null }
  try {
    return {
      name: file.name,
      bytes: new Uint8Array(await file.file.arrayBuffer()),
      lastModified: file.file.lastModified,
    }
  } catch (error) {
    const reason =
      error instanceof DOMException
        ? error.message || error.name
        : error instanceof Error
          ? error.message
          : String(error)
    return { error: `unreadable: ${reason}` }
  }
}
