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
    ready: Promise<{ languages: string[]; paragraphs: number }>
    runImport(request: ImportRunRequest): Promise<ImportRunResult>
  }
  benchProgress?: (message: ImportProgressMessage) => Promise<void>
}

/**
 * The tags bench (bench/tags/bench.ts) drives a second page built from this folder,
 * page/tags.html: it builds one archive with the same synthetic releases and
 * import path, then times tagging on it. Its page exposes `window.benchTags`.
 */
export type TagsArchiveResult = {
  n: number
  /** From the start of runImport to its end. */
  importSeconds: number
  status: string
  error: string | null
  /** Releases in the archive after the import: what "Select all" selects. */
  releasesStored: number
  /** navigator.storage.estimate().usage after the import. */
  usageBytes: number
  generatedBytes: number
  generatedParagraphs: number
}

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
    ready: Promise<{ languages: string[]; paragraphs: number }>
    /** Deletes every database of the origin and imports n synthetic releases into a new archive. */
    buildArchive(request: ImportRunRequest): Promise<TagsArchiveResult>
    /** One run of the timed operations; a run after the first first removes what the last left. */
    measure(): Promise<TagsRunResult>
    /** Closes the archive and deletes every database of the origin. */
    close(): Promise<void>
  }
  benchProgress?: (message: ImportProgressMessage) => Promise<void>
}
