/**
 * Carrying annotations and paragraph tags from one version of a release to the
 * next. A passage is placed where its quote is found unambiguously: first in
 * a paragraph with the same key (the same text), then as an exact quote, then
 * by a fuzzy match (diff-match-patch) that its prefix or suffix confirms.
 * Anything else is not placed, with the reason, and goes to review: never
 * dropped, never attached to a look-alike sentence.
 *
 * The rules that keep a passage off look-alikes:
 * - A paragraph whose key is in both versions is the same paragraph, carried
 *   as it is. So a passage whose paragraph changed can only have gone into a
 *   paragraph that is new in `to`: an occurrence in an unchanged paragraph was
 *   there before, as a different passage, and is never taken.
 * - Among the new paragraphs, the one its old paragraph became (its successor,
 *   see `carryParagraph`) comes first; elsewhere the quote's context must
 *   agree.
 * - A fuzzy match must read as the same words: at least 80% alike by edit
 *   distance, word for word the same words up to spelling, punctuation or
 *   inflection (no word added, dropped or replaced, no number changed), with
 *   its prefix or suffix agreeing, and the only such match.
 */
import DiffMatchPatch from 'diff-match-patch'
import { chooseOccurrence, commonPrefixLength, commonSuffixLength, occurrences } from './locate'
import type { Located } from './locate'
import { paragraphStarts, readingText, selectorsFor, splitsPair } from './reading-text'
import type { VersionText } from './reading-text'
import type { TextPosition, TextQuote } from './types'

export type Placeable = {
  id: string
  paragraphKey: string
  quote: TextQuote
  position: TextPosition
}

export type Placement = {
  id: string
  /** Where it goes in the new version, or null when it needs review. */
  placed: { paragraphKey: string; quote: TextQuote; position: TextPosition } | null
  how: 'same-paragraph' | 'exact' | 'fuzzy' | null
  /** Why it could not be placed, in words, when it could not. */
  reason: string | null
}

/** diff-match-patch's operation codes (its DIFF_EQUAL and DIFF_DELETE). */
const EQUAL = 0
const DELETE = -1

/**
 * Bitap's error budget: a match may differ from the pattern in about 30% of
 * its characters before match_main gives up. The stricter checks after it
 * decide; this only finds candidates.
 */
const MATCH_THRESHOLD = 0.3
/** A fuzzy match must be at least this alike to the quote (1 - edit distance / length). */
const MIN_QUOTE_SIMILARITY = 0.8
/** Two words count as the same word (spelling, inflection) when this alike. */
const MIN_WORD_SIMILARITY = 0.75
/**
 * Code units of context, next to the passage, that must still be there for a
 * prefix or suffix to agree (or all of it, when it is shorter).
 */
const CONTEXT_AGREEMENT = 8
/** A paragraph's successor must share at least this much of its words… */
const MIN_PARAGRAPH_SIMILARITY = 0.6
/** …and be this much more alike than the next best paragraph. */
const PARAGRAPH_MARGIN = 0.1
/** Fuzzy matches looked for in one paragraph before giving up on telling them apart. */
const MAX_MATCHES_PER_PARAGRAPH = 8
/** How much of a quote a reason repeats. */
const QUOTE_IN_REASON = 60

/** Words: runs of letters and digits, except that each Han character is a word of its own. */
const WORD_RE = /\p{Script=Han}|(?:(?!\p{Script=Han})[\p{L}\p{N}])+/gu

let sharedMatcher: DiffMatchPatch | null = null

function matcher(): DiffMatchPatch {
  if (sharedMatcher === null) {
    sharedMatcher = new DiffMatchPatch()
    sharedMatcher.Match_Threshold = MATCH_THRESHOLD
    // Where in a rewritten paragraph a passage moved to says little; the text decides.
    sharedMatcher.Match_Distance = 100_000
    sharedMatcher.Diff_Timeout = 0.5
  }
  return sharedMatcher
}

export function carryAnnotations(
  from: VersionText,
  to: VersionText,
  items: readonly Placeable[],
): Placement[] {
  const carry = new Carry(from, to)
  return items.map((item) => carry.place(item))
}

/**
 * The key of the paragraph in `to` that paragraph `key` of `from` became: the
 * same key when it is unchanged, otherwise the one clearly most like it, or
 * null when none is.
 */
