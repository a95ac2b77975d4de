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

/**
 * Whether the line ends with one of `ends`, then any closing quotes or brackets. (Scanning from
 * the end is much faster than a regex anchored at the end, which is tried at every position.)
 */
function endsWithPunctuation(line: string, ends: string): boolean {
  let i = line.length - 1
  while (i >= 0 && CLOSING_MARKS.includes(line[i] as string)) i--
  return i >= 0 && ends.includes(line[i] as string)
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

/** End a sentence or clause: . ! ? : ; and their CJK forms (before any closing quotes or brackets). */
const SENTENCE_ENDS = '.!?:;…。！？；：'
/** Any punctuation that can legitimately end a paragraph (adds the comma). */
const PARAGRAPH_ENDS = '.!?:;,…。！？；：，、'
/** Closing quotes and brackets, which may follow the punctuation at the end of a line. */
const CLOSING_MARKS = '"\'”’»)]）」』'
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
  return parseReleaseLines(releaseLines(text), options)
}

/**
 * The lines of a text as the parser reads them: normalised, without trailing whitespace. A
 * caller that parses one text more than one way splits it once and uses `parseReleaseLines`.
 */
export function releaseLines(text: string): string[] {
  return normaliseText(text)
    .split('\n')
    .map((line) => line.trimEnd())
}

/** `parseRelease` of the text whose `releaseLines` these are. */
export function parseReleaseLines(
  lines: readonly string[],
  options: ParseReleaseOptions = {},
): ParsedRelease {
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

/** Words a title does not end with but a line wrapped inside a sentence often does (lower case only). */
const WRAPPED_LINE_END =
  /(?:^|\s)(?:the|of|to|a|an|and|or|in|on|at|by|for|with|from|as|that|this|my|our|his|her|its|their|и|в|во|на|с|со|по|к|о|об|от|для|из|что)$/u
/** A numbered paragraph: "138. Before using…", "12)\tThe Council…". */
const NUMBERED_PARAGRAPH = /^\d{1,4}[.)]\s/u

/**
 * True when the first line is not a title but the start of a paragraph
 * wrapped onto the next lines, as in speeches that have no title line ("On
 * behalf / of Spain, I would like…"). The first line must read as cut short:
 * it stops at a comma or at a word a title does not end with, or it is a
 * numbered paragraph. Where the first block of lines (up to a blank line) runs
 * past any title's length, the next line going on with a lower-case word is
 * enough too; a shorter block of three lines or more needs the first line cut
 * short. A title with its date under it ("Resolution 200 (1965) / of 15 March
 * 1965") stays a title.
 */
export function opensWrappedParagraph(lines: readonly string[], maxTitleLength: number): boolean {
  const first = lines.findIndex((line) => line.length > 0)
  if (first === -1) return false
  const next = collapseSpaces(lines[first + 1] ?? '')
  if (next.length === 0) return false
  let blockLength = 0
  let blockLines = 0
  for (let i = first; i < lines.length && blockLength <= maxTitleLength; i++) {
    const line = lines[i] as string
    if (line.trim().length === 0) break
    blockLength += line.length + 1
    blockLines += 1
  }
  const line = collapseSpaces(lines[first] as string)
  const cutShort =
    NUMBERED_PARAGRAPH.test(line) || /[,;]$/u.test(line) || WRAPPED_LINE_END.test(line)
  if (blockLength > maxTitleLength) return cutShort || /^\p{Ll}/u.test(next)
  // A shorter block may be a title with its date under it ("… / of 3 May 1978 / The Security
  // Council"): only a line that stops mid-phrase says otherwise.
  return blockLines >= 3 && cutShort
}

/** The title `parseRelease` takes from the first line ('' for none), without reading the body. */
export function firstLineTitle(lines: readonly string[]): string {
  const firstLine = lines.find((line) => line.length > 0)
  return firstLine !== undefined && firstLine.length <= HUGE_LINE ? collapseSpaces(firstLine) : ''
}

type Layout = {
  wrapped: boolean
  width: number
  /** Indentation is rare inside paragraphs, so an indented line after a sentence starts one. */
  indentCue: boolean
  /** The body has more than one block of lines. */
  multiBlock: boolean
}

