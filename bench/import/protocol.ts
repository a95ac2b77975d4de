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
