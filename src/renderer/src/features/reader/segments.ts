/**
 * How a paragraph's text is cut up for display. Several kinds of range lie on
 * it at once: annotation highlights (which may overlap each other), words that
 * mix alphabets, matches of the find bar, and the compare view's marks (shared
 * phrases, inserted words), with points where it shows deleted words. The text is split at every range
 * boundary into segments, each knowing every range that covers it, so
 * overlapping highlights render as one run with their colours layered and a
 * mixed-script word keeps its mark inside a highlight.
 *
 * Annotations point into the release's reading text (title and paragraphs
 * joined by blank lines, shared/annotation/reading-text); everything here is
 * relative to one paragraph. Offsets are UTF-16 code units.
 */

export type TextRange = { start: number; end: number }

/** An annotation's part of one paragraph. */
export type HighlightRange = TextRange & { id: string; color: string; note: string }

/** A find-bar match in one paragraph; `index` is its place among all the release's matches. */
export type FindRange = TextRange & { index: number }

/** A compare-view mark: `className` styles it; `inserted` marks words a new version added. */
export type MarkRange = TextRange & { className: string; inserted?: boolean; title?: string }

/** Words a new version deleted, shown at offset `at` of its text (the compare view). */
export type Deletion = { at: number; text: string }

export type Segment = {
  start: number
  end: number
  text: string
  /** Highlights covering this segment, in the order they start (the last one is innermost). */
  highlights: HighlightRange[]
  isMixedScript: boolean
  /** The match covering this segment: whether it is the current one, or null for none. */
  find: 'match' | 'current' | null
  /** Compare-view marks covering this segment, in the order given. */
  marks: MarkRange[]
}

/** Where the words that mix alphabets occur in `text` (longest word first where they overlap). */
export function wordRanges(text: string, words: readonly string[]): TextRange[] {
  const wanted = words.filter((w) => w.length > 0)
  if (wanted.length === 0 || text.length === 0) return []
  const pattern = new RegExp(
    [...wanted]
      .sort((a, b) => b.length - a.length)
      .map(escapeRegExp)
      .join('|'),
    'gu',
  )
  const ranges: TextRange[] = []
  for (const match of text.matchAll(pattern)) {
    ranges.push({ start: match.index, end: match.index + match[0].length })
  }
  return ranges
}

/**
 * The annotations' ranges on each paragraph, by paragraph index. `starts` are
 * the paragraphs' offsets in the reading text (paragraphStarts). A passage that
 * runs over a paragraph break is shown on each paragraph it covers.
 * Annotations that need review are left out: their position is not trusted.
 */
export function highlightsByParagraph(
  annotations: readonly {
    id: string
    color: string
    note: string
    needsReview: boolean
    position: TextRange
  }[],
  starts: readonly number[],
  lengths: readonly number[],
): Map<number, HighlightRange[]> {
  const byParagraph = new Map<number, HighlightRange[]>()
  for (const a of annotations) {
    if (a.needsReview) continue
    const { start, end } = a.position
    if (!(end > start)) continue
    let i = paragraphAt(starts, start)
    for (; i < starts.length; i++) {
      const from = starts[i] as number
      const length = lengths[i] ?? 0
      if (from >= end) break
      const relStart = Math.max(0, start - from)
      const relEnd = Math.min(length, end - from)
      if (relEnd > relStart) {
        const list = byParagraph.get(i) ?? []
        list.push({ id: a.id, color: a.color, note: a.note, start: relStart, end: relEnd })
        byParagraph.set(i, list)
      }
    }
  }
  for (const list of byParagraph.values()) list.sort(byStart)
  return byParagraph
}

/** The index of the paragraph whose text contains (or is the first after) reading-text `offset`. */
export function paragraphAt(starts: readonly number[], offset: number): number {
  let lo = 0
  let hi = starts.length - 1
  let found = 0
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    if ((starts[mid] as number) <= offset) {
      found = mid
      lo = mid + 1
    } else hi = mid - 1
  }
  return found
}

/**
 * Splits `text` at every boundary of the given ranges. Ranges are clipped to
 * the text; empty ones are ignored. Neighbouring segments covered by the same
 * ranges are joined, so a mixed-script word with nothing else on it is one
 * segment.
 */
export function splitSegments(
  text: string,
  ranges: {
    highlights?: readonly HighlightRange[]
    mixedScript?: readonly TextRange[]
    finds?: readonly FindRange[]
    currentFind?: number | null
    marks?: readonly MarkRange[]
    /** Offsets the text must be cut at (where deleted words are shown). */
    cutsAt?: readonly number[]
  },
): Segment[] {
  const highlights = [...(ranges.highlights ?? [])].sort(byStart)
  const mixed = ranges.mixedScript ?? []
  const finds = ranges.finds ?? []
  const marks = ranges.marks ?? []
  const clip = (n: number) => Math.min(text.length, Math.max(0, n))
  const cuts = new Set<number>([0, text.length])
  for (const r of [...highlights, ...mixed, ...finds, ...marks]) {
    cuts.add(clip(r.start))
    cuts.add(clip(r.end))
  }
  for (const at of ranges.cutsAt ?? []) cuts.add(clip(at))
  const points = [...cuts].sort((a, b) => a - b)
  const segments: Segment[] = []
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i] as number
    const end = points[i + 1] as number
    if (end <= start) continue
    const covers = (r: TextRange) => r.start <= start && r.end >= end
    const on = highlights.filter(covers)
    const match = finds.find(covers)
    const segment: Segment = {
      start,
      end,
      text: text.slice(start, end),
      highlights: on,
      isMixedScript: mixed.some(covers),
      find: match ? (match.index === ranges.currentFind ? 'current' : 'match') : null,
      marks: marks.filter(covers),
    }
    const last = segments[segments.length - 1]
    if (last && sameCover(last, segment) && !ranges.cutsAt?.includes(start)) {
      last.end = end
      last.text += segment.text
    } else segments.push(segment)
  }
  return segments
}

function sameCover(a: Segment, b: Segment): boolean {
  return (
    a.isMixedScript === b.isMixedScript &&
    a.find === b.find &&
    a.highlights.length === b.highlights.length &&
    a.highlights.every((h, i) => h === b.highlights[i]) &&
    a.marks.length === b.marks.length &&
    a.marks.every((m, i) => m === b.marks[i])
  )
}

function byStart(a: TextRange & { id: string }, b: TextRange & { id: string }): number {
  return a.start - b.start || b.end - a.end || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
