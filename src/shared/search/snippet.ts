/**
 * Keyword in context: the part of a paragraph around the first word a search matched, with
 * every matched word in it marked. Words are found by the index's own tokeniser, so what is
 * marked is exactly what was matched (a Cyrillic М in "Мember" included). A run of Chinese
 * characters is marked from the first to the last character of its matched pairs.
 */
import { forEachToken } from '../text/tokens'

export type SnippetPart = { text: string; isMatch: boolean }

export type Snippet = {
  parts: SnippetPart[]
  /** Whether text was left out before and after the snippet. */
  cutStart: boolean
  cutEnd: boolean
}

/** Characters of context shown before the first match. */
const BEFORE = 60

/** The snippet of `text` for `terms`, at most about `length` characters. */
export function snippetOf(text: string, terms: ReadonlySet<string>, length = 240): Snippet {
  const ranges: [number, number][] = []
  forEachToken(text, (term, start, end) => {
    if (!terms.has(term)) return
    const last = ranges[ranges.length - 1]
    if (last && start <= last[1]) last[1] = Math.max(last[1], end)
    else ranges.push([start, end])
  })
  if (text.length <= length)
    return { parts: split(text, 0, text.length, ranges), cutStart: false, cutEnd: false }
  const first = ranges[0]?.[0] ?? 0
  let from = Math.max(0, first - BEFORE)
  let to = Math.min(text.length, from + length)
  if (to === text.length) from = Math.max(0, to - length)
  // Cut at spaces where there are any nearby, so words stay whole.
  if (from > 0) {
    const space = text.indexOf(' ', from)
    if (space >= 0 && space < first && space - from < 20) from = space + 1
  }
  if (to < text.length) {
    const space = text.lastIndexOf(' ', to)
    if (space > from && to - space < 20 && space >= (ranges[0]?.[1] ?? 0)) to = space
  }
  return { parts: split(text, from, to, ranges), cutStart: from > 0, cutEnd: to < text.length }
}

function split(
  text: string,
  from: number,
  to: number,
  ranges: readonly [number, number][],
): SnippetPart[] {
  const parts: SnippetPart[] = []
  let at = from
  for (const [start, end] of ranges) {
    if (end <= from || start >= to) continue
    const s = Math.max(start, from)
    const e = Math.min(end, to)
    if (s > at) parts.push({ text: text.slice(at, s), isMatch: false })
    parts.push({ text: text.slice(s, e), isMatch: true })
    at = e
  }
  if (at < to) parts.push({ text: text.slice(at, to), isMatch: false })
  return parts
}
