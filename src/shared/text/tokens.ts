/**
 * Words for search: where they start and end in a text, and the term each one is indexed as.
 *
 * A word is a run of word characters as regular expressions define them for Unicode
 * (`\w` in ripgrep and in Unicode Technical Standard #18: letters, marks, decimal digits,
 * connector punctuation and joiners), so "Russia's" is two words and "counter-terrorism" two,
 * exactly where ripgrep sees word boundaries. Inside such a run:
 *
 * - Chinese and Japanese characters are written without spaces. Word segmentation would index
 *   only the words a dictionary finds, and finds them differently in different sentences
 *   ("合作" inside "合作伙伴" is not a word of its own there), so a search for a word would miss
 *   some of the places it is written. They are indexed as overlapping pairs of characters
 *   (the Lucene CJK analyser's bigrams) with the run's last character on its own; a search for
 *   "上海合作组织" is the phrase of its pairs, which finds every place the characters are
 *   written together, and nothing else.
 * - Thai, Lao, Khmer and Myanmar, also written without spaces, are split into words by
 *   `Intl.Segmenter` (ICU's dictionaries), since pairs of their letters, many of them vowel
 *   signs, mean little.
 *
 * Every token has a position: consecutive words are consecutive positions, and a run of k
 * Chinese characters takes k positions (its k - 1 pairs, then its last character), which is
 * what phrase matching counts on.
 */
import { foldWord } from './fold'

/** Word characters: ripgrep's Unicode `\w`. */
export const WORD_RUN = /[\p{Alphabetic}\p{M}\p{Nd}\p{Pc}\p{Join_Control}]+/gu

