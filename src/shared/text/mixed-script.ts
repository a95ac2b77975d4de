/**
 * Words that mix Latin, Cyrillic and Greek letters, and folding of look-alike letters.
 *
 * Releases reach the archive through OCR, copy-paste between Russian and English documents and
 * keyboard-layout slips, so "Мember" (Cyrillic М) or "Afghаnistan" (Cyrillic а) look right but
 * do not match a search for Member or Afghanistan; a Latin C inside a Russian word breaks Russian
 * search the same way. The importer flags such words, and search folds them with
 * `foldConfusables`.
 *
 * The look-alike table is a small subset of the Unicode confusables data (Unicode Technical
 * Standard #39, "Unicode Security Mechanisms", confusables.txt): only letters of the Cyrillic
 * and Greek blocks that are drawn like a Latin letter in ordinary fonts.
 */
import { charClassTable } from './char-classes'

type Script = 'latin' | 'cyrillic' | 'greek'

/** Cyrillic letters drawn like a Latin letter (UTS #39 confusables subset). */
const CYRILLIC_TO_LATIN: Record<string, string> = {
  А: 'A',
  В: 'B',
  Е: 'E',
  К: 'K',
  М: 'M',
  Н: 'H',
  О: 'O',
  Р: 'P',
  С: 'C',
  Т: 'T',
  У: 'Y',
  Х: 'X',
  Ѕ: 'S',
  І: 'I',
  Ј: 'J',
  Ԛ: 'Q',
  Ԝ: 'W',
  Ү: 'Y',
  а: 'a',
  е: 'e',
  о: 'o',
  р: 'p',
  с: 'c',
  у: 'y',
  х: 'x',
  ѕ: 's',
  і: 'i',
  ј: 'j',
  ԁ: 'd',
  һ: 'h',
  ԛ: 'q',
  ԝ: 'w',
  ӏ: 'l',
}

/** Greek letters drawn like a Latin letter (UTS #39 confusables subset). */
const GREEK_TO_LATIN: Record<string, string> = {
  Α: 'A',
  Β: 'B',
  Ε: 'E',
  Ζ: 'Z',
  Η: 'H',
  Ι: 'I',
  Κ: 'K',
  Μ: 'M',
  Ν: 'N',
  Ο: 'O',
  Ρ: 'P',
  Τ: 'T',
  Υ: 'Y',
  Χ: 'X',
  α: 'a',
  γ: 'y',
  ι: 'i',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  υ: 'u',
}

/** The reverse of a table; where two letters map to one Latin letter the first listed wins. */
function invert(table: Record<string, string>): Record<string, string> {
  const inverse: Record<string, string> = {}
  for (const [from, to] of Object.entries(table)) inverse[to] ??= from
  return inverse
}

const LATIN_TO_CYRILLIC = invert(CYRILLIC_TO_LATIN)
const LATIN_TO_GREEK = invert(GREEK_TO_LATIN)

const LATIN_RE = /\p{Script=Latin}/u
const CYRILLIC_RE = /\p{Script=Cyrillic}/u
const GREEK_RE = /\p{Script=Greek}/u
/** A word: letters with their combining marks. Digits, hyphens and apostrophes end a word. */
const WORD_CHAR_RE = /[\p{L}\p{M}]/u

// Character classes as bits: a word character, the script among the three that can be mixed,
// and a surrogate pair (two code units).
const WORD = 1
const LATIN = 2
const CYRILLIC = 4
const GREEK = 8
const SCRIPTS = LATIN | CYRILLIC | GREEK
const PAIR = 16
const SCRIPT_BITS: Record<Script, number> = { latin: LATIN, cyrillic: CYRILLIC, greek: GREEK }

/**
 * A quick test for text that cannot hold a mixed word: a word is mixed only with a Cyrillic or
 * Greek letter in it, and most releases are English or Chinese. The class is a superset of those
 * two scripts in plain UTF-16 code-unit ranges (the Greek and Cyrillic blocks and their
 * extensions, and every high surrogate for the few letters outside the Basic Multilingual
 * Plane), which scans several times faster than the Unicode script properties. (The ranges of
 * combining letters come first: after another character they would read as one combined
 * character.)
 */
const MAY_HAVE_CYRILLIC_OR_GREEK =
  /[\u2de0-\u2dff\ufe2e-\ufe2f\u0370-\u052f\u1c80-\u1fff\u2126\ua640-\ua69f\uab65\ud800-\udbff]/

