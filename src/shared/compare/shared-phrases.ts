/**
 * Shared phrases between releases read side by side: wording one release has in common with
 * another, word for word after the folding search uses (case, look-alike letters, ё,
 * diacritics: `forEachToken` and `stripDiacritics`), within a paragraph.
 *
 * A shared phrase is SHARED_RUN words or more that both releases have in the same order. Since
 * official wording moves by a word or two ("the UN central coordinating role" in 2014, "the UN
 * playing a central coordinating role" in 2017), the words may come in runs with up to MAX_GAP
 * words between runs on either side; it is found from a run of at least SEED_RUN identical words
 * and grown both ways by runs of at least two words. A phrase is highlighted from its first
 * matched word to its last, the other words between included, and it has one number (its
 * colour) in both releases.
 */
import { stripDiacritics } from '../text/fold'
import { forEachToken } from '../text/tokens'

/** The fewest matched words that make a shared phrase. */
export const SHARED_RUN = 5
/** The shortest run of identical words a phrase is found from. */
const SEED_RUN = 3
/** The shortest run that grows a phrase past a gap. */
const GROW_RUN = 2
/** The most words between two runs of a phrase, on either side. */
const MAX_GAP = 2

/** A shared phrase in a paragraph: UTF-16 offsets into the paragraph's text. */
export type SharedSpan = { start: number; end: number; phrase: number }

export type SharedParagraph = {
  spans: SharedSpan[]
  /** Words in the paragraph, and how many of them a shared phrase matched in another release. */
  words: number
  sharedWords: number
}

export type SharedRelease = {
  paragraphs: SharedParagraph[]
  words: number
  sharedWords: number
}

/**
 * A release's words in one list: each folded word as a number (the same number for the same
 * word in every release compared), with its paragraph and offsets.
 */
type Words = { keys: Int32Array; paragraph: Int32Array; start: Int32Array; end: Int32Array }
/** The first and last words of a shared phrase in a release. */
type Span = { first: number; last: number }
/** A shared phrase in a release: its words, the phrase, and the runs of it matched. */
type Mark = Span & { phrase: number; runs: readonly Run[] }
/** Identical words in a row: the first word's index in each release, and how many. */
type Run = { i: number; j: number; length: number }

/**
 * The shared phrases of each release with any of the others (each release as its paragraphs'
 * texts), and the share of each paragraph and release that they cover.
 */
export function sharedPhrases(releases: readonly (readonly string[])[]): SharedRelease[] {
  const ids = new Map<string, number>()
  const words = releases.map((paragraphs) => wordsOf(paragraphs, ids))
  const seedKey = seedKeys(ids.size)
  const marks: Mark[][] = releases.map(() => [])
  const parent: number[] = []
  for (let x = 0; x < words.length; x++) {
    for (let y = x + 1; y < words.length; y++) {
      for (const { a, b, runs } of phrasePairs(words[x]!, words[y]!, seedKey)) {
        const phrase = parent.length
        parent.push(phrase)
        marks[x]!.push({ ...a, phrase, runs })
        marks[y]!.push({
          ...b,
          phrase,
          runs: runs.map(({ i, j, length }) => ({ i: j, j: i, length })),
        })
      }
    }
  }
  // Phrases that overlap in a release are one phrase, so it has one colour in every release.
  const find = (k: number): number => (parent[k] === k ? k : (parent[k] = find(parent[k]!)))
  const joined = marks.map((list) => {
    list.sort((x, y) => x.first - y.first || y.last - x.last)
    const out: Mark[] = []
    for (const mark of list) {
      const last = out[out.length - 1]
      if (last && mark.first <= last.last) {
        last.last = Math.max(last.last, mark.last)
        last.runs = [...last.runs, ...mark.runs]
        parent[find(mark.phrase)] = find(last.phrase)
      } else out.push({ ...mark })
    }
    return out
  })
  // Colours numbered from 0 in order of first appearance.
  const colours = new Map<number, number>()
  const colourOf = (phrase: number) => {
    const root = find(phrase)
    let colour = colours.get(root)
    if (colour === undefined) colours.set(root, (colour = colours.size))
    return colour
  }
  return words.map((w, r) => summarise(releases[r]!, w, joined[r]!, colourOf))
}

function wordsOf(paragraphs: readonly string[], ids: Map<string, number>): Words {
  const keys: number[] = []
  const paragraph: number[] = []
  const start: number[] = []
  const end: number[] = []
  paragraphs.forEach((text, p) => {
    forEachToken(text, (term, s, e) => {
      const key = stripDiacritics(term)
      let id = ids.get(key)
      if (id === undefined) ids.set(key, (id = ids.size))
      keys.push(id)
      paragraph.push(p)
      start.push(s)
      end.push(e)
    })
  })
  return {
    keys: Int32Array.from(keys),
    paragraph: Int32Array.from(paragraph),
    start: Int32Array.from(start),
    end: Int32Array.from(end),
  }
}

type SeedKey = (w: Words, i: number) => number | string | null

/**
 * The SEED_RUN words from word i of `w` as one key, or null where they leave its paragraph: a
 * number packing the three word numbers when `distinct` words allow it exactly, else a string.
 */
function seedKeys(distinct: number): SeedKey {
  const exact = distinct ** SEED_RUN <= Number.MAX_SAFE_INTEGER
  return (w, i) => {
    if (i + SEED_RUN > w.keys.length || w.paragraph[i] !== w.paragraph[i + SEED_RUN - 1])
      return null
    if (!exact) return w.keys.subarray(i, i + SEED_RUN).join(' ')
    let key = 0
    for (let k = 0; k < SEED_RUN; k++) key = key * distinct + w.keys[i + k]!
    return key
  }
}

