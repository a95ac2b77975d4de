/**
 * Finding a TextQuoteSelector's passage in a release's text.
 *
 * A passage lies inside one paragraph, so the quote is looked for in each
 * paragraph on its own (never across the blank line between two, nor in the
 * title). Where it occurs more than once, its prefix and suffix choose: each
 * occurrence scores how many code units of the quote's prefix end the text
 * before it, plus how many of its suffix begin the text after it; one
 * occurrence must score higher than every other.
 */
import { paragraphStarts, readingText, type VersionText } from './reading-text'
import type { TextQuote } from './types'

/** A passage found: paragraph index, and [start, end) inside that paragraph. */
export type Located = { paragraphIndex: number; start: number; end: number }

/**
 * The one place the quote's exact text occurs, using prefix and suffix to
 * choose between several occurrences; null when it does not occur, or when
 * the context cannot tell occurrences apart. `hint` (a reading-text offset,
 * from a TextPositionSelector) breaks a remaining tie only if it lands exactly on one.
 */
export function locateQuote(text: VersionText, quote: TextQuote, hint?: number): Located | null {
  const found = occurrences(text.paragraphs, quote.exact)
  return chooseOccurrence(text, found, quote, hint)
}

/**
 * Every place `exact` occurs inside a paragraph, in reading order, overlapping
 * occurrences included; only the paragraphs `only` accepts, when given.
 */
export function occurrences(
  paragraphs: readonly string[],
  exact: string,
  only?: (index: number) => boolean,
): Located[] {
  const found: Located[] = []
  if (exact.length === 0) return found
  paragraphs.forEach((paragraph, paragraphIndex) => {
    if (only && !only(paragraphIndex)) return
    for (let at = paragraph.indexOf(exact); at !== -1; at = paragraph.indexOf(exact, at + 1)) {
      found.push({ paragraphIndex, start: at, end: at + exact.length })
    }
  })
  return found
}

/**
 * The occurrence the quote's context points to: the only one, or the one
 * whose surroundings agree best with the prefix and suffix, or, when several
 * agree equally well, the one that starts exactly at `hint`. Null otherwise.
 */
export function chooseOccurrence(
  text: VersionText,
  found: readonly Located[],
  quote: TextQuote,
  hint?: number,
): Located | null {
  if (found.length === 0) return null
  if (found.length === 1) return found[0] as Located
  const reading = readingText(text.title, text.paragraphs)
  const starts = paragraphStarts(text.title, text.paragraphs)
  const scored = found.map((place) => {
    const offset = starts[place.paragraphIndex] as number
    return {
      place,
      at: offset + place.start,
      score: contextScore(quote, reading, offset + place.start, offset + place.end),
    }
  })
  const best = Math.max(...scored.map((entry) => entry.score))
  const top = scored.filter((entry) => entry.score === best)
  if (top.length === 1) return (top[0] as (typeof top)[number]).place
  if (hint === undefined) return null
  const atHint = top.filter((entry) => entry.at === hint)
  return atHint.length === 1 ? (atHint[0] as (typeof atHint)[number]).place : null
}

/**
 * How well the text around [start, end) of `reading` agrees with the quote's
 * context: the longest common suffix of the prefix and the text before, plus
 * the longest common prefix of the suffix and the text after.
 */
export function contextScore(
  quote: TextQuote,
  reading: string,
  start: number,
  end: number,
): number {
  const before = reading.slice(Math.max(0, start - quote.prefix.length), start)
  const after = reading.slice(end, end + quote.suffix.length)
  return commonSuffixLength(quote.prefix, before) + commonPrefixLength(quote.suffix, after)
}

export function commonPrefixLength(a: string, b: string): number {
  const limit = Math.min(a.length, b.length)
  let n = 0
  while (n < limit && a.charCodeAt(n) === b.charCodeAt(n)) n++
  return n
}

export function commonSuffixLength(a: string, b: string): number {
  const limit = Math.min(a.length, b.length)
  let n = 0
  while (n < limit && a.charCodeAt(a.length - 1 - n) === b.charCodeAt(b.length - 1 - n)) n++
  return n
}
