/// <reference lib="webworker" />
/**
 * The search indexer: indexes the releases waiting for it (search-repo `indexPending`), then
 * merges the index's segments (`mergeSegments`), off the UI thread, whenever the page says the
 * archive changed and, as a safety net, every few seconds. One indexer per archive works at a
 * time, across windows (a Web Lock), so two windows never index the same releases twice over.
 */
import { ArchiveDb } from '../db/archive-db'
import {
  indexPending,
  mergePending,
  mergeSegments,
  pendingCount,
} from '../db/repositories/search-repo'
import type { FromIndexWorker, ToIndexWorker } from './index-protocol'

declare const self: DedicatedWorkerGlobalScope

/** How often the indexer looks for waiting releases nobody told it about. */
const POLL_MS = 3000

let db: ArchiveDb | null = null
let running: Promise<void> | null = null
let again = false
let timer: ReturnType<typeof setTimeout> | null = null

const post = (message: FromIndexWorker) => self.postMessage(message)

self.onmessage = (event: MessageEvent<ToIndexWorker>) => {
  const message = event.data
  if (message.type === 'open') {
    db?.close()
    db = new ArchiveDb(message.dbName)
  }
  wake()
}

function wake(): void {
  if (timer) clearTimeout(timer)
  timer = null
  if (running) {
    again = true
    return
  }
  running = work().finally(() => {
    running = null
    if (again) {
      again = false
      wake()
    } else {
      timer = setTimeout(wake, POLL_MS)
    }
  })
}

async function work(): Promise<void> {
  const archive = db
  if (!archive) return
  try {
    if ((await pendingCount(archive)) === 0 && !(await mergePending(archive))) {
      post({ type: 'idle', waiting: 0 })
      return
    }
    const index = async () => {
      await indexPending(archive, {
        onProgress: (indexed, waiting) => post({ type: 'progress', indexed, waiting }),
        shouldStop: () => archive !== db,
      })
      // Merging waits while releases wait: a wake-up stops it, and the next round indexes
      // them first and then finishes the merge.
      await mergeSegments(archive, { shouldStop: () => archive !== db || again })
    }
    if (typeof navigator !== 'undefined' && 'locks' in navigator) {
      await navigator.locks.request(`communique-search-index:${archive.name}`, index)
    } else {
      await index()
    }
    post({ type: 'idle', waiting: await pendingCount(archive) })
  } catch (error) {
    post({ type: 'failed', error: error instanceof Error ? error.message : String(error) })
  }
}
