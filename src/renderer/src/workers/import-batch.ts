/**
 * Imports one batch of files: read, recognise files already imported by their
 * bytes, prepare the rest (shared/release) and store them in one transaction.
 * Runs inside the import worker; tests run it directly on fake-indexeddb.
 */
import { sha256Hex } from '../../../shared/release/content-hash'
import { prepareRelease, type PreparedRelease } from '../../../shared/release/prepare-release'
import type { ArchiveDb } from '../db/archive-db'
import { logRejections } from '../db/repositories/import-log-repo'
import {
  findReleasesBySourceHash,
  logKnownFiles,
  storeReleases,
  type StoreResult,
} from '../db/repositories/releases-repo'
import type { ReleaseRecord } from '../db/records'
import type { BatchRequest, ImportReportItem, WorkerFile } from './import-protocol'

type Read = { name: string; bytes: Uint8Array; lastModified: number | null; sourceHash: string }

export async function processBatch(
  db: ArchiveDb,
  request: BatchRequest,
  onFile: (fileName: string) => void = () => {},
): Promise<ImportReportItem[]> {
  const { files, importId, maxBytes } = request
  const outcomes = new Map<string, ImportReportItem[]>()
  const record = (item: ImportReportItem) => {
    const list = outcomes.get(item.fileName)
    if (list) list.push(item)
    else outcomes.set(item.fileName, [item])
  }

  const rejected: { fileName: string; reason: string }[] = []
  const read: Read[] = []
  for (const file of files) {
    const bytes = await readBytes(file)
    if ('error' in bytes) rejected.push({ fileName: file.name, reason: bytes.error })
    else read.push({ ...bytes, sourceHash: await sha256Hex(bytes.bytes) })
  }

  // A file whose bytes and name are already among a release's sources was imported
  // before (an import that was cancelled or cut short): it is not parsed again.
  const byHash = new Map<string, ReleaseRecord>()
  for (const release of await findReleasesBySourceHash(
    db,
    read.map((r) => r.sourceHash),
  )) {
    for (const hash of release.sourceHashes) byHash.set(hash, release)
  }
  const known: { fileName: string; release: ReleaseRecord }[] = []
  const ready: PreparedRelease[] = []
  for (const file of read) {
    onFile(file.name)
    const release = byHash.get(file.sourceHash)
    if (release?.sourceFiles.some((s) => s.sha256 === file.sourceHash && s.name === file.name)) {
      known.push({ fileName: file.name, release })
      continue
    }
    const outcome = await prepareRelease(file.name, file.bytes, {
      maxBytes,
      lastModified: file.lastModified,
      sourceHash: file.sourceHash,
    })
    if (outcome.kind === 'ready') ready.push(outcome.release)
    else rejected.push({ fileName: outcome.fileName, reason: outcome.reason })
  }

  const stored: StoreResult[] = ready.length > 0 ? await storeReleases(db, ready, importId) : []
  stored.push(...(await logKnownFiles(db, importId, known)))
  await logRejections(db, importId, rejected)
  for (const r of stored) record(r)
  for (const r of rejected) {
    record({
      fileName: r.fileName,
      outcome: 'rejected',
      message: r.reason,
      releaseId: null,
      mixedScriptWords: 0,
    })
  }
  // One outcome per file, in the order the files came.
  return files.map((f) => {
    const item = outcomes.get(f.name)?.shift()
    return (
      item ?? {
        fileName: f.name,
        outcome: 'rejected',
        message: 'unreadable: no outcome',
        releaseId: null,
        mixedScriptWords: 0,
      }
    )
  })
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
