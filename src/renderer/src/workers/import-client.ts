/**
 * The UI thread's side of the import workers: send a batch, get its outcomes.
 * `workerEngine` runs a few prepare workers and one store worker (see
 * import-protocol.ts); `inProcessEngine` runs the same batch code on the
 * calling thread, for unit tests (Node has no Worker) and nothing else.
 */
import type { ArchiveDb } from '../db/archive-db'
import { ArchiveCatalog } from '../db/repositories/releases-repo'
import { processBatch } from './import-batch'
import type {
  BatchRequest,
  FromWorker,
  ImportReportItem,
  ToPrepareWorker,
  ToStoreWorkerFromUi,
} from './import-protocol'

export interface ImportEngine {
  /** How many batches may be in flight at once for the engine to stay busy. */
  readonly parallelism: number
  run(
    request: Omit<BatchRequest, 'type' | 'seq'>,
    onFile?: (name: string) => void,
  ): Promise<ImportReportItem[]>
  /** False once a worker has died: make a new engine. */
  readonly usable: boolean
  dispose(): void
}

/**
 * Prepare workers: one per core, at most four. Preparing is nearly all of an
 * import's work; the store worker mostly waits on the database, and the UI
 * thread only hands out batches (on two cores, two prepare workers import
 * about a third faster than one: bench/import).
 */
export function defaultPreparers(): number {
  const cores = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency || 2 : 2
  return Math.max(1, Math.min(4, cores))
}

export function workerEngine(dbName: string, preparers: number = defaultPreparers()): ImportEngine {
  const store = new Worker(new URL('./store.worker.ts', import.meta.url), {
    type: 'module',
    name: 'import-store',
  })
  const prepare = Array.from(
    { length: preparers },
    (_, i) =>
      new Worker(new URL('./prepare.worker.ts', import.meta.url), {
        type: 'module',
        name: `import-prepare-${i + 1}`,
      }),
  )
  const pending = new Map<
    number,
    {
      resolve: (items: ImportReportItem[]) => void
      reject: (e: Error) => void
      onFile?: (name: string) => void
    }
  >()
  let seq = 0
  let next = 0
  let broken: Error | null = null

  const onMessage = (event: MessageEvent<FromWorker>) => {
    const message = event.data
    const waiter = pending.get(message.seq)
    if (!waiter) return
    if (message.type === 'file') return waiter.onFile?.(message.fileName)
    pending.delete(message.seq)
    if (message.type === 'done') waiter.resolve(message.items)
    else waiter.reject(new Error(message.error))
  }
  // A dead worker leaves a batch that will never be written, and the store worker
  // writes in order: everything in flight fails, and so does every later batch.
  const onError = (event: ErrorEvent) => {
    broken = new Error(`an import worker stopped: ${event.message || 'unknown error'}`)
    for (const waiter of pending.values()) waiter.reject(broken)
    pending.clear()
  }

  store.onmessage = onMessage
  store.onerror = onError
  store.postMessage({ type: 'open', dbName, firstSeq: 1 } satisfies ToStoreWorkerFromUi)
  for (const worker of prepare) {
    const channel = new MessageChannel()
    worker.onmessage = onMessage
    worker.onerror = onError
    worker.postMessage({ type: 'connect', store: channel.port1 } satisfies ToPrepareWorker, [
      channel.port1,
    ])
    store.postMessage({ type: 'connect', port: channel.port2 } satisfies ToStoreWorkerFromUi, [
      channel.port2,
    ])
  }

  return {
    parallelism: preparers + 1,
    get usable() {
      return broken === null
    },
    run(request, onFile) {
      if (broken) return Promise.reject(broken)
      const id = ++seq
      const worker = prepare[next] as Worker
      next = (next + 1) % prepare.length
      // Bytes read by the desktop shell move to the worker instead of being copied.
      const transfer = request.files.flatMap((f) =>
        'bytes' in f && f.bytes.byteOffset === 0 && f.bytes.byteLength === f.bytes.buffer.byteLength
          ? [f.bytes.buffer as ArrayBuffer]
          : [],
      )
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject, onFile })
        worker.postMessage(
          { type: 'batch', seq: id, ...request } satisfies ToPrepareWorker,
          transfer,
        )
      })
    },
    dispose: () => {
      store.terminate()
      for (const worker of prepare) worker.terminate()
    },
  }
}

export function inProcessEngine(db: ArchiveDb): ImportEngine {
  const archive = new ArchiveCatalog()
  return {
    parallelism: 1,
    usable: true,
    run: (request, onFile) => processBatch(db, request, archive, onFile),
    dispose: () => {},
  }
}
