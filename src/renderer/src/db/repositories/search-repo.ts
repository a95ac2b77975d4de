/**
 * The search index in the archive (shared/search explains its form).
 *
 * The index follows the releases: a release is waiting to be indexed when it has no row in
 * `searchIndexed`. The indexer (workers/index.worker) indexes waiting releases in segments;
 * a change to a release (a corrected field, its undo) and a deletion mark its document dead
 * and drop its `searchIndexed` row in the same transaction as the change (`markStale`), so the
 * old text is never found again and the new one is indexed next. Tags are not in the index:
 * `tag:` reads `releaseTags` when the query runs, so renaming or moving a tag needs nothing.
 *
 * Readers (`SearchIndexReader`) keep the documents and the vocabulary in memory and catch up
 * before each search by reading the rows written since (`seq`), so opening an archive never
 * re-indexes it and a search never sees a half-written segment.
 */
import Dexie from 'dexie'
import { decodeBody } from '../../../../shared/release/body'
import { DocTable } from '../../../../shared/search/doc-table'
import type { SearchDoc, SearchSource } from '../../../../shared/search/engine'
import {
  BUCKET_COUNT,
  SegmentBuilder,
  TermDocs,
  bucketOf,
  docCountInRow,
  docCountOf,
  mergeBucketRows,
  ownRowKey,
  ownTermsOf,
  sliceOf,
  type BucketRows,
  type PostingsSlice,
  type RowKey,
} from '../../../../shared/search/postings'
import { Vocabulary, vocabularyChunk } from '../../../../shared/search/vocabulary'
import type { ArchiveDb } from '../archive-db'
import type {
  ReleaseRecord,
  SearchCountersRecord,
  SearchDocRecord,
  SearchPostingsRecord,
  SearchSegment,
} from '../records'

const NO_COUNTERS: SearchCountersRecord = {
  key: 'counters',
  nextDocNo: 0,
  nextSegment: 0,
  nextSeq: 1,
  segments: [],
}

async function counters(db: ArchiveDb): Promise<SearchCountersRecord> {
  return (await db.searchState.get('counters')) ?? { ...NO_COUNTERS }
}

/** The tables a transaction that changes or deletes releases must include for `markStale`. */
export function staleTables(db: ArchiveDb) {
  return [db.searchIndexed, db.searchDocs, db.searchState]
}

/**
 * Takes releases out of the index: their documents are marked dead and the releases wait to be
 * indexed again (if they still exist). Call inside the transaction that changes or deletes
 * them, with `staleTables` in its scope.
 */
export async function markStale(db: ArchiveDb, releaseIds: readonly string[]): Promise<void> {
  if (releaseIds.length === 0) return
  const indexed = (await db.searchIndexed.bulkGet([...releaseIds])).flatMap((r) => (r ? [r] : []))
  if (indexed.length === 0) return
  const state = await counters(db)
  const docs = (await db.searchDocs.bulkGet(indexed.map((r) => r.docNo))).flatMap((d) =>
    d ? [d] : [],
  )
  await db.searchDocs.bulkPut(docs.map((d) => ({ ...d, dead: true, seq: state.nextSeq++ })))
  await db.searchIndexed.bulkDelete(indexed.map((r) => r.releaseId))
  await db.searchState.put(state)
}

/** How many releases wait to be indexed. */
export async function pendingCount(db: ArchiveDb): Promise<number> {
  const [releases, indexed] = await Promise.all([db.releaseOrder.count(), db.searchIndexed.count()])
  return Math.max(0, releases - indexed)
}

/** Up to `limit` releases waiting to be indexed, in import order. */
export async function pendingReleaseIds(db: ArchiveDb, limit: number): Promise<string[]> {
  if ((await pendingCount(db)) === 0) return []
  const [order, indexed] = await Promise.all([
    db.releaseOrder.orderBy('importedAt').primaryKeys(),
    db.searchIndexed.toCollection().primaryKeys(),
  ])
  const done = new Set(indexed)
  const waiting: string[] = []
  for (const id of order) {
    if (done.has(id)) continue
    waiting.push(id)
    if (waiting.length >= limit) break
  }
  return waiting
}

/**
 * The fields of a release its search document keeps (and the names of its participants, for
 * `person:`). Verify Archive compares them with the release to find a stale document.
 */
