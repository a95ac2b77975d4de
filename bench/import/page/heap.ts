/**
 * The JS heap, for the bench pages: garbage collection between timed operations (`gc`, exposed
 * by the drivers' --js-flags=--expose-gc) and Chromium's non-standard `performance.memory`, exact
 * with --enable-precise-memory-info.
 */

/** How long a finished operation is left to settle before garbage is collected. */
const SETTLE_MS = 100
/** How often the JS heap is sampled during an operation, when the thread is free between steps. */
const HEAP_SAMPLE_MS = 5

type MemoryInfo = { usedJSHeapSize: number }

/**
 * Full garbage collections once the last transaction's requests and events are done
 * with. Two: what IndexedDB's request and cursor objects held is freed only by the
 * collection after the one that frees them (measured: one leaves 30-50 MB of 60 after
 * tagging 10,000 releases, a second frees it).
 */
export async function collectGarbage(): Promise<void> {
  await new Promise((done) => setTimeout(done, SETTLE_MS))
  const gc = (globalThis as { gc?: () => void }).gc
  gc?.()
  gc?.()
}

/** `usedJSHeapSize` now: each read of `performance.memory` is a snapshot taken then. */
export function usedHeap(): number | null {
  return (performance as Performance & { memory?: MemoryInfo }).memory?.usedJSHeapSize ?? null
}

/**
 * The largest `usedJSHeapSize` seen: at the start, every few milliseconds while the
 * thread is free between steps, and at the end. Null where Chromium has no `performance.memory`.
 */
export function watchHeap(): { stop: () => { peak: number; before: number } | null } {
  const before = usedHeap()
  if (before === null) return { stop: () => null }
  let peak = before
  const sample = () => {
    peak = Math.max(peak, usedHeap() ?? 0)
  }
  const timer = setInterval(sample, HEAP_SAMPLE_MS)
  return {
    stop: () => {
      clearInterval(timer)
      sample()
      return { peak, before }
    },
  }
}
