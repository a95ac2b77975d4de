import { describe, expect, it } from 'vitest'
import { extractPlace } from './place'
import { manifest, readRelease } from './test-support/corpus'

function placeOf(file: string): string | null {
  const { title, paragraphs } = readRelease(file)
  return extractPlace(paragraphs, title)
}

describe('extractPlace', () => {
  it('SCO 2017: "held in Astana on 5-6 April", not the next meeting\'s venue', () => {
    expect(placeOf('sco/000_5b5391892682d1ae.txt')).toBe('Astana')
  })

  it('SCO 2014: a meeting at the Russian foreign ministry was in Moscow', () => {
    expect(placeOf('sco/003_e372a3fb9bb542ce.txt')).toBe('Moscow')
  })

  it('reads kremlin.ru datelines: city, region and venue', () => {
    const at = (tail: string) =>
      extractPlace([`События Встреча. 24 февраля 2025 года 16:25 ${tail}`])
    expect(at('Москва, Кремль В.Путин: Добрый день!')).toBe('Москва, Кремль')
    expect(at('Санкт-Петербург В.Путин: Уважаемые друзья!')).toBe('Санкт-Петербург')
    expect(at('Курская область В.Герасимов: Товарищ Верховный')).toBe('Курская область')
    expect(at('Московская область, Ново-Огарево В.Путин:')).toBe('Московская область, Ново-Огарёво')
    // A dateline without a place (a phone call) gives no place, whatever the text says later.
    expect(at('Состоялся телефонный разговор. Ранее встреча прошла в Москве.')).toBeNull()
  })

  it('reads English datelines and meeting phrases, in the language of the text', () => {
    expect(extractPlace(['Bishkek, 14 June 2019', 'The heads of state met.'])).toBe('Bishkek')
    expect(extractPlace(['The summit took place in Beijing.'], 'T', 'en')).toBe('Beijing')
    expect(extractPlace(['Переговоры прошли в Пекине.'], 'Т', 'ru')).toBe('Пекин')
    expect(extractPlace(['会议在北京举行。'], '公报', 'zh')).toBe('北京')
    expect(extractPlace(['The next meeting will be held in Tashkent.'])).toBeNull()
    expect(extractPlace(['Nobody said where.'])).toBeNull()
  })

  it('kremlin.ru: the manifest place for at least 80%, and few invented places', () => {
    const rows = manifest('kremlin_ru_2025')
    const norm = (s: unknown) =>
      String(s ?? '')
        .replace(/\s+/g, ' ')
        .trim()
    const withPlace = rows.filter((m) => m.place)
    const hits = withPlace.filter((m) => norm(placeOf(m.file as string)) === norm(m.place))
    expect(hits.length / withPlace.length).toBeGreaterThanOrEqual(0.8)
    const without = rows.filter((m) => !m.place)
    const invented = without.filter((m) => placeOf(m.file as string) !== null)
    expect(invented.length / without.length).toBeLessThanOrEqual(0.1)
  })
})