export function searchFields(release: ReleaseRecord) {
  return {
    releaseId: release.id,
    title: release.title,
    date: release.date,
    lang: release.lang,
    type: release.type,
    place: release.place,
    organisations: release.organisations,
    countries: release.countries,
    persons: release.participants.map((p) => p.name),
  }
}

/**
 * Indexes releases as one segment, in one transaction. Releases indexed meanwhile (by another
 * window) or gone are skipped. Returns how many were indexed.
 */
export async function indexReleases(
  db: ArchiveDb,
  releaseIds: readonly string[],
  ownRowBytes?: number,
): Promise<number> {
  const rows = (await db.releases.bulkGet([...releaseIds])).flatMap((r) => (r ? [r] : []))
  if (rows.length === 0) return 0
  // The segment is built before the transaction (it is the slow part) with documents numbered
  // from 0; the transaction gives them their numbers.
  const builder = new SegmentBuilder()
  const built = rows.map((release, i) => {
    const counts = builder.addDocument(i, [release.title, ...decodeBody(release.body).paragraphs])
    return { release, counts }
  })
  const { rows: postings, terms } = builder.build(ownRowBytes)
  return db.transaction(
    'rw',
    [
      db.releases,
      db.searchDocs,
      db.searchIndexed,
      db.searchPostings,
      db.searchVocabulary,
      db.searchState,
    ],
    async () => {
      const state = await counters(db)
      const firstDocNo = state.nextDocNo
      const segment = state.nextSegment
      const present = await db.releases.bulkGet(built.map((b) => b.release.id))
      const already = await db.searchIndexed.bulkGet(built.map((b) => b.release.id))
      const docs: SearchDocRecord[] = built.map(({ release, counts }, i) => {
        const current = present[i]
        // A release changed or deleted since it was read, or indexed by someone else: its
        // document is written dead, so the segment stays whole and it is never found.
        const dead = !current || current.updatedAt !== release.updatedAt || already[i] !== undefined
        return {
          docNo: firstDocNo + i,
          ...searchFields(release),
          seq: state.nextSeq++,
          dead,
          length: counts.length,
          paragraphLengths: counts.paragraphLengths,
        }
      })
      await db.searchPostings.bulkAdd(
        [...postings].map(([bucket, data]) => ({ bucket, segment, firstDocNo, data })),
      )
      await db.searchDocs.bulkAdd(docs)
      const live = docs.filter((d) => !d.dead)
      await db.searchIndexed.bulkPut(live.map((d) => ({ releaseId: d.releaseId, docNo: d.docNo })))
      const known = await knownTerms(db)
      const fresh = terms.filter((t) => !known.has(t))
      if (fresh.length > 0) {
        const chunk = vocabularyChunk(fresh)
        const seq = (await db.searchVocabulary.add(chunk)) as number
        known.add(fresh, seq)
      }
      state.segments = [...(state.segments ?? []), { segment, firstDocNo, docCount: built.length }]
      state.nextDocNo += built.length
      state.nextSegment += 1
      await db.searchState.put(state)
      return live.length
    },
  )
}

/**
 * The terms already in the vocabulary, kept per database between segments and topped up from
 * the chunks other writers added.
 */
class KnownTerms {
  private readonly terms = new Set<string>()
  private lastSeq = 0

  async refresh(db: ArchiveDb): Promise<this> {
    await db.searchVocabulary
      .where('seq')
      .above(this.lastSeq)
      .each((chunk) => {
        for (const t of chunk.terms) this.terms.add(t)
        this.lastSeq = Math.max(this.lastSeq, chunk.seq ?? 0)
      })
    return this
  }

  has(term: string): boolean {
    return this.terms.has(term)
  }

  add(terms: readonly string[], seq: number): void {
    for (const t of terms) this.terms.add(t)
    if (seq === this.lastSeq + 1) this.lastSeq = seq
  }
}

const knownByDb = new WeakMap<ArchiveDb, KnownTerms>()

async function knownTerms(db: ArchiveDb): Promise<KnownTerms> {
  let known = knownByDb.get(db)
  if (!known) knownByDb.set(db, (known = new KnownTerms()))
  return known.refresh(db)
}

/** Document rows read at a time when a reader catches up. */
const DOC_PAGE = 5000

/** How many cached term lists a reader keeps (results as you type repeat most terms). */
const CACHED_TERMS = 256

