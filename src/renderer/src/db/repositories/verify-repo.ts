/**
 * Verify Archive: recomputes every release's content hash from its stored text and checks that
 * the rows around the releases (the library's order, tags, paragraph tags, annotations) and the
 * search index agree with them; and rebuilding the search index when it does not.
 *
 * The archive is read in pages (releases PAGE at a time, the index's rows in larger pages of
 * small rows), each in a read transaction of its own, so it works at 100,000 releases without
 * holding them all and without keeping writers waiting. Hashing happens between transactions:
 * IndexedDB commits a transaction that waits on anything but its own requests. Imports, edits
 * and the indexer may run meanwhile, so what looks missing (a release, a tag) is looked up
 * again before it is reported, and the index's counters are read after the rows they number.
 *
 * What the checks take as sound, and why:
 * - The content hash is the sha256 of the reading text, title and paragraphs joined by blank
 *   lines (shared/annotation/reading-text `readingText`, the text shared/release/prepare-release
 *   hashes with `sha256Hex`). A corrected title, or a title the importer took from the file name,
 *   is not the title that was hashed: when the stored title does not give the hash, the original
 *   text is prepared again by the importer's own `prepareRelease`, and the release is sound when
 *   that gives its hash and its paragraphs. A release of schema version 1 was identified by the
 *   sha256 of its file's bytes, which are not kept: its hash is counted as not recomputable.
 * - Paragraphs live in the release's body, numbered by their place (n = index + 1), so their
 *   numbering cannot have gaps; what can go wrong is the body not reading, a paragraph count
 *   that differs from the one stored at import, or two paragraphs with one key. Keys are not
 *   recomputed: releases from before version 3 keep the keys they had (v003-bodies).
 * - Annotations needing review keep the selectors of the version they came from, so only their
 *   release and tags are checked.
 * - The search index (search-repo) holds a release when its `searchIndexed` row names a live
 *   document of that release whose fields are the release's; a release without the row waits
 *   for the indexer, which adds it by itself: it is counted (`waitingToIndex`), not a problem.
 *   A live document that its release's row does not name would be found besides the current
 *   one, or after the release is gone.
 */
import { paragraphStarts, readingText } from '../../../../shared/annotation/reading-text'
import { decodeBody, type ReleaseBody } from '../../../../shared/release/body'
import { sha256Hex } from '../../../../shared/release/content-hash'
import { prepareRelease } from '../../../../shared/release/prepare-release'
import type { ArchiveDb } from '../archive-db'
import type {
  AnnotationRecord,
  ParagraphTagsRecord,
  ReleaseRecord,
  ReleaseTagRecord,
  SearchCountersRecord,
  SearchDocRecord,
  SearchIndexedRecord,
  SearchPostingsRecord,
  SearchSegment,
} from '../records'
import { passageLabel } from './annotations-repo'
import { paragraphIdFor, releaseIdFor } from './ids'
import { searchFields } from './search-repo'

export type VerifyProblemKind =
  /** The text no longer gives the release's content hash. */
  | 'content-hash'
  /** The body (paragraphs and original text) cannot be decoded. */
  | 'damaged-text'
  /** A release row missing fields the checks need. */
  | 'damaged-record'
  /** The id is not the one the content hash gives. */
  | 'release-id'
  /** Fewer or more paragraphs than the release was imported with. */
  | 'paragraph-count'
  /** Two paragraphs of one release with one key, so one id. */
  | 'paragraph-keys'
  /** A release the library does not list (no `releaseOrder` row). */
  | 'library-missing'
  /** A library row of a release that is gone. */
  | 'library-orphan'
  /** Paragraph tags on a paragraph the release does not have. */
  | 'paragraph-missing'
  /** Paragraph tags of a release that is gone. */
  | 'paragraph-orphan'
  /** An annotation on a release that is gone. */
  | 'annotation-orphan'
  /** An annotation on a paragraph its release does not have. */
  | 'annotation-paragraph-missing'
  /** An annotation whose quote is not the text at its position. */
  | 'annotation-misplaced'
  /** A tag on a release, paragraph or annotation that is gone. */
  | 'tag-missing'
  /** A tag whose parent is gone. */
  | 'tag-parent-missing'
  /** A release tag row of a release that is gone. */
  | 'release-tag-orphan'
  /** Tags left on a release row (before version 6) that its tag rows do not have. */
  | 'release-tags-disagree'
  /** A release marked indexed whose document is missing, retired or another release's. */
  | 'index-missing'
  /** A release whose indexed document has other fields (title, date…) than the release. */
  | 'index-stale'
  /** A live document its release's index row does not name: a second, stale entry. */
  | 'index-stray'
  /** A document or index row of a release that is gone. */
  | 'index-orphan'
  /** The index's counters or segments do not agree with its rows. */
  | 'index-counters'
  /** Postings rows of no segment, or a segment without postings. */
  | 'index-postings'

