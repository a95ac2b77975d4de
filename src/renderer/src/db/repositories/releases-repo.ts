/**
 * Writes and reads of releases and their paragraphs. Repositories are the only
 * code that writes to the archive; components read through live queries that
 * call the read functions here.
 */
import Dexie from 'dexie'
import type { PreparedRelease } from '../../../../shared/release/prepare-release'
import { ReleaseIndex, type KnownRelease } from '../../../../shared/release/similarity'
import type { ArchiveDb } from '../archive-db'
import type {
  ImportLogRecord,
  ImportOutcome,
  ParagraphRecord,
  ReleaseRecord,
  ReleaseTextRecord,
} from '../records'

/** A release's id is derived from its content hash, so the same text always has the same id. */
export function releaseIdFor(contentHash: string): string {
  return `r${contentHash.slice(0, 24)}`
}

/** A paragraph's id: its release and its text-derived key (shared/release/paragraph-ids). */
export function paragraphIdFor(releaseId: string, key: string): string {
  return `${releaseId}:${key}`
}

export type StoreResult = {
  fileName: string
  outcome: Exclude<ImportOutcome, 'rejected'>
  releaseId: string
  message: string
  mixedScriptWords: number
}

/**
 * Stores a batch of prepared releases in one transaction with their texts,
 * paragraphs and import-log rows: a release never exists without its
 * paragraphs, and a failed batch leaves nothing behind.
 *
 * Each release is judged against the archive and the batch before it
 * (shared/release/similarity): the same text is a duplicate, stored once,
 * with the new file added to its sources; a revised text is a new release
 * linked to the one it revises. Callers keep batches to a few hundred files.
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
      const index = new ReleaseIndex()
      const rows = new Map<string, ReleaseRecord>()
      for (const row of await findCandidates(db, batch)) {
        rows.set(row.id, row)
        index.add(knownRelease(row))
      }

      const results: StoreResult[] = []
      const added: ReleaseRecord[] = []
      const changed = new Set<ReleaseRecord>()
      const texts: ReleaseTextRecord[] = []
      const paragraphs: ParagraphRecord[] = []

      for (const prepared of batch) {
        const judgement = index.judge(prepared)
        const mixed = prepared.mixedScriptWords.length
        if (judgement.kind === 'duplicate') {
          const existing = rows.get(judgement.of.id)
          if (existing && addSource(existing, prepared, now)) changed.add(existing)
          results.push({
            fileName: prepared.fileName,
            outcome: 'duplicate',
            releaseId: judgement.of.id,
            message: `duplicate of “${judgement.of.title}”`,
            mixedScriptWords: mixed,
          })
          continue
        }

        const id = releaseIdFor(prepared.contentHash)
        const release = toReleaseRecord(prepared, id, now)
        const messages = [...prepared.warnings]
        let outcome: StoreResult['outcome'] =
          messages.length > 0 ? 'imported-with-warning' : 'imported'
        if (judgement.kind === 'version') {
          release.previousVersionId = judgement.of.id
          outcome = 'version'
          messages.unshift(
            `new version of “${judgement.of.title}” (${Math.round(judgement.shared * 100)}% of the text shared)`,
          )
        }
        rows.set(id, release)
        index.add(knownRelease(release))
        added.push(release)
        texts.push({ releaseId: id, original: prepared.originalText })
        prepared.paragraphs.forEach((text, i) => {
          paragraphs.push({
            id: paragraphIdFor(id, prepared.paragraphKeys[i] as string),
            releaseId: id,
            n: i + 1,
            text,
            tagIds: [],
          })
        })
        results.push({
          fileName: prepared.fileName,
          outcome,
          releaseId: id,
          message: messages.join('; '),
          mixedScriptWords: mixed,
        })
      }

      await db.releases.bulkAdd(added)
      if (changed.size > 0) await db.releases.bulkPut([...changed])
      await db.releaseTexts.bulkAdd(texts)
      await db.paragraphs.bulkAdd(paragraphs)
      await db.importLog.bulkAdd(logRows(results, batchId, now))
      return results
    },
  )
}

function logRows(results: readonly StoreResult[], batchId: string, now: number): ImportLogRecord[] {
  return results.map((r) => ({
    batchId,
    at: now,
    fileName: r.fileName,
    outcome: r.outcome,
    message: r.message,
    releaseId: r.releaseId,
    mixedScriptWords: r.mixedScriptWords,
  }))
}

/** Releases in the archive that a batch could duplicate or revise: same text, same title, or a shared band. */
async function findCandidates(
  db: ArchiveDb,
  batch: readonly PreparedRelease[],
): Promise<ReleaseRecord[]> {
  const hashes = batch.map((r) => r.contentHash)
  const titles = batch.map((r) => r.titleKey).filter((t) => t.length > 0)
  const bands = batch.flatMap((r) => r.lsh)
  const [byHash, byTitle, byBand] = await Promise.all([
    db.releases.where('contentHash').anyOf(hashes).toArray(),
    titles.length > 0 ? db.releases.where('titleKey').anyOf(titles).toArray() : [],
    bands.length > 0 ? db.releases.where('lsh').anyOf(bands).toArray() : [],
  ])
  const found = new Map<string, ReleaseRecord>()
  for (const row of [...byHash, ...byTitle, ...byBand]) found.set(row.id, row)
  return [...found.values()]
}

