/**
 * The page's side of the search indexer: starts it for an archive, wakes it after changes,
 * and tells listeners how far behind it is.
 */
import type { FromIndexWorker, ToIndexWorker } from './index-protocol'

export type IndexerStatus = { waiting: number; error: string | null }

export class Indexer {
  private readonly worker: Worker
  private readonly listeners = new Set<(status: IndexerStatus) => void>()
  status: IndexerStatus = { waiting: 0, error: null }

  constructor(dbName: string) {
    this.worker = new Worker(new URL('./index.worker.ts', import.meta.url), {
      type: 'module',
      name: 'search-index',
    })
    this.worker.onmessage = (event: MessageEvent<FromIndexWorker>) => {
      const m = event.data
      this.status =
        m.type === 'failed'
          ? { ...this.status, error: m.error }
          : { waiting: m.waiting, error: null }
      for (const listener of this.listeners) listener(this.status)
    }
    this.send({ type: 'open', dbName })
  }

  private send(message: ToIndexWorker): void {
    this.worker.postMessage(message)
  }

  /** The archive changed (an import batch, a correction): index what waits. */
  wake(): void {
    this.send({ type: 'wake' })
  }

  subscribe(listener: (status: IndexerStatus) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  dispose(): void {
    this.worker.terminate()
    this.listeners.clear()
  }
}