export function carryParagraph(from: VersionText, to: VersionText, key: string): string | null {
  if (to.keys.includes(key)) return key
  const index = from.keys.indexOf(key)
  if (index === -1) return null
  const carry = new Carry(from, to)
  const successor = carry.successor(index)
  return successor === null ? null : (to.keys[successor] as string)
}

/**
 * Share of words two texts have in common, in order: twice the words a
 * word-level diff keeps over the words of both (1 for the same words, 0 for
 * none in common).
 */
export function paragraphSimilarity(a: string, b: string): number {
  const wordsA = words(a)
  const wordsB = words(b)
  if (wordsA.length + wordsB.length === 0) return a === b ? 1 : 0
  const codes = new Map<string, string>()
  const encode = (list: string[]) =>
    list
      .map((word) => {
        let code = codes.get(word)
        if (code === undefined) {
          code = wordCode(codes.size)
          codes.set(word, code)
        }
        return code
      })
      .join('')
  const diffs = matcher().diff_main(encode(wordsA), encode(wordsB), false)
  let same = 0
  for (const [op, text] of diffs) if (op === EQUAL) same += text.length
  return (2 * same) / (wordsA.length + wordsB.length)
}

/** One code unit per distinct word, skipping the surrogate range; very long texts share the last. */
function wordCode(index: number): string {
  const unit = 0x100 + index
  if (unit < 0xd800) return String.fromCharCode(unit)
  return String.fromCharCode(Math.min(unit + 0x800, 0xfffd))
}

function words(text: string): string[] {
  return text.toLowerCase().match(WORD_RE) ?? []
}

class Carry {
  private readonly toReading: string
  private readonly fromStarts: number[]
  private readonly toStarts: number[]
  private readonly fromIndex = new Map<string, number>()
  private readonly toIndex = new Map<string, number>()
  /** Paragraphs of `to` whose keys `from` does not have: the only places a moved passage can go. */
  private readonly fresh: number[]
  private readonly successors = new Map<number, number | null>()

  constructor(
    private readonly from: VersionText,
    private readonly to: VersionText,
  ) {
    this.toReading = readingText(to.title, to.paragraphs)
    this.fromStarts = paragraphStarts(from.title, from.paragraphs)
    this.toStarts = paragraphStarts(to.title, to.paragraphs)
    from.keys.forEach((key, index) => this.fromIndex.set(key, index))
    to.keys.forEach((key, index) => this.toIndex.set(key, index))
    this.fresh = to.keys.flatMap((key, index) => (this.fromIndex.has(key) ? [] : [index]))
  }

  /** The index in `to` of the new paragraph clearly most like paragraph `index` of `from`. */
  successor(index: number): number | null {
    const known = this.successors.get(index)
    if (known !== undefined) return known
    const old = this.from.paragraphs[index] ?? ''
    let best: number | null = null
    let bestScore = 0
    let runnerUp = 0
    for (const candidate of this.fresh) {
      const score = paragraphSimilarity(old, this.to.paragraphs[candidate] as string)
      if (score > bestScore) {
        runnerUp = bestScore
        bestScore = score
        best = candidate
      } else if (score > runnerUp) {
        runnerUp = score
      }
    }
    const successor =
      best !== null &&
      bestScore >= MIN_PARAGRAPH_SIMILARITY &&
      bestScore - runnerUp >= PARAGRAPH_MARGIN
        ? best
        : null
    this.successors.set(index, successor)
    return successor
  }

