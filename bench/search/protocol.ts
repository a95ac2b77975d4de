/**
 * What the search bench's driver and its page (bench/import/page/search.ts and
 * search.engines.ts) say to each other. Types only, mirroring the page's own: the two
 * TypeScript projects (tsconfig.node.json, tsconfig.web.json) are composite and cannot
 * share a file that only one of them includes, and bench/import/protocol.ts, which both
 * include, belongs to the import bench. Keep the two copies in step.
 */
import type { ImportProgressMessage, ImportRunRequest } from '../import/protocol.ts'

export type SearchArchiveResult = {
  n: number
  /** The archive's database name. */
  name: string
  importSeconds: number
  status: string
  error: string | null
  releasesStored: number
  usageBytes: number
  generatedBytes: number
  generatedParagraphs: number
}

/** One query of the set as the page runs it: its kind (row `q_<kind>_ms`) and the text as typed. */
export type BenchQuery = { kind: string; text: string }

export type QueryOutcome = {
  kind: string
  /** Releases found (release results). */
  releases: number
  /** Paragraphs found (paragraph results). */
  paragraphs: number
  /** Every term the query matched, as the engine reports them. */
  terms: string[]
  /** For each whitespace-separated word of the query's plain words, the terms it alone matches. */
  groups: string[][]
}

export type MeasureRequest = {
  /** The archive's database name. */
  archive: string
  queries: BenchQuery[]
  /** The plain words of each query, by kind (no quotes, no fields), for `groups`. */
  plain: Record<string, string>
  /** Timed searches of each query (release results). */
  repeats: number
}

export type MeasureResult = {
  buildSeconds: number
  /** Seconds of each segment (indexPending's onProgress), to see whether later ones cost more. */
  segmentSeconds: number[]
  indexed: number
  segments: number
  postingsBytes: number
  vocabularyBytes: number
  docsBytes: number
  terms: number
  outcomes: QueryOutcome[]
  /** Per query of the set, in its order: the timed searches, in ms. */
  releaseMs: number[][]
  /** Per query: one paragraph-results search, in ms. */
  paragraphMs: number[]
}

export type ReleaseText = { title: string; paragraphs: string[]; lang: string | null }

export type FirstResult = {
  /** From the start of the page's script to the first search's outcome. */
  firstResultMs: number
  /** The same end, from the navigation's start. */
  sinceNavigationMs: number
  openMs: number
  refreshMs: number
  searchMs: number
  releases: number
  docs: number
}

export type AfterFirstResult = {
  heapBytes: number | null
  heapWithoutReaderBytes: number | null
}

export type EngineName = 'minisearch' | 'flexsearch' | 'flexsearch-idb'

export type EngineQuery = { kind: string; words: string; lang: string | null }

export type EngineRequest = {
  engine: EngineName
  archive: string
  queries: EngineQuery[]
  repeats: number
}

export type EngineResult = {
  engine: EngineName
  docs: number
  buildSeconds: number | null
  queryMs: number[]
  counts: Record<string, number>
  memoryBytes: number | null
  indexBytes: number | null
  startupMs: number | null
  /** Why a figure is missing, by the row's metric suffix (build_s, p95_ms, …). */
  skipped: Record<string, string>
}

export type SearchBenchPage = {
  benchSearch: {
    ready: Promise<unknown>
    buildArchive(request: ImportRunRequest): Promise<SearchArchiveResult>
    measure(request: MeasureRequest): Promise<MeasureResult>
    texts(request: {
      archive: string
      after: string | null
      count: number
    }): Promise<{ releases: ReleaseText[]; last: string | null }>
    first: Promise<FirstResult> | null
    afterFirst(queries: BenchQuery[]): Promise<AfterFirstResult>
    engine(request: EngineRequest): Promise<EngineResult>
  }
  benchProgress?: (message: ImportProgressMessage) => Promise<void>
}
