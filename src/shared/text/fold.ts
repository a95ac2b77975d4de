/**
 * Folding: what makes two spellings of a word the same word for search.
 *
 * - NFKC: compatibility forms become their plain letter (full-width "ＳＣＯ" → "SCO", the
 *   ligature "ﬁ" → "fi", "²" → "2").
 * - Case, locale-independent.
 * - Look-alike letters inside a word of another script ("Мember" with a Cyrillic М → "member";
 *   a Latin C inside a Russian word → Cyrillic С), with the table in `mixed-script`.
 * - ё → е: Russian prints ё as е most of the time, so a reader never knows which to type.
 * - Diacritics, on Latin and Greek letters only ("São" → "sao"): a search setting, so folding
 *   them is a separate step (`stripDiacritics`). Cyrillic letters keep theirs: й is a letter of
 *   its own, not и with a mark.
 *
 * The index keeps words folded by `foldWord` and looks up the diacritic-free form
 * (`stripDiacritics`) when the setting says to ignore them, so changing the setting never
 * needs the archive indexed again.
 */
import { foldConfusables } from './mixed-script'

/** Latin letters with their compatibility forms and Latin-1 to Latin Extended B. */
const LATIN_LETTER = /[A-Za-z\u00c0-\u024f]/
/** Cyrillic and Greek blocks, where a look-alike of a Latin letter may come from. */
const CYRILLIC_OR_GREEK = /[\u0370-\u052f\u1c80-\u1c8f\u1f00-\u1fff]/
const NOT_ASCII = /[^ -~]/
const YO = /ё/g
const MARK_AFTER_LATIN_OR_GREEK = /([\p{Script=Latin}\p{Script=Greek}])\p{M}+/gu
/** Precomposed Latin and Greek letters with marks, and combining marks (tested as a range). */
const HAS_MARK_OR_PRECOMPOSED = /[\u00c0-\u024f\u0370-\u03ff\u1e00-\u1fff]|[\u0300-\u036f]/

/** One word, folded for the index: NFKC, lower case, look-alikes, ё → е. */
export function foldWord(word: string): string {
  // Printable ASCII (nearly every English word): case is all there is to fold.
  if (!NOT_ASCII.test(word)) return word.toLowerCase()
  let folded = word.normalize('NFKC')
  // Before lower case: the look-alike of a capital can differ from its small letter's (М, м).
  if (CYRILLIC_OR_GREEK.test(folded) && LATIN_LETTER.test(folded)) {
    folded = foldConfusables(folded)
  }
  folded = folded.toLowerCase()
  return folded.includes('ё') ? folded.replace(YO, 'е') : folded
}

/** A folded word without the diacritics of its Latin and Greek letters: "são" → "sao". */
export function stripDiacritics(folded: string): string {
  if (!HAS_MARK_OR_PRECOMPOSED.test(folded)) return folded
  return folded.normalize('NFD').replace(MARK_AFTER_LATIN_OR_GREEK, '$1').normalize('NFC')
}
