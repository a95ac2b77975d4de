/**
 * Writes and reads of releases. Repositories are the only code that writes to
 * the archive; components read through live queries that call the read
 * functions here.
 *
 * An import batch is written by `storeBatch` in one transaction: the new
 * releases (each with its text in one body), their part of the
 * catalog in one `catalogChunks` row, and every file's outcome in one
 * `importLogChunks` row.
 */
import { bandNumbers } from '../../../../shared/release/band-table'
import { decodeBody, encodeBody } from '../../../../shared/release/body'
import {
  ReleaseCatalog,
  catalogChunk,
  type CatalogChunk,
  type CatalogEntry,
} from '../../../../shared/release/catalog'
import type { PreparedRelease } from '../../../../shared/release/prepare-release'
import { ReleaseIndex, judge, type Candidate } from '../../../../shared/release/similarity'
import type { ArchiveDb } from '../archive-db'
import type { ImportLogEntry, ImportOutcome, ReleaseRecord } from '../records'
import { paragraphIdFor, releaseIdFor } from './ids'
import { carryToNewVersion } from './version-carry'

export { paragraphIdFor, releaseIdFor }

/**
 * A prepared release with its text encoded into the body it will be stored
 * with: what the import's prepare step hands to `storeBatch` (encoding is the
 * prepare workers' work, so the one writer only judges and writes).
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
 * The archive's catalog (shared/release/catalog), loaded from `catalogChunks`
 * and kept up to date by the batches this writer stores. Chunks other writers
 * add are picked up at the next refresh.
 */
export class ArchiveCatalog {
  readonly catalog = new ReleaseCatalog()
  private lastSeq = 0
  private loaded: Promise<void> | null = null

  /**
   * Loads the catalog the first time; later, what this writer commits keeps it
   * current, and `refresh` picks up other writers' chunks.
   */
  load(db: ArchiveDb): Promise<void> {
    this.loaded ??= this.refresh(db).catch((error: unknown) => {
      this.loaded = null
      throw error
    })
    return this.loaded
  }

  async refresh(db: ArchiveDb): Promise<void> {
    await db.catalogChunks
      .where('seq')
      .above(this.lastSeq)
      .each((chunk) => {
        this.catalog.addChunk(chunk)
        this.lastSeq = Math.max(this.lastSeq, chunk.seq ?? 0)
      })
  }

  /** A chunk this writer has committed as `seq`; the next one in line is not read back. */
  committed(seq: number, chunk: CatalogChunk): void {
    this.catalog.addChunk(chunk)
    if (seq === this.lastSeq + 1) this.lastSeq = seq
  }
}

/** What storing decides for one release of a batch. */
type Decision =
  | { kind: 'duplicate'; of: string; inBatch: boolean }
  | { kind: 'new'; id: string }
  | { kind: 'version'; id: string; of: string; inBatch: boolean; shared: number }

/**
 * Stores one batch in one transaction: its new releases, their part of the
 * catalog and the outcome of every file in it (log chunk `chunk` of import
 * `importId`). A release never exists without its text, and a failed batch
 * leaves nothing behind.
 *
 * Each release is judged against the archive's catalog and the batch before
 * it (shared/release/similarity): the same text is a duplicate, stored once,
 * with the new file added to its sources; a revised text is a new release
 * linked to the one it revises. Only the rows of the releases named by a
 * judgement are read. Callers keep batches to a few hundred files.
 */
