/**
 * Paragraph alignment of two releases: which paragraph of one stands for which of the other.
 *
 * Paragraphs are compared as bags of words, folded as search folds them (`forEachToken`), by
 * the Dice coefficient: twice the words they share over the words they have (1 for the same
 * words in any order, 0 for none in common). The alignment keeps both releases' order and
 * maximises the sum of the similarities of the pairs it makes (dynamic programming over the two
 * lists, as Needleman-Wunsch, with no cost for leaving a paragraph unpaired). A pair counts only
 * at MIN_SIMILARITY or more, so an unrelated paragraph is a gap, not a poor match.
 *
 * Besides one-to-one pairs, one paragraph may stand for two consecutive paragraphs of the other
 * (a paragraph split in two, or two joined), when each of the two shares most of its words with
 * it (Gale and Church's 2-1 beads in sentence alignment).
 *
 * A paragraph that moved cannot be paired in order. After the alignment, the unpaired
 * paragraphs of each side are paired across, most similar first, at MOVED_SIMILARITY or more,
 * and marked as moved.
 *
 * Translations share few words, so releases in different languages are aligned as
 * translations: paragraph for paragraph (no joins, no moves), by the numbers they share (dates,
 * counts, article numbers) and by how near their places in the two releases are.
 */
import { forEachToken } from '../text/tokens'

/** Below this Dice similarity two paragraphs are not paired in order. */
export const MIN_SIMILARITY = 0.3
/** Below this Dice similarity an unpaired paragraph is not taken as moved. */
export const MOVED_SIMILARITY = 0.5
/** The share of its words each of two joined paragraphs must have in the one they stand for. */
const JOIN_CONTAINMENT = 0.5

/** One row of an alignment: paragraphs of the left and right release (indexes) that go together. */
export type AlignedRow =
  | {
      kind: 'pair'
      /** One paragraph, or two consecutive ones standing for one on the other side. */
      left: readonly number[]
      right: readonly number[]
      /** Dice similarity of their words, 0 to 1. */
      similarity: number
      /** The words are the same, in the same order. */
      identical: boolean
    }
  | {
      kind: 'left' | 'right'
      /** The paragraph, on the side `kind` names. */
      paragraph: number
      /** Where it moved to on the other side (a paragraph index), or null: it has no partner. */
      moved: number | null
      /** The similarity to the paragraph it moved to (0 when not moved). */
      similarity: number
    }

/** A paragraph's words as sorted term ids, and the ids in order. */
type Bag = { sorted: Int32Array; sequence: Int32Array }

/**
 * Aligns the paragraphs of two releases. Rows come in the order of both: every paragraph of
 * each side is in exactly one row, and a moved paragraph is in a row of its own on each side.
 */
