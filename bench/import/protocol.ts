/**
 * What the driver (Node) and the bench page (Chromium) say to each other through
 * Playwright: the page exposes `window.bench`, the driver exposes
 * `window.benchProgress`. Types only; both sides import them.
 */

/** The paragraph pool (out/bench/pool.json), built by ../pool.ts from the corpus. */
export type Pool = {
  /** Corpus files read, per folder. */
  sources: Record<string, number>
  languages: PoolLanguage[]
}

export type PoolLanguage = {
  lang: string
  /** Corpus files in this language: how often a synthetic release is in it. */
  weight: number
  titles: string[]
  paragraphs: string[]
}

export type ImportRunRequest = {
  /** How many synthetic releases to import. */
  n: number
  /** Seed of the release generator: the same seed gives the same releases. */
  seed: number
}

export type ImportRunResult = {
  n: number
  /** From the start of runImport to its end. */
  importSeconds: number
  /** Only the bulkAdd transactions into the second database. */
  ceilingWriteSeconds: number
  /** Rows the ceiling run wrote: releases, band chunks and import-log chunks. */
  ceilingRows: { releases: number; catalogChunks: number; importLogChunks: number }
  /** Longest main-thread task seen during the import; 0 when none was over 50 ms. */
  longestTaskMs: number
  /** Main-thread tasks over 50 ms during the import. */
  longTasks: number
  /** navigator.storage.estimate().usage after the import, before the ceiling run. */
  usageBytes: number
  status: string
  error: string | null
  counts: Record<string, number>
  /** Releases in the archive after the import. */
  releasesStored: number
  /** Bytes and paragraphs of the generated files, to describe them. */
  generatedBytes: number
  generatedParagraphs: number
}

export type ImportProgressMessage = { done: number; total: number; rate: number }

export type BenchPage = {
  bench: {
    /** True once pool.json has loaded. */
    ready: Promise<PoolSummary>
    runImport(request: ImportRunRequest): Promise<ImportRunResult>
  }
  benchProgress?: (message: ImportProgressMessage) => Promise<void>
}

/**
 * The tags bench (bench/tags/bench.ts) drives a second page built from this folder,
 * page/tags.html: it builds one archive with the same synthetic releases and
 * import path, then times tagging on it. Its page exposes `window.benchTags`.
 */
/** What a page reports of the archive it built from n synthetic releases. */
export type SyntheticArchive = {
  n: number
  /** From the start of runImport to its end. */
  importSeconds: number
  status: string
  error: string | null
  /** Releases in the archive after the import: what "Select all" selects. */
  releasesStored: number
  /** navigator.storage.estimate().usage once the archive is built. */
  usageBytes: number
  generatedBytes: number
  generatedParagraphs: number
}

/** The pool as a page reports it once loaded. */
export type PoolSummary = { languages: string[]; paragraphs: number }

export type TagsArchiveResult = SyntheticArchive

/** One run of the timed operations on the archive, in milliseconds. */
export type TagsRunResult = {
  /** selectableIds(db, null): the ids "Select all" selects. */
  selectAllMs: number
  /** libraryIds(db, tenth's tag): the list a click on a tag in the sidebar shows, newest first. */
  filterByTagMs: number
  /** ensureTag(db, 'Bench/All') and setReleasesTag(db, allIds, tagId, true). */
  tagAllMs: number
  /** Of which ensureTag. */
  ensureTagMs: number
  /** applyEdit(db, edit, 'undo') of the setReleasesTag edit. */
  undoTagAllMs: number
  /** tagCounts(db) with every release tagged once and a tenth tagged a second time. */
  tagCountsMs: number
  /** mergeTag of the tenth's tag into the one on every release. */
  mergeMs: number
  /** Longest main-thread task during tag all; 0 when none was over 50 ms. */
  longestTaskMs: number
  /** Main-thread tasks over 50 ms during tag all. */
  longTasks: number
  /** Peak and starting `performance.memory.usedJSHeapSize` during tag all; null without it. */
  heapPeakBytes: number | null
  heapBeforeBytes: number | null
  /** `usedJSHeapSize` after tag all and a garbage collection: what the edit and the ids keep. */
  heapKeptBytes: number | null
  /** Rows the tag-all edit names: every release, since none carried the tag. */
  editChanges: number
  /** Releases the second tag went on: every tenth of the list. */
  tenth: number
}

export type TagsBenchPage = {
  benchTags: {
    ready: Promise<PoolSummary>
    /** Deletes every database of the origin and imports n synthetic releases into a new archive. */
    buildArchive(request: ImportRunRequest): Promise<TagsArchiveResult>
    /** One run of the timed operations; a run after the first first removes what the last left. */
    measure(): Promise<TagsRunResult>
    /** Closes the archive and deletes every database of the origin. */
    close(): Promise<void>
  }
  benchProgress?: (message: ImportProgressMessage) => Promise<void>
}