/**
 * The index as a search engine reads it: documents and vocabulary in memory, postings read
 * from the archive per term (a key range for its bucket's rows, one for its own) and cached until
 * a segment is added.
 */
export class SearchIndexReader implements SearchSource {
  vocabulary = new Vocabulary()
  readonly docs = new DocTable()
  readonly totals = { length: 0, paragraphs: 0 }
  private lastDocSeq = 0
  private lastVocabularySeq = 0
  private segments = -1
  private readonly cache = new Map<string, TermDocs>()

  constructor(private readonly db: ArchiveDb) {}

  /** Reads what was written to the index since the last call. */
  async refresh(): Promise<void> {
    const db = this.db
    await db.transaction('r', [db.searchDocs, db.searchVocabulary, db.searchState], async () => {
      const state = await counters(db)
      if (state.nextSegment !== this.segments) {
        this.segments = state.nextSegment
        this.cache.clear()
      }
      // In pages of rows rather than a cursor: a cursor step per row is several times slower
      // over 100,000 rows.
      for (;;) {
        const rows = await db.searchDocs
          .where('seq')
          .above(this.lastDocSeq)
          .limit(DOC_PAGE)
          .toArray()
        for (const row of rows) {
          this.lastDocSeq = Math.max(this.lastDocSeq, row.seq)
          const known = this.docs.get(row.docNo)
          if (known) this.forget(known)
          if (row.dead) continue
          const { seq: _seq, dead: _dead, ...doc } = row
          this.docs.set(row.docNo, doc)
          this.totals.length += doc.length
          this.totals.paragraphs += doc.paragraphLengths.length
        }
        if (rows.length < DOC_PAGE) break
      }
      await db.searchVocabulary
        .where('seq')
        .above(this.lastVocabularySeq)
        .each((chunk) => {
          this.vocabulary.addChunk(chunk)
          this.lastVocabularySeq = Math.max(this.lastVocabularySeq, chunk.seq ?? 0)
        })
    })
  }

  /** Forgets the cached postings (benchmarks time searches that read them). */
  clearCache(): void {
    this.cache.clear()
  }

  private forget(doc: SearchDoc): void {
    this.docs.delete(doc.docNo)
    this.totals.length -= doc.length
    this.totals.paragraphs -= doc.paragraphLengths.length
  }

  async termDocs(terms: readonly string[], positions: boolean): Promise<Map<string, TermDocs>> {
    const found = new Map<string, TermDocs>()
    const missing: string[] = []
    for (const term of terms) {
      const cached = this.cache.get(term)
      if (cached && (cached.hasPositions || !positions)) {
        // Most recently used last.
        this.cache.delete(term)
        this.cache.set(term, cached)
        found.set(term, cached)
      } else missing.push(term)
    }
    for (const [term, slices] of await this.slicesOf(missing, positions)) {
      const docs = TermDocs.decode(slices, positions)
      found.set(term, docs)
      this.cache.set(term, docs)
    }
    while (this.cache.size > CACHED_TERMS) this.cache.delete(this.cache.keys().next().value!)
    return found
  }

  /**
   * How many documents each term is in (dead ones in segments not merged since included, as in
   * `termDocs`), from its buckets' head rows: a common word's count is kept there, so its own
   * rows (hundreds of KB at 100,000 releases) are not read. Only rows written before counts
   * were kept send a term to its own head row. "More like this" weighs 80 words by it.
   */
  async docCounts(terms: readonly string[]): Promise<Map<string, number>> {
    const counts = new Map<string, number>()
    const byBucket = new Map<number, string[]>()
    for (const term of terms) {
      const cached = this.cache.get(term)
      if (cached) {
        counts.set(term, cached.docs.length)
        continue
      }
      const bucket = bucketOf(term)
      const list = byBucket.get(bucket)
      if (list) list.push(term)
      else byBucket.set(bucket, [term])
    }
    const unknown = new Set<string>()
    const db = this.db
    await db.transaction('r', db.searchPostings, () =>
      Promise.all(
        [...byBucket].map(async ([bucket, bucketTerms]) => {
          const heads = await db.searchPostings
            .where('[bucket+segment]')
            .between([bucket, Dexie.minKey], [bucket, Dexie.maxKey])
            .toArray()
          for (const term of bucketTerms) {
            let count = 0
            for (const row of heads) {
              const inRow = docCountInRow(row.data, term)
              if (inRow === null) unknown.add(term)
              else count += inRow
            }
            counts.set(term, count)
          }
        }),
      ),
    )
    if (unknown.size > 0) {
      for (const [term, slices] of await this.slicesOf([...unknown], false)) {
        counts.set(
          term,
          slices.reduce((sum, slice) => sum + docCountOf(slice), 0),
        )
      }
    }
    return counts
  }