export function alignParagraphs(
  left: readonly string[],
  right: readonly string[],
  kind: 'versions' | 'translations' = 'versions',
): AlignedRow[] {
  const translations = kind === 'translations'
  const ids = new Map<string, number>()
  const bag = (text: string): Bag => {
    const sequence: number[] = []
    forEachToken(text, (term) => {
      // A translation shares its numbers (dates, counts, article numbers), not its words.
      if (translations && !NUMBER.test(term)) return
      let id = ids.get(term)
      if (id === undefined) ids.set(term, (id = ids.size))
      sequence.push(id)
    })
    const seq = Int32Array.from(sequence)
    return { sequence: seq, sorted: seq.slice().sort() }
  }
  const a = left.map(bag)
  const b = right.map(bag)
  const n = a.length
  const m = b.length

  // Best total similarity of a[0..i) with b[0..j), and the step that reached it.
  const score = new Float64Array((n + 1) * (m + 1))
  const step = new Uint8Array((n + 1) * (m + 1))
  const at = (i: number, j: number) => i * (m + 1) + j
  const SKIP_LEFT = 1
  const SKIP_RIGHT = 2
  const ONE_ONE = 3
  const ONE_TWO = 4
  const TWO_ONE = 5
  // Words shared by every pair of paragraphs, then their similarities.
  const shared = commonCounts(a, b)
  const pairSimilarity = new Float64Array(n * m)
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      pairSimilarity[i * m + j] = translations
        ? translationSimilarity(a[i]!, b[j]!, shared[i * m + j]!, (i + 0.5) / n - (j + 0.5) / m)
        : diceOf(shared[i * m + j]!, a[i]!.sorted.length + b[j]!.sorted.length)
    }
  }
  const sharedWith = (i: number, j: number) => shared[i * m + j]!
  for (let i = 0; i <= n; i++) {
    for (let j = 0; j <= m; j++) {
      if (i === 0 && j === 0) continue
      // The best of the steps that reach (i, j); on a tie the one considered first.
      let best = -1
      let how = 0
      if (i > 0 && j > 0) {
        const s = pairSimilarity[(i - 1) * m + (j - 1)]!
        const value = score[at(i - 1, j - 1)]! + s
        if (s >= MIN_SIMILARITY && value > best) [best, how] = [value, ONE_ONE]
      }
      if (i > 0 && j > 1 && !translations) {
        const s = joined(
          a[i - 1]!,
          b[j - 2]!,
          b[j - 1]!,
          sharedWith(i - 1, j - 2),
          sharedWith(i - 1, j - 1),
        )
        const value = score[at(i - 1, j - 2)]! + s
        if (s >= MIN_SIMILARITY && value > best) [best, how] = [value, ONE_TWO]
      }
      if (i > 1 && j > 0 && !translations) {
        const s = joined(
          b[j - 1]!,
          a[i - 2]!,
          a[i - 1]!,
          sharedWith(i - 2, j - 1),
          sharedWith(i - 1, j - 1),
        )
        const value = score[at(i - 2, j - 1)]! + s
        if (s >= MIN_SIMILARITY && value > best) [best, how] = [value, TWO_ONE]
      }
      // Tied, the right's gap is taken first going back, so a left gap comes first in the rows.
      if (j > 0 && score[at(i, j - 1)]! > best) [best, how] = [score[at(i, j - 1)]!, SKIP_RIGHT]
      if (i > 0 && score[at(i - 1, j)]! > best) [best, how] = [score[at(i - 1, j)]!, SKIP_LEFT]
      score[at(i, j)] = best
      step[at(i, j)] = how
    }
  }

  // Back from the end: the rows in reverse.
  const reversed: AlignedRow[] = []
  const pair = (l: number[], r: number[]): AlignedRow => {
    const similarity =
      l.length === 1 && r.length === 1
        ? pairSimilarity[l[0]! * m + r[0]!]!
        : l.length === 1
          ? joined(
              a[l[0]!]!,
              b[r[0]!]!,
              b[r[1]!]!,
              sharedWith(l[0]!, r[0]!),
              sharedWith(l[0]!, r[1]!),
            )
          : joined(
              b[r[0]!]!,
              a[l[0]!]!,
              a[l[1]!]!,
              sharedWith(l[0]!, r[0]!),
              sharedWith(l[1]!, r[0]!),
            )
    const identical =
      !translations &&
      l.length === 1 &&
      r.length === 1 &&
      sameSequence(a[l[0]!]!.sequence, b[r[0]!]!.sequence)
    return { kind: 'pair', left: l, right: r, similarity, identical }
  }
  for (let i = n, j = m; i > 0 || j > 0;) {
    switch (step[at(i, j)]) {
      case ONE_ONE:
        reversed.push(pair([i - 1], [j - 1]))
        i--
        j--
        break
      case ONE_TWO:
        reversed.push(pair([i - 1], [j - 2, j - 1]))
        i--
        j -= 2
        break
      case TWO_ONE:
        reversed.push(pair([i - 2, i - 1], [j - 1]))
        i -= 2
        j--
        break
      case SKIP_LEFT:
        reversed.push({ kind: 'left', paragraph: --i, moved: null, similarity: 0 })
        break
      default:
        reversed.push({ kind: 'right', paragraph: --j, moved: null, similarity: 0 })
        break
    }
  }
  const rows = reversed.reverse()
  if (!translations) markMoved(rows, pairSimilarity, m)
  return rows
}

/** A term that is a number: digits only. */
const NUMBER = /^\p{Nd}+$/u

/**
 * How alike a paragraph and its possible translation are: half from the numbers they share
 * (Dice, when either has any; else as much as the place), half from how near their places are
 * (`offset`: the difference of their relative positions in their releases, -1 to 1).
 */
function translationSimilarity(x: Bag, y: Bag, shared: number, offset: number): number {
  const place = 1 - Math.abs(offset)
  const total = x.sorted.length + y.sorted.length
  const numbers = total === 0 ? place : diceOf(shared, total)
  return (numbers + place) / 2
}

