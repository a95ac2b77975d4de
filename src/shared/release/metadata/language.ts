/**
 * The main language of a text, told by the share of each script among its letters.
 *
 * Counting letters rather than words keeps stray characters harmless: OCR'd English with a
 * Cyrillic "М" inside "Мember" is still overwhelmingly Latin. Han characters count several
 * times over because one carries about as much text as a short Latin word, so a Chinese
 * report quoting English names stays Chinese. Cyrillic with the letters і, ї, є, ґ (absent
 * from Russian) is Ukrainian; Latin text is English unless the function words of French,
 * German or Spanish clearly outnumber English ones. Only the first 5,000 characters are read.
 */

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

function latinLanguage(sample: string): LanguageCode {
  const words = sample.toLowerCase().match(/\p{Script=Latin}+/gu) ?? []
  const counts = new Map<string, number>()
  const lookup = new Map<string, string[]>()
  for (const [lang, list] of Object.entries(FUNCTION_WORDS)) {
    counts.set(lang, 0)
    for (const w of list) lookup.set(w, [...(lookup.get(w) ?? []), lang])
  }
  for (const w of words) {
    for (const lang of lookup.get(w) ?? []) counts.set(lang, (counts.get(lang) ?? 0) + 1)
  }
  let best = 'en'
  let bestCount = 0
  for (const [lang, n] of counts) {
    if (n > bestCount) [best, bestCount] = [lang, n]
  }
  const english = counts.get('en') ?? 0
  // Another language must clearly lead before English, the archive's default, is given up.
  const clear = bestCount >= 5 && bestCount >= 0.1 * words.length && bestCount > 2 * english
  return best !== 'en' && clear ? best : 'en'
}

/** 'en', 'ru', 'uk', 'zh', 'fr', 'de', 'es', or null when the text is too short to tell. */
export function detectLanguage(text: string): LanguageCode | null {
  const sample = text.slice(0, SAMPLE)
  const count = (re: RegExp): number => sample.match(re)?.length ?? 0
  const han = count(/\p{Script=Han}/gu)
  const cyrillic = count(/\p{Script=Cyrillic}/gu)
  const latin = count(/\p{Script=Latin}/gu)
  const ukrainian = count(/[іїєґІЇЄҐ]/gu)
  if (latin + cyrillic + han < MIN_LETTERS) return null
  // Mostly symbols and replacement characters: a binary file or a wrong decoding, not prose.
  const visible = sample.replace(/\s/g, '').length
  if ((latin + cyrillic + han) / visible < 0.5) return null
  if (han * HAN_WEIGHT >= Math.max(latin, cyrillic)) return 'zh'
  if (cyrillic > latin) return ukrainian / cyrillic > 0.01 ? 'uk' : 'ru'
  return latinLanguage(sample)
}
