/**
 * Writes and reads of releases. Repositories are the only code that writes to
 * the archive; components read through live queries that call the read
 * functions here.
 *
 * An import batch is written by `storeBatch` in one transaction: the new
 * releases (each with its text in one compressed body), their band keys in one
 * `bandChunks` row, and every file's outcome in one `importLogChunks` row.
 */
import { BandTable, bandNumbers } from '../../../../shared/release/band-table'
import { decodeBody, encodeBody } from '../../../../shared/release/body'
import type { PreparedRelease } from '../../../../shared/release/prepare-release'
import { ReleaseIndex, judge, type KnownRelease } from '../../../../shared/release/similarity'
import type { ArchiveDb } from '../archive-db'
import type { ImportLogEntry, ImportOutcome, ReleaseRecord } from '../records'

/** A release's id is derived from its content hash, so the same text always has the same id. */
export function releaseIdFor(contentHash: string): string {
  return `r${contentHash.slice(0, 24)}`
}

/** A paragraph's id: its release and its text-derived key (shared/release/paragraph-ids). */
export function paragraphIdFor(releaseId: string, key: string): string {
  return `${releaseId}:${key}`
}

/**
 * A prepared release with its text compressed into the body it will be stored
 * with: what the import's prepare step hands to `storeBatch` (compressing is
 * the prepare workers' work, so the one writer only writes).
 */
export type StorableRelease = Omit<
  PreparedRelease,
  'originalText' | 'paragraphs' | 'paragraphKeys'
> & {
  body: Uint8Array
  paragraphCount: number
}

export function toStorable(prepared: PreparedRelease): StorableRelease {
  const { originalText, paragraphs, paragraphKeys, ...rest } = prepared
  return {
    ...rest,
    paragraphCount: paragraphs.length,
    body: encodeBody({ paragraphs, keys: paragraphKeys, original: originalText }),
  }
}

/** One file of a batch, in the batch's order, as the prepare step left it. */
export type BatchItem =
  | { kind: 'release'; release: StorableRelease }
  /** Bytes and name already among a release's sources: imported before, not parsed again. */
  | { kind: 'known'; fileName: string; releaseId: string; title: string }
  | { kind: 'rejected'; fileName: string; reason: string }

export type StoreResult = ImportLogEntry

/**
 * The archive's band keys, loaded from `bandChunks` and kept up to date by the
 * batches this writer stores. Rows other writers add are picked up at the next
 * batch.
 */
export class ArchiveBands {
  readonly table = new BandTable()
  private lastSeq = 0

  async refresh(db: ArchiveDb): Promise<void> {
    await db.bandChunks
      .where('seq')
      .above(this.lastSeq)
      .each((chunk) => {
        chunk.releaseIds.forEach((id, i) =>
          this.table.add(id, chunk.bands.subarray(i * 16, i * 16 + 16)),
        )
        this.lastSeq = Math.max(this.lastSeq, chunk.seq ?? 0)
      })
  }
}

/**
 * Stores one batch in one transaction: its new releases, its band keys and
 * the outcome of every file in it (log chunk `chunk` of import `importId`).
 * A release never exists without its text, and a failed batch leaves nothing
 * behind.
 *
 * Each release is judged against the archive and the batch before it
 * (shared/release/similarity): the same text is a duplicate, stored once,
 * with the new file added to its sources; a revised text is a new release
 * linked to the one it revises. Callers keep batches to a few hundred files.
 */
export async function storeBatch(
  db: ArchiveDb,
  batch: { importId: string; chunk: number; items: readonly BatchItem[] },
  bands: ArchiveBands = new ArchiveBands(),
  now: number = Date.now(),
): Promise<StoreResult[]> {
  const releases = batch.items.flatMap((item) => (item.kind === 'release' ? [item.release] : []))
  const added: { id: string; bands: Uint32Array }[] = []
  const results = await db.transaction(
    'rw',
    [db.releases, db.bandChunks, db.importLogChunks],
    async () => {
      await bands.refresh(db)
      const bandsOf = releases.map((r) => bandNumbers(r.lsh))
      const archive = await findCandidates(db, releases, bandsOf, bands.table)
      const inBatch = new ReleaseIndex()
      const rows = new Map<string, ReleaseRecord>()
      const newRows: ReleaseRecord[] = []
      const changed = new Set<ReleaseRecord>()
      const results: StoreResult[] = []

      batch.items.forEach((item) => {
        if (item.kind === 'rejected') {
          results.push(entry(item.fileName, 'rejected', item.reason, null, 0))
          return
        }
        if (item.kind === 'known') {
          results.push(
            entry(item.fileName, 'duplicate', `duplicate of “${item.title}”`, item.releaseId, 0),
          )
          return
        }
        const prepared = item.release
        const r = releases.indexOf(prepared)
        const judgement = judge(prepared, [
          ...archive.candidatesOf(r),
          ...inBatch.candidates(prepared),
        ])
        const mixed = prepared.mixedScriptWords.length
        if (judgement.kind === 'duplicate') {
          const existing = rows.get(judgement.of.id) ?? archive.rows.get(judgement.of.id)
          // A release added earlier in this batch is written with its new source anyway.
          if (existing && addSource(existing, prepared, now) && !rows.has(existing.id)) {
            changed.add(existing)
          }
          results.push(
            entry(
              prepared.fileName,
              'duplicate',
              `duplicate of “${judgement.of.title}”`,
              judgement.of.id,
              mixed,
            ),
          )
          return
        }

        const id = releaseIdFor(prepared.contentHash)
        const release = toReleaseRecord(prepared, id, now)
        const messages = [...prepared.warnings]
        let outcome: ImportOutcome = messages.length > 0 ? 'imported-with-warning' : 'imported'
        if (judgement.kind === 'version') {
          release.previousVersionId = judgement.of.id
          outcome = 'version'
          messages.unshift(
            `new version of “${judgement.of.title}” (${Math.round(judgement.shared * 100)}% of the text shared)`,
          )
        }
        rows.set(id, release)
        inBatch.add({ ...knownRelease(release), lsh: prepared.lsh })
        newRows.push(release)
        added.push({ id, bands: bandsOf[r] as Uint32Array })
        results.push(entry(prepared.fileName, outcome, messages.join('; '), id, mixed))
      })

      if (newRows.length > 0) await db.releases.bulkAdd(newRows)
      if (changed.size > 0) await db.releases.bulkPut([...changed])
      if (added.length > 0) {
        const packed = new Uint32Array(added.length * 16)
        added.forEach((a, i) => packed.set(a.bands.subarray(0, 16), i * 16))
        await db.bandChunks.add({ releaseIds: added.map((a) => a.id), bands: packed })
      }
      await db.importLogChunks.put({
        importId: batch.importId,
        chunk: batch.chunk,
        at: now,
        entries: results,
      })
      return results
    },
  )
  // Only what was committed joins the table; the chunk just written is loaded again
  // at the next refresh, and adding a release twice adds nothing.
  for (const a of added) bands.table.add(a.id, a.bands)
  return results
}

