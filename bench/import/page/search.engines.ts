/**
 * The search bench's comparison engines, MiniSearch and FlexSearch, fed the same releases
 * as the app's index (read back from the archive) and asked the same queries, on the
 * page's main thread. Run by search.ts `engine`, one engine per fresh document, so the
 * heap figures are the engine's.
 *
 * Both get the app's tokenisation and matching, so they find what the app finds and do
 * as much work: every token of `forEachToken` (Chinese as character pairs), without
 * diacritics and stemmed with the app's stemmers (`stemOf`), which is what a word typed
 * without quotes matches in the app. Stems are memoised per term, as the app stems each
 * term of its vocabulary once. Queries are tokenised with `queryTokens`, as the app does.
 *
 * Documents are release-level: { id, title, text (the paragraphs joined), lang }.
 * MiniSearch: `combineWith: 'AND'` across the title and text; a field condition is its
 * `filter` on the stored `lang`. FlexSearch: a `Document` with the title and text indexed
 * ('strict' tokenizer, its default), every result asked for (`limit` = the releases); the
 * words must all be in one field, as FlexSearch combines fields by union. Its `lang` is
 * kept beside the index and a field condition filters the results: FlexSearch 0.8.212's
 * own tag filter (`tag: { lang }`) returns at most 100 results in memory, whatever the
 * `limit` (Document.search asks the field index with limit 0, which Index.search turns
 * into its default of 100, and filters those by tag). Neither has phrases: a phrase is
 * searched as all its words.
 *
 * `flexsearch-idb` is FlexSearch's IndexedDB persistence (flexsearch/db/indexeddb): the
 * same Document mounted on a database, committed once after every release is added.
 */
import FlexSearch from 'flexsearch'
import IndexedDB from 'flexsearch/db/indexeddb'
import MiniSearch, { type Options as MiniSearchOptions } from 'minisearch'
import { ArchiveDb } from '../../../src/renderer/src/db/archive-db'
import { stemOf } from '../../../src/shared/search/vocabulary'
import { stripDiacritics } from '../../../src/shared/text/fold'
import { forEachToken, queryTokens } from '../../../src/shared/text/tokens'
import type { EngineName, EngineQuery, EngineRequest, EngineResult, ReleaseText } from '../protocol'

export type PageHelpers = {
  collectGarbage(): Promise<void>
  usedHeap(): number | null
  readReleases(
    db: ArchiveDb,
    after: string | null,
    count: number,
  ): Promise<{ releases: ReleaseText[]; last: string | null }>
}

type Doc = { id: number; title: string; text: string; lang: string }

/** The engine under test, behind one interface. */
type Engine = {
  add(doc: Doc): void
  /** After the last add (flexsearch-idb commits). */
  finish(): Promise<void>
  search(query: EngineQuery): Promise<number>
  /**
   * Serializes the index, forgets it, and loads it back; returns the serialized size and
   * the time to load it (flexsearch-idb: to mount the database and answer `probe`).
   */
  reload(probe: EngineQuery): Promise<{ bytes: number; startupMs: number } | null>
  /** Why serializing was not measured, when `reload` returns null. */
  reloadSkipped?: string
}

/** Releases read from the archive per step. */
const CHUNK = 500
/** FlexSearch's database (`flexsearch:bench-flexsearch`) for flexsearch-idb. */
const IDB_NAME = 'bench-flexsearch'
/** Where a query's pre-tokenised terms start, for FlexSearch's single encoder. */
const PRE_TOKENISED = '\u0001'

const forms = new Map<string, string>()

/** A folded term as the engines index it: without diacritics, stemmed (memoised). */
function form(term: string): string {
  let found = forms.get(term)
  if (found === undefined) {
    found = stemOf(stripDiacritics(term))
    forms.set(term, found)
  }
  return found
}

export function documentTerms(text: string): string[] {
  const terms: string[] = []
  forEachToken(text, (term) => {
    terms.push(form(term))
  })
  return terms
}

export function queryTerms(text: string): string[] {
  return queryTokens(text).map((token) => form(token.term))
}