  /** Each term's heads (or positions) in every segment, in docNo order, not decoded. */
  private async slicesOf(
    terms: readonly string[],
    positions: boolean,
  ): Promise<Map<string, PostingsSlice[]>> {
    const found = new Map<string, PostingsSlice[]>()
    const byBucket = new Map<number, string[]>()
    for (const term of terms) {
      const bucket = bucketOf(term)
      const list = byBucket.get(bucket)
      if (list) list.push(term)
      else byBucket.set(bucket, [term])
    }
    if (byBucket.size === 0) return found
    const db = this.db
    const rowsOf = (key: RowKey) =>
      db.searchPostings
        .where('[bucket+segment]')
        .between([key, Dexie.minKey], [key, Dexie.maxKey])
        .toArray()
    const bySegment = (rows: readonly SearchPostingsRecord[]) =>
      new Map(rows.map((r) => [r.segment, r.data]))
    await db.transaction('r', db.searchPostings, () =>
      Promise.all(
        [...byBucket].map(async ([bucket, bucketTerms]) => {
          const [heads, positionRows, ...ownRows] = await Promise.all([
            rowsOf(bucket),
            positions ? rowsOf(bucket + BUCKET_COUNT) : [],
            ...bucketTerms.map((term) => rowsOf(ownRowKey(term, positions ? 'positions' : 'head'))),
          ])
          const positionsBySegment = bySegment(positionRows)
          bucketTerms.forEach((term, t) => {
            const own = bySegment(ownRows[t]!)
            const slices = heads.flatMap(
              (row) =>
                sliceOf(
                  {
                    head: row.data,
                    positions: positionsBySegment.get(row.segment) ?? null,
                    own: own.get(row.segment) ?? null,
                    firstDocNo: row.firstDocNo,
                  },
                  term,
                  positions,
                ) ?? [],
            )
            // A merged segment's number is newer than the documents it holds.
            slices.sort((a, b) => a.firstDocNo - b.firstDocNo)
            found.set(term, slices)
          })
        }),
      ),
    )
    return found
  }

  async releasesTagged(path: string): Promise<Set<string> | null> {
    const db = this.db
    const wanted = path
      .trim()
      .replace(/^\/+|\/+$/g, '')
      .toLocaleLowerCase()
    const tags = (await db.tags.toArray()).filter((t) => {
      const p = t.path.toLocaleLowerCase()
      return p === wanted || p.startsWith(`${wanted}/`)
    })
    if (tags.length === 0) return null
    const releases = new Set<string>()
    for (const tag of tags) {
      const keys = await db.releaseTags
        .where('[tagId+releaseId]')
        .between([tag.id, Dexie.minKey], [tag.id, Dexie.maxKey])
        .primaryKeys()
      for (const [, releaseId] of keys) releases.add(releaseId)
    }
    return releases
  }

  async releasesWith(what: 'annotation' | 'note'): Promise<Set<string>> {
    const db = this.db
    if (what === 'annotation') {
      return new Set((await db.annotations.orderBy('releaseId').uniqueKeys()) as string[])
    }
    const releases = new Set<string>()
    await db.annotations.each((a) => {
      if (a.note.trim() !== '') releases.add(a.releaseId)
    })
    return releases
  }
}

/** Releases per segment: about 7 MB of text, a few hundred milliseconds of a worker's time. */
export const SEGMENT_SIZE = 1000

/**
 * Indexes every waiting release, a segment at a time, until none waits or `shouldStop` says
 * so. Returns how many were indexed.
 */
export async function indexPending(
  db: ArchiveDb,
  options: {
    segmentSize?: number
    onProgress?: (indexed: number, waiting: number) => void
    shouldStop?: () => boolean
    /** Tests set it low to have terms with rows of their own (postings OWN_ROW_BYTES). */
    ownRowBytes?: number
  } = {},
): Promise<number> {
  const size = options.segmentSize ?? SEGMENT_SIZE
  let indexed = 0
  while (!options.shouldStop?.()) {
    const ids = await pendingReleaseIds(db, size)
    if (ids.length === 0) break
    indexed += await indexReleases(db, ids, options.ownRowBytes)
    options.onProgress?.(indexed, await pendingCount(db))
  }
  return indexed
}