  place(item: Placeable): Placement {
    const { exact } = item.quote
    if (exact.length === 0) return review(item, 'the annotation quotes no text to look for')
    const oldIndex = this.fromIndex.get(item.paragraphKey) ?? this.paragraphAt(item.position.start)
    const sameIndex = this.toIndex.get(item.paragraphKey)

    // 1. The same paragraph: the passage keeps its offsets inside it.
    if (sameIndex !== undefined && oldIndex !== null) {
      const offset = this.fromStarts[oldIndex] as number
      const start = item.position.start - offset
      const end = item.position.end - offset
      if (start >= 0 && this.to.paragraphs[sameIndex]?.slice(start, end) === exact) {
        return this.placed(item, { paragraphIndex: sameIndex, start, end }, 'same-paragraph')
      }
    }

    const successor =
      sameIndex !== undefined ? sameIndex : oldIndex === null ? null : this.successor(oldIndex)
    const allowed = new Set(this.fresh)
    if (sameIndex !== undefined) allowed.add(sameIndex)

    // 2. The exact quote, in a paragraph it can have gone to.
    const found = occurrences(this.to.paragraphs, exact, (index) => allowed.has(index))
    if (found.length === 1) {
      const only = found[0] as Located
      if (only.paragraphIndex === successor || this.contextAgrees(item.quote, only)) {
        return this.placed(item, only, 'exact')
      }
      return review(
        item,
        `its paragraph changed: the passage “${shorten(exact)}” is only in another paragraph now, with other text around it`,
      )
    }
    if (found.length > 1) {
      const inSuccessor = found.filter((place) => place.paragraphIndex === successor)
      const pool = inSuccessor.length > 0 ? inSuccessor : found
      const chosen = chooseOccurrence(this.to, pool, item.quote)
      if (
        chosen !== null &&
        (chosen.paragraphIndex === successor || this.contextAgrees(item.quote, chosen))
      ) {
        return this.placed(item, chosen, 'exact')
      }
      const times = occurrences(this.to.paragraphs, exact).length
      return review(item, `the passage occurs ${times} times in the new version`)
    }

    // 3. A fuzzy match, confirmed by its words and its context.
    const expected =
      oldIndex === null ? 0 : item.position.start - (this.fromStarts[oldIndex] as number)
    const matches: Located[] = []
    for (const index of allowed) {
      for (const region of fuzzyMatches(this.to.paragraphs[index] as string, exact, expected)) {
        const place = { paragraphIndex: index, ...region }
        if (this.contextAgrees(item.quote, place)) matches.push(place)
      }
    }
    if (matches.length === 1) return this.placed(item, matches[0] as Located, 'fuzzy')
    if (matches.length > 1) {
      return review(
        item,
        `the passage “${shorten(exact)}” has ${matches.length} near matches in the new version`,
      )
    }
    return review(
      item,
      successor === null && sameIndex === undefined
        ? `its paragraph is gone: the passage “${shorten(exact)}” is not in the new version`
        : `its paragraph changed: the passage “${shorten(exact)}” is not in the new version`,
    )
  }

  /** The paragraph of `from` holding reading-text offset `at`, for items whose key is unknown. */
  private paragraphAt(at: number): number | null {
    for (let index = this.fromStarts.length - 1; index >= 0; index--) {
      const start = this.fromStarts[index] as number
      if (at >= start) {
        return at <= start + (this.from.paragraphs[index] as string).length ? index : null
      }
    }
    return null
  }

  /** True when enough of the quote's prefix or suffix is still next to `place` in `to`. */
  private contextAgrees(quote: TextQuote, place: Located): boolean {
    const offset = this.toStarts[place.paragraphIndex] as number
    const start = offset + place.start
    const end = offset + place.end
    const before = this.toReading.slice(Math.max(0, start - quote.prefix.length), start)
    const after = this.toReading.slice(end, end + quote.suffix.length)
    const prefixAgrees =
      quote.prefix.length === 0
        ? start === 0
        : commonSuffixLength(quote.prefix, before) >=
          Math.min(CONTEXT_AGREEMENT, quote.prefix.length)
    const suffixAgrees =
      quote.suffix.length === 0
        ? end === this.toReading.length
        : commonPrefixLength(quote.suffix, after) >=
          Math.min(CONTEXT_AGREEMENT, quote.suffix.length)
    return prefixAgrees || suffixAgrees
  }

  private placed(item: Placeable, place: Located, how: Placement['how']): Placement {
    const { quote, position } = selectorsFor(
      this.to.title,
      this.to.paragraphs,
      place.paragraphIndex,
      place.start,
      place.end,
    )
    return {
      id: item.id,
      placed: { paragraphKey: this.to.keys[place.paragraphIndex] as string, quote, position },
      how,
      reason: null,
    }
  }
}

function review(item: Placeable, reason: string): Placement {
  return { id: item.id, placed: null, how: null, reason }
}

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ')
  if (flat.length <= QUOTE_IN_REASON) return flat
  let cut = QUOTE_IN_REASON - 1
  if (splitsPair(flat, cut)) cut--
  return `${flat.slice(0, cut)}…`
}