/** Han, Hiragana and Katakana, indexed as pairs of characters. */
const PAIRED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u
/** Scripts written without spaces that Intl.Segmenter splits into words. */
const SEGMENTED = /[\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u
/** A cheap first test for either: their blocks, and the high surrogates of the rare Han planes. */
const MAY_NEED_SPLITTING =
  /[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u19e0-\u19ff\u2e80-\u2fdf\u3005-\u3007\u3021-\u3029\u3038-\u303b\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f\ud840-\ud8bf\ua9e0-\ua9ff\uaa60-\uaa7f]/

/** A character and the combining marks after it. */
const UNIT = /\P{M}\p{M}*|\p{M}+/gu

export type TokenSink = (term: string, start: number, end: number, position: number) => void

let segmenter: Intl.Segmenter | null = null

/**
 * Calls `sink` for every token of `text`, in order, with its folded term, its UTF-16 offsets in
 * `text` and its position. Returns the number of positions used.
 */
export function forEachToken(text: string, sink: TokenSink, firstPosition = 0): number {
  let position = firstPosition
  WORD_RUN.lastIndex = 0
  for (let match = WORD_RUN.exec(text); match; match = WORD_RUN.exec(text)) {
    const run = match[0]
    const start = match.index
    if (!MAY_NEED_SPLITTING.test(run)) {
      const term = foldWord(run)
      if (term) sink(term, start, start + run.length, position++)
      continue
    }
    position = splitRun(run, start, sink, position)
  }
  return position - firstPosition
}

type Kind = 'word' | 'paired' | 'segmented'

function kindOf(char: string): Kind {
  if (PAIRED.test(char)) return 'paired'
  if (SEGMENTED.test(char)) return 'segmented'
  return 'word'
}

/** A word run with Chinese, Japanese or South-East Asian letters: split by script. */
function splitRun(run: string, offset: number, sink: TokenSink, first: number): number {
  let position = first
  let partStart = 0
  let partKind: Kind | null = null
  const chars: { char: string; at: number }[] = []
  let at = 0
  for (const char of run) {
    chars.push({ char, at })
    at += char.length
  }
  const flush = (end: number) => {
    if (partKind === null) return
    const part = run.slice(partStart, end)
    if (partKind === 'word') {
      const term = foldWord(part)
      if (term) sink(term, offset + partStart, offset + end, position++)
    } else if (partKind === 'segmented') {
      segmenter ??= new Intl.Segmenter(undefined, { granularity: 'word' })
      for (const s of segmenter.segment(part)) {
        if (!s.isWordLike) continue
        const term = foldWord(s.segment)
        const from = offset + partStart + s.index
        if (term) sink(term, from, from + s.segment.length, position++)
      }
    } else {
      position = emitPairs(part, offset + partStart, sink, position)
    }
  }
  for (const { char, at: charAt } of chars) {
    // Marks and joiners belong to the letter before them.
    const kind: Kind =
      partKind !== null && /^[\p{M}\p{Join_Control}]/u.test(char) ? partKind : kindOf(char)
    if (kind !== partKind) {
      flush(charAt)
      partStart = charAt
      partKind = kind
    }
  }
  flush(run.length)
  return position
}

/**
 * The pairs of a run of Chinese or Japanese characters, then its last character alone: the
 * tokens a run of k characters is indexed as, at k consecutive positions.
 */
function emitPairs(part: string, offset: number, sink: TokenSink, first: number): number {
  // A character with the marks after it is one unit: か with a combining voiced mark is が.
  const units: { term: string; start: number }[] = []
  UNIT.lastIndex = 0
  for (let match = UNIT.exec(part); match; match = UNIT.exec(part)) {
    units.push({ term: foldWord(match[0]), start: match.index })
  }
  const end = part.length
  let position = first
  for (let i = 0; i + 1 < units.length; i++) {
    const pairEnd = units[i + 2]?.start ?? end
    sink(
      units[i]!.term + units[i + 1]!.term,
      offset + units[i]!.start,
      offset + pairEnd,
      position++,
    )
  }
  const last = units[units.length - 1]!
  sink(last.term, offset + last.start, offset + end, position++)
  return position
}

/** Whether a folded term is one of the pairs or single characters of Chinese or Japanese text. */
export function isPairedTerm(term: string): boolean {
  return PAIRED.test(term)
}

/**
 * The terms a search for `text` looks for, with each one's position relative to the first:
 * the words of the text, a run of Chinese characters as its pairs (a run of one character as
 * itself, matched as the start of any pair), and the single last character the index adds after
 * each run where another word follows, so "上海 合作" finds the two words with only spaces or
 * punctuation between them, and not "上海合作".
 */
export type QueryToken = { term: string; offset: number; paired: boolean; single: boolean }

export function queryTokens(text: string): QueryToken[] {
  const raw: { term: string; start: number; end: number; position: number }[] = []
  forEachToken(text, (term, start, end, position) => raw.push({ term, start, end, position }))
  const tokens: QueryToken[] = []
  for (let i = 0; i < raw.length; i++) {
    const token = raw[i]!
    const paired = isPairedTerm(token.term)
    if (!paired) {
      tokens.push({ term: token.term, offset: token.position, paired: false, single: false })
      continue
    }
    // Pairs overlap their neighbours; a run's last character alone overlaps only the pair
    // before it and ends where it ends; a run of one character overlaps nothing.
    const previous = raw[i - 1]
    const next = raw[i + 1]
    const overlapsPrevious =
      previous !== undefined &&
      isPairedTerm(previous.term) &&
      previous.position === token.position - 1 &&
      previous.end > token.start
    const overlapsNext =
      next !== undefined &&
      isPairedTerm(next.term) &&
      next.position === token.position + 1 &&
      next.start < token.end
    const isLast = i === raw.length - 1
    if (overlapsPrevious && previous.end === token.end) {
      // The run's last character alone marks where it ends. At the end of the query it is
      // left out (the text may go on: "上海" is in "上海合作"); before another word it is
      // kept, so "主义 组织" does not match "主义组织".
      if (!isLast)
        tokens.push({ term: token.term, offset: token.position, paired: true, single: false })
      continue
    }
    // A run of one character: at the end of the query, the start of any pair ("海" finds
    // "上海合作"); before another word, that character ending its run.
    const isWholeRun = !overlapsPrevious && !overlapsNext
    tokens.push({
      term: token.term,
      offset: token.position,
      paired: true,
      single: isWholeRun && isLast,
    })
  }
  const base = tokens[0]?.offset ?? 0
  return tokens.map((t) => ({ ...t, offset: t.offset - base }))
}
