/**
 * The archive's MinHash bands in memory: which releases share a band with a
 * new one, so that it can be judged a new version of them
 * (shared/release/similarity).
 *
 * Sixteen band keys per release in an IndexedDB multi-entry index would be
 * sixteen index writes for every release imported, the largest single cost of
 * an import. Instead the import worker keeps every band of the archive here:
 * each band key folded to a 31-bit number and packed with the release's
 * ordinal into one float64 (31 + 22 bits, exact below 2^53), in one sorted
 * typed array. 100,000 releases take 12.8 MB and a lookup is a binary search
 * per band. Releases added since the array was last sorted wait in a small
 * map and are merged in when it grows.
 *
 * Releases are known by their ordinal, the order they were added in; the
 * caller (shared/release/catalog) keeps what each stands for. A folded band
 * key can collide with another; that only adds a candidate, which judging
 * then compares on the full signature.
 */

/** Ordinals take the low 22 bits: up to 4,194,304 releases. */
const ORDINAL_BITS = 22
const ORDINAL_SPAN = 2 ** ORDINAL_BITS
export const MAX_RELEASES = ORDINAL_SPAN
/** Releases waiting in the map before they are merged into the sorted array (at least). */
const MIN_PENDING = 4_096

/** A band key ("3.1k2j9a") as a 31-bit number. */
export function bandNumber(key: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return (h >>> 1) & 0x7fffffff
}

export function bandNumbers(keys: readonly string[]): Uint32Array {
  const out = new Uint32Array(keys.length)
  for (let i = 0; i < keys.length; i++) out[i] = bandNumber(keys[i] as string)
  return out
}

export class BandTable {
  private count = 0
  private sorted = new Float64Array(0)
  private pending = new Map<number, number[]>()
  private pendingEntries = 0

  /** Releases added: the next one is this ordinal. */
  get size(): number {
    return this.count
  }

  /**
   * Adds the bands of the next release, which gets the ordinal `size`, and
   * returns it. The caller keeps what the ordinal stands for.
   */
  add(bands: ArrayLike<number>): number {
    if (this.count >= MAX_RELEASES) {
      throw new Error(`the band table holds at most ${MAX_RELEASES} releases`)
    }
    const ordinal = this.count++
    for (let i = 0; i < bands.length; i++) {
      const band = bands[i] as number
      const list = this.pending.get(band)
      if (list) list.push(ordinal)
      else this.pending.set(band, [ordinal])
      this.pendingEntries += 1
    }
    if (this.pendingEntries > Math.max(MIN_PENDING * 16, this.sorted.length / 4)) this.merge()
    return ordinal
  }

  /** Ordinals of the releases that share at least one band with these, in the order they were added. */
  candidates(bands: ArrayLike<number>): number[] {
    const found = new Set<number>()
    const sorted = this.sorted
    for (let i = 0; i < bands.length; i++) {
      const band = bands[i] as number
      for (const ordinal of this.pending.get(band) ?? []) found.add(ordinal)
      const low = band * ORDINAL_SPAN
      const high = low + ORDINAL_SPAN
      let lo = 0
      let hi = sorted.length
      while (lo < hi) {
        const mid = (lo + hi) >>> 1
        if ((sorted[mid] as number) < low) lo = mid + 1
        else hi = mid
      }
      for (let j = lo; j < sorted.length && (sorted[j] as number) < high; j++) {
        found.add((sorted[j] as number) - low)
      }
    }
    return [...found].sort((a, b) => a - b)
  }

  private merge(): void {
    const merged = new Float64Array(this.sorted.length + this.pendingEntries)
    merged.set(this.sorted)
    let at = this.sorted.length
    for (const [band, ordinals] of this.pending) {
      for (const ordinal of ordinals) merged[at++] = band * ORDINAL_SPAN + ordinal
    }
    merged.sort()
    this.sorted = merged
    this.pending = new Map()
    this.pendingEntries = 0
  }
}
