import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { detectLanguage } from './language'

const CORPUS = join(__dirname, '../../../../../shared/corpus')

function languageOf(file: string): string | null {
  return detectLanguage(readFileSync(join(CORPUS, file), 'utf8'))
}

describe('detectLanguage', () => {
  it('tells the corpus languages apart', () => {
    expect(languageOf('sco/000_5b5391892682d1ae.txt')).toBe('en')
    expect(languageOf('kremlin_ru_2025/2025-02-24_76327.txt')).toBe('ru')
    expect(languageOf('cn_gov_reports_zh/gwr_006.txt')).toBe('zh')
  })

  it('keeps English with stray Cyrillic letters English (the SCO 2014 "Мember")', () => {
    expect(languageOf('sco/003_e372a3fb9bb542ce.txt')).toBe('en')
    expect(detectLanguage('Мember States of the Оrganization met in Аstana.')).toBe('en')
  })

  it('keeps a Chinese text quoting Latin names Chinese', () => {
    expect(detectLanguage('上海合作组织（SCO）成员国外长理事会会议在阿斯塔纳举行。')).toBe('zh')
  })

  it('tells Ukrainian from Russian, and French, German and Spanish from English', () => {
    expect(detectLanguage('Президент України провів зустріч з прем’єр-міністром у Києві.')).toBe(
      'uk',
    )
    expect(detectLanguage('Президент России провёл встречу с премьер-министром в Москве.')).toBe(
      'ru',
    )
    expect(
      detectLanguage(
        'Nous, chefs d’État et de gouvernement, réunis à Los Angeles, affirmons que la migration est une question pour les pays de la région et que le dialogue est essentiel.',
      ),
    ).toBe('fr')
    expect(
      detectLanguage(
        'Die Minister der Mitgliedstaaten sind sich einig, dass die Zusammenarbeit mit den Partnern nicht nur wichtig ist, sondern auch auf der Tagesordnung steht.',
      ),
    ).toBe('de')
    expect(
      detectLanguage(
        'Los ministros de los países miembros se reunieron en Lima para tratar las cuestiones de la región y se comprometieron a seguir con el diálogo para el desarrollo.',
      ),
    ).toBe('es')
  })

  it('reads function words in any case, and astral characters as one letter each', () => {
    expect(detectLanguage('LES MINISTRES ET LES DÉLÉGUÉS SONT DANS LA SALLE POUR LE VOTE.')).toBe(
      'fr',
    )
    // Twelve Han characters beyond the BMP weigh 36, less than 37 Latin letters.
    const han = '𠀀𠀁𠀂𠀃𠀄𠀅𠀆𠀇𠀈𠀉𠀊𠀋'
    expect(detectLanguage(`${han} ${'a'.repeat(37)}`)).toBe('en')
    expect(detectLanguage(`${han} ${'a'.repeat(36)}`)).toBe('zh')
  })

  it('relies on İ being the only Latin letter whose lowercase leaves the Latin script', () => {
    const latin = /^\p{Script=Latin}$/u
    const odd: string[] = []
    for (let c = 0; c < 0x10000; c++) {
      const char = String.fromCharCode(c)
      if (!latin.test(char)) continue
      if (![...char.toLowerCase()].every((lower) => latin.test(lower))) odd.push(char)
    }
    expect(odd).toEqual(['İ'])
  })

  it('gives null for too little text and for binary noise', () => {
    expect(detectLanguage('')).toBeNull()
    expect(detectLanguage('2025 — 16:25')).toBeNull()
    expect(
      detectLanguage(
        '\uFFFD\uFFFD\u0001PNG\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFDIHDR\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD',
      ),
    ).toBeNull()
  })

  it('reads every corpus file in its manifest language', () => {
    for (const folder of ['kremlin_ru_2025', 'cn_gov_reports_zh', 'unsc_resolutions_en']) {
      const rows = readFileSync(join(CORPUS, `${folder}.manifest.jsonl`), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { file: string; lang: string })
      for (const row of rows) expect([row.file, languageOf(row.file)]).toEqual([row.file, row.lang])
    }
  })
})
