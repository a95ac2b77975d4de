/**
 * Splits decoded release text into a title and the numbered paragraphs of its reading text.
 * The text as received is stored apart for provenance; this builds what readers read, annotate
 * and search, so paragraphs must be whole, readable and the same every time.
 *
 * Rules:
 * - The text is first cleaned by `normaliseText` (line endings, form feeds, invisible characters,
 *   no-break spaces, NFC).
 * - Title: the first non-empty line, spaces collapsed; it is not a paragraph. With
 *   `titleFromFirstLine: false` (sources without a title line, such as UN General Debate speeches)
 *   the title is '' and every line is body. A first line longer than HUGE_LINE characters is a
 *   flattened text, not a title: the title is then '' too.
 * - Layout is measured once per document. It is *hard-wrapped* when lines that continue on the
 *   next line cluster near one width (Markdown wrapped at 72 columns, PDF extractions). The width
 *   is the 90th percentile of the lengths of those lines.
 * - Blank lines always separate paragraphs. Within a run of non-blank lines:
 *   - a bullet ("- ", "* ", "• ") always starts a paragraph, and so does a numbered or lettered
 *     clause ("1. Decides", "(a) To", "149. In") after a line ending in punctuation;
 *   - hard-wrapped text: lines are joined, except after a line that ends a sentence and is short
 *     (the next word would have fitted on it, with 10% slack for proportional PDF fonts) or,
 *     where indentation is otherwise rare, before an indented line;
 *   - not wrapped, with no blank line in the body: one paragraph per line (the SCO 2014 release
 *     and many UN speeches are published that way);
 *   - not wrapped, with blank lines: a line starts a paragraph unless it goes on in lower case
 *     or the line before ends with a hyphenated word (headings without punctuation, as in
 *     Chinese reports, stay apart from the text under them).
 * - Hard-wrapped text also loses bare page numbers at the edge of a block, and a paragraph cut by
 *   a page break (a full-width line without closing punctuation, then a block starting in lower
 *   case) is rejoined.
 * - Joining: a space, none between two CJK characters. A letter + hyphen at a line end is
 *   conservative: before an upper-case letter or digit the hyphen stays ("Secretary-\nGeneral");
 *   before a lower-case letter the document's own spelling decides first, then the word's shape.
 *   In order: the joined form occurs elsewhere in the document → join;
 *   the hyphenated form occurs → keep; the first half is a prefix written with a hyphen (co-,
 *   non-, self-, so-, twenty-…) → keep; the second half is a mere word ending ("meet-\ning",
 *   "accord-\nance") or the first a prefix written solid (inter-, dis-, sub-…) → join; both
 *   halves have 3+ letters ("decision-\nmaking") → keep; otherwise join ("in-\nternational").
 *   Measured on the UN speeches, lines break at the hyphens of compounds about eight times as
 *   often as inside words, hence the bias towards keeping.
 * - A line longer than HUGE_LINE characters that holds at least half of the body (a page
 *   flattened onto one line) is split at sentence boundaries found by Intl.Segmenter and the
 *   sentences grouped into paragraphs of a few hundred characters; a sentence is never cut,
 *   except a "sentence" longer than SEGMENT_WINDOW, which is cut at a space. This is reported.
 * - Runs of spaces and tabs become one space; paragraphs are trimmed; empty ones dropped.
 *
 * Everything is linear in the length of the text: it runs on whole archives in a worker.
 */
import { normaliseText } from './normalise'

export type ParseReleaseOptions = {
  /** Take the first non-empty line as the title (default true). */
  titleFromFirstLine?: boolean
}

export type ParsedRelease = {
  title: string
  paragraphs: string[]
  /** Things the reader should know about how the text was read; empty for ordinary files. */
  warnings: string[]
}

/** A line longer than this is not a paragraph someone typed but a flattened text. */
const HUGE_LINE = 2000
/** Sentence segmentation works on windows of this size: ICU is slow on multi-megabyte strings. */
const SEGMENT_WINDOW = 16384
/** A flattened text's paragraph is closed once it reaches this length… */
const PARAGRAPH_TARGET = 500
/** …or this many sentences, and never grows past PARAGRAPH_MAX unless one sentence does. */
const PARAGRAPH_MAX_SENTENCES = 5
const PARAGRAPH_MAX = 1000

/** Wider than this, lines are paragraphs rather than wrapped lines. */
const MAX_WRAP_WIDTH = 200
const MIN_WRAP_WIDTH = 20
/** A line is short when it plus the next word fits in this share of the wrap width. */
const SHORT_LINE_RATIO = 0.9