export async function storeBatch(
  db: ArchiveDb,
  batch: { importId: string; chunk: number; items: readonly BatchItem[] },
  archive: ArchiveCatalog = new ArchiveCatalog(),
  now: number = Date.now(),
): Promise<StoreResult[]> {
  const bandsOf = new Map<StorableRelease, Uint32Array>()
  for (const item of batch.items) {
    if (item.kind === 'release') bandsOf.set(item.release, bandNumbers(item.release.lsh))
  }
  let written: { seq: number; chunk: CatalogChunk } | null = null
  const results = await db.transaction(
    'rw',
    [
      db.releases,
      db.releaseOrder,
      db.catalogChunks,
      db.importLogChunks,
      db.releaseTags,
      db.annotations,
      db.paragraphTags,
    ],
    async () => {
      await archive.refresh(db)
      let decisions: Map<StorableRelease, Decision>
      let archiveRows: Map<string, ReleaseRecord>
      // A release the catalog names may have been deleted since: it is forgotten, and the
      // batch judged again without it.
      for (;;) {
        decisions = judgeBatch(batch.items, archive.catalog, bandsOf)
        const ids = [...new Set([...decisions.values()].flatMap(archiveIdOf))]
        const rows = ids.length > 0 ? await db.releases.bulkGet(ids) : []
        archiveRows = new Map()
        for (const row of rows) if (row) archiveRows.set(row.id, row)
        const gone = ids.filter((id) => !archiveRows.has(id))
        if (gone.length === 0) break
        for (const id of gone) archive.catalog.forget(id)
      }

      const newRows = new Map<string, ReleaseRecord>()
      const changed = new Set<ReleaseRecord>()
      const entries: CatalogEntry[] = []
      const sources: { releaseId: string; sha256: string }[] = []
      const results: StoreResult[] = []
      const carries: { earlier: ReleaseRecord; release: ReleaseRecord }[] = []
      const rowOf = (id: string) => (newRows.get(id) ?? archiveRows.get(id)) as ReleaseRecord

      for (const item of batch.items) {
        if (item.kind === 'rejected') {
          results.push(entry(item.fileName, 'rejected', item.reason, null, 0))
          continue
        }
        if (item.kind === 'known') {
          results.push(
            entry(item.fileName, 'duplicate', `duplicate of “${item.title}”`, item.releaseId, 0),
          )
          continue
        }
        const prepared = item.release
        const decision = decisions.get(prepared) as Decision
        const mixed = prepared.mixedScriptWords.length
        if (decision.kind === 'duplicate') {
          const existing = rowOf(decision.of)
          if (addSource(existing, prepared, now)) {
            sources.push({ releaseId: existing.id, sha256: prepared.sourceHash })
            // A release added earlier in this batch is written with its new source anyway.
            if (!decision.inBatch) changed.add(existing)
          }
          results.push(
            entry(
              prepared.fileName,
              'duplicate',
              `duplicate of “${existing.title}”`,
              existing.id,
              mixed,
            ),
          )
          continue
        }

        const release = toReleaseRecord(prepared, decision.id, now)
        const messages = [...prepared.warnings]
        let outcome: ImportOutcome = messages.length > 0 ? 'imported-with-warning' : 'imported'
        if (decision.kind === 'version') {
          release.previousVersionId = decision.of
          const earlier = rowOf(decision.of)
          // A release stored earlier in this batch has no tags or annotations yet.
          if (!decision.inBatch) carries.push({ earlier, release })
          outcome = 'version'
          messages.unshift(
            `new version of “${rowOf(decision.of).title}” (${Math.round(decision.shared * 100)}% of the text shared)`,
          )
        }
        newRows.set(release.id, release)
        entries.push({ ...prepared, id: release.id, bands: bandsOf.get(prepared) as Uint32Array })
        sources.push({ releaseId: release.id, sha256: prepared.sourceHash })
        results.push(entry(prepared.fileName, outcome, messages.join('; '), release.id, mixed))
      }

      if (newRows.size > 0) {
        await db.releases.bulkAdd([...newRows.values()])
        await db.releaseOrder.bulkAdd(
          [...newRows.values()].map(({ id, importedAt }) => ({ id, importedAt })),
        )
      }
      if (changed.size > 0) await db.releases.bulkPut([...changed])
      for (const { earlier, release } of carries) await carryToNewVersion(db, earlier, release, now)
      if (sources.length > 0) {
        const chunk = catalogChunk(entries, sources)
        written = { seq: (await db.catalogChunks.add(chunk)) as number, chunk }
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
  // Only what was committed joins the catalog.
  const committed = written as { seq: number; chunk: CatalogChunk } | null
  if (committed) archive.committed(committed.seq, committed.chunk)
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
 * Judges every release of a batch, in order, against the catalog and the
 * releases before it in the batch. The same text as a release in the archive
 * is found by id, which is derived from the content hash.
 */
function judgeBatch(
  items: readonly BatchItem[],
  catalog: ReleaseCatalog,
  bandsOf: ReadonlyMap<StorableRelease, Uint32Array>,
): Map<StorableRelease, Decision> {
  const decisions = new Map<StorableRelease, Decision>()
  const inBatch = new ReleaseIndex()
  for (const item of items) {
    if (item.kind !== 'release') continue
    const release = item.release
    const id = releaseIdFor(release.contentHash)
    if (catalog.has(id)) {
      decisions.set(release, { kind: 'duplicate', of: id, inBatch: false })
      continue
    }
    const fromArchive = catalog.candidates({
      titleKey: release.titleKey,
      bands: bandsOf.get(release) as Uint32Array,
    })
    // Candidates from the batch carry a content hash; the catalog's do not.
    const judgement = judge<Candidate>(release, [...fromArchive, ...inBatch.candidates(release)])
    if (judgement.kind === 'duplicate') {
      decisions.set(release, { kind: 'duplicate', of: judgement.of.id, inBatch: true })
      continue
    }
    decisions.set(
      release,
      judgement.kind === 'version'
        ? {
            kind: 'version',
            id,
            of: judgement.of.id,
            inBatch: judgement.of.contentHash !== undefined,
            shared: judgement.shared,
          }
        : { kind: 'new', id },
    )
    inBatch.add({ ...release, id })
  }
  return decisions
}

/** The archive release a decision depends on, whose row must be read. */
function archiveIdOf(decision: Decision): string[] {
  return decision.kind === 'new' || decision.inBatch ? [] : [decision.of]
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
    editedFields: [],
    previousVersionId: null,
    warnings: prepared.warnings,
    importedAt: now,
    updatedAt: now,
    body: prepared.body,
  }
}

/** A file already among a release's sources, by its bytes and its name: imported before. */
export type KnownFile = { releaseId: string; title: string }

/**
 * Which of these files were imported before: the catalog names the releases
 * that may have their bytes, and those rows say for certain. Re-importing a
 * folder after a cancel skips them without parsing.
 */
export async function knownFiles(
  db: ArchiveDb,
  archive: ArchiveCatalog,
  files: readonly { name: string; sha256: string }[],
): Promise<(KnownFile | null)[]> {
  // Not refreshed for every lookup: that would wait on the writer's transaction. A file
  // another writer has stored since is parsed again and then found by its text.
  await archive.load(db)
  const ids = [...new Set(files.flatMap((f) => archive.catalog.withSource(f.sha256)))]
  const rows = ids.length > 0 ? await db.releases.bulkGet(ids) : []
  const withFile = new Map<string, ReleaseRecord>()
  rows.forEach((row, i) => {
    if (!row) return archive.catalog.forget(ids[i] as string)
    for (const s of row.sourceFiles) withFile.set(`${s.sha256}\n${s.name}`, row)
  })
  return files.map((f) => {
    const row = withFile.get(`${f.sha256}\n${f.name}`)
    return row ? { releaseId: row.id, title: row.title } : null
  })
}

/** The library's list: newest import first. */
export async function listReleases(db: ArchiveDb): Promise<ReleaseRecord[]> {
  const ids = await db.releaseOrder.orderBy('importedAt').reverse().primaryKeys()
  return present(await db.releases.bulkGet(ids))
}

/** One window of the library's list, for a virtualised view. */
export async function listReleasesPage(
  db: ArchiveDb,
  offset: number,
  limit: number,
): Promise<ReleaseRecord[]> {
  if (limit <= 0) return []
  const ids = await db.releaseOrder
    .orderBy('importedAt')
    .reverse()
    .offset(offset)
    .limit(limit)
    .primaryKeys()
  return present(await db.releases.bulkGet(ids))
}

const present = (rows: (ReleaseRecord | undefined)[]) =>
  rows.filter((row): row is ReleaseRecord => row !== undefined)

export function countReleases(db: ArchiveDb): Promise<number> {
  return db.releaseOrder.count()
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

/** A release's title and paragraphs (its reading text's parts), or null when it is gone. */
export async function getReadingParts(
  db: ArchiveDb,
  releaseId: string,
): Promise<{ title: string; paragraphs: string[] } | null> {
  const found = await getReleaseWithParagraphs(db, releaseId)
  return found ? { title: found.release.title, paragraphs: found.paragraphs } : null
}

/**
 * A release with its paragraphs' texts and ids, read once (the compare view), or null when
 * gone.
 */
export async function getReleaseWithParagraphs(
  db: ArchiveDb,
  releaseId: string,
): Promise<{ release: ReleaseRecord; paragraphs: string[]; paragraphIds: string[] } | null> {
  const release = await db.releases.get(releaseId)
  if (!release) return null
  const body = decodeBody(release.body)
  return {
    release,
    paragraphs: body.paragraphs,
    paragraphIds: body.keys.map((key) => paragraphIdFor(releaseId, key)),
  }
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
