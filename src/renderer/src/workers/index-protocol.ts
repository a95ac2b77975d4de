/** Messages between the page and the search indexer (index.worker). */
export type ToIndexWorker =
  /** Index this archive from now on. */
  | { type: 'open'; dbName: string }
  /** The archive changed: look for releases to index now. */
  | { type: 'wake' }

export type FromIndexWorker =
  | { type: 'progress'; indexed: number; waiting: number }
  | { type: 'idle'; waiting: number }
  | { type: 'failed'; error: string }