export type VerifyProblem = {
  kind: VerifyProblemKind
  releaseId?: string
  /** The release's title, when it is known (from the index for a release that is gone). */
  title?: string
  /** A sentence naming the release by its title. */
  message: string
}

export type VerifyReport = {
  checkedReleases: number
  checkedAnnotations: number
  ms: number
  /** The first problems found, at most MAX_LISTED (and MAX_LISTED_PER_KIND of one kind). */
  problems: VerifyProblem[]
  /** Every problem found, counted by kind. */
  problemCount: Record<string, number>
  /** Problems of the search index (the `index-` kinds), which a rebuild mends. */
  indexProblems: number
  /**
   * Whether rebuilding the index would mend them: there are index problems, and every
   * release reads (the indexer stops at a release it cannot read).
   */
  canRebuildIndex: boolean
  /** Releases waiting for the indexer: not a problem, it indexes them by itself. */
  waitingToIndex: number
  /** Releases of schema version 1, whose hash is of file bytes the archive does not keep. */
  uncheckedHashes: number
}

export type VerifyOptions = {
  onProgress?: (done: number, total: number) => void
  signal?: AbortSignal
}

/** Problems listed in a report; every one is counted. */
export const MAX_LISTED = 200
/** Problems of one kind listed, so that one kind does not hide the others. */
export const MAX_LISTED_PER_KIND = 50

/** Releases read per transaction: about 13 KB each with their text. */
const PAGE = 250
/** Index rows (documents, postings keys) read per transaction. */
const ROW_PAGE = 5000

const UTF8 = new TextEncoder()

const quoted = (title: string) => `“${title}”`

class Problems {
  readonly listed: VerifyProblem[] = []
  readonly count: Record<string, number> = {}
  private readonly seen = new Set<string>()
  /** Listed problems of releases that are gone, whose titles are looked up in the index. */
  private readonly gone: { problem: VerifyProblem; message: (name: string) => string }[] = []

  /** Counts a problem and lists it while there is room; `once` reports a key only once. */
  add(problem: VerifyProblem, once?: string): void {
    if (once !== undefined) {
      if (this.seen.has(once)) return
      this.seen.add(once)
    }
    const n = (this.count[problem.kind] ?? 0) + 1
    this.count[problem.kind] = n
    if (n <= MAX_LISTED_PER_KIND && this.listed.length < MAX_LISTED) this.listed.push(problem)
  }

  /** A problem of a release that is gone: its title, if the index still has it, comes later. */
  addGone(
    kind: VerifyProblemKind,
    releaseId: string,
    message: (name: string) => string,
    once?: string,
  ): void {
    const problem: VerifyProblem = { kind, releaseId, message: message(`release ${releaseId}`) }
    const before = this.listed.length
    this.add(problem, once)
    if (this.listed.length > before) this.gone.push({ problem, message })
  }

  /** The gone releases whose titles are wanted. */
  goneIds(): Set<string> {
    return new Set(this.gone.map((g) => g.problem.releaseId as string))
  }

  nameGone(titles: ReadonlyMap<string, string>): void {
    for (const { problem, message } of this.gone) {
      const title = titles.get(problem.releaseId as string)
      if (title === undefined) continue
      problem.title = title
      problem.message = message(quoted(title))
    }
  }

  total(prefix: string): number {
    return Object.entries(this.count)
      .filter(([kind]) => kind.startsWith(prefix))
      .reduce((sum, [, n]) => sum + n, 0)
  }
}

/** A reference to a tag, checked once every tag that might have been created meanwhile is read. */
type TagReference = { tagId: string; releaseId: string; title: string; on: string }

/**
 * Checks the archive (see the module's comment) and reports what does not agree. Throws the
 * signal's reason when it is aborted.
 */