/** Ends a sentence or clause: . ! ? : ; and their CJK forms, then closing quotes or brackets. */
const ENDS_SENTENCE_RE = /[.!?:;…。！？；：]["'”’»)\]）」』]*$/u
/** Any punctuation that can legitimately end a paragraph (adds the comma). */
const ENDS_WITH_PUNCTUATION_RE = /[.!?:;,…。！？；：，、]["'”’»)\]）」』]*$/u
const BULLET_RE = /^[-*•●▪◦‣]\s+\S/u
const NUMBERED_RE =
  /^(?:\((?:\d{1,3}|[a-zA-Z]|[ivxlc]{1,6})\)|(?:\d{1,3}|[a-zA-Z]|[ivxlc]{1,6})[.)])\s+\S/u
const PAGE_NUMBER_RE = /^\s*\d{1,4}(?:\s*[-–]\s*\d{1,4})?\s*$/
const STARTS_LOWER_RE = /^\p{Ll}/u
const HYPHENATED_END_RE = /([\p{L}\p{M}]+)-$/u
const LEADING_WORD_RE = /^[\p{L}\p{M}]+/u
const CJK_END_RE =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\uff00-\uffef]$/u
const CJK_START_RE =
  /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\uff00-\uffef]/u

/**
 * First halves of compounds that keep their hyphen at a line break when the document gives no
 * evidence either way: common English prefixes written with a hyphen, and tens in numbers.
 */
const HYPHEN_PREFIXES = new Set([
  'all',
  'anti',
  'co',
  'counter',
  'cross',
  'ex',
  'half',
  'ill',
  'non',
  'post',
  'pre',
  'quasi',
  'self',
  'semi',
  'so',
  'well',
  'twenty',
  'thirty',
  'forty',
  'fifty',
  'sixty',
  'seventy',
  'eighty',
  'ninety',
])

/**
 * Common English word endings: a line that continues with one of these after a hyphen continues
 * a word broken into syllables, not a compound.
 */
const WORD_ENDINGS = new Set(
  (
    'able ably age al ally ance ances ant ants ary ate ated ates ating ation ations ed ence ' +
    'ences ent ents er ers es est ful ial ible ic ical ics ies ing ings ion ions ise ised ism ' +
    'isms ist ists ity ities ive ives ize ized izes less ly ment ments ness ory ous ship sion ' +
    'sions tion tions ture tures ty ure ures'
  ).split(' '),
)

/** English prefixes normally written solid: a hyphen after them at a line end is a line break. */
const SOLID_PREFIXES = new Set([
  'dis',
  'inter',
  'intra',
  'macro',
  'micro',
  'mis',
  'sub',
  'super',
  'un',
])

export function parseRelease(text: string, options: ParseReleaseOptions = {}): ParsedRelease {
  const lines = normaliseText(text)
    .split('\n')
    .map((line) => line.trimEnd())
  const warnings: string[] = []
  let bodyStart = 0
  let title = ''
  if (options.titleFromFirstLine !== false) {
    const first = lines.findIndex((line) => line.length > 0)
    if (first === -1) return { title: '', paragraphs: [], warnings }
    const firstLine = lines[first] ?? ''
    if (firstLine.length <= HUGE_LINE) {
      title = collapseSpaces(firstLine)
      bodyStart = first + 1
    }
  }
  const paragraphs = readBody(lines.slice(bodyStart), warnings)
  return { title, paragraphs, warnings }
}

type Layout = {
  wrapped: boolean
  width: number
  /** Indentation is rare inside paragraphs, so an indented line after a sentence starts one. */
  indentCue: boolean
  /** The body has more than one block of lines. */
  multiBlock: boolean
}

function readBody(lines: string[], warnings: string[]): string[] {
  const blocks = toBlocks(lines)
  if (blocks.length === 0) return []
  const layout = measureLayout(blocks)
  let bodyChars = 0
  for (const block of blocks) for (const line of block) bodyChars += line.length

  const paragraphs: string[] = []
  const hyphens = new HyphenJudge(lines)
  let current = ''
  let previous: string | undefined
  const flush = () => {
    const paragraph = collapseSpaces(current)
    if (paragraph) paragraphs.push(paragraph)
    current = ''
  }

  for (const rawBlock of blocks) {
    const block = layout.wrapped ? dropPageNumbers(rawBlock) : rawBlock
    for (let i = 0; i < block.length; i++) {
      const line = block[i] ?? ''
      if (line.length > HUGE_LINE && line.length * 2 >= bodyChars) {
        flush()
        const split = splitFlattenedText(line)
        paragraphs.push(...split)
        warnings.push(
          `text was one line of ${line.length} characters; split into ${split.length} paragraphs at sentence boundaries`,
        )
        previous = undefined
        continue
      }
      const joins =
        previous !== undefined &&
        (i === 0
          ? layout.wrapped && continuesAfterBreak(previous, line, layout)
          : !startsParagraph(previous, line, layout))
      if (joins && previous !== undefined) {
        current = join(current, previous, line.trimStart(), hyphens)
      } else {
        flush()
        current = line
      }
      previous = line
    }
  }
  flush()
  return paragraphs
}

