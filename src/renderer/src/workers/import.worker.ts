/// <reference lib="webworker" />
/**
 * The import worker: decoding, parsing, extraction and the archive writes all
 * happen here, off the UI thread. It opens the same archive database as the
 * page; Dexie tells the page's live queries about every write.
 */
import { ArchiveDb } from '../db/archive-db'
import { processBatch } from './import-batch'
import type { FromWorker, ToWorker } from './import-protocol'

declare const self: DedicatedWorkerGlobalScope

let db: ArchiveDb | null = null
// Batches run one after another, in the order they arrive.
let queue: Promise<void> = Promise.resolve()

const post = (message: FromWorker) => self.postMessage(message)

self.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data
  if (message.type === 'open') {
    db?.close()
    db = new ArchiveDb(message.dbName)
    return
  }
  queue = queue.then(async () => {
    try {
      if (!db) throw new Error('the archive is not open')
      const items = await processBatch(db, message, (fileName) =>
        post({ type: 'file', seq: message.seq, fileName }),
      )
      post({ type: 'done', seq: message.seq, items })
    } catch (error) {
      post({
        type: 'failed',
        seq: message.seq,
        error: error instanceof Error ? error.message : String(error),
      })
    }
  })
}
