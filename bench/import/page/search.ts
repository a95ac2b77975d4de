/**
 * The search bench page (search.html), run in headless Chromium by bench/search/bench.ts.
 *
 * `buildArchive` imports n synthetic releases through the app's real path, as the
 * import and tags bench pages do. Then, with the app's own search code on this thread:
 *
 * - `measure`: indexes the whole archive (search-repo `indexPending`, timed), sums the
 *   index's stored size, opens a `SearchIndexReader` and times the driver's query set
 *   (`engine.search`, release results, the reader's postings cache cleared before each
 *   search), and each query once more as paragraph results. A run after the first
 *   drops the index and builds it again, with a new connection to the archive.
 * - then the compare features' lookups over the archive (`lookups`): the phrase history of a
 *   ten-word phrase, and "See also" for a release, on sample releases spread over the archive.
 * - `texts`: the stored releases' titles and paragraphs, a slice at a time in primary-key
 *   order, for the driver's ripgrep and SQLite baselines.
 * - Loaded as `search.html?first=<archive>&q=<query>` (a fresh document on the same
 *   profile, the archive on disk), the page times, from the start of this script, opening
 *   the archive, a reader, its refresh and the query's search: the first result a user
 *   waits for. `afterFirst` then runs the query set and reads the JS heap after garbage
 *   collection, with the reader and without it.
 * - `engine`: MiniSearch or FlexSearch fed the same releases (search.engines.ts), in a
 *   fresh document each.
 *
 * The messages' types are in bench/import/protocol.ts, which the driver shares.
 */
import { ArchiveDb } from '../../../src/renderer/src/db/archive-db'
import {
  indexPending,
  mergeSegments,
  SearchIndexReader,
} from '../../../src/renderer/src/db/repositories/search-repo'
import { getReadingParts } from '../../../src/renderer/src/db/repositories/releases-repo'
import { phraseHistory } from '../../../src/shared/compare/phrase-history'
import { decodeBody } from '../../../src/shared/release/body'
import { search, searchSimilar, type SearchMode } from '../../../src/shared/search/engine'
import { parseQuery, quote } from '../../../src/shared/search/query'
import type {
  AfterFirstResult,
  BenchQuery,
  FirstResult,
  ImportRunRequest,
  LookupResult,
  MeasureRequest,
  MeasureResult,
  QueryOutcome,
  ReleaseText,
  SearchArchiveResult,
  SearchBenchPage,
} from '../protocol'
import { collectGarbage, usedHeap } from './heap'
import { runEngine, utf8Length } from './search.engines'
import { deleteAllDatabases, importSynthetic, loadPool, poolSummary } from './synthetic'

/** Taken before anything else of this page runs: where first_result_ms starts. */
const scriptStart = performance.now()

const host = window as unknown as Window & SearchBenchPage
const params = new URLSearchParams(location.search)
const firstArchive = params.get('first')
/** The page that imports (no parameters) loads the pool; the others must not pay for it. */
const importing = firstArchive === null && !params.has('engine')

let archive: { db: ArchiveDb; name: string } | null = null
let firstReader: { db: ArchiveDb; reader: SearchIndexReader } | null = null

host.benchSearch = {
  ready: importing
    ? loadPool().then(poolSummary)
    : Promise.resolve({ languages: [], paragraphs: 0 }),
  buildArchive,
  measure,
  texts,
  first: firstArchive === null ? null : firstResult(firstArchive, params.get('q') ?? ''),
  afterFirst,
  lookups,
  engine: (request) => runEngine(request, { collectGarbage, usedHeap, readReleases }),
}

async function buildArchive(request: ImportRunRequest): Promise<SearchArchiveResult> {
  const pool = await loadPool()
  archive?.db.close()
  archive = null
  await deleteAllDatabases()
  const name = `bench-search-${request.n}-${request.seed}`
  const built = await importSynthetic(pool, request, name, (p) => {
    void host.benchProgress?.(p)
  })
  archive = { db: built.db, name }
  return { ...built.archive, name }
}