/** Pairs unpaired paragraphs across the alignment, most similar first. */
function markMoved(rows: AlignedRow[], similarity: Float64Array, m: number): void {
  const unpaired = (kind: 'left' | 'right') =>
    rows.filter((r): r is Extract<AlignedRow, { kind: 'left' | 'right' }> => r.kind === kind)
  const lefts = unpaired('left')
  const rights = unpaired('right')
  const candidates: { l: (typeof lefts)[number]; r: (typeof rights)[number]; s: number }[] = []
  for (const l of lefts) {
    for (const r of rights) {
      const s = similarity[l.paragraph * m + r.paragraph]!
      if (s >= MOVED_SIMILARITY) candidates.push({ l, r, s })
    }
  }
  candidates.sort((x, y) => y.s - x.s || x.l.paragraph - y.l.paragraph)
  for (const { l, r, s } of candidates) {
    if (l.moved !== null || r.moved !== null) continue
    l.moved = r.paragraph
    r.moved = l.paragraph
    l.similarity = s
    r.similarity = s
  }
}

/** Dice similarity from the words two bags share and the words they have (1 for two empty bags). */
function diceOf(shared: number, total: number): number {
  return total === 0 ? 1 : (2 * shared) / total
}

/** Dice similarity of two sorted bags of term ids. */
function dice(x: Int32Array, y: Int32Array): number {
  return diceOf(common(x, y), x.length + y.length)
}

/** Words two sorted bags share, counted with repetition. */
function common(x: Int32Array, y: Int32Array): number {
  let i = 0
  let j = 0
  let shared = 0
  while (i < x.length && j < y.length) {
    if (x[i]! < y[j]!) i++
    else if (x[i]! > y[j]!) j++
    else {
      shared++
      i++
      j++
    }
  }
  return shared
}

/**
 * Words shared by every paragraph of `a` with every paragraph of `b` (row-major, `a` by `b`),
 * counted with repetition. Through the postings of `b`'s words: a pair of paragraphs with no
 * word in common costs nothing, where merging every pair's bags would read both whole.
 */
function commonCounts(a: readonly Bag[], b: readonly Bag[]): Int32Array {
  const m = b.length
  const out = new Int32Array(a.length * m)
  // For each term, the paragraphs of b that have it and how often: flat [paragraph, count, …].
  const postings = new Map<number, number[]>()
  b.forEach((bag, j) =>
    runs(bag.sorted, (term, count) => {
      let list = postings.get(term)
      if (!list) postings.set(term, (list = []))
      list.push(j, count)
    }),
  )
  a.forEach((bag, i) =>
    runs(bag.sorted, (term, count) => {
      const list = postings.get(term)
      if (!list) return
      for (let k = 0; k < list.length; k += 2) {
        const at = i * m + list[k]!
        out[at] = out[at]! + Math.min(count, list[k + 1]!)
      }
    }),
  )
  return out
}

/** Each distinct term of a sorted bag with how often it occurs. */
function runs(sorted: Int32Array, visit: (term: number, count: number) => void): void {
  for (let i = 0; i < sorted.length;) {
    let j = i + 1
    while (j < sorted.length && sorted[j] === sorted[i]) j++
    visit(sorted[i]!, j - i)
    i = j
  }
}

/**
 * Similarity of `one` with two consecutive paragraphs taken together, or 0 when either of the
 * two shares less than JOIN_CONTAINMENT of its words with `one` (it is not part of it).
 * `firstShared` and `secondShared`: the words `one` shares with each (commonCounts).
 */
function joined(
  one: Bag,
  first: Bag,
  second: Bag,
  firstShared: number,
  secondShared: number,
): number {
  if (first.sorted.length === 0 || second.sorted.length === 0) return 0
  if (firstShared < JOIN_CONTAINMENT * first.sorted.length) return 0
  if (secondShared < JOIN_CONTAINMENT * second.sorted.length) return 0
  const both = new Int32Array(first.sorted.length + second.sorted.length)
  both.set(first.sorted)
  both.set(second.sorted, first.sorted.length)
  both.sort()
  return dice(one.sorted, both)
}

function sameSequence(x: Int32Array, y: Int32Array): boolean {
  if (x.length !== y.length) return false
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false
  return true
}
