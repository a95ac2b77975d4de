/**
 * Writes and reads of releases and their paragraphs. Repositories are the only
 * code that writes to the archive; components read through live queries that
 * call the read functions here.
 */
import Dexie from 'dexie'
import type { PreparedRelease } from '../../../../shared/release/prepare-release'
import type { ArchiveDb } from '../archive-db'
import type { ImportLogRecord, ParagraphRecord, ReleaseRecord, ReleaseTextRecord } from '../records'

/** A release's id is derived from its content hash, so the same text always has the same id. */
export function releaseIdFor(contentHash: string): string {
  return `r${contentHash.slice(0, 24)}`
}

export function paragraphIdFor(releaseId: string, n: number): string {
  return `${releaseId}:${n}`
}

export type StoreResult = {
  fileName: string
  outcome: 'imported' | 'imported-with-warning' | 'duplicate'
  releaseId: string
  message: string
}

/**
 * Stores a batch of prepared releases in one transaction with their texts,
 * paragraphs and import-log rows: a release never exists without its
 * paragraphs. Content already in the archive (or earlier in the batch) is a
 * duplicate and leaves the archive untouched. Callers keep batches to a few
 * hundred files.
 */
export async function storeReleases(
  db: ArchiveDb,
  batch: readonly PreparedRelease[],
  batchId: string,
  now: number = Date.now(),
): Promise<StoreResult[]> {
  return db.transaction(
    'rw',
    [db.releases, db.releaseTexts, db.paragraphs, db.importLog],
    async () => {
      const hashes = batch.map((r) => r.contentHash)
      const existing = await db.releases.where('contentHash').anyOf(hashes).toArray()
      const known = new Map(existing.map((r) => [r.contentHash, r]))

      const results: StoreResult[] = []
      const releases: ReleaseRecord[] = []
      const texts: ReleaseTextRecord[] = []
      const paragraphs: ParagraphRecord[] = []

      for (const prepared of batch) {
        const id = releaseIdFor(prepared.contentHash)
        const duplicateOf = known.get(prepared.contentHash)
        if (duplicateOf) {
          results.push({
            fileName: prepared.fileName,
            outcome: 'duplicate',
            releaseId: duplicateOf.id,
            message: `same content as “${duplicateOf.title}”`,
          })
          continue
        }
        const release = toReleaseRecord(prepared, id, now)
        known.set(prepared.contentHash, release)
        releases.push(release)
        texts.push({ releaseId: id, original: prepared.originalText })
        prepared.paragraphs.forEach((text, index) => {
          const n = index + 1
          paragraphs.push({ id: paragraphIdFor(id, n), releaseId: id, n, text, tagIds: [] })
        })
        results.push({
          fileName: prepared.fileName,
          outcome: prepared.warnings.length > 0 ? 'imported-with-warning' : 'imported',
          releaseId: id,
          message: prepared.warnings.join('; '),
        })
      }

      await db.releases.bulkAdd(releases)
      await db.releaseTexts.bulkAdd(texts)
      await db.paragraphs.bulkAdd(paragraphs)
      await db.importLog.bulkAdd(
        results.map((r): ImportLogRecord => ({
          batchId,
          at: now,
          fileName: r.fileName,
          outcome: r.outcome,
          message: r.message,
          releaseId: r.releaseId,
        })),
      )
      return results
    },
  )
}

function toReleaseRecord(prepared: PreparedRelease, id: string, now: number): ReleaseRecord {
  return {
    id,
    contentHash: prepared.contentHash,
    title: prepared.title,
    date: null,
    place: null,
    type: null,
    lang: null,
    organisations: [],
    countries: [],
    participants: [],
    references: [],
    sourceFiles: [
      {
        name: prepared.fileName,
        byteLength: prepared.byteLength,
        sha256: prepared.contentHash,
        encoding: prepared.encoding,
        importedAt: now,
      },
    ],
    encoding: prepared.encoding,
    paragraphCount: prepared.paragraphs.length,
    tagIds: [],
    editedFields: [],
    previousVersionId: null,
    warnings: prepared.warnings,
    importedAt: now,
    updatedAt: now,
  }
}

/** The library's list: newest import first. */
export function listReleases(db: ArchiveDb): Promise<ReleaseRecord[]> {
  return db.releases.orderBy('importedAt').reverse().toArray()
}

export function countReleases(db: ArchiveDb): Promise<number> {
  return db.releases.count()
}

export function getRelease(db: ArchiveDb, id: string): Promise<ReleaseRecord | undefined> {
  return db.releases.get(id)
}

/** A release's paragraphs in reading order. */
export function getParagraphs(db: ArchiveDb, releaseId: string): Promise<ParagraphRecord[]> {
  return db.paragraphs
    .where('[releaseId+n]')
    .between([releaseId, Dexie.minKey], [releaseId, Dexie.maxKey])
    .toArray()
}
