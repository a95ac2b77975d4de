/**
 * Find in the open release. The reader renders only the paragraphs in view,
 * so matches are found in the paragraph texts, not in the page: every match
 * has its paragraph and its offsets there (UTF-16 code units), and the reader
 * scrolls to a match's paragraph to show it.
 */
import { escapeRegExp, type FindRange } from './segments'

export type FindMatch = { paragraph: number; start: number; end: number }

/** A query that matches almost every word would cost more to mark than it tells. */
export const MATCH_LIMIT = 5000

/**
 * Every case-insensitive occurrence of `query` in the paragraphs, in reading
 * order, at most `limit` of them (`isTruncated` says there were more). Matches
 * do not overlap. An empty query (or one of only spaces) matches nothing.
 */
export function findMatches(
  paragraphs: readonly string[],
  query: string,
  limit = MATCH_LIMIT,
): { matches: FindMatch[]; isTruncated: boolean } {
  if (query.trim() === '') return { matches: [], isTruncated: false }
  // With the `u` flag, `i` folds case one code point to one code point, so the
  // offsets of a match are the offsets in the text itself.
  const pattern = new RegExp(escapeRegExp(query), 'giu')
  const matches: FindMatch[] = []
  for (let paragraph = 0; paragraph < paragraphs.length; paragraph++) {
    const text = paragraphs[paragraph] as string
    for (const m of text.matchAll(pattern)) {
      if (matches.length === limit) return { matches, isTruncated: true }
      matches.push({ paragraph, start: m.index, end: m.index + m[0].length })
    }
  }
  return { matches, isTruncated: false }
}

/** The matches of each paragraph, by paragraph index, each with its place in the whole list. */
export function matchesByParagraph(matches: readonly FindMatch[]): Map<number, FindRange[]> {
  const byParagraph = new Map<number, FindRange[]>()
  matches.forEach((m, index) => {
    const list = byParagraph.get(m.paragraph) ?? []
    list.push({ start: m.start, end: m.end, index })
    byParagraph.set(m.paragraph, list)
  })
  return byParagraph
}

/**
 * The match to show first for a new query: the first one in or after the
 * paragraph the reader is at, wrapping to the first of all.
 */
export function firstMatchFrom(matches: readonly FindMatch[], paragraph: number): number {
  if (matches.length === 0) return -1
  const at = matches.findIndex((m) => m.paragraph >= paragraph)
  return at === -1 ? 0 : at
}

/** The next (step 1) or previous (step -1) match, wrapping around at either end. */
export function stepMatch(current: number, count: number, step: 1 | -1): number {
  if (count === 0) return -1
  if (current < 0) return step === 1 ? 0 : count - 1
  return (current + step + count) % count
}

/** "3 of 12", "No matches", "1 of 5,000+": what the find bar says. */
export function matchCountLabel(current: number, count: number, isTruncated: boolean): string {
  if (count === 0) return 'No matches'
  const total = `${count.toLocaleString('en')}${isTruncated ? '+' : ''}`
  return `${(current + 1).toLocaleString('en')} of ${total}`
}