/** Segments merged into one at a time: each tier holds segments about ten times larger. */
export const MERGE_FACTOR = 10

/** Buckets merged per transaction. */
const MERGE_BATCH = 64

/** The tier of a segment of `docCount` documents: 0 up to SEGMENT_SIZE, 1 up to ten times… */
function tierOf(docCount: number): number {
  let tier = 0
  for (let size = SEGMENT_SIZE; docCount > size; size *= MERGE_FACTOR) tier++
  return tier
}

/**
 * The next segments to merge: MERGE_FACTOR adjacent segments (in docNo order) of one tier, the
 * lowest tier first; null when no tier has that many in a row.
 */
export function segmentsToMerge(
  segments: readonly SearchSegment[],
  factor = MERGE_FACTOR,
): SearchSegment[] | null {
  const ordered = [...segments].sort((a, b) => a.firstDocNo - b.firstDocNo)
  let best: SearchSegment[] | null = null
  let bestTier = Infinity
  for (let i = 0; i + factor <= ordered.length; i++) {
    const run = ordered.slice(i, i + factor)
    const tier = tierOf(run[0]!.docCount)
    if (tier < bestTier && run.every((s) => tierOf(s.docCount) === tier)) {
      best = run
      bestTier = tier
    }
  }
  return best
}

/** Whether the index has segments to merge, or a merge to finish. */
export async function mergePending(db: ArchiveDb): Promise<boolean> {
  const state = await counters(db)
  return state.merge !== undefined || segmentsToMerge(state.segments ?? []) !== null
}

/**
 * Merges the index's segments, as Lucene's tiered merging does, until no tier has
 * MERGE_FACTOR segments in a row or `shouldStop` says so: a word is read as one key range
 * whatever the segments, but each segment is a row to read, and an archive indexed 1,000
 * releases at a time would have a hundred of them at 100,000 releases. Returns how many merges
 * it finished.
 *
 * The merge is planned in the counters, then done a few buckets per transaction: a search reads
 * a term's bucket in one transaction, so it sees either the old rows or the merged one, and a
 * merge cut short (the app closed) is finished by the next call.
 */
export async function mergeSegments(
  db: ArchiveDb,
  options: { shouldStop?: () => boolean; factor?: number; ownRowBytes?: number } = {},
): Promise<number> {
  let merged = 0
  while (!options.shouldStop?.()) {
    const plan = await db.transaction('rw', db.searchState, async () => {
      const state = await counters(db)
      if (state.merge) return state.merge
      const from = segmentsToMerge(state.segments ?? [], options.factor)
      if (!from) return null
      const into: SearchSegment = {
        segment: state.nextSegment++,
        firstDocNo: from[0]!.firstDocNo,
        docCount: from.reduce((sum, s) => sum + s.docCount, 0),
      }
      state.merge = { from, into }
      await db.searchState.put(state)
      return state.merge
    })
    if (!plan) break
    for (let first = 0; first < BUCKET_COUNT; first += MERGE_BATCH) {
      if (options.shouldStop?.()) return merged
      await mergeBuckets(
        db,
        plan,
        first,
        Math.min(BUCKET_COUNT, first + MERGE_BATCH),
        options.ownRowBytes,
      )
    }
    const finished = await db.transaction('rw', db.searchState, async () => {
      const state = await counters(db)
      // The index was rebuilt meanwhile (verify-repo `rebuildSearchIndex`): the plan and the
      // segments it merged are gone, and its segment is not to be listed.
      if (state.merge?.into.segment !== plan.into.segment) return false
      const gone = new Set(plan.from.map((s) => s.segment))
      state.segments = [...(state.segments ?? []).filter((s) => !gone.has(s.segment)), plan.into]
      delete state.merge
      await db.searchState.put(state)
      return true
    })
    if (finished) merged++
  }
  return merged
}