export async function verifyArchive(
  db: ArchiveDb,
  options: VerifyOptions = {},
): Promise<VerifyReport> {
  const started = performance.now()
  const { onProgress, signal } = options
  const problems = new Problems()
  const tagIds = new Set((await db.tags.toArray()).map((t) => t.id))
  const tagRefs: TagReference[] = []
  const releaseIds = new Set<string>()
  let checkedAnnotations = 0
  let waitingToIndex = 0
  let uncheckedHashes = 0

  const total = await db.releases.count()
  onProgress?.(0, total)
  let after = ''
  for (;;) {
    signal?.throwIfAborted()
    const page = await readReleasePage(db, after)
    if (page.releases.length === 0) break
    after = page.releases[page.releases.length - 1]!.id
    const outcomes = await Promise.all(
      page.releases.map((release) =>
        checkRelease(release, page, problems, tagIds, tagRefs).catch((error: unknown) => {
          // A row too damaged for the checks above is a problem to report, not a reason to stop.
          problems.add({
            kind: 'damaged-record',
            releaseId: release.id,
            title: release.title,
            message: `The stored record of ${quoted(String(release.title))} cannot be checked (${error instanceof Error ? error.message : String(error)}).`,
          })
          return { hash: null, waiting: false, annotations: 0 }
        }),
      ),
    )
    for (const outcome of outcomes) {
      if (outcome.hash === 'unchecked') uncheckedHashes += 1
      if (outcome.waiting) waitingToIndex += 1
      checkedAnnotations += outcome.annotations
    }
    for (const release of page.releases) releaseIds.add(release.id)
    onProgress?.(releaseIds.size, Math.max(total, releaseIds.size))
  }

  signal?.throwIfAborted()
  checkedAnnotations += await checkOrphans(db, releaseIds, problems)
  await checkTags(db, tagRefs, problems)
  signal?.throwIfAborted()
  await checkIndex(db, problems, signal)

  const indexProblems = problems.total('index-')
  return {
    checkedReleases: releaseIds.size,
    checkedAnnotations,
    ms: Math.round(performance.now() - started),
    problems: problems.listed,
    problemCount: problems.count,
    indexProblems,
    // The indexer stops at a release it cannot read: rebuilding would leave search without it.
    canRebuildIndex:
      indexProblems > 0 &&
      (problems.count['damaged-text'] ?? 0) === 0 &&
      (problems.count['damaged-record'] ?? 0) === 0,
    waitingToIndex,
    uncheckedHashes,
  }
}

/** One page of releases with the rows that hang on them, read in one transaction. */
type ReleasePage = {
  releases: ReleaseRecord[]
  listed: Set<string>
  annotations: Map<string, AnnotationRecord[]>
  paragraphTags: Map<string, ParagraphTagsRecord[]>
  releaseTags: Map<string, ReleaseTagRecord[]>
  indexed: Map<string, { row: SearchIndexedRecord; doc: SearchDocRecord | undefined }>
}

function groupBy<T extends { releaseId: string }>(rows: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>()
  for (const row of rows) {
    const list = groups.get(row.releaseId)
    if (list) list.push(row)
    else groups.set(row.releaseId, [row])
  }
  return groups
}

function readReleasePage(db: ArchiveDb, after: string): Promise<ReleasePage> {
  return db.transaction(
    'r',
    [
      db.releases,
      db.releaseOrder,
      db.annotations,
      db.paragraphTags,
      db.releaseTags,
      db.searchIndexed,
      db.searchDocs,
    ],
    async () => {
      const releases = await db.releases.where(':id').above(after).limit(PAGE).toArray()
      const ids = releases.map((r) => r.id)
      if (ids.length === 0) {
        return {
          releases,
          listed: new Set<string>(),
          annotations: new Map(),
          paragraphTags: new Map(),
          releaseTags: new Map(),
          indexed: new Map(),
        }
      }
      const [listed, annotations, paragraphTags, releaseTags, indexedRows] = await Promise.all([
        db.releaseOrder.where(':id').anyOf(ids).primaryKeys(),
        db.annotations.where('releaseId').anyOf(ids).toArray(),
        db.paragraphTags.where('releaseId').anyOf(ids).toArray(),
        db.releaseTags.where('releaseId').anyOf(ids).toArray(),
        db.searchIndexed.bulkGet(ids),
      ])
      const indexed = indexedRows.flatMap((r) => (r ? [r] : []))
      const docs = await db.searchDocs.bulkGet(indexed.map((r) => r.docNo))
      return {
        releases,
        listed: new Set(listed),
        annotations: groupBy(annotations),
        paragraphTags: groupBy(paragraphTags),
        releaseTags: groupBy(releaseTags),
        indexed: new Map(indexed.map((row, i) => [row.releaseId, { row, doc: docs[i] }])),
      }
    },
  )
}