function entry(
  fileName: string,
  outcome: ImportOutcome,
  message: string,
  releaseId: string | null,
  mixedScriptWords: number,
): StoreResult {
  return { fileName, outcome, message, releaseId, mixedScriptWords }
}

/**
 * Releases in the archive that each release of a batch could duplicate or
 * revise: the same text, the same title, or a shared band.
 */
async function findCandidates(
  db: ArchiveDb,
  batch: readonly StorableRelease[],
  bandsOf: readonly Uint32Array[],
  table: BandTable,
): Promise<{ rows: Map<string, ReleaseRecord>; candidatesOf: (i: number) => KnownRelease[] }> {
  const hashes = batch.map((r) => r.contentHash)
  const titles = [...new Set(batch.map((r) => r.titleKey).filter((t) => t.length > 0))]
  const byBand = bandsOf.map((b) => table.candidates(b))
  const bandIds = [...new Set(byBand.flat())]
  const [byHash, byTitle, banded] = await Promise.all([
    hashes.length > 0 ? db.releases.where('contentHash').anyOf(hashes).toArray() : [],
    titles.length > 0 ? db.releases.where('titleKey').anyOf(titles).toArray() : [],
    bandIds.length > 0 ? db.releases.bulkGet(bandIds) : [],
  ])
  const rows = new Map<string, ReleaseRecord>()
  const hashRows = new Map<string, ReleaseRecord>()
  const titleRows = new Map<string, ReleaseRecord[]>()
  for (const row of byHash) {
    rows.set(row.id, row)
    hashRows.set(row.contentHash, row)
  }
  for (const row of byTitle) {
    rows.set(row.id, row)
    const list = titleRows.get(row.titleKey)
    if (list) list.push(row)
    else titleRows.set(row.titleKey, [row])
  }
  // A band can name a release that has since been deleted: it is simply not found.
  for (const row of banded) if (row) rows.set(row.id, row)
  return {
    rows,
    candidatesOf: (i) => {
      const release = batch[i] as StorableRelease
      const exact = hashRows.get(release.contentHash)
      if (exact) return [knownRelease(exact)]
      const found = new Map<string, ReleaseRecord>()
      for (const row of titleRows.get(release.titleKey) ?? []) found.set(row.id, row)
      for (const id of byBand[i] ?? []) {
        const row = rows.get(id)
        if (row) found.set(id, row)
      }
      return [...found.values()].map(knownRelease)
    },
  }
}

function knownRelease(row: ReleaseRecord): KnownRelease {
  return {
    id: row.id,
    title: row.title,
    contentHash: row.contentHash,
    titleKey: row.titleKey,
    lsh: [],
    signature: row.signature,
    shingleCount: row.shingleCount,
  }
}

/** Adds a file to a release's sources; false when that exact file is already one of them. */
function addSource(release: ReleaseRecord, prepared: StorableRelease, now: number): boolean {
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
  prepared: StorableRelease,
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

export function toReleaseRecord(prepared: StorableRelease, id: string, now: number): ReleaseRecord {
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
    signature: prepared.signature,
    shingleCount: prepared.shingleCount,
    mixedScriptWords: prepared.mixedScriptWords,
    encoding: prepared.encoding,
    paragraphCount: prepared.paragraphCount,
    tagIds: [],
    editedFields: [],
    previousVersionId: null,
    warnings: prepared.warnings,
    importedAt: now,
    updatedAt: now,
    body: prepared.body,
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

/** A paragraph as the reader shows it. */
export type ReleaseParagraph = {
  /** Stable id (see paragraphIdFor): what annotations and paragraph tags point at. */
  id: string
  releaseId: string
  /** 1-based position in the release. */
  n: number
  text: string
}

/** A release's paragraphs in reading order. */
export async function getParagraphs(db: ArchiveDb, releaseId: string): Promise<ReleaseParagraph[]> {
  const release = await db.releases.get(releaseId)
  if (!release) return []
  const body = decodeBody(release.body)
  return body.paragraphs.map((text, i) => ({
    id: paragraphIdFor(releaseId, body.keys[i] as string),
    releaseId,
    n: i + 1,
    text,
  }))
}

export async function getOriginalText(
  db: ArchiveDb,
  releaseId: string,
): Promise<string | undefined> {
  const release = await db.releases.get(releaseId)
  return release ? decodeBody(release.body).original : undefined
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
