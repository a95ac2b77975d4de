/**
 * A release's reading text: its title and paragraphs joined by blank lines,
 * exactly the text its content hash is of (shared/release/prepare-release).
 * TextPositionSelectors count UTF-16 code units (JavaScript string indices)
 * into it; TextQuoteSelectors carry up to CONTEXT_LENGTH code units of prefix
 * and suffix taken from it.
 */
import type { TextPosition, TextQuote } from './types'

export const CONTEXT_LENGTH = 32

/** What joins the title and the paragraphs (prepare-release joins them the same way). */
const SEPARATOR = '\n\n'

/** A release's text as its versions are compared: title, paragraphs and their keys. */
export type VersionText = {
  title: string
  paragraphs: readonly string[]
  keys: readonly string[]
}

export function readingText(title: string, paragraphs: readonly string[]): string {
  return [title, ...paragraphs].join(SEPARATOR)
}

/** Where each paragraph starts in the reading text. */
export function paragraphStarts(title: string, paragraphs: readonly string[]): number[] {
  const starts: number[] = []
  let offset = title.length + SEPARATOR.length
  for (const paragraph of paragraphs) {
    starts.push(offset)
    offset += paragraph.length + SEPARATOR.length
  }
  return starts
}

/**
 * The selectors for the passage [start, end) of paragraph `index` (offsets
 * inside that paragraph's text). The context comes from the reading text, so
 * a prefix may reach back over the blank line into the paragraph before. An
 * end of the passage or of its context never falls between the two halves of
 * a surrogate pair: the passage widens to whole characters and the context
 * narrows to whole characters.
 */
export function selectorsFor(
  title: string,
  paragraphs: readonly string[],
  index: number,
  start: number,
  end: number,
): { quote: TextQuote; position: TextPosition } {
  const paragraph = paragraphs[index]
  if (paragraph === undefined) {
    throw new RangeError(`paragraph ${index} does not exist (${paragraphs.length} paragraphs)`)
  }
  if (!(start >= 0 && start <= end && end <= paragraph.length)) {
    throw new RangeError(`[${start}, ${end}) is not inside paragraph ${index}`)
  }
  const text = readingText(title, paragraphs)
  const offset = paragraphStarts(title, paragraphs)[index] as number
  let from = offset + start
  let to = offset + end
  if (splitsPair(text, from)) from--
  if (splitsPair(text, to)) to++

  let prefixStart = Math.max(0, from - CONTEXT_LENGTH)
  if (splitsPair(text, prefixStart)) prefixStart++
  let suffixEnd = Math.min(text.length, to + CONTEXT_LENGTH)
  if (splitsPair(text, suffixEnd)) suffixEnd--

  return {
    quote: {
      exact: text.slice(from, to),
      prefix: text.slice(prefixStart, from),
      suffix: text.slice(to, suffixEnd),
    },
    position: { start: from, end: to },
  }
}

/** True when `offset` falls between a high and a low surrogate. */
export function splitsPair(text: string, offset: number): boolean {
  if (offset <= 0 || offset >= text.length) return false
  const before = text.charCodeAt(offset - 1)
  const after = text.charCodeAt(offset)
  return before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff
}