/** Checks one release and what hangs on it. */
async function checkRelease(
  release: ReleaseRecord,
  page: ReleasePage,
  problems: Problems,
  tagIds: ReadonlySet<string>,
  tagRefs: TagReference[],
): Promise<{ hash: HashOutcome | null; waiting: boolean; annotations: number }> {
  const { id, title } = release
  const name = quoted(title)
  const report = (kind: VerifyProblemKind, message: string) =>
    problems.add({ kind, releaseId: id, title, message })
  const annotations = page.annotations.get(id) ?? []
  const tagged = page.paragraphTags.get(id) ?? []
  const releaseTags = page.releaseTags.get(id) ?? []
  const wantTag = (tagId: string, on: string) => {
    if (!tagIds.has(tagId)) tagRefs.push({ tagId, releaseId: id, title, on })
  }

  if (release.id !== releaseIdFor(release.contentHash ?? '')) {
    report('release-id', `${name} is stored under an id that its content hash does not give.`)
  }
  if (!page.listed.has(id)) report('library-missing', `${name} is missing from the library’s list.`)
  for (const row of releaseTags) wantTag(row.tagId, 'the release')
  // Schema version 6 moved tags off the release rows; a row tagged before keeps none, so tags
  // still on a row are tags its tag rows should have.
  const leftover = (release as { tagIds?: unknown }).tagIds
  if (Array.isArray(leftover)) {
    const onRows = new Set(releaseTags.map((r) => r.tagId))
    if (leftover.some((tagId) => !onRows.has(tagId as string))) {
      report(
        'release-tags-disagree',
        `${name} keeps tags on its row that its release tags do not have.`,
      )
    }
  }
  for (const row of tagged) for (const tagId of row.tagIds ?? []) wantTag(tagId, 'a paragraph')
  for (const a of annotations) for (const tagId of a.tagIds ?? []) wantTag(tagId, 'an annotation')

  let body: ReleaseBody
  try {
    body = decodeBody(release.body)
  } catch {
    report('damaged-text', `The stored text of ${name} cannot be read.`)
    const waiting = checkIndexed(release, null, page, problems)
    return { hash: null, waiting, annotations: annotations.length }
  }
  const waiting = checkIndexed(release, body.paragraphs.length, page, problems)

  const hash = await checkHash(release, body)
  if (hash === 'mismatch') {
    report(
      'content-hash',
      `The text of ${name} no longer matches its content hash: it changed after it was imported.`,
    )
  }
  if (release.paragraphCount !== body.paragraphs.length) {
    report(
      'paragraph-count',
      `${name} has ${body.paragraphs.length} paragraph${body.paragraphs.length === 1 ? '' : 's'}, but it was imported with ${release.paragraphCount}.`,
    )
  }
  if (new Set(body.keys).size !== body.keys.length) {
    report(
      'paragraph-keys',
      `Two paragraphs of ${name} share one id, so tags and annotations on them cannot tell them apart.`,
    )
  }

  const keyIndex = new Map(body.keys.map((key, i) => [key, i]))
  for (const row of tagged) {
    if (row.id !== paragraphIdFor(id, row.paragraphKey) || !keyIndex.has(row.paragraphKey)) {
      report('paragraph-missing', `A tagged paragraph of ${name} is no longer in its text.`)
    }
  }

  let text: string | null = null
  let starts: number[] | null = null
  for (const a of annotations) {
    if (a.needsReview) continue
    const passage = passageLabel(a.quote?.exact ?? '')
    const prefix = `${id}:`
    const index = String(a.paragraphId).startsWith(prefix)
      ? keyIndex.get(a.paragraphId.slice(prefix.length))
      : undefined
    if (index === undefined) {
      report(
        'annotation-paragraph-missing',
        `An annotation on ${name} (${passage}) is on a paragraph that is no longer in its text.`,
      )
      continue
    }
    text ??= readingText(title, body.paragraphs)
    starts ??= paragraphStarts(title, body.paragraphs)
    const from = starts[index] as number
    const to = from + (body.paragraphs[index] as string).length
    const { start, end } = a.position ?? { start: NaN, end: NaN }
    if (
      !(start >= from && end <= to && start <= end) ||
      text.slice(start, end) !== a.quote?.exact
    ) {
      report(
        'annotation-misplaced',
        `An annotation on ${name} (${passage}) no longer matches the text where it is placed.`,
      )
    }
  }
  return { hash, waiting, annotations: annotations.length }
}

