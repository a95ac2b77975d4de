import { describe, expect, it } from 'vitest'
import type { SearchDoc, SearchHit } from './engine'
import { HitList, RANKED_FIRST, selectSmallest } from './hit-list'
import { searchDoc } from './test-support/search-doc'

const doc = (docNo: number): SearchDoc => searchDoc({ docNo, length: 1, paragraphLengths: [1] })

/** Units 0..n-1 with the given scores, as the engine hands them over. */
function listOf(scores: number[]): { list: HitList; made: number[] } {
  const made: number[] = []
  const docs = scores.map((_, i) => doc(i))
  const list = HitList.ranked(
    {
      count: scores.length,
      hit: (i): SearchHit => {
        made.push(i)
        return { doc: docs[i]!, paragraph: 0, score: scores[i]! }
      },
      releases: () => docs,
    },
    Float64Array.from(scores),
  )
  return { list, made }
}

/** The order a comparator gives: score descending, ties by unit. */
const expected = (scores: number[]) =>
  scores.map((_, i) => i).sort((a, b) => scores[b]! - scores[a]! || a - b)

function random(seed: number): () => number {
  let s = seed
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0
    return s / 2 ** 32
  }
}

describe('HitList', () => {
  it('ranks by score, ties in key order, past the first ranked results as well', () => {
    const next = random(7)
    // Few distinct scores, so that many tie.
    const scores = Array.from({ length: RANKED_FIRST * 3 + 17 }, () => Math.floor(next() * 40) / 7)
    const { list } = listOf(scores)
    expect(list.length).toBe(scores.length)
    expect(list.toArray().map((h) => h.doc.docNo)).toEqual(expected(scores))
  })

  it('makes only the hits that are read', () => {
    const scores = Array.from({ length: 5000 }, (_, i) => (i * 37) % 101)
    const { list, made } = listOf(scores)
    expect(made).toEqual([])
    const first = list.at(0)!
    expect(first.score).toBe(100)
    expect(made).toHaveLength(1)
    expect(list.at(0)).toBe(first)
    expect(made).toHaveLength(1)
    expect(list.at(5000)).toBeUndefined()
    expect(list.at(-1)).toBeUndefined()
  })

  it('lists each release once without making hits', () => {
    const docs = [doc(1), doc(1), doc(2), doc(5), doc(5), doc(5)]
    let made = 0
    const list = HitList.ranked(
      {
        count: docs.length,
        hit: (i) => {
          made++
          return { doc: docs[i]!, paragraph: i, score: 1 }
        },
        releases: () => docs,
      },
      Float64Array.from(docs, () => 1),
    )
    expect(list.releases().map((d) => d.docNo)).toEqual([1, 2, 5])
    expect(made).toBe(0)
  })

  it('keeps a given order', () => {
    const hits = [3, 1, 2].map((n) => ({ doc: doc(n), paragraph: 0, score: 0 }))
    expect(HitList.of(hits).toArray()).toEqual(hits)
    expect(HitList.EMPTY.length).toBe(0)
  })
})

describe('selectSmallest', () => {
  it('moves the k smallest values to the front', () => {
    const next = random(3)
    for (const [n, k] of [
      [1, 1],
      [10, 3],
      [5000, 1000],
      [5000, 4999],
      [300, 300],
    ] as const) {
      const values = Float64Array.from({ length: n }, () => Math.floor(next() * 50))
      const sorted = [...values].sort((a, b) => a - b)
      selectSmallest(values, k)
      expect([...values.subarray(0, k)].sort((a, b) => a - b)).toEqual(sorted.slice(0, k))
    }
  })
})