async function measure({
  archive: name,
  queries,
  plain,
  repeats,
}: MeasureRequest): Promise<MeasureResult> {
  // Always a new connection: the indexer keeps the vocabulary it wrote per connection, and a
  // run after the first drops the index the one before built.
  archive?.db.close()
  const db = new ArchiveDb(name)
  await db.open()
  archive = { db, name }
  if ((await db.searchState.count()) > 0) {
    await db.transaction(
      'rw',
      [db.searchDocs, db.searchIndexed, db.searchPostings, db.searchVocabulary, db.searchState],
      async () => {
        await Promise.all([
          db.searchDocs.clear(),
          db.searchIndexed.clear(),
          db.searchPostings.clear(),
          db.searchVocabulary.clear(),
          db.searchState.clear(),
        ])
      },
    )
  }
  const stored = await db.releases.count()

  await collectGarbage()
  const started = performance.now()
  const segmentSeconds: number[] = []
  let segmentStart = started
  const indexed = await indexPending(db, {
    onProgress: () => {
      const now = performance.now()
      segmentSeconds.push((now - segmentStart) / 1000)
      segmentStart = now
    },
  })
  const mergeStarted = performance.now()
  await mergeSegments(db)
  const mergeSeconds = (performance.now() - mergeStarted) / 1000
  const buildSeconds = (performance.now() - started) / 1000
  check(indexed === stored, `indexPending indexed ${indexed} of ${stored} releases`)

  let postingsBytes = 0
  let vocabularyBytes = 0
  let docsBytes = 0
  let terms = 0
  await db.searchPostings.each((row) => {
    postingsBytes += row.data.byteLength
  })
  await db.searchVocabulary.each((row) => {
    vocabularyBytes += utf8Length(JSON.stringify(row))
    terms += row.terms.length
  })
  await db.searchDocs.each((row) => {
    docsBytes += utf8Length(JSON.stringify(row))
  })
  const segments = (await db.searchState.get('counters'))?.segments?.length ?? 0

  const reader = new SearchIndexReader(db)
  await reader.refresh()
  check(reader.docs.size === stored, `the reader sees ${reader.docs.size} of ${stored} releases`)

  // An untimed pass: what each query finds, for the driver's checks and baselines.
  const outcomes: QueryOutcome[] = []
  for (const query of queries) {
    const releases = await run(reader, query.text, 'release')
    const paragraphs = await run(reader, query.text, 'paragraph')
    const groups: string[][] = []
    for (const word of (plain[query.kind] ?? '').split(/\s+/).filter(Boolean)) {
      groups.push((await run(reader, word, 'release')).terms)
    }
    outcomes.push({
      kind: query.kind,
      releases: releases.releaseCount,
      paragraphs: paragraphs.hits.length,
      terms: releases.terms,
      groups,
    })
  }

  const releaseMs: number[][] = queries.map(() => [])
  await collectGarbage()
  for (let r = 0; r < repeats; r++) {
    for (let q = 0; q < queries.length; q++) {
      reader.clearCache()
      const t = performance.now()
      await run(reader, queries[q]!.text, 'release')
      releaseMs[q]!.push(performance.now() - t)
    }
  }
  const paragraphMs: number[] = []
  for (const query of queries) {
    reader.clearCache()
    const t = performance.now()
    await run(reader, query.text, 'paragraph')
    paragraphMs.push(performance.now() - t)
  }
  const lookups = await measureLookups(db, reader)

  return {
    buildSeconds,
    mergeSeconds,
    segmentSeconds,
    indexed,
    segments,
    postingsBytes,
    vocabularyBytes,
    docsBytes,
    terms,
    outcomes,
    releaseMs,
    paragraphMs,
    lookups,
  }
}

/**
 * The lookups alone, on an archive indexed before (in a profile kept from a bench run): to
 * profile them without building the index again.
 */
async function lookups({ archive: name }: { archive: string }): Promise<LookupResult> {
  archive?.db.close()
  const db = new ArchiveDb(name)
  await db.open()
  archive = { db, name }
  const reader = new SearchIndexReader(db)
  await reader.refresh()
  check(reader.docs.size > 0, `the archive ${name} has no index`)
  return measureLookups(db, reader)
}

/** Sample releases for the lookups, spread evenly over the archive's keys. */
const LOOKUP_SAMPLES = 10
/** Timed lookups of each sample. */
const LOOKUP_REPEATS = 5
/** Words in a phrase-history phrase (the measure). */
const PHRASE_WORDS = 10
/** Releases "See also" lists (SeeAlso.tsx). */
const SEE_ALSO = 10

/**
 * Phrase history and See also as the compare features run them: the phrase search with its
 * releases ordered by date (PhraseHistoryView), and "More like this" for a whole release with
 * its first ten releases (SeeAlso). Rendering is not timed.
 */
async function measureLookups(db: ArchiveDb, reader: SearchIndexReader): Promise<LookupResult> {
  const total = await db.releases.count()
  const samples: { id: string; phrase: string | null }[] = []
  for (let i = 0; i < LOOKUP_SAMPLES; i++) {
    const row = await db.releases
      .orderBy(':id')
      .offset(Math.floor((i * total) / LOOKUP_SAMPLES))
      .first()
    if (!row) throw new Error(`no release at sample ${i} of ${total}`)
    samples.push({ id: row.id, phrase: tenWords(decodeBody(row.body).paragraphs) })
  }
  const options = { mode: 'release' as const, ignoreDiacritics: true }

  const history = async (text: string) => {
    const parsed = parseQuery(quote(text))
    if (!parsed.ok || !parsed.root) throw new Error(`the phrase ${text} did not parse`)
    const outcome = await search(reader, parsed.root, options)
    if (!outcome.ok) throw new Error(`the phrase ${text} failed: ${outcome.message}`)
    return phraseHistory(outcome.hits.releases())
  }
  const seeAlso = async (releaseId: string) => {
    const release = await getReadingParts(db, releaseId)
    if (!release) throw new Error(`the release ${releaseId} is gone`)
    const outcome = await searchSimilar(
      reader,
      [release.title, ...release.paragraphs],
      options,
      releaseId,
    )
    if (!outcome.ok) throw new Error(`See also for ${releaseId} failed: ${outcome.message}`)
    const shown = Math.min(SEE_ALSO, outcome.hits.length)
    return Array.from({ length: shown }, (_, rank) => outcome.hits.at(rank)!.doc.releaseId)
  }

  const phrases: LookupResult['phrases'] = []
  const similar: number[] = []
  for (const sample of samples) {
    if (sample.phrase !== null) {
      // The release the phrase came from has it: a lookup that misses it is wrong.
      const found = await history(sample.phrase)
      if (!found.releases.some((d) => d.releaseId === sample.id))
        throw new Error(`the phrase history of ${JSON.stringify(sample.phrase)} misses its release`)
      phrases.push({ text: sample.phrase, releases: found.releases.length })
    }
    similar.push((await seeAlso(sample.id)).length)
  }
  check(phrases.length > 0, 'no sample release has a paragraph of ten words')

  await collectGarbage()
  const phraseHistoryMs: number[] = []
  const seeAlsoMs: number[] = []
  for (let r = 0; r < LOOKUP_REPEATS; r++) {
    for (const sample of samples) {
      if (sample.phrase !== null) {
        reader.clearCache()
        const t = performance.now()
        await history(sample.phrase)
        phraseHistoryMs.push(performance.now() - t)
      }
      reader.clearCache()
      const t = performance.now()
      await seeAlso(sample.id)
      seeAlsoMs.push(performance.now() - t)
    }
  }
  return { phrases, phraseHistoryMs, similar, seeAlsoMs }
}