/** Whether word i of a and word j of b are the same word. */
function same(a: Words, i: number, b: Words, j: number): boolean {
  return i >= 0 && j >= 0 && i < a.keys.length && j < b.keys.length && a.keys[i] === b.keys[j]
}

/**
 * The shared phrases of two releases, each as the [first, last] words it spans in each. A phrase
 * stays within one paragraph of each.
 */
function phrasePairs(a: Words, b: Words, seedKey: SeedKey): { a: Span; b: Span; runs: Run[] }[] {
  const seeds = new Map<number | string, number[]>()
  for (let j = 0; j < b.keys.length; j++) {
    const key = seedKey(b, j)
    if (key === null) continue
    const list = seeds.get(key)
    if (list) list.push(j)
    else seeds.set(key, [j])
  }
  const found: { a: Span; b: Span; runs: Run[] }[] = []
  // A seed inside a phrase already found is not grown again: each diagonal's (j - i) runs
  // matched so far, as [first i, last i, …].
  const done = new Map<number, number[]>()
  const isDone = (i: number, j: number) => {
    const runs = done.get(j - i)
    if (runs)
      for (let k = 0; k < runs.length; k += 2) if (runs[k]! <= i && i <= runs[k + 1]!) return true
    return false
  }
  for (let i = 0; i < a.keys.length; i++) {
    const key = seedKey(a, i)
    if (key === null) continue
    for (const j of seeds.get(key) ?? []) {
      if (isDone(i, j)) continue
      const pa = a.paragraph[i]!
      const pb = b.paragraph[j]!
      const inA = (k: number) => k >= 0 && k < a.keys.length && a.paragraph[k] === pa
      const inB = (k: number) => k >= 0 && k < b.keys.length && b.paragraph[k] === pb
      // The seed's whole run of identical words.
      let s = 0
      while (inA(i - s - 1) && inB(j - s - 1) && same(a, i - s - 1, b, j - s - 1)) s++
      let e = SEED_RUN
      while (inA(i + e) && inB(j + e) && same(a, i + e, b, j + e)) e++
      let firstA = i - s
      let firstB = j - s
      let lastA = i + e - 1
      let lastB = j + e - 1
      // The phrase's runs, each as its first word in a and b and its length.
      const runs: Run[] = [{ i: firstA, j: firstB, length: s + e }]
      // Runs of GROW_RUN identical words or more after a gap, the nearest first.
      for (;;) {
        const next = nearestRun(a, b, lastA + 1, lastB + 1, 1, inA, inB)
        if (!next) break
        runs.push(next)
        lastA = next.i + next.length - 1
        lastB = next.j + next.length - 1
      }
      for (;;) {
        const next = nearestRun(a, b, firstA - 1, firstB - 1, -1, inA, inB)
        if (!next) break
        firstA = next.i - next.length + 1
        firstB = next.j - next.length + 1
        runs.push({ i: firstA, j: firstB, length: next.length })
      }
      let matched = 0
      for (const run of runs) {
        matched += run.length
        const diagonal = done.get(run.j - run.i)
        if (diagonal) diagonal.push(run.i, run.i + run.length - 1)
        else done.set(run.j - run.i, [run.i, run.i + run.length - 1])
      }
      if (matched < SHARED_RUN) continue
      found.push({ a: { first: firstA, last: lastA }, b: { first: firstB, last: lastB }, runs })
    }
  }
  return found
}

/**
 * From word i of a and j of b, going in `direction`, the nearest run of at least GROW_RUN
 * identical words that starts after at most MAX_GAP words on each side (its first word, in
 * that direction, at i and j, and its length), or null.
 */
function nearestRun(
  a: Words,
  b: Words,
  i: number,
  j: number,
  direction: 1 | -1,
  inA: (k: number) => boolean,
  inB: (k: number) => boolean,
): Run | null {
  for (let gaps = 0; gaps <= 2 * MAX_GAP; gaps++) {
    for (let ga = Math.max(0, gaps - MAX_GAP); ga <= Math.min(gaps, MAX_GAP); ga++) {
      const si = i + direction * ga
      const sj = j + direction * (gaps - ga)
      let length = 0
      while (
        inA(si + direction * length) &&
        inB(sj + direction * length) &&
        same(a, si + direction * length, b, sj + direction * length)
      )
        length++
      if (length >= GROW_RUN) return { i: si, j: sj, length }
    }
  }
  return null
}

/** A release's spans per paragraph and its shares. */
function summarise(
  paragraphs: readonly string[],
  w: Words,
  marks: readonly Mark[],
  colourOf: (phrase: number) => number,
): SharedRelease {
  const out: SharedParagraph[] = paragraphs.map(() => ({ spans: [], words: 0, sharedWords: 0 }))
  const matched = new Uint8Array(w.keys.length)
  for (const mark of marks) {
    for (const run of mark.runs) matched.fill(1, run.i, run.i + run.length)
    out[w.paragraph[mark.first]!]!.spans.push({
      start: w.start[mark.first]!,
      end: w.end[mark.last]!,
      phrase: colourOf(mark.phrase),
    })
  }
  for (let k = 0; k < w.keys.length; k++) {
    const p = out[w.paragraph[k]!]!
    p.words++
    p.sharedWords += matched[k]!
  }
  return {
    paragraphs: out,
    words: w.keys.length,
    sharedWords: out.reduce((sum, p) => sum + p.sharedWords, 0),
  }
}
