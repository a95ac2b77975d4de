/**
 * A search's results in rank order, made as they are read. A word in most of 100,000 releases
 * matches tens of thousands of them; the result list shows a screenful, the facet panel counts
 * releases and the saved searches only the count. So a hit object is made when the list asks
 * for it, and ranking sorts the first RANKED_FIRST results by selection, the rest only when the
 * list is scrolled past them.
 */
import type { SearchDoc, SearchHit } from './engine'

/** Results ranked before the list is handed over; the rest when first read. */
export const RANKED_FIRST = 1000

/** Index bits of a packed sort key: up to 2^21 results sort natively. */
const INDEX_SPAN = 2 ** 21
/** Scores are kept to 2^-20 for sorting (BM25 sums stay far below 2^32 / 2^20). */
const SCORE_SCALE = 2 ** 20

/** What a HitList reads: the matching units (releases or paragraphs) and how to make a hit. */
export type HitSource = {
  count: number
  /** The unit at `index` (in key order) as a hit. */
  hit(index: number): SearchHit
  /** The release of every unit, a release's units together (in key order). */
  releases(): Iterable<SearchDoc>
}

let empty: HitList | undefined

export class HitList implements Iterable<SearchHit> {
  private readonly made: (SearchHit | undefined)[] = []

  private constructor(
    private readonly source: HitSource,
    private readonly ranking: Ranking,
  ) {}

  /** Ranked by `scores` (highest first, ties in key order), or in `order` when given. */
  static ranked(source: HitSource, scores: Float64Array | null, order?: Uint32Array): HitList {
    return new HitList(source, new Ranking(source.count, scores, order))
  }

  /** A list of hits already made and ordered. */
  static of(hits: readonly SearchHit[]): HitList {
    const docs = [...new Set(hits.map((h) => h.doc))]
    return HitList.ranked({ count: hits.length, hit: (i) => hits[i]!, releases: () => docs }, null)
  }

  /** No results (one list, so that a memo over it does not change). */
  static get EMPTY(): HitList {
    return (empty ??= HitList.of([]))
  }

  get length(): number {
    return this.source.count
  }

  /** The hit at rank `rank` (0 is the best), or undefined past the end. */
  at(rank: number): SearchHit | undefined {
    if (!(rank >= 0 && rank < this.length)) return undefined
    let hit = this.made[rank]
    if (!hit) this.made[rank] = hit = this.source.hit(this.ranking.at(rank))
    return hit
  }

  *[Symbol.iterator](): Iterator<SearchHit> {
    for (let rank = 0; rank < this.length; rank++) yield this.at(rank)!
  }

  toArray(): SearchHit[] {
    return [...this]
  }

  /** The releases among the hits, each once, without making the hits. */
  releases(): SearchDoc[] {
    const out: SearchDoc[] = []
    for (const doc of this.source.releases()) {
      if (doc.docNo !== out[out.length - 1]?.docNo) out.push(doc)
    }
    return out
  }
}

/** Which unit is at each rank: the first RANKED_FIRST found by selection, the rest sorted later. */
class Ranking {
  /** Packed keys (see pack), the first `sorted` of them in final order. */
  private packed: Float64Array | null = null
  private sorted = 0
  private readonly order: Uint32Array | null

  constructor(
    private readonly count: number,
    scores: Float64Array | null,
    order?: Uint32Array,
  ) {
    this.order = order ?? null
    if (order || !scores || count < 2) return
    this.packed = pack(scores, count)
    if (!this.packed) {
      // Too many results or scores too large to pack: a comparator over them all.
      const byComparator = new Uint32Array(count)
      for (let i = 0; i < count; i++) byComparator[i] = i
      byComparator.sort((a, b) => scores[b]! - scores[a]! || a - b)
      this.order = byComparator
      return
    }
    if (count <= RANKED_FIRST) {
      this.packed.sort()
      this.sorted = count
    } else {
      selectSmallest(this.packed, RANKED_FIRST)
      this.packed.subarray(0, RANKED_FIRST).sort()
      this.sorted = RANKED_FIRST
    }
  }

  at(rank: number): number {
    if (this.order) return this.order[rank]!
    const packed = this.packed
    if (!packed) return rank
    if (rank >= this.sorted) {
      packed.subarray(this.sorted).sort()
      this.sorted = this.count
    }
    return packed[rank]! % INDEX_SPAN
  }
}

/**
 * Each score and its unit's index packed into one float64 that sorts ascending in rank order
 * (the engine's native numeric sort, several times faster than a comparator); null when they
 * do not fit.
 */
function pack(scores: Float64Array, count: number): Float64Array | null {
  let top = 0
  for (let i = 0; i < count; i++) top = Math.max(top, scores[i]!)
  const quantised = Math.ceil(top * SCORE_SCALE)
  if (count >= INDEX_SPAN || quantised * INDEX_SPAN >= Number.MAX_SAFE_INTEGER) return null
  const packed = new Float64Array(count)
  for (let i = 0; i < count; i++) {
    packed[i] = (quantised - Math.round(scores[i]! * SCORE_SCALE)) * INDEX_SPAN + i
  }
  return packed
}

/** Moves the k smallest values of `values` to its front, in any order (quickselect). */
export function selectSmallest(values: Float64Array, k: number): void {
  let low = 0
  let high = values.length - 1
  while (low < high) {
    // Median of three as the pivot.
    const mid = (low + high) >>> 1
    const a = values[low]!
    const b = values[mid]!
    const c = values[high]!
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b
    let i = low
    let j = high
    while (i <= j) {
      while (values[i]! < pivot) i++
      while (values[j]! > pivot) j--
      if (i <= j) {
        const t = values[i]!
        values[i++] = values[j]!
        values[j--] = t
      }
    }
    if (k - 1 <= j) high = j
    else if (k - 1 >= i) low = i
    else return
  }
}
