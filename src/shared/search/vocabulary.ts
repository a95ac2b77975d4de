/**
 * Every term in the index, with the forms a search matches it by: without diacritics (when the
 * setting ignores them) and stemmed (a word typed without quotes finds its other forms:
 * "organisations" finds "organisation", "терроризма" finds "терроризм").
 *
 * Stems come from the Snowball stemmers in @orama/stemmers: Russian for Cyrillic words, English
 * for Latin ones. Terms of other scripts are their own stem.
 */
import { stemmer as englishStem } from '@orama/stemmers/english'
import { stemmer as russianStem } from '@orama/stemmers/russian'
import { stripDiacritics } from '../text/fold'

const CYRILLIC = /[\u0400-\u04ff]/
const LATIN = /[a-z]/
/** Digits and letters of no script a stemmer knows stay as they are. */
const ONLY_LATIN_LETTERS = /^[a-z\u00c0-\u024f']+$/

/** The stem a folded, diacritic-free term is matched by. */
export function stemOf(bare: string): string {
  if (CYRILLIC.test(bare)) return russianStem(bare)
  if (LATIN.test(bare) && ONLY_LATIN_LETTERS.test(bare)) return englishStem(bare)
  return bare
}

/** The forms of a batch of new terms, as the index stores them ('' where equal to the term). */
export type VocabularyChunk = { terms: string[]; bares: string[]; stems: string[] }

export function vocabularyChunk(terms: readonly string[]): VocabularyChunk {
  const bares: string[] = []
  const stems: string[] = []
  for (const term of terms) {
    const bare = stripDiacritics(term)
    const stem = stemOf(bare)
    bares.push(bare === term ? '' : bare)
    stems.push(stem === bare ? '' : stem)
  }
  return { terms: [...terms], bares, stems }
}

export class Vocabulary {
  private readonly terms = new Set<string>()
  private readonly byBare = new Map<string, string[]>()
  private readonly byStem = new Map<string, string[]>()
  private sortedBares: string[] | null = null

  get size(): number {
    return this.terms.size
  }

  has(term: string): boolean {
    return this.terms.has(term)
  }

  addChunk(chunk: VocabularyChunk): void {
    chunk.terms.forEach((term, i) => {
      if (this.terms.has(term)) return
      this.terms.add(term)
      const bare = chunk.bares[i] || term
      const stem = chunk.stems[i] || bare
      push(this.byBare, bare, term)
      push(this.byStem, stem, term)
    })
    this.sortedBares = null
  }

  /** Terms that are `folded` written the same way, or without diacritics when `ignoreDiacritics`. */
  sameWord(folded: string, ignoreDiacritics: boolean): string[] {
    if (!ignoreDiacritics) return this.terms.has(folded) ? [folded] : []
    return this.byBare.get(stripDiacritics(folded)) ?? []
  }

  /** Terms with the same stem as `folded`. */
  sameStem(folded: string, ignoreDiacritics: boolean): string[] {
    const bare = stripDiacritics(folded)
    const all = this.byStem.get(stemOf(bare)) ?? []
    if (ignoreDiacritics) return all
    // Matching diacritics: the forms whose own stem, with their diacritics, is the word's.
    const stem = stemOf(folded)
    return all.filter((term) => stemOf(term) === stem)
  }

  /** Terms starting with `folded`, at most `limit` of them (the shortest first). */
  withPrefix(folded: string, ignoreDiacritics: boolean, limit = 2000): string[] {
    const prefix = stripDiacritics(folded)
    const sorted = (this.sortedBares ??= [...this.byBare.keys()].sort())
    let low = 0
    let high = sorted.length
    while (low < high) {
      const mid = (low + high) >>> 1
      if (sorted[mid]! < prefix) low = mid + 1
      else high = mid
    }
    const found: string[] = []
    for (let i = low; i < sorted.length && sorted[i]!.startsWith(prefix); i++) {
      for (const term of this.byBare.get(sorted[i]!)!) {
        if (ignoreDiacritics || term.startsWith(folded)) found.push(term)
      }
    }
    if (found.length <= limit) return found
    return found.sort((a, b) => a.length - b.length).slice(0, limit)
  }
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}
