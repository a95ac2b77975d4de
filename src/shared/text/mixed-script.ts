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
/** Any Cyrillic or Greek letter: without one, no word can be mixed. */
const NON_LATIN_RE = /[\p{Script=Cyrillic}\p{Script=Greek}]/u
/** A word: letters with their combining marks. Digits, hyphens and apostrophes end a word. */
const WORD_RE = /[\p{L}\p{M}]+/gu

function scriptOf(char: string): Script | undefined {
  if (LATIN_RE.test(char)) return 'latin'
  if (CYRILLIC_RE.test(char)) return 'cyrillic'
  if (GREEK_RE.test(char)) return 'greek'
  return undefined
}

function isMixed(word: string): boolean {
  let first: Script | undefined
  for (const char of word) {
    const script = scriptOf(char)
    if (!script) continue
    if (!first) first = script
    else if (script !== first) return true
  }
  return false
}

/**
 * Words mixing Latin, Cyrillic or Greek letters, each once, in order of first appearance.
 * E.g. "The Мember States" → ["Мember"].
 */
export function findMixedScriptWords(text: string): string[] {
  if (!NON_LATIN_RE.test(text)) return []
  const found = new Set<string>()
  for (const match of text.matchAll(WORD_RE)) {
    const word = match[0]
    if (word.length > 1 && !found.has(word) && isMixed(word)) found.add(word)
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
