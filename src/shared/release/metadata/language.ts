/**
 * The main language of a text, told by the share of each script among its letters.
 *
 * Counting letters rather than words keeps stray characters harmless: OCR'd English with a
 * Cyrillic "М" inside "Мember" is still overwhelmingly Latin. Han characters count several
 * times over because one carries about as much text as a short Latin word, so a Chinese
 * report quoting English names stays Chinese. Cyrillic with the letters і, ї, є, ґ (absent
 * from Russian) is Ukrainian; Latin text is English unless the function words of French,
 * German or Spanish clearly outnumber English ones. Only the first 5,000 characters are read.
 *
 * The text is read once, character by character, against a table of the scripts built at
 * load time from the Unicode properties of the regular expression engine; the Latin words
 * are told apart in the same pass.
 */

import { charClassTable } from '../../text/char-classes'
import type { LanguageCode } from './types'

const SAMPLE = 5000
/** Fewer letters than this and any guess would be noise. */
const MIN_LETTERS = 12
const HAN_WEIGHT = 3

const FUNCTION_WORDS: Record<string, string[]> = {
  en: ['the', 'and', 'of', 'to', 'in', 'is', 'that', 'for', 'with', 'on', 'was', 'by'],
  fr: ['le', 'la', 'les', 'des', 'et', 'est', 'une', 'dans', 'pour', 'que', 'sur', 'du'],
  de: ['der', 'die', 'das', 'und', 'ist', 'nicht', 'mit', 'von', 'den', 'zu', 'ein', 'auf'],
  es: ['el', 'los', 'las', 'y', 'del', 'es', 'una', 'por', 'con', 'para', 'que', 'se'],
}
/** English first: another language must have strictly more function words to lead. */
const LANGUAGES = Object.keys(FUNCTION_WORDS)
const ENGLISH = LANGUAGES.indexOf('en')

// Flags of a UTF-16 code unit.
const LATIN = 1
const CYRILLIC = 2
const HAN = 4
/** і, ї, є, ґ: Cyrillic letters of Ukrainian that Russian lacks. */
const UKRAINIAN = 8
/** What `\s` matches. */
const SPACE = 16
/** The first half of a surrogate pair: the character is looked up in full. */
const HIGH_SURROGATE = 32
/**
 * "İ" (U+0130) lowercases to "i" and a combining dot, which is not Latin: in the lowercased
 * text its word ends after the "i". It is the only Latin letter whose lowercase leaves the
 * script (language.test.ts checks this).
 */
const ENDS_WORD = 64

const SCRIPTS: [number, RegExp][] = [
  [LATIN, /\p{Script=Latin}+/gu],
  [CYRILLIC, /\p{Script=Cyrillic}+/gu],
  [HAN, /\p{Script=Han}+/gu],
  [UKRAINIAN, /[іїєґІЇЄҐ]+/gu],
  [SPACE, /\s+/gu],
]

/** Flags of every character of the Basic Multilingual Plane. */
const FLAGS = new Uint8Array(0x10000)
/**
 * The letter a..z a Latin character lowercases to (its char code), or 0. Only these can spell
 * a function word: "THE" and "The" count as "the".
 */
const LOWER_ASCII = new Uint8Array(0x10000)
{
  FLAGS.set(charClassTable(SCRIPTS.map(([flag, re]) => [re, flag] as const)))
  for (let c = 0; c < 0x10000; c++) {
    if (!(FLAGS[c]! & LATIN)) continue
    const lower = String.fromCharCode(c).toLowerCase()
    if (lower.length === 1 && lower >= 'a' && lower <= 'z') LOWER_ASCII[c] = lower.charCodeAt(0)
  }
  FLAGS.fill(HIGH_SURROGATE, 0xd800, 0xdc00)
  FLAGS[0x130] = LATIN | ENDS_WORD
  LOWER_ASCII[0x130] = 'i'.charCodeAt(0)
}

const ASTRAL: [number, RegExp][] = SCRIPTS.map(([flag, re]) => [
  flag,
  new RegExp(`^${re.source}$`, 'u'),
])

/** Flags of a character beyond the BMP (rare: old Han characters, phonetic Latin letters). */
function astralFlags(character: string): number {
  let flags = 0
  for (const [flag, re] of ASTRAL) if (re.test(character)) flags |= flag
  return flags
}

/** Words of at most this many letters can be function words. */
const MAX_WORD = Math.max(...Object.values(FUNCTION_WORDS).flatMap((ws) => ws.map((w) => w.length)))

/**
 * A word of a..z letters as a number, base 27 with a = 1, so that no two words share one; -1
 * when a character does not lowercase to a..z.
 */
function wordKey(text: string, from = 0, to = text.length): number {
  let key = 0
  for (let i = from; i < to; i++) {
    const lower = LOWER_ASCII[text.charCodeAt(i)]!
    if (lower === 0) return -1
    key = key * 27 + lower - 96
  }
  return key
}

/**
 * The languages (bits in LANGUAGES order) that have each function word, in a small hash table
 * by `wordKey`: the slot is the key's low bits, and the key is kept to tell a function word
 * from another word that falls into the same slot.
 */