type HashOutcome = 'ok' | 'mismatch' | 'unchecked'

/** Recomputes the content hash as the import does (see the module's comment). */
async function checkHash(release: ReleaseRecord, body: ReleaseBody): Promise<HashOutcome> {
  const hash = await sha256Hex(UTF8.encode(readingText(release.title, body.paragraphs)))
  if (hash === release.contentHash) return 'ok'
  const fileName = release.sourceFiles?.[0]?.name
  if (fileName && body.original !== '') {
    const again = await prepareRelease(fileName, UTF8.encode(body.original), {
      maxBytes: Infinity,
      // Not the file's hash: only the content hash is compared.
      sourceHash: '',
    })
    if (again.kind === 'ready' && again.release.contentHash === release.contentHash) {
      // The hashed title is the stored one unless the user corrected it (or the importer titled
      // the release by its file name, which prepareRelease gives again).
      const titleKept =
        again.release.title === release.title || (release.editedFields ?? []).includes('title')
      return titleKept && sameStrings(again.release.paragraphs, body.paragraphs) ? 'ok' : 'mismatch'
    }
  }
  return release.sourceHashes?.includes(release.contentHash) ? 'unchecked' : 'mismatch'
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((s, i) => s === b[i])
}

/**
 * The fields of its release a document keeps, as the indexer writes them: a document with
 * others was indexed before a change that did not take it out of the index.
 */
function indexedFields(release: ReleaseRecord) {
  // A damaged row may lack its participants; the indexer's own read would throw on it.
  const { releaseId: _, ...fields } = searchFields({
    ...release,
    participants: release.participants ?? [],
  })
  return fields
}

const FIELD_WORDS: Record<keyof ReturnType<typeof indexedFields>, string> = {
  title: 'title',
  date: 'date',
  lang: 'language',
  type: 'document type',
  place: 'place',
  organisations: 'organisations',
  countries: 'countries',
  persons: 'participants',
}