function readBody(lines: readonly string[], warnings: string[]): string[] {
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
function toBlocks(lines: readonly string[]): string[][] {
  const blocks: string[][] = []
  let block: string[] = []
  for (const line of lines) {
    if (line.length === 0) {
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
  let innerCount = 0
  for (const block of blocks) innerCount += block.length - 1
  // Lengths of lines that continue on the next line, in a typed array for a fast numeric sort.
  const inner = new Int32Array(innerCount)
  innerCount = 0
  let continuationLines = 0
  let indentedContinuations = 0
  for (const block of blocks) {
    for (let i = 0; i < block.length; i++) {
      const line = block[i] ?? ''
      if (i < block.length - 1) inner[innerCount++] = line.length
      if (i > 0) {
        continuationLines++
        if (/^\s/.test(line)) indentedContinuations++
      }
    }
  }
  const multiBlock = blocks.length > 1
  if (inner.length < 3) return { wrapped: false, width: 0, indentCue: false, multiBlock }
  inner.sort()
  const width = inner[Math.floor(0.9 * (inner.length - 1))] ?? 0
  let nearWidth = 0
  for (const length of inner) if (length >= 0.7 * width) nearWidth++
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
  if (NUMBERED_RE.test(next) && endsWithPunctuation(previous, PARAGRAPH_ENDS)) return true
  if (!layout.wrapped) {
    if (!layout.multiBlock) return true
    return !startsLower(next) && hyphenatedEnd(previous) === undefined
  }
  if (!endsWithPunctuation(previous, SENTENCE_ENDS) || startsLower(next)) return false
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
    !endsWithPunctuation(previous, PARAGRAPH_ENDS) &&
    startsLower(line.trimStart())
  )
}

/**
 * Appends the next line to the paragraph. `current` always ends with `previous` (the line
 * before, without its indentation), so its end is read from `previous`: reading the end of
 * `current`, a string being built by concatenation, would copy all of it every time.
 */
function join(current: string, previous: string, next: string, hyphens: HyphenJudge): string {
  const hyphenated = previous.endsWith('-') ? hyphenatedEnd(previous) : undefined
  if (hyphenated) {
    const right = LEADING_WORD_RE.exec(next)?.[0]
    if (right === undefined) return `${current} ${next}`
    if (startsLower(right) && hyphens.dropHyphen(hyphenated, right)) {
      return current.slice(0, -1) + next
    }
    return current + next
  }
  // Two CJK characters join without a space. (`current` ends with the last code unit of `previous`.)
  if (isCjk(previous.charCodeAt(previous.length - 1))) {
    // The last two code units hold the last character, even one outside the BMP.
    const end = previous.trimStart().length >= 2 ? previous.slice(-2) : current.slice(-2)
    if (CJK_END_RE.test(end) && CJK_START_RE.test(next)) return current + next
  }
  return `${current} ${next}`
}

/** Whether the text starts with a lower-case letter; ASCII is decided without the regex. */
function startsLower(text: string): boolean {
  const code = text.charCodeAt(0)
  return code < 0x80 ? code >= 0x61 && code <= 0x7a : STARTS_LOWER_RE.test(text)
}

/** No CJK character, nor the first half of any, comes before U+2E80: the regex is not needed. */
function isCjk(code: number): boolean {
  return code >= 0x2e80
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
 * own vocabulary: its words (runs of letters and marks) and hyphenated compounds (words joined
 * by single hyphens, each of which is a word too), lower-cased, leaving out the halves of words
 * broken at line ends. The few words asked about are looked up in the text itself, which is
 * prepared once, lazily; listing the whole vocabulary would cost far more.
 */
class HyphenJudge {
  private text: string | undefined

  constructor(private readonly lines: readonly string[]) {}

  dropHyphen(left: string, right: string): boolean {
    const l = left.toLowerCase()
    const r = right.toLowerCase()
    if (this.hasWord(l + r)) return true
    if (this.hasWord(`${l}-${r}`)) return false
    if (HYPHEN_PREFIXES.has(l)) return false
    // A syllable break: what follows is only a word ending ("meet-\ning", "accord-\nance"), or
    // what precedes is a prefix written solid ("inter-\nnational").
    if (WORD_ENDINGS.has(r) || SOLID_PREFIXES.has(l)) return true
    // Otherwise two halves of three letters or more are taken for a compound ("long-\nterm",
    // "decision-\nmaking"); a shorter half is a syllable ("in-\nternational").
    return l.length < 3 || r.length < 3
  }

  /**
   * Whether `word` (letters and marks, or two such runs joined by a hyphen) is in the
   * vocabulary: whether it stands in the text with no letter or mark on either side, and for a
   * compound also no hyphen that would join a further word to it.
   */
  private hasWord(word: string): boolean {
    const text = this.documentText()
    const compound = word.includes('-')
    for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + 1)) {
      const end = at + word.length
      const before = codePointBefore(text, at)
      const after = codePointAt(text, end)
      if (LETTER_OR_MARK_RE.test(before) || LETTER_OR_MARK_RE.test(after)) continue
      if (compound) {
        if (before === '-' && LETTER_OR_MARK_RE.test(codePointBefore(text, at - 1))) continue
        if (after === '-' && LETTER_OR_MARK_RE.test(codePointAt(text, end + 1))) continue
      }
      return true
    }
    return false
  }

  /** The lines lower-cased, without the halves of words broken at line ends. */
  private documentText(): string {
    if (this.text !== undefined) return this.text
    const kept: string[] = []
    let afterHyphen = false
    for (const line of this.lines) {
      let text = afterHyphen ? line.replace(/^\s*[\p{L}\p{M}]+/u, ' ') : line
      afterHyphen = hyphenatedEnd(line) !== undefined
      if (afterHyphen) text = withoutTrailingWord(text)
      kept.push(text)
    }
    // A line break ends a word as the end of a line did, also for lower-casing.
    this.text = kept.join('\n').toLowerCase()
    return this.text
  }
}

const LETTER_OR_MARK_RE = /^[\p{L}\p{M}]$/u

/** The character (a whole surrogate pair if it is one) that ends just before `index`, or ''. */
function codePointBefore(text: string, index: number): string {
  if (index <= 0) return ''
  const low = text.charCodeAt(index - 1)
  const pair =
    index >= 2 && low >= 0xdc00 && low <= 0xdfff && isHighSurrogate(text.charCodeAt(index - 2))
  return text.slice(pair ? index - 2 : index - 1, index)
}

/** The character (a whole surrogate pair if it is one) that starts at `index`, or ''. */
function codePointAt(text: string, index: number): string {
  if (index >= text.length) return ''
  const low = text.charCodeAt(index + 1)
  const pair = isHighSurrogate(text.charCodeAt(index)) && low >= 0xdc00 && low <= 0xdfff
  return text.slice(index, pair ? index + 2 : index + 1)
}

/** The line with its last run of letters, marks and hyphens replaced by a space. */
function withoutTrailingWord(line: string): string {
  // Looked for in the line's end first: a regex anchored at the end is tried at every position.
  const tail = line.slice(-64)
  const match = TRAILING_WORD_RE.exec(tail)
  // A run that starts at the very start of the tail (or just after a cut surrogate pair) may
  // go on further left.
  if (match && match.index > 1) return line.slice(0, line.length - tail.length + match.index) + ' '
  return line.replace(TRAILING_WORD_RE, ' ')
}

const TRAILING_WORD_RE = /[\p{L}\p{M}-]+$/u

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
  const segmenter = sentenceSegmenter(guessLanguage(text))
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

/** One sentence segmenter per locale, made when first needed: making one is slow. */
const segmenters = new Map<string, Intl.Segmenter>()

function sentenceSegmenter(locale: string): Intl.Segmenter {
  let segmenter = segmenters.get(locale)
  if (!segmenter) {
    segmenter = new Intl.Segmenter(locale, { granularity: 'sentence' })
    segmenters.set(locale, segmenter)
  }
  return segmenter
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

/**
 * Trims and collapses runs of spaces and tabs (other spaces were made plain by normaliseText).
 * Only runs that change (two or more characters, or a tab) are looked for, with indexOf, which
 * skips through text far faster than a regex that stops at every space.
 */
function collapseSpaces(text: string): string {
  let double = text.indexOf('  ')
  let tab = text.indexOf('\t')
  if (double === -1 && tab === -1) return text.trim()
  let out = ''
  let copied = 0
  while (double !== -1 || tab !== -1) {
    const at = double === -1 ? tab : tab === -1 ? double : Math.min(double, tab)
    // The whole run around it: a tab may follow a single space.
    let start = at
    while (start > copied && isSpaceOrTab(text.charCodeAt(start - 1))) start--
    let end = at + 1
    while (end < text.length && isSpaceOrTab(text.charCodeAt(end))) end++
    out += `${text.slice(copied, start)} `
    copied = end
    if (double !== -1 && double < end) double = text.indexOf('  ', end)
    if (tab !== -1 && tab < end) tab = text.indexOf('\t', end)
  }
  return (out + text.slice(copied)).trim()
}

function isSpaceOrTab(code: number): boolean {
  return code === 0x20 || code === 0x09
}