/* The search bench (bench/search/bench.ts and page/search.ts, search.engines.ts). */

export type SearchArchiveResult = SyntheticArchive & {
  /** The archive's database name. */
  name: string
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
  /** Indexing and merging the segments. */
  buildSeconds: number
  /** Of which merging the segments (search-repo mergeSegments). */
  mergeSeconds: number
  /** Seconds of each segment (indexPending's onProgress), to see whether later ones cost more. */
  segmentSeconds: number[]
  indexed: number
  /** Segments after merging. */
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
  /** Phrase history and See also, as the compare features look them up. */
  lookups: LookupResult
}

/**
 * The archive-wide lookups of the compare features, each on sample releases spread over the
 * archive, with the postings cache cleared before each.
 */
export type LookupResult = {
  /** Per sample: a ten-word phrase of one of its paragraphs, and the releases that have it. */
  phrases: { text: string; releases: number }[]
  /** Timed phrase-history lookups (search, then order by date), in ms. */
  phraseHistoryMs: number[]
  /** Per sample release: how many releases See also lists (up to ten). */
  similar: number[]
  /** Timed See also lookups (read the release, "More like this", the first ten), in ms. */
  seeAlsoMs: number[]
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

/** A query of the set as the engines take it: its words, and a language condition. */
export type EngineQuery = { kind: string; words: string; lang: string | null }

export type EngineRequest = {
  engine: EngineName
  /** The archive's database name. */
  archive: string
  queries: EngineQuery[]
  /** Timed searches of each query. */
  repeats: number
}

export type EngineResult = {
  engine: EngineName
  docs: number
  buildSeconds: number | null
  /** Every timed search, in ms. */
  queryMs: number[]
  /** Releases each query found, by kind. */
  counts: Record<string, number>
  /** usedJSHeapSize after gc with the index built, less the same before. */
  memoryBytes: number | null
  /**
   * Serialized size (UTF-8 bytes); for flexsearch-idb, the JSON of every key and value in its
   * databases (as the app's index_mb counts its vocabulary and documents).
   */
  indexBytes: number | null
  /** Loading the serialized index back (flexsearch-idb: mounting it and a first search). */
  startupMs: number | null
  /** Why a figure is missing, by the row's metric suffix (build_s, p95_ms, …). */
  skipped: Record<string, string>
}

export type SearchBenchPage = {
  benchSearch: {
    ready: Promise<PoolSummary>
    buildArchive(request: ImportRunRequest): Promise<SearchArchiveResult>
    measure(request: MeasureRequest): Promise<MeasureResult>
    texts(request: {
      archive: string
      after: string | null
      count: number
    }): Promise<{ releases: ReleaseText[]; last: string | null }>
    first: Promise<FirstResult> | null
    afterFirst(queries: BenchQuery[]): Promise<AfterFirstResult>
    lookups(request: { archive: string }): Promise<LookupResult>
    engine(request: EngineRequest): Promise<EngineResult>
  }
  benchProgress?: (message: ImportProgressMessage) => Promise<void>
}

/* The backup bench (bench/backup/bench.ts and page/backup.ts). */

export type BackupArchiveResult = SyntheticArchive & {
  /** indexPending over the whole archive. */
  indexSeconds: number
  /** Notes added, one on every hundredth release. */
  annotations: number
  /** Releases carrying the tag put on all of them. */
  tagged: number
}

/** One Back Up Now and Restore… of the archive, with the app's functions. */
export type BackupRunResult = {
  /** createBackup: export, sums, zip. */
  backupSeconds: number
  /** The backup file. */
  fileBytes: number
  /** archive.json inside it: every table as exported. */
  dataBytes: number
  /** checkBackup: unzip, SHA-256 of the archive data, schema, row counts. */
  checkSeconds: number
  /** restoreInto a new database: import, every table summed against the manifest, opened. */
  restoreSeconds: number
  /** tableChecksums of the archive and of the restored database, computed apart from the above. */
  compareSeconds: number
  tables: number
  rows: number
  /** Tables whose row count or SHA-256 differ between the archive and the restored database. */
  mismatched: string[]
  /** Releases, annotations and tags in the restored database. */
  restored: { releases: number; annotations: number; tags: number }
  /** `usedJSHeapSize` after the backup and a garbage collection, the file still held; null without it. */
  heapAfterBackupBytes: number | null
}

export type BackupBenchPage = {
  benchBackup: {
    ready: Promise<PoolSummary>
    /** Deletes every database, imports n synthetic releases, indexes them, adds notes and a tag. */
    buildArchive(request: ImportRunRequest): Promise<BackupArchiveResult>
    /** Backs the archive up, checks the file, restores it beside it, compares, deletes the copy. */
    measure(): Promise<BackupRunResult>
    close(): Promise<void>
  }
  benchProgress?: (message: ImportProgressMessage) => Promise<void>
  benchStep?: (message: string) => Promise<void>
}