/** Runs of non-blank lines. Lines have been right-trimmed, so a blank line is ''. */
function toBlocks(lines: string[]): string[][] {
  const blocks: string[][] = []
  let block: string[] = []
  for (const line of lines) {
    if (line.trim().length === 0) {
      if (block.length > 0) blocks.push(block)
      block = []
    } else {
      block.push(line)
    }
  }
  if (block.length > 0) blocks.push(block)
  return blocks
}

function measureLayout(blocks: string[][]): Layout {
  const inner: number[] = []
  let continuationLines = 0
  let indentedContinuations = 0
  for (const block of blocks) {
    for (let i = 0; i < block.length; i++) {
      const line = block[i] ?? ''
      if (i < block.length - 1) inner.push(line.length)
      if (i > 0) {
        continuationLines++
        if (/^\s/.test(line)) indentedContinuations++
      }
    }
  }
  const multiBlock = blocks.length > 1
  if (inner.length < 3) return { wrapped: false, width: 0, indentCue: false, multiBlock }
  inner.sort((a, b) => a - b)
  const width = inner[Math.floor(0.9 * (inner.length - 1))] ?? 0
  const nearWidth = inner.filter((length) => length >= 0.7 * width).length
  const wrapped =
    width >= MIN_WRAP_WIDTH && width <= MAX_WRAP_WIDTH && nearWidth >= 0.5 * inner.length
  return {
    wrapped,
    width,
    indentCue: indentedContinuations < 0.2 * continuationLines,
    multiBlock,
  }
}

/** In hard-wrapped (PDF) text a bare number at the edge of a block is a page number. */
function dropPageNumbers(block: string[]): string[] {
  let start = 0
  let end = block.length
  while (start < end && PAGE_NUMBER_RE.test(block[start] ?? '')) start++
  while (end > start && PAGE_NUMBER_RE.test(block[end - 1] ?? '')) end--
  return start === 0 && end === block.length ? block : block.slice(start, end)
}

/** Whether `line` starts a new paragraph after `previous` within one block. */
function startsParagraph(previous: string, line: string, layout: Layout): boolean {
  const next = line.trimStart()
  if (BULLET_RE.test(next)) return true
  if (NUMBERED_RE.test(next) && ENDS_WITH_PUNCTUATION_RE.test(previous)) return true
  if (!layout.wrapped) {
    if (!layout.multiBlock) return true
    return !STARTS_LOWER_RE.test(next) && hyphenatedEnd(previous) === undefined
  }
  if (!ENDS_SENTENCE_RE.test(previous) || STARTS_LOWER_RE.test(next)) return false
  if (layout.indentCue && next.length < line.length) return true
  const nextWord = next.indexOf(' ')
  const nextWordLength = nextWord === -1 ? next.length : nextWord
  return previous.length + 1 + nextWordLength <= layout.width * SHORT_LINE_RATIO
}

/**
 * A paragraph cut by a page break: a full-width line without closing punctuation, and the text
 * goes on in lower case. (A short line before the break is a heading or running header.)
 */
function continuesAfterBreak(previous: string, line: string, layout: Layout): boolean {
  return (
    previous.length >= 0.6 * layout.width &&
    !ENDS_WITH_PUNCTUATION_RE.test(previous) &&
    STARTS_LOWER_RE.test(line.trimStart())
  )
}

function join(current: string, previous: string, next: string, hyphens: HyphenJudge): string {
  const hyphenated = current.endsWith('-') ? hyphenatedEnd(previous) : undefined
  if (hyphenated) {
    const right = LEADING_WORD_RE.exec(next)?.[0]
    if (right === undefined) return `${current} ${next}`
    if (STARTS_LOWER_RE.test(right) && hyphens.dropHyphen(hyphenated, right)) {
      return current.slice(0, -1) + next
    }
    return current + next
  }
  if (CJK_END_RE.test(current) && CJK_START_RE.test(next)) return current + next
  return `${current} ${next}`
}

/**
 * The letters before a hyphen that ends the line ("inter" in "an inter-"), if there is one.
 * The cheap test comes first: an end-anchored regex tried on every line is slow.
 */