const TABLE_SIZE = 4096
const TABLE_KEYS = new Int32Array(TABLE_SIZE).fill(-1)
const TABLE_LANGUAGES = new Uint8Array(TABLE_SIZE)
LANGUAGES.forEach((lang, i) => {
  for (const word of FUNCTION_WORDS[lang]!) {
    const key = wordKey(word)
    const slot = key & (TABLE_SIZE - 1)
    if (TABLE_KEYS[slot] !== -1 && TABLE_KEYS[slot] !== key) {
      throw new Error(`function words share a slot: ${word}`)
    }
    TABLE_KEYS[slot] = key
    TABLE_LANGUAGES[slot] = TABLE_LANGUAGES[slot]! | (1 << i)
  }
})

/** Counts of one sample: letters by script, spaces, and the Latin words of the lowercased text. */
type Tally = {
  latin: number
  cyrillic: number
  han: number
  ukrainian: number
  spaces: number
  /** Latin words, and how many of them are function words of each language. */
  words: number
  functionWords: number[]
}

/** Counts the word from `from` to `to` for each language that has it as a function word. */
function countFunctionWord(text: string, from: number, to: number, counts: number[]): void {
  const key = wordKey(text, from, to)
  const slot = key & (TABLE_SIZE - 1)
  const languages = key >= 0 && TABLE_KEYS[slot] === key ? TABLE_LANGUAGES[slot]! : 0
  for (let i = 0; languages !== 0 && i < LANGUAGES.length; i++) {
    if (languages & (1 << i)) counts[i]!++
  }
}

function tally(text: string): Tally {
  const n = Math.min(text.length, SAMPLE)
  let latin = 0
  let words = 0
  const functionWords = LANGUAGES.map(() => 0)
  // How many characters (code points) have each combination of flags, Latin letters aside.
  const others = new Int32Array(ENDS_WORD)
  // Where the Latin word being read began, or -1.
  let word = -1
  for (let i = 0; i < n; i++) {
    let flags = FLAGS[text.charCodeAt(i)]!
    if (flags === LATIN) {
      // Most characters are letters inside a Latin word: read them in one go.
      if (word < 0) word = i
      let next = i + 1
      while (next < n && (flags = FLAGS[text.charCodeAt(next)]!) === LATIN) next++
      latin += next - i
      if (next === n) break
      // The character that ended the run is dealt with below.
      i = next
    }
    // Where the word being read, if any, ends: here, unless this is its last letter.
    let end = i
    if (flags & HIGH_SURROGATE) {
      const low = i + 1 < n ? text.charCodeAt(i + 1) : 0
      // A lone surrogate, or half a pair cut off by the sample's end, is no letter.
      flags = low >= 0xdc00 && low <= 0xdfff ? astralFlags(text.slice(i, i + 2)) : 0
      if (flags !== 0) i++
    }
    if (flags & LATIN) {
      latin++
      if (word < 0) word = end
      if (!(flags & ENDS_WORD)) continue
      end = i + 1
    } else {
      others[flags]!++
    }
    if (word >= 0) {
      words++
      if (end - word <= MAX_WORD) countFunctionWord(text, word, end, functionWords)
      word = -1
    }
  }
  if (word >= 0) {
    words++
    if (n - word <= MAX_WORD) countFunctionWord(text, word, n, functionWords)
  }
  const counts = { latin, cyrillic: 0, han: 0, ukrainian: 0, spaces: 0, words, functionWords }
  others.forEach((count, flags) => {
    if (flags & SPACE) counts.spaces += count
    if (flags & CYRILLIC) counts.cyrillic += count
    if (flags & UKRAINIAN) counts.ukrainian += count
    if (flags & HAN) counts.han += count
  })
  return counts
}

function latinLanguage(counts: Tally): LanguageCode {
  let best = ENGLISH
  let bestCount = 0
  counts.functionWords.forEach((n, i) => {
    if (n > bestCount) [best, bestCount] = [i, n]
  })
  const english = counts.functionWords[ENGLISH]!
  // Another language must clearly lead before English, the archive's default, is given up.
  const clear = bestCount >= 5 && bestCount >= 0.1 * counts.words && bestCount > 2 * english
  return best !== ENGLISH && clear ? LANGUAGES[best]! : 'en'
}

/** 'en', 'ru', 'uk', 'zh', 'fr', 'de', 'es', or null when the text is too short to tell. */
export function detectLanguage(text: string): LanguageCode | null {
  const counts = tally(text)
  const { han, cyrillic, latin, ukrainian } = counts
  if (latin + cyrillic + han < MIN_LETTERS) return null
  // Mostly symbols and replacement characters: a binary file or a wrong decoding, not prose.
  const visible = Math.min(text.length, SAMPLE) - counts.spaces
  if ((latin + cyrillic + han) / visible < 0.5) return null
  if (han * HAN_WEIGHT >= Math.max(latin, cyrillic)) return 'zh'
  if (cyrillic > latin) return ukrainian / cyrillic > 0.01 ? 'uk' : 'ru'
  return latinLanguage(counts)
}
