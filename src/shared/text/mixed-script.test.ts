import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { findMixedScriptWords, foldConfusables } from './mixed-script'

const CORPUS = join(__dirname, '../../../../shared/corpus')
const read = (folder: string, name: string) => readFileSync(join(CORPUS, folder, name), 'utf8')
const expected = JSON.parse(readFileSync(join(CORPUS, 'bad/expected.json'), 'utf8')) as Record<
  string,
  { mixedScriptWords?: string[] }
>

describe('findMixedScriptWords', () => {
  it('finds the Cyrillic look-alikes planted in English words, in order, once each', () => {
    const words = findMixedScriptWords(read('bad', 'homoglyph-mixed-script.txt'))
    expect(words).toEqual(expected['homoglyph-mixed-script.txt']?.mixedScriptWords)
    expect(words).toEqual(['Мember', 'Shаnghai', 'Afghаnistan'])
  })

  it('finds "Мember" in the SCO 2014 release', () => {
    expect(findMixedScriptWords(read('sco', '003_e372a3fb9bb542ce.txt'))).toEqual(['Мember'])
  })

  it('finds nothing in clean English, Russian and Chinese text', () => {
    expect(findMixedScriptWords(read('sco', '000_5b5391892682d1ae.txt'))).toEqual([])
    expect(findMixedScriptWords(read('kremlin_ru_2025', '2025-02-03_76193.txt'))).toEqual([])
    expect(findMixedScriptWords(read('cn_gov_reports_zh', 'cpc_000.txt'))).toEqual([])
  })

  it('finds a Latin letter inside a Russian word and Greek inside Latin', () => {
    expect(findMixedScriptWords('Заседание Cовета Безопасности')).toEqual(['Cовета'])
    expect(findMixedScriptWords('the Αfghan side')).toEqual(['Αfghan'])
  })

  it('does not join words across digits, hyphens or spaces', () => {
    expect(findMixedScriptWords('COVID-19 и SARS-CoV-2, Москва-Beijing')).toEqual([])
  })

  it('sees every Cyrillic and Greek letter and mark, inside and outside the BMP', () => {
    const cyrillicOrGreek = /^[\p{Script=Cyrillic}\p{Script=Greek}]$/u
    const wordChar = /^[\p{L}\p{M}]$/u
    const missed: string[] = []
    for (let codePoint = 0; codePoint <= 0x10ffff; codePoint++) {
      if (codePoint >= 0xd800 && codePoint <= 0xdfff) continue
      const char = String.fromCodePoint(codePoint)
      if (!cyrillicOrGreek.test(char) || !wordChar.test(char)) continue
      const word = `b${char}a`
      if (findMixedScriptWords(`The ${word}.`).join() !== word) missed.push(codePoint.toString(16))
    }
    expect(missed).toEqual([])
  })

  it('reads letters outside the BMP as one character', () => {
    // U+1DF00 is a Latin letter and U+1E030 a Cyrillic one; U+1F600 (an emoji) is no letter,
    // U+1D400 (mathematical bold A) is a letter in no script, and a lone surrogate is neither.
    expect(findMixedScriptWords('\u{1DF00}\u{1E030} д\u{1F600}a \u{1D400}д \ud835д')).toEqual([
      '\u{1DF00}\u{1E030}',
    ])
  })
})

describe('foldConfusables', () => {
  it('maps look-alikes into the script of a mostly Latin word', () => {
    expect(foldConfusables('Мember')).toBe('Member')
    expect(foldConfusables('Shаnghai')).toBe('Shanghai')
    expect(foldConfusables('Αfghаnistan')).toBe('Afghanistan')
  })

  it('maps look-alikes into the script of a mostly Cyrillic word', () => {
    expect(foldConfusables('Cовета')).toBe('Совета')
    expect(foldConfusables('Pоссия')).toBe('Россия')
  })

  it('leaves single-script words and letters without a look-alike alone', () => {
    expect(foldConfusables('Member')).toBe('Member')
    expect(foldConfusables('Совет')).toBe('Совет')
    expect(foldConfusables('Жb')).toBe('Жb')
  })
})