function hyphenatedEnd(line: string): string | undefined {
  if (!line.endsWith('-')) return undefined
  return HYPHENATED_END_RE.exec(line.slice(-64))?.[1]
}

/**
 * Decides whether a hyphen at a line break belongs to the word. The evidence is the document's
 * own vocabulary, gathered once, lazily, and only from words not broken across lines.
 */
class HyphenJudge {
  private vocabulary: Set<string> | undefined

  constructor(private readonly lines: string[]) {}

  dropHyphen(left: string, right: string): boolean {
    const l = left.toLowerCase()
    const r = right.toLowerCase()
    const words = this.words()
    if (words.has(l + r)) return true
    if (words.has(`${l}-${r}`)) return false
    if (HYPHEN_PREFIXES.has(l)) return false
    // A syllable break: what follows is only a word ending ("meet-\ning", "accord-\nance"), or
    // what precedes is a prefix written solid ("inter-\nnational").
    if (WORD_ENDINGS.has(r) || SOLID_PREFIXES.has(l)) return true
    // Otherwise two halves of three letters or more are taken for a compound ("long-\nterm",
    // "decision-\nmaking"); a shorter half is a syllable ("in-\nternational").
    return l.length < 3 || r.length < 3
  }

  private words(): Set<string> {
    if (this.vocabulary) return this.vocabulary
    const words = new Set<string>()
    let afterHyphen = false
    for (const line of this.lines) {
      let text = afterHyphen ? line.replace(/^\s*[\p{L}\p{M}]+/u, ' ') : line
      afterHyphen = hyphenatedEnd(line) !== undefined
      if (afterHyphen) text = text.replace(/[\p{L}\p{M}-]+$/u, ' ')
      for (const match of text.toLowerCase().matchAll(/[\p{L}\p{M}]+(?:-[\p{L}\p{M}]+)*/gu)) {
        const word = match[0]
        words.add(word)
        if (word.includes('-')) for (const part of word.split('-')) words.add(part)
      }
    }
    this.vocabulary = words
    return words
  }
}

/** Splits a flattened text into paragraphs of whole sentences. */
function splitFlattenedText(text: string): string[] {
  const paragraphs: string[] = []
  let current = ''
  let count = 0
  const flush = () => {
    const paragraph = collapseSpaces(current)
    if (paragraph) paragraphs.push(paragraph)
    current = ''
    count = 0
  }
  for (const sentence of splitSentences(text)) {
    if (count > 0 && current.length + sentence.length > PARAGRAPH_MAX) flush()
    current += sentence
    count++
    if (current.length >= PARAGRAPH_TARGET || count >= PARAGRAPH_MAX_SENTENCES) flush()
  }
  flush()
  return paragraphs
}

/**
 * Sentences by Intl.Segmenter, one window at a time. Each window's last sentence may be cut by
 * the window edge, so it is dropped and the next window starts where it began: the result does
 * not depend on where windows fall, and the work stays linear.
 */
function splitSentences(text: string): string[] {
  const segmenter = new Intl.Segmenter(guessLanguage(text), { granularity: 'sentence' })
  const sentences: string[] = []
  let position = 0
  while (position < text.length) {
    let end = Math.min(text.length, position + SEGMENT_WINDOW)
    // Never end a window between the two halves of a surrogate pair.
    if (end < text.length && isHighSurrogate(text.charCodeAt(end - 1))) end--
    const window = text.slice(position, end)
    const parts: string[] = []
    for (const { segment } of segmenter.segment(window)) parts.push(segment)
    if (end === text.length) {
      sentences.push(...parts)
      break
    }
    if (parts.length > 1) {
      parts.pop()
      for (const part of parts) {
        sentences.push(part)
        position += part.length
      }
    } else {
      // One "sentence" longer than a window has no boundary to respect: cut at a space.
      const space = window.lastIndexOf(' ')
      const length = space > 0 ? space + 1 : window.length
      sentences.push(window.slice(0, length))
      position += length
    }
  }
  return sentences
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff
}

/** The segmenter's locale, from the letters at the start of the text. */
function guessLanguage(text: string): string {
  const sample = text.slice(0, 2000)
  const cyrillic = sample.match(/\p{Script=Cyrillic}/gu)?.length ?? 0
  const han = sample.match(/\p{Script=Han}/gu)?.length ?? 0
  const latin = sample.match(/\p{Script=Latin}/gu)?.length ?? 0
  if (han > cyrillic && han > latin / 4) return 'zh'
  if (cyrillic > latin) return 'ru'
  return 'en'
}

/** Trims and collapses runs of spaces and tabs (other spaces were made plain by normaliseText). */
function collapseSpaces(text: string): string {
  return text.replace(/[ \t]+/g, ' ').trim()
}
