/// <reference lib="webworker" />
/**
 * A prepare worker: reads, decodes, parses and extracts the
 * batches it is given (prepareBatch), then hands each prepared batch to the
 * store worker over its port. Several run at once. Which files were imported
 * before it asks the store worker, which holds the archive's catalog: a
 * prepare worker never opens the archive, so it never waits on the writer's
 * transactions.
 */
import type { KnownFile } from '../db/repositories/releases-repo'
import { prepareBatch, type LookUpKnown } from './import-batch'
import type { FromStoreWorker, FromWorker, ToPrepareWorker, ToStoreWorker } from './import-protocol'

declare const self: DedicatedWorkerGlobalScope

let store: MessagePort | null = null
let lookups = 0
const answers = new Map<
  number,
  { resolve: (known: (KnownFile | null)[]) => void; reject: (e: Error) => void }
>()
/** How often, at most, the worker tells the UI thread which file it is on. */
const NAME_INTERVAL_MS = 100
let lastNamed = -Infinity
// Batches are prepared one after another, in the order they arrive.
let queue: Promise<void> = Promise.resolve()

const post = (message: FromWorker) => self.postMessage(message)

const lookUp: LookUpKnown = (files) =>
  new Promise((resolve, reject) => {
    if (!store) return reject(new Error('the import writer is not connected'))
    const id = ++lookups
    answers.set(id, { resolve, reject })
    store.postMessage({ type: 'lookup', id, files } satisfies ToStoreWorker)
  })

self.onmessage = (event: MessageEvent<ToPrepareWorker>) => {
  const message = event.data
  if (message.type === 'connect') {
    store = message.store
    store.onmessage = (e: MessageEvent<FromStoreWorker>) => {
      const answer = e.data
      const waiter = answers.get(answer.id)
      if (!waiter) return
      answers.delete(answer.id)
      if ('error' in answer) waiter.reject(new Error(answer.error))
      else waiter.resolve(answer.known)
    }
    return
  }
  queue = queue.then(async () => {
    const toStore = (m: ToStoreWorker, transfer: Transferable[] = []) => {
      if (store) store.postMessage(m, transfer)
      else post({ type: 'failed', seq: message.seq, error: 'the import writer is not connected' })
    }
    try {
      const { type, seq, ...request } = message
      const batch = await prepareBatch(request, lookUp, (fileName) => {
        // The progress bar names the file being read; ten names a second are plenty.
        const now = performance.now()
        if (now - lastNamed < NAME_INTERVAL_MS) return
        lastNamed = now
        post({ type: 'file', seq, fileName })
      })
      // The encoded texts move to the store worker instead of being copied.
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