function knownRelease(row: ReleaseRecord): KnownRelease {
  return {
    id: row.id,
    title: row.title,
    contentHash: row.contentHash,
    titleKey: row.titleKey,
    lsh: row.lsh,
    signature: row.signature,
    shingleCount: row.shingleCount,
  }
}

/** Adds a file to a release's sources; false when that exact file is already one of them. */
function addSource(release: ReleaseRecord, prepared: PreparedRelease, now: number): boolean {
  const known = release.sourceFiles.some(
    (s) => s.sha256 === prepared.sourceHash && s.name === prepared.fileName,
  )
  if (known) return false
  release.sourceFiles = [...release.sourceFiles, sourceFileOf(prepared, now)]
  if (!release.sourceHashes.includes(prepared.sourceHash)) {
    release.sourceHashes = [...release.sourceHashes, prepared.sourceHash]
  }
  release.updatedAt = now
  return true
}

function sourceFileOf(
  prepared: PreparedRelease,
  now: number,
): ReleaseRecord['sourceFiles'][number] {
  return {
    name: prepared.fileName,
    byteLength: prepared.byteLength,
    sha256: prepared.sourceHash,
    encoding: prepared.encoding,
    importedAt: now,
  }
}

export function toReleaseRecord(prepared: PreparedRelease, id: string, now: number): ReleaseRecord {
  const m = prepared.metadata
  return {
    id,
    contentHash: prepared.contentHash,
    title: prepared.title,
    date: m.date?.iso ?? null,
    dateMention: m.date,
    dates: m.dates,
    place: m.place,
    type: m.docType,
    lang: m.language,
    organisations: m.organisations,
    countries: m.countries,
    participants: m.participants,
    references: m.references,
    sourceFiles: [sourceFileOf(prepared, now)],
    sourceHashes: [prepared.sourceHash],
    titleKey: prepared.titleKey,
    lsh: prepared.lsh,
    signature: prepared.signature,
    shingleCount: prepared.shingleCount,
    mixedScriptWords: prepared.mixedScriptWords,
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

/**
 * Releases that already have one of these files (by the sha256 of its bytes)
 * among their sources: re-importing a folder after a cancel skips them
 * without parsing.
 */
export function findReleasesBySourceHash(
  db: ArchiveDb,
  sourceHashes: readonly string[],
): Promise<ReleaseRecord[]> {
  if (sourceHashes.length === 0) return Promise.resolve([])
  return db.releases
    .where('sourceHashes')
    .anyOf([...sourceHashes])
    .toArray()
}

/** Logs files recognised by their bytes as already in the archive. */
export async function logKnownFiles(
  db: ArchiveDb,
  batchId: string,
  known: readonly { fileName: string; release: ReleaseRecord }[],
  now: number = Date.now(),
): Promise<StoreResult[]> {
  const results = known.map(({ fileName, release }): StoreResult => ({
    fileName,
    outcome: 'duplicate',
    releaseId: release.id,
    message: `duplicate of “${release.title}”`,
    mixedScriptWords: 0,
  }))
  if (results.length > 0) await db.importLog.bulkAdd(logRows(results, batchId, now))
  return results
}

/** The library's list: newest import first. */
export function listReleases(db: ArchiveDb): Promise<ReleaseRecord[]> {
  return db.releases.orderBy('importedAt').reverse().toArray()
}

/** One window of the library's list, for a virtualised view. */
export function listReleasesPage(
  db: ArchiveDb,
  offset: number,
  limit: number,
): Promise<ReleaseRecord[]> {
  if (limit <= 0) return Promise.resolve([])
  return db.releases.orderBy('importedAt').reverse().offset(offset).limit(limit).toArray()
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

export function getOriginalText(db: ArchiveDb, releaseId: string): Promise<string | undefined> {
  return db.releaseTexts.get(releaseId).then((t) => t?.original)
}

/**
 * Every version of a release, oldest first: the chain of earlier releases it
 * revises and the later ones that revise it.
 */
export async function getVersions(db: ArchiveDb, releaseId: string): Promise<ReleaseRecord[]> {
  const start = await db.releases.get(releaseId)
  if (!start) return []
  const chain: ReleaseRecord[] = [start]
  const seen = new Set([start.id])
  let earlier = start.previousVersionId
  while (earlier && !seen.has(earlier)) {
    const row = await db.releases.get(earlier)
    if (!row) break
    seen.add(row.id)
    chain.unshift(row)
    earlier = row.previousVersionId
  }
  const queue = [start.id]
  while (queue.length > 0) {
    const id = queue.shift() as string
    const later = await db.releases.where('previousVersionId').equals(id).toArray()
    for (const row of later) {
      if (seen.has(row.id)) continue
      seen.add(row.id)
      chain.push(row)
      queue.push(row.id)
    }
  }
  return chain.length > 1 ? chain : []
}