/**
 * The regions of `paragraph` that read as the quote with small changes (see
 * the module comment), in the order found. Each search masks what it found,
 * so the next finds the next best.
 */
function fuzzyMatches(
  paragraph: string,
  exact: string,
  expected: number,
): { start: number; end: number }[] {
  const confirmed: { start: number; end: number }[] = []
  let masked = paragraph
  for (let round = 0; round < MAX_MATCHES_PER_PARAGRAPH; round++) {
    const region = findRegion(masked, exact, Math.max(0, Math.min(expected, masked.length)))
    if (region === null) break
    const overlapsEarlier = masked.slice(region.start, region.end).includes('\u0000')
    if (!overlapsEarlier && readsAsQuote(exact, paragraph.slice(region.start, region.end))) {
      confirmed.push({ start: region.start, end: region.end })
    }
    const maskStart = Math.min(region.start, region.anchor)
    const maskEnd = Math.max(region.end, region.anchorEnd)
    masked =
      masked.slice(0, maskStart) + '\u0000'.repeat(maskEnd - maskStart) + masked.slice(maskEnd)
  }
  return confirmed
}

/**
 * Where match_main finds the quote's head (or, failing that, its tail), and
 * the region a character diff against the text around there lines the quote
 * up with. match_main takes patterns of at most Match_MaxBits (32) code units,
 * which is why a long quote is looked for by one end.
 */
function findRegion(
  text: string,
  exact: string,
  expected: number,
): { start: number; end: number; anchor: number; anchorEnd: number } | null {
  const dmp = matcher()
  const bits = dmp.Match_MaxBits
  let headLength = Math.min(exact.length, bits)
  if (splitsPair(exact, headLength)) headLength--
  let approxStart: number
  let anchor = dmp.match_main(text, exact.slice(0, headLength), expected)
  let anchorLength = headLength
  if (anchor !== -1) {
    approxStart = anchor
  } else if (exact.length > headLength) {
    let tailStart = exact.length - bits
    if (splitsPair(exact, tailStart)) tailStart++
    anchor = dmp.match_main(text, exact.slice(tailStart), expected + tailStart)
    if (anchor === -1) return null
    anchorLength = exact.length - tailStart
    approxStart = Math.max(0, anchor - tailStart)
  } else {
    return null
  }

  const slack = Math.ceil(exact.length * MATCH_THRESHOLD) + 2
  const windowStart = Math.max(0, approxStart - slack)
  const window = text.slice(windowStart, Math.min(text.length, approxStart + exact.length + slack))
  const diffs = dmp.diff_main(exact, window, false)
  dmp.diff_cleanupSemantic(diffs)
  let first = -1
  let last = -1
  let at = 0
  for (const [op, part] of diffs) {
    if (op === EQUAL) {
      if (first === -1) first = at
      last = at + part.length
    }
    if (op !== DELETE) at += part.length
  }
  const anchorEnd = Math.min(text.length, anchor + anchorLength)
  if (first === -1) return { start: anchor, end: anchor, anchor, anchorEnd }
  return { start: windowStart + first, end: windowStart + last, anchor, anchorEnd }
}

/**
 * True when `found` is the quote with small changes: at least 80% alike by
 * edit distance, and the same words in the same order, each the same or
 * spelled a little differently, and every number the same.
 */
function readsAsQuote(exact: string, found: string): boolean {
  if (found.length === 0) return false
  if (textSimilarity(exact, found) < MIN_QUOTE_SIMILARITY) return false
  const expectedWords = words(exact)
  const foundWords = words(found)
  if (expectedWords.length !== foundWords.length) return false
  return expectedWords.every((word, index) => sameWord(word, foundWords[index] as string))
}

function sameWord(a: string, b: string): boolean {
  if (a === b) return true
  if (/\p{Script=Han}/u.test(a) || /\p{Script=Han}/u.test(b)) return false
  if (a.replace(/\D/g, '') !== b.replace(/\D/g, '')) return false
  return textSimilarity(a, b) >= MIN_WORD_SIMILARITY
}

/** 1 - Levenshtein distance / the longer length. */
function textSimilarity(a: string, b: string): number {
  const longer = Math.max(a.length, b.length)
  if (longer === 0) return 1
  const dmp = matcher()
  return 1 - dmp.diff_levenshtein(dmp.diff_main(a, b, false)) / longer
}
