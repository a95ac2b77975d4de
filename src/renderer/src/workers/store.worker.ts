/// <reference lib="webworker" />
/**
 * The store worker: the import's one writer. Prepared batches arrive from the
 * prepare workers, possibly out of order; it writes them strictly in the order
 * the UI thread sent them (storeBatch), so which of two equal files is "the
 * duplicate" never depends on which worker was faster. Dexie tells the page's
 * live queries about every write.
 */
import { ArchiveDb } from '../db/archive-db'
import { ArchiveBands, storeBatch } from '../db/repositories/releases-repo'
import type { FromWorker, ToStoreWorker, ToStoreWorkerFromUi } from './import-protocol'

declare const self: DedicatedWorkerGlobalScope

let db: ArchiveDb | null = null
let bands = new ArchiveBands()
let nextSeq = 1
const waiting = new Map<number, ToStoreWorker>()
let writing: Promise<void> = Promise.resolve()

const post = (message: FromWorker) => self.postMessage(message)

self.onmessage = (event: MessageEvent<ToStoreWorkerFromUi>) => {
  const message = event.data
  if (message.type === 'open') {
    db?.close()
    db = new ArchiveDb(message.dbName)
    bands = new ArchiveBands()
    nextSeq = message.firstSeq
    return
  }
  message.port.onmessage = (e: MessageEvent<ToStoreWorker>) => {
    waiting.set(e.data.seq, e.data)
    writing = writing.then(drain)
  }
}

/** Writes every batch that is next in line. */
async function drain(): Promise<void> {
  for (let next = waiting.get(nextSeq); next; next = waiting.get(nextSeq)) {
    waiting.delete(nextSeq)
    nextSeq += 1
    if (next.type === 'failed') {
      post(next)
      continue
    }
    try {
      if (!db) throw new Error('the archive is not open')
      const items = await storeBatch(db, next.batch, bands)
      post({ type: 'done', seq: next.seq, items })
    } catch (error) {
      post({
        type: 'failed',
        seq: next.seq,
        error: error instanceof Error ? error.message : String(error),
      })
    }
  }
}