export async function runEngine(
  request: EngineRequest,
  helpers: PageHelpers,
): Promise<EngineResult> {
  const result: EngineResult = {
    engine: request.engine,
    docs: 0,
    buildSeconds: null,
    queryMs: [],
    counts: {},
    memoryBytes: null,
    indexBytes: null,
    startupMs: null,
    skipped: {},
  }
  const skipAll = (reason: string) => {
    for (const metric of ['build_s', 'p95_ms', 'memory_mb', 'index_mb', 'startup_ms']) {
      if (!(metric in result.skipped)) result.skipped[metric] = reason
    }
  }
  const db = new ArchiveDb(request.archive)
  await db.open()
  await helpers.collectGarbage()
  const heapBefore = helpers.usedHeap()

  let engine: Engine
  let docs = 0
  try {
    engine = await createEngine(request.engine)
    let buildMs = 0
    let after: string | null = null
    for (;;) {
      const { releases, last } = await helpers.readReleases(db, after, CHUNK)
      if (releases.length === 0) break
      const batch = releases.map((r, i) => ({
        id: docs + i,
        title: r.title,
        text: r.paragraphs.join('\n\n'),
        lang: r.lang ?? '',
      }))
      const started = performance.now()
      for (const doc of batch) engine.add(doc)
      buildMs += performance.now() - started
      docs += batch.length
      after = last
    }
    const started = performance.now()
    await engine.finish()
    buildMs += performance.now() - started
    result.docs = docs
    result.buildSeconds = buildMs / 1000
  } catch (error) {
    skipAll(`building failed: ${describe(error)}`)
    return result
  } finally {
    db.close()
  }

  await helpers.collectGarbage()
  const heapAfter = helpers.usedHeap()
  if (request.engine === 'flexsearch-idb') {
    result.indexBytes = await storedJsonBytes(IDB_NAME)
    result.skipped.memory_mb = 'index in IndexedDB'
  } else if (heapBefore !== null && heapAfter !== null) {
    result.memoryBytes = heapAfter - heapBefore
  } else {
    result.skipped.memory_mb = 'this Chromium has no performance.memory'
  }

  try {
    for (const query of request.queries) result.counts[query.kind] = await engine.search(query)
    for (let r = 0; r < request.repeats; r++) {
      for (const query of request.queries) {
        const started = performance.now()
        await engine.search(query)
        result.queryMs.push(performance.now() - started)
      }
    }
  } catch (error) {
    result.queryMs = []
    result.skipped.p95_ms = `searching failed: ${describe(error)}`
  }

  try {
    const first = request.queries[0]
    const reloaded = first ? await engine.reload(first) : null
    if (first && reloaded) {
      result.startupMs = reloaded.startupMs
      if (request.engine !== 'flexsearch-idb') result.indexBytes = reloaded.bytes
      // The reloaded index must answer as the built one did.
      const count = await engine.search(first)
      if (count !== result.counts[first.kind]) {
        throw new Error(
          `the reloaded index finds ${count} releases for ${first.kind}, the built one ${result.counts[first.kind]}`,
        )
      }
    } else {
      const reason = engine.reloadSkipped ?? 'not serializable'
      result.skipped.startup_ms = reason
      if (result.indexBytes === null) result.skipped.index_mb = reason
    }
  } catch (error) {
    result.startupMs = null
    result.skipped.startup_ms = `serializing or loading failed: ${describe(error)}`
    if (request.engine !== 'flexsearch-idb') {
      result.indexBytes = null
      result.skipped.index_mb = result.skipped.startup_ms
    }
  }
  return result
}

async function createEngine(name: EngineName): Promise<Engine> {
  switch (name) {
    case 'minisearch':
      return miniSearch()
    case 'flexsearch':
      return flexSearch()
    case 'flexsearch-idb':
      return flexSearchIndexedDb()
  }
}

const MINISEARCH_OPTIONS: MiniSearchOptions<Doc> = {
  fields: ['title', 'text'],
  storeFields: ['lang'],
  tokenize: documentTerms,
  processTerm: (term) => term,
  searchOptions: { combineWith: 'AND', tokenize: queryTerms, processTerm: (term) => term },
}

function miniSearch(): Engine {
  let index: MiniSearch<Doc> | null = new MiniSearch<Doc>(MINISEARCH_OPTIONS)
  return {
    add: (doc) => index!.add(doc),
    finish: async () => {},
    search: async (query) =>
      index!.search(
        query.words,
        query.lang === null ? {} : { filter: (result) => result['lang'] === query.lang },
      ).length,
    reload: async () => {
      const json = JSON.stringify(index)
      const bytes = utf8Length(json)
      index = null
      const started = performance.now()
      index = MiniSearch.loadJSON<Doc>(json, MINISEARCH_OPTIONS)
      return { bytes, startupMs: performance.now() - started }
    },
  }
}