/** Merges buckets [first, end) of a planned merge; a bucket already merged is left alone. */
async function mergeBuckets(
  db: ArchiveDb,
  plan: { from: SearchSegment[]; into: SearchSegment },
  first: number,
  end: number,
  ownRowBytes: number | undefined,
): Promise<void> {
  await db.transaction('rw', db.searchPostings, async () => {
    const buckets = Array.from({ length: end - first }, (_, i) => first + i)
    const keysOf = (key: RowKey) => plan.from.map((s) => [key, s.segment] as [RowKey, number])
    const done = await db.searchPostings.bulkGet(
      buckets.map((b) => [b, plan.into.segment] as [number, number]),
    )
    const todo = buckets.filter((_, i) => done[i] === undefined)
    if (todo.length === 0) return
    const heads = await db.searchPostings.bulkGet(todo.flatMap(keysOf))
    const positions = await db.searchPostings.bulkGet(todo.flatMap((b) => keysOf(b + BUCKET_COUNT)))
    // The own rows of the terms the head rows list as having them.
    const ownKeys: [RowKey, number][] = []
    for (const head of heads) {
      if (!head) continue
      for (const term of ownTermsOf(head.data)) {
        ownKeys.push([ownRowKey(term, 'head'), head.segment])
        ownKeys.push([ownRowKey(term, 'positions'), head.segment])
      }
    }
    const ownRows = new Map<string, Uint8Array>()
    ;(await db.searchPostings.bulkGet(ownKeys)).forEach((row, i) => {
      if (row) ownRows.set(`${ownKeys[i]![1]} ${ownKeys[i]![0]}`, row.data)
    })
    const written: SearchPostingsRecord[] = []
    todo.forEach((bucket, t) => {
      const parts: BucketRows[] = []
      plan.from.forEach((segment, k) => {
        const head = heads[t * plan.from.length + k]
        const rows = positions[t * plan.from.length + k]
        if (!head) return
        if (!rows) throw new Error('the search index is damaged: a segment has no positions row')
        const own = new Map<string, { head: Uint8Array; positions: Uint8Array }>()
        for (const term of ownTermsOf(head.data)) {
          const ownHead = ownRows.get(`${segment.segment} ${ownRowKey(term, 'head')}`)
          const ownPositions = ownRows.get(`${segment.segment} ${ownRowKey(term, 'positions')}`)
          if (ownHead && ownPositions) own.set(term, { head: ownHead, positions: ownPositions })
        }
        parts.push({ head: head.data, positions: rows.data, own, firstDocNo: segment.firstDocNo })
      })
      if (parts.length === 0) return
      const merged = mergeBucketRows(parts, plan.into.firstDocNo, ownRowBytes)
      const { segment, firstDocNo } = plan.into
      written.push({ bucket, segment, firstDocNo, data: merged.head })
      written.push({ bucket: bucket + BUCKET_COUNT, segment, firstDocNo, data: merged.positions })
      for (const [term, own] of merged.own) {
        written.push({ bucket: ownRowKey(term, 'head'), segment, firstDocNo, data: own.head })
        written.push({
          bucket: ownRowKey(term, 'positions'),
          segment,
          firstDocNo,
          data: own.positions,
        })
      }
    })
    await db.searchPostings.bulkPut(written)
    await db.searchPostings.bulkDelete([
      ...todo.flatMap((b) => [...keysOf(b), ...keysOf(b + BUCKET_COUNT)]),
      ...ownKeys,
    ])
  })
}

/** The tag paths on each tagged release, for the facet panel. */
export async function tagPathsByRelease(db: ArchiveDb): Promise<Map<string, string[]>> {
  const [tags, keys] = await Promise.all([
    db.tags.toArray(),
    db.releaseTags.toCollection().primaryKeys(),
  ])
  const pathOf = new Map(tags.map((t) => [t.id, t.path]))
  const byRelease = new Map<string, string[]>()
  for (const [tagId, releaseId] of keys) {
    const path = pathOf.get(tagId)
    if (!path) continue
    const list = byRelease.get(releaseId)
    if (list) list.push(path)
    else byRelease.set(releaseId, [path])
  }
  return byRelease
}

/**
 * What a search reads besides the index, for a live query that re-runs searches when any of it
 * changes: the index's counters (a segment, a release taken out), tags (their rows: a rename
 * keeps the counts), tags on releases and annotations.
 */
export function searchInputs(db: ArchiveDb): Promise<unknown[]> {
  return Promise.all([
    db.searchState.get('counters'),
    db.tags.toArray(),
    db.releaseTags.count(),
    db.annotations.count(),
  ])
}