/**
 * The first ten words of the first paragraph that has more, or null when none has (Chinese is
 * written without spaces). Marks standing alone, such as a dash, are left out: search skips them.
 */
function tenWords(paragraphs: readonly string[]): string | null {
  for (const paragraph of paragraphs) {
    const words = paragraph.split(/\s+/u).filter((w) => /[\p{L}\p{N}]/u.test(w))
    if (words.length > PHRASE_WORDS) return words.slice(0, PHRASE_WORDS).join(' ')
  }
  return null
}

/** Results the list shows before any scrolling (SearchView, 96 px rows). */
const FIRST_SCREEN = 20

/**
 * Parses and runs a query as the search box does, and reads the first screenful of results
 * with the paragraph each shows (the engine makes hits as they are read); an error is a bug
 * worth stopping for.
 */
async function run(reader: SearchIndexReader, text: string, mode: SearchMode) {
  const parsed = parseQuery(text)
  if (!parsed.ok)
    throw new Error(`the query ${JSON.stringify(text)} did not parse: ${parsed.message}`)
  const outcome = await search(reader, parsed.root, { mode, ignoreDiacritics: true })
  if (!outcome.ok) throw new Error(`the query ${JSON.stringify(text)} failed: ${outcome.message}`)
  for (let rank = 0; rank < Math.min(FIRST_SCREEN, outcome.hits.length); rank++) {
    if (outcome.hits.at(rank)!.paragraph < 0) throw new Error('a hit without a paragraph')
  }
  return outcome
}

async function texts({
  archive: name,
  after,
  count,
}: {
  archive: string
  after: string | null
  count: number
}): Promise<{ releases: ReleaseText[]; last: string | null }> {
  if (archive?.name !== name) {
    archive?.db.close()
    archive = { db: new ArchiveDb(name), name }
    await archive.db.open()
  }
  return readReleases(archive.db, after, count)
}

/** `count` stored releases after the id `after` (null: from the first), in primary-key order. */
async function readReleases(
  db: ArchiveDb,
  after: string | null,
  count: number,
): Promise<{ releases: ReleaseText[]; last: string | null }> {
  const rows = await (
    after === null ? db.releases.orderBy(':id') : db.releases.where(':id').above(after)
  )
    .limit(count)
    .toArray()
  return {
    releases: rows.map((row) => ({
      title: row.title,
      paragraphs: decodeBody(row.body).paragraphs,
      lang: row.lang,
    })),
    last: rows.at(-1)?.id ?? null,
  }
}

async function firstResult(name: string, query: string): Promise<FirstResult> {
  const db = new ArchiveDb(name)
  await db.open()
  const opened = performance.now()
  const reader = new SearchIndexReader(db)
  await reader.refresh()
  const refreshed = performance.now()
  const outcome = await run(reader, query, 'release')
  const end = performance.now()
  firstReader = { db, reader }
  return {
    firstResultMs: end - scriptStart,
    sinceNavigationMs: end,
    openMs: opened - scriptStart,
    refreshMs: refreshed - opened,
    searchMs: end - refreshed,
    releases: outcome.releaseCount,
    docs: reader.docs.size,
  }
}

async function afterFirst(queries: BenchQuery[]): Promise<AfterFirstResult> {
  if (!firstReader) throw new Error('The page was not loaded to time a first result.')
  for (const query of queries) await run(firstReader.reader, query.text, 'release')
  await collectGarbage()
  const heapBytes = usedHeap()
  firstReader.db.close()
  firstReader = null
  await collectGarbage()
  return { heapBytes, heapWithoutReaderBytes: usedHeap() }
}

function check(condition: boolean, problem: string): void {
  if (!condition) throw new Error(problem)
}