/** FlexSearch's encoder: a document's text, or a query's terms already made by `queryTerms`. */
function flexEncode(text: string): string[] {
  return text.startsWith(PRE_TOKENISED)
    ? text.slice(PRE_TOKENISED.length).split(' ').filter(Boolean)
    : documentTerms(text)
}

function flexOptions() {
  return {
    document: {
      id: 'id',
      index: [
        { field: 'title', encode: flexEncode },
        { field: 'text', encode: flexEncode },
      ],
    },
  }
}

type FlexDocument = InstanceType<typeof FlexSearch.Document<Doc>>

async function flexSearchQuery(
  index: FlexDocument,
  query: EngineQuery,
  langs: readonly string[],
): Promise<number> {
  const text = PRE_TOKENISED + queryTerms(query.words).join(' ')
  const options = { index: ['title', 'text'], limit: Math.max(1, langs.length), merge: true }
  const found = (await index.search(text, options as never)) as unknown as { id: number }[]
  return query.lang === null ? found.length : found.filter((r) => langs[r.id] === query.lang).length
}

function flexSearch(): Engine {
  const create = () => new FlexSearch.Document<Doc>(flexOptions() as never)
  let index: FlexDocument | null = create()
  const langs: string[] = []
  return {
    add: (doc) => {
      index!.add(doc)
      langs[doc.id] = doc.lang
    },
    finish: async () => {},
    search: (query) => flexSearchQuery(index!, query, langs),
    reload: async () => {
      const parts: [string, string][] = []
      let bytes = 0
      await index!.export((key: string, data: string) => {
        parts.push([key, data])
        bytes += utf8Length(key) + utf8Length(data ?? '')
      })
      index = null
      const started = performance.now()
      const loaded = create()
      for (const [key, data] of parts) loaded.import(key, data)
      index = loaded
      return { bytes, startupMs: performance.now() - started }
    },
  }
}

async function flexSearchIndexedDb(): Promise<Engine> {
  const create = async () => {
    const index = new FlexSearch.Document<Doc>({ ...flexOptions(), commit: false } as never)
    await index.mount(new IndexedDB(IDB_NAME) as never)
    return index
  }
  let index = await create()
  const langs: string[] = []
  return {
    add: (doc) => {
      void index.add(doc)
      langs[doc.id] = doc.lang
    },
    finish: () => index.commit(),
    search: (query) => flexSearchQuery(index, query, langs),
    reload: async (probe) => {
      const started = performance.now()
      index = await create()
      await flexSearchQuery(index, probe, langs)
      return { bytes: 0, startupMs: performance.now() - started }
    },
  }
}

/**
 * UTF-8 bytes of the JSON of every key and value in the databases FlexSearch made for
 * `name` (`flexsearch:<name>`, one per indexed field or one for all).
 */
async function storedJsonBytes(name: string): Promise<number> {
  let bytes = 0
  for (const info of await indexedDB.databases()) {
    if (!info.name?.startsWith(`flexsearch:${name}`)) continue
    const db = await request(indexedDB.open(info.name))
    try {
      for (const store of db.objectStoreNames) {
        await new Promise<void>((done, fail) => {
          const cursor = db.transaction(store, 'readonly').objectStore(store).openCursor()
          cursor.onerror = () => fail(cursor.error)
          cursor.onsuccess = () => {
            const at = cursor.result
            if (!at) return done()
            bytes += utf8Length(JSON.stringify(at.key)) + utf8Length(JSON.stringify(at.value))
            at.continue()
          }
        })
      }
    } finally {
      db.close()
    }
  }
  return bytes
}

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((done, fail) => {
    r.onsuccess = () => done(r.result)
    r.onerror = () => fail(r.error)
  })
}

function describe(error: unknown): string {
  if (error instanceof RangeError) return `${error.message} (out of memory or string size)`
  return error instanceof Error ? error.message : String(error)
}

/** UTF-8 bytes of a string, without encoding it (the strings may be hundreds of MB). */
export function utf8Length(text: string): number {
  let bytes = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c < 0x80) bytes += 1
    else if (c < 0x800) bytes += 2
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < text.length) {
      bytes += 4
      i += 1
    } else bytes += 3
  }
  return bytes
}
