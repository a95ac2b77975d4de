/// <reference lib="webworker" />
/**
 * A prepare worker: reads, decodes, parses, extracts and compresses the
 * batches it is given (prepareBatch), then hands each prepared batch to the
 * store worker over its port. Several run at once; only the store worker
 * writes. It opens the archive too, to recognise files already imported.
 */
import { ArchiveDb } from '../db/archive-db'
import { prepareBatch } from './import-batch'
import type { FromWorker, ToPrepareWorker, ToStoreWorker } from './import-protocol'

declare const self: DedicatedWorkerGlobalScope

let db: ArchiveDb | null = null
let store: MessagePort | null = null
// Batches are prepared one after another, in the order they arrive.
let queue: Promise<void> = Promise.resolve()

const post = (message: FromWorker) => self.postMessage(message)

self.onmessage = (event: MessageEvent<ToPrepareWorker>) => {
  const message = event.data
  if (message.type === 'open') {
    db?.close()
    db = new ArchiveDb(message.dbName)
    store = message.store
    return
  }
  queue = queue.then(async () => {
    const toStore = (m: ToStoreWorker, transfer: Transferable[] = []) => {
      if (store) store.postMessage(m, transfer)
      else post({ type: 'failed', seq: m.seq, error: 'the import writer is not connected' })
    }
    try {
      if (!db) throw new Error('the archive is not open')
      const { type, seq, ...request } = message
      const batch = await prepareBatch(db, request, (fileName) =>
        post({ type: 'file', seq, fileName }),
      )
      // The compressed texts move to the store worker instead of being copied.
      const transfer = batch.items.flatMap((item) =>
        item.kind === 'release' ? [item.release.body.buffer as ArrayBuffer] : [],
      )
      toStore({ type: 'store', seq, batch }, transfer)
    } catch (error) {
      toStore({
        type: 'failed',
        seq: message.seq,
        error: error instanceof Error ? error.message : String(error),
      })
    }
  })
}