function joinWords(words: readonly string[]): string {
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`
}

/**
 * Checks the release's index entry against the release and its stored paragraphs (null when
 * they cannot be read); true when it waits to be indexed.
 */
function checkIndexed(
  release: ReleaseRecord,
  paragraphs: number | null,
  page: ReleasePage,
  problems: Problems,
): boolean {
  const entry = page.indexed.get(release.id)
  if (!entry) return true
  const { id, title } = release
  const name = quoted(title)
  const doc = entry.doc
  if (!doc || doc.dead || doc.releaseId !== id) {
    problems.add({
      kind: 'index-missing',
      releaseId: id,
      title,
      message: `Search cannot find ${name}: its entry in the search index is ${doc ? (doc.dead ? 'retired' : 'another release’s') : 'missing'}, and the indexer will not add it again.`,
    })
    return false
  }
  const fields = indexedFields(release)
  const differ = (Object.keys(fields) as (keyof typeof fields)[]).filter(
    (f) => JSON.stringify(doc[f]) !== JSON.stringify(fields[f]),
  )
  // One length per paragraph, the title first.
  const otherText = paragraphs !== null && doc.paragraphLengths.length !== paragraphs + 1
  if (differ.length > 0 || otherText) {
    const words = [...new Set(differ.map((f) => FIELD_WORDS[f]))]
    problems.add({
      kind: 'index-stale',
      releaseId: id,
      title,
      message:
        words.length > 0
          ? `The search index has an old ${joinWords(words)} of ${name}.`
          : `The search index has another text of ${name} than the archive.`,
    })
  }
  return false
}

/** Of these release ids, those not in the archive now. */
async function goneOf(db: ArchiveDb, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return []
  const present = new Set(
    await db.releases
      .where(':id')
      .anyOf([...ids])
      .primaryKeys(),
  )
  return ids.filter((id) => !present.has(id))
}

/** Rows of releases that are gone. Returns how many annotations it checked. */
async function checkOrphans(
  db: ArchiveDb,
  releaseIds: ReadonlySet<string>,
  problems: Problems,
): Promise<number> {
  const unseen = (keys: readonly unknown[]) =>
    (keys as string[]).filter((id) => !releaseIds.has(id))

  const annotated = await goneOf(db, unseen(await db.annotations.orderBy('releaseId').uniqueKeys()))
  let annotations = 0
  for (let i = 0; i < annotated.length; i += PAGE) {
    const rows = await db.annotations
      .where('releaseId')
      .anyOf(annotated.slice(i, i + PAGE))
      .toArray()
    annotations += rows.length
    for (const a of rows) {
      problems.addGone(
        'annotation-orphan',
        a.releaseId,
        (name) =>
          `An annotation (${passageLabel(a.quote?.exact ?? '')}) belongs to ${name}, which is no longer in the archive.`,
      )
    }
  }

  const paragraphs = await goneOf(
    db,
    unseen(await db.paragraphTags.orderBy('releaseId').uniqueKeys()),
  )
  for (let i = 0; i < paragraphs.length; i += PAGE) {
    const rows = await db.paragraphTags
      .where('releaseId')
      .anyOf(paragraphs.slice(i, i + PAGE))
      .toArray()
    for (const row of rows) {
      problems.addGone(
        'paragraph-orphan',
        row.releaseId,
        (name) => `A tagged paragraph belongs to ${name}, which is no longer in the archive.`,
      )
    }
  }

  const tagged = await goneOf(db, unseen(await db.releaseTags.orderBy('releaseId').uniqueKeys()))
  for (const id of tagged) {
    problems.addGone(
      'release-tag-orphan',
      id,
      (name) => `Tags are kept for ${name}, which is no longer in the archive.`,
    )
  }

  for (const id of await goneOf(db, unseen(await pagedKeys(db.releaseOrder)))) {
    problems.addGone(
      'library-orphan',
      id,
      (name) => `The library lists ${name}, which is no longer in the archive.`,
    )
  }

  for (const id of await goneOf(db, unseen(await pagedKeys(db.searchIndexed)))) {
    problems.addGone(
      'index-orphan',
      id,
      (name) => `The search index still has ${name}, which is no longer in the archive.`,
      `index-orphan ${id}`,
    )
  }
  return annotations
}

/** Every primary key (a string) of a table, read a page at a time. */
async function pagedKeys(table: ArchiveDb['releaseOrder'] | ArchiveDb['searchIndexed']) {
  const keys: string[] = []
  for (;;) {
    const last = keys[keys.length - 1]
    const page = (await (last === undefined
      ? table.orderBy(':id').limit(ROW_PAGE).primaryKeys()
      : table.where(':id').above(last).limit(ROW_PAGE).primaryKeys())) as string[]
    keys.push(...page)
    if (page.length < ROW_PAGE) return keys
  }
}

/** Tags that are gone, read again first (one may have been created since the check began). */
async function checkTags(db: ArchiveDb, refs: readonly TagReference[], problems: Problems) {
  const tags = await db.tags.toArray()
  const byId = new Map(tags.map((t) => [t.id, t]))
  const wanted = [...new Set(refs.map((r) => r.tagId))].filter((id) => !byId.has(id))
  const found = await db.tags.bulkGet(wanted)
  const gone = new Set(wanted.filter((_, i) => !found[i]))
  for (const ref of refs) {
    if (!gone.has(ref.tagId)) continue
    problems.add({
      kind: 'tag-missing',
      releaseId: ref.releaseId,
      title: ref.title,
      message: `${quoted(ref.title)} has a tag on ${ref.on} that is no longer in the archive.`,
    })
  }
  for (const tag of tags) {
    if (tag.parentId !== null && !byId.has(tag.parentId)) {
      problems.add({
        kind: 'tag-parent-missing',
        message: `The tag “${tag.path}” is under a tag that is no longer in the archive.`,
      })
    }
  }
}

/** The segments a document or postings row may belong to: listed, or in a merge under way. */
function segmentsOf(state: SearchCountersRecord | undefined): SearchSegment[] {
  if (!state) return []
  return [...(state.segments ?? []), ...(state.merge ? [state.merge.into] : [])]
}

/**
 * The index's own rows: every live document is its release's current one and lies in a
 * segment; postings rows belong to segments; the counters are above every number handed out.
 */
async function checkIndex(db: ArchiveDb, problems: Problems, signal?: AbortSignal) {
  const wanted = problems.goneIds()
  const titles = new Map<string, string>()
  let maxDocNo = -1
  let maxSeq = 0
  let after = -1
  for (;;) {
    signal?.throwIfAborted()
    const page = await db.transaction(
      'r',
      [db.searchDocs, db.searchIndexed, db.searchState, db.releases],
      async () => {
        const rows = await db.searchDocs.where('docNo').above(after).limit(ROW_PAGE).toArray()
        const live = rows.filter((r) => !r.dead)
        const ids = [...new Set(live.map((r) => r.releaseId))]
        const [indexed, present, state] = await Promise.all([
          db.searchIndexed.bulkGet(ids),
          db.releases.where(':id').anyOf(ids).primaryKeys(),
          db.searchState.get('counters'),
        ])
        const docOf = new Map(ids.map((id, i) => [id, indexed[i]?.docNo]))
        return { rows, live, docOf, present: new Set(present), state }
      },
    )
    if (page.rows.length === 0) break
    after = page.rows[page.rows.length - 1]!.docNo
    const segments = segmentsOf(page.state)
    for (const row of page.rows) {
      maxDocNo = Math.max(maxDocNo, row.docNo)
      maxSeq = Math.max(maxSeq, row.seq)
      // Later documents of a release have the later title.
      if (wanted.has(row.releaseId)) titles.set(row.releaseId, row.title)
    }
    for (const doc of page.live) {
      const name = quoted(doc.title)
      if (!page.present.has(doc.releaseId)) {
        problems.add(
          {
            kind: 'index-orphan',
            releaseId: doc.releaseId,
            title: doc.title,
            message: `The search index still has ${name}, which is no longer in the archive.`,
          },
          `index-orphan ${doc.releaseId}`,
        )
      } else if (page.docOf.get(doc.releaseId) !== doc.docNo) {
        problems.add({
          kind: 'index-stray',
          releaseId: doc.releaseId,
          title: doc.title,
          message: `The search index has a second, stale entry for ${name}.`,
        })
      }
      if (
        !segments.some((s) => doc.docNo >= s.firstDocNo && doc.docNo < s.firstDocNo + s.docCount)
      ) {
        problems.add({
          kind: 'index-counters',
          releaseId: doc.releaseId,
          title: doc.title,
          message: `The search index’s entry for ${name} is in none of its segments, so its words are not found.`,
        })
      }
    }
  }
  problems.nameGone(titles)

  const postings = await checkPostings(db, problems, signal)
  // Read last: the counters only grow, so they are above whatever the pages before saw.
  const state = await db.searchState.get('counters')
  checkCounters(state, { maxDocNo, maxSeq, postings }, problems)
}

type PostingsKey = [SearchPostingsRecord['bucket'], number]

/** Postings rows of no segment, and the segments with rows; keys only, a page at a time. */
async function checkPostings(db: ArchiveDb, problems: Problems, signal?: AbortSignal) {
  const withRows = new Set<number>()
  let stray = 0
  let rows = 0
  let last: PostingsKey | null = null
  for (;;) {
    signal?.throwIfAborted()
    const from: PostingsKey | null = last
    const page: { keys: PostingsKey[]; state: SearchCountersRecord | undefined } =
      await db.transaction('r', [db.searchPostings, db.searchState], async () => {
        const keys: PostingsKey[] = await (from === null
          ? db.searchPostings.orderBy(':id').limit(ROW_PAGE).primaryKeys()
          : db.searchPostings.where(':id').above(from).limit(ROW_PAGE).primaryKeys())
        return { keys, state: await db.searchState.get('counters') }
      })
    if (page.keys.length === 0) break
    last = page.keys[page.keys.length - 1]!
    const state = page.state
    const known = new Set([
      ...segmentsOf(state).map((s) => s.segment),
      ...(state?.merge?.from ?? []).map((s) => s.segment),
    ])
    for (const [, segment] of page.keys) {
      rows += 1
      withRows.add(segment)
      if (!known.has(segment)) stray += 1
    }
    if (page.keys.length < ROW_PAGE) break
  }
  if (stray > 0) {
    problems.add({
      kind: 'index-postings',
      message: `${stray.toLocaleString('en')} row${stray === 1 ? '' : 's'} of the search index belong${stray === 1 ? 's' : ''} to no segment of it.`,
    })
  }
  return { rows, withRows }
}

function checkCounters(
  state: SearchCountersRecord | undefined,
  seen: { maxDocNo: number; maxSeq: number; postings: { rows: number; withRows: Set<number> } },
  problems: Problems,
): void {
  const report = (message: string) => problems.add({ kind: 'index-counters', message })
  if (!state) {
    if (seen.maxDocNo >= 0 || seen.postings.rows > 0) {
      report('The search index has entries but no counters.')
    }
    return
  }
  if (state.nextDocNo <= seen.maxDocNo) {
    report(
      `The search index would number its next entry ${state.nextDocNo}, which an entry already has.`,
    )
  }
  if (state.nextSeq <= seen.maxSeq) {
    report('The search index’s change counter is behind its entries: searches may miss changes.')
  }
  const segments = [...(state.segments ?? [])].sort((a, b) => a.firstDocNo - b.firstDocNo)
  const numbers = new Set<number>()
  let end = -Infinity
  for (const s of segments) {
    if (numbers.has(s.segment) || s.segment >= state.nextSegment) {
      report(`The search index numbers segment ${s.segment} twice, or beyond its counter.`)
    }
    numbers.add(s.segment)
    if (s.firstDocNo < end) {
      report(`Segments of the search index overlap at entry ${s.firstDocNo}.`)
    }
    end = s.firstDocNo + s.docCount
    if (end > state.nextDocNo) {
      report(`Segment ${s.segment} of the search index reaches beyond the entries it numbered.`)
    }
    // A merge under way may already have taken the rows of the segments it merges.
    const merging = state.merge?.from.some((f) => f.segment === s.segment) ?? false
    if (s.docCount > 0 && !merging && !seen.postings.withRows.has(s.segment)) {
      problems.add({
        kind: 'index-postings',
        message: `Segment ${s.segment} of the search index (${s.docCount.toLocaleString('en')} entries) has lost its words, so they are not found.`,
      })
    }
  }
}

/**
 * Rebuilds the search index from the releases: in one transaction, every live document is
 * retired (marked dead with a new change number), and the postings and the indexed releases
 * are dropped, so every release waits to be indexed again. Returns how many wait.
 *
 * How the rebuild happens: the page's `useSearchIndexer` (features/search/use-indexer) keeps a
 * live count of the releases waiting (search-repo `pendingCount`), which jumps from 0 to every
 * release and wakes the indexer worker (workers/index-client `wake`); the worker also looks every
 * 3 s. It indexes them a segment at a time with `indexPending`, as after an import.
 *
 * Why documents are retired rather than deleted, and the rest kept: the app's search reader
 * (search-repo `SearchIndexReader`, one per archive for the app's lifetime) and the indexer's
 * known words are caches that catch up by reading rows numbered above the last they saw. A
 * retired document read later is forgotten, where a deleted one would stay found; numbering goes
 * on from the counters (never back to 0) so no new row is numbered below what a reader saw; the
 * next segment's number moves on so readers drop their cached postings. The vocabulary (the
 * words the index has met) is kept: a word in it that no document has any more finds nothing,
 * while emptying it under the indexer's cache would leave words out for good.
 */
export async function rebuildSearchIndex(db: ArchiveDb): Promise<{ waiting: number }> {
  return db.transaction(
    'rw',
    [db.searchDocs, db.searchIndexed, db.searchPostings, db.searchState, db.releaseOrder],
    async () => {
      const state = await db.searchState.get('counters')
      const lastDoc = await db.searchDocs.orderBy('docNo').last()
      const lastSeq = await db.searchDocs.orderBy('seq').last()
      // Above every number already handed out, even when the counters are what is damaged.
      let nextSeq = Math.max(state?.nextSeq ?? 1, (lastSeq?.seq ?? 0) + 1)
      const nextDocNo = Math.max(state?.nextDocNo ?? 0, (lastDoc?.docNo ?? -1) + 1)
      const used = [...segmentsOf(state), ...(state?.merge?.from ?? [])].map((s) => s.segment + 1)
      const nextSegment = Math.max(state?.nextSegment ?? 0, ...used) + 1
      let after = -1
      for (;;) {
        const rows = await db.searchDocs.where('docNo').above(after).limit(ROW_PAGE).toArray()
        if (rows.length === 0) break
        after = rows[rows.length - 1]!.docNo
        const live = rows.filter((r) => !r.dead)
        if (live.length > 0) {
          await db.searchDocs.bulkPut(live.map((r) => ({ ...r, dead: true, seq: nextSeq++ })))
        }
      }
      await db.searchIndexed.clear()
      await db.searchPostings.clear()
      // No merge: one under way finds its plan gone (search-repo `mergeSegments`).
      await db.searchState.put({ key: 'counters', nextDocNo, nextSegment, nextSeq, segments: [] })
      return { waiting: await db.releaseOrder.count() }
    },
  )
}
