/// <reference lib="webworker" />
/**
 * The store worker: the import's one writer, and the only import worker that
 * opens the archive. Prepared batches arrive from the prepare workers,
 * possibly out of order; it writes them strictly in the order the UI thread
 * sent them (storeBatch), so which of two equal files is "the duplicate" never
 * depends on which worker was faster. It answers the prepare workers' lookups
 * of files imported before from the catalog it keeps (knownFiles). Dexie tells
 * the page's live queries about every write.
 */
import { ArchiveDb } from '../db/archive-db'
import { ArchiveCatalog, knownFiles, storeBatch } from '../db/repositories/releases-repo'
import type {
  FromStoreWorker,
  FromWorker,
  PreparedMessage,
  ToStoreWorker,
  ToStoreWorkerFromUi,
} from './import-protocol'

declare const self: DedicatedWorkerGlobalScope

let db: ArchiveDb | null = null
let archive = new ArchiveCatalog()
let nextSeq = 1
const waiting = new Map<number, PreparedMessage>()
let writing: Promise<void> = Promise.resolve()

const post = (message: FromWorker) => self.postMessage(message)

self.onmessage = (event: MessageEvent<ToStoreWorkerFromUi>) => {
  const message = event.data
  if (message.type === 'open') {
    db?.close()
    db = new ArchiveDb(message.dbName)
    archive = new ArchiveCatalog()
    nextSeq = message.firstSeq
    return
  }
  const port = message.port
  port.onmessage = (e: MessageEvent<ToStoreWorker>) => {
    const m = e.data
    if (m.type === 'lookup') {
      const answer = (reply: FromStoreWorker) => port.postMessage(reply)
      if (!db) return answer({ type: 'known', id: m.id, error: 'the archive is not open' })
      knownFiles(db, archive, m.files).then(
        (known) => answer({ type: 'known', id: m.id, known }),
        (error: unknown) =>
          answer({
            type: 'known',
            id: m.id,
            error: error instanceof Error ? error.message : String(error),
          }),
      )
      return
    }
    waiting.set(m.seq, m)
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
      const items = await storeBatch(db, next.batch, archive)
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
