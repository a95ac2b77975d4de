/**
 * The UI thread's side of the import worker: send a batch, get its outcomes.
 * `inProcessEngine` runs the same batch code on the calling thread, for unit
 * tests (Node has no Worker) and nothing else.
 */
import type { ArchiveDb } from '../db/archive-db'
import { processBatch } from './import-batch'
import type { BatchRequest, FromWorker, ImportReportItem, ToWorker } from './import-protocol'

export interface ImportEngine {
  run(
    request: Omit<BatchRequest, 'type' | 'seq'>,
    onFile?: (name: string) => void,
  ): Promise<ImportReportItem[]>
  dispose(): void
}

export function workerEngine(dbName: string): ImportEngine {
  const worker = new Worker(new URL('./import.worker.ts', import.meta.url), {
    type: 'module',
    name: 'import',
  })
  const pending = new Map<
    number,
    {
      resolve: (items: ImportReportItem[]) => void
      reject: (e: Error) => void
      onFile?: (name: string) => void
    }
  >()
  let seq = 0
  worker.onmessage = (event: MessageEvent<FromWorker>) => {
    const message = event.data
    const waiter = pending.get(message.seq)
    if (!waiter) return
    if (message.type === 'file') return waiter.onFile?.(message.fileName)
    pending.delete(message.seq)
    if (message.type === 'done') waiter.resolve(message.items)
    else waiter.reject(new Error(message.error))
  }
  worker.onerror = (event) => {
    const error = new Error(`the import worker stopped: ${event.message || 'unknown error'}`)
    for (const waiter of pending.values()) waiter.reject(error)
    pending.clear()
  }
  const send = (message: ToWorker, transfer: Transferable[] = []) =>
    worker.postMessage(message, transfer)
  send({ type: 'open', dbName })

  return {
    run(request, onFile) {
      const id = ++seq
      // Bytes read by the desktop shell move to the worker instead of being copied.
      const transfer = request.files.flatMap((f) =>
        'bytes' in f && f.bytes.byteOffset === 0 && f.bytes.byteLength === f.bytes.buffer.byteLength
          ? [f.bytes.buffer as ArrayBuffer]
          : [],
      )
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject, onFile })
        send({ type: 'batch', seq: id, ...request }, transfer)
      })
    },
    dispose: () => worker.terminate(),
  }
}

export function inProcessEngine(db: ArchiveDb): ImportEngine {
  let seq = 0
  return {
    run: (request, onFile) => processBatch(db, { type: 'batch', seq: ++seq, ...request }, onFile),
    dispose: () => {},
  }
}