/**
 * The class bits of every UTF-16 code unit outside the surrogate range, so that the word scan
 * needs one table lookup per character instead of several regex tests. Built on first use by
 * running each property regex over a string that holds every such code unit once.
 */
let bmpClasses: Uint8Array | null = null

function buildBmpClasses(): Uint8Array {
  return charClassTable([
    [/[\p{L}\p{M}]+/gu, WORD],
    [/\p{Script=Latin}+/gu, LATIN],
    [/\p{Script=Cyrillic}+/gu, CYRILLIC],
    [/\p{Script=Greek}+/gu, GREEK],
  ])
}

/** The class bits of the character at `at`; 0 past the end and for a lone surrogate. */
function classAt(classes: Uint8Array, text: string, at: number): number {
  const code = text.charCodeAt(at)
  if (code < 0xd800 || code > 0xdbff) return classes[code] ?? 0
  const low = text.charCodeAt(at + 1)
  if (low < 0xdc00 || low > 0xdfff) return 0
  // Outside the Basic Multilingual Plane (rare): the code point is tested directly.
  const char = text.slice(at, at + 2)
  const script = scriptOf(char)
  return PAIR | (WORD_CHAR_RE.test(char) ? WORD : 0) | (script ? SCRIPT_BITS[script] : 0)
}

function scriptOf(char: string): Script | undefined {
  if (LATIN_RE.test(char)) return 'latin'
  if (CYRILLIC_RE.test(char)) return 'cyrillic'
  if (GREEK_RE.test(char)) return 'greek'
  return undefined
}

/**
 * Words mixing Latin, Cyrillic or Greek letters, each once, in order of first appearance.
 * E.g. "The Мember States" → ["Мember"].
 *
 * One pass over the character codes: each word collects the script bits of its characters, and
 * a word with two different bits is mixed.
 */
export function findMixedScriptWords(text: string): string[] {
  if (!MAY_HAVE_CYRILLIC_OR_GREEK.test(text)) return []
  const classes = (bmpClasses ??= buildBmpClasses())
  const found = new Set<string>()
  let wordStart = -1
  let scripts = 0
  // One step past the end, where no word character is, ends the last word.
  for (let i = 0; i <= text.length;) {
    const bits = classAt(classes, text, i)
    if (bits & WORD) {
      if (wordStart < 0) {
        wordStart = i
        scripts = 0
      }
      scripts |= bits
    } else if (wordStart >= 0) {
      // More than one script bit: a mixed word (and so one of at least two characters).
      const wordScripts = scripts & SCRIPTS
      if ((wordScripts & (wordScripts - 1)) !== 0) found.add(text.slice(wordStart, i))
      wordStart = -1
    }
    i += bits & PAIR ? 2 : 1
  }
  return [...found]
}

/**
 * Rewrites look-alike letters in a mixed-script word into the word's main script: the script
 * with the most letters, and on a tie the script of the first letter. "Мember" → "Member",
 * "Cовет" (Latin C) → "Совет". Letters without a look-alike, and words in one script, are
 * returned unchanged.
 */
export function foldConfusables(word: string): string {
  const counts: Record<Script, number> = { latin: 0, cyrillic: 0, greek: 0 }
  let first: Script | undefined
  for (const char of word) {
    const script = scriptOf(char)
    if (!script) continue
    first ??= script
    counts[script]++
  }
  if (!first) return word
  let main: Script = first
  for (const script of ['latin', 'cyrillic', 'greek'] as const) {
    if (counts[script] > counts[main]) main = script
  }
  if (counts[main] === counts.latin + counts.cyrillic + counts.greek) return word

  let folded = ''
  for (const char of word) {
    const script = scriptOf(char)
    folded += script && script !== main ? foldChar(char, script, main) : char
  }
  return folded
}

function foldChar(char: string, from: Script, to: Script): string {
  const latin =
    from === 'latin'
      ? char
      : ((from === 'cyrillic' ? CYRILLIC_TO_LATIN : GREEK_TO_LATIN)[char] ?? undefined)
  if (latin === undefined) return char
  if (to === 'latin') return latin
  return (to === 'cyrillic' ? LATIN_TO_CYRILLIC : LATIN_TO_GREEK)[latin] ?? char
}
