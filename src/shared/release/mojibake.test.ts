import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { decodeBytes, WINDOWS_1252_80_TO_9F } from './decode'
import { repairDoubleEncoding } from './mojibake'

const CORPUS = join(__dirname, '../../../../shared/corpus')

const readText = (path: string) => decodeBytes(new Uint8Array(readFileSync(path))).text
const folderTexts = (folder: string) =>
  readdirSync(join(CORPUS, folder)).map((name) => ({
    name,
    text: readText(join(CORPUS, folder, name)),
  }))

/** What a tool that reads UTF-8 as windows-1252 and saves it as UTF-8 again produces. */
function doubleEncode(text: string): string {
  return Array.from(new TextEncoder().encode(text), (byte) =>
    String.fromCharCode(byte >= 0x80 && byte < 0xa0 ? WINDOWS_1252_80_TO_9F[byte - 0x80]! : byte),
  ).join('')
}

/** The signature of a double-encoded curly quote, dash or apostrophe. */
const MOJIBAKE = /\u00e2\u20ac[\u0080-\u00bf\u0152\u0153\u0160\u0161\u2013-\u2122]/

describe('repairDoubleEncoding on the UN General Debate speeches', () => {
  const speeches = folderTexts('ungdc')
  const damaged = speeches.filter(({ text }) => MOJIBAKE.test(text))

  it('repairs every double-encoded quote and dash in the damaged speeches', () => {
    expect(damaged.length).toBeGreaterThan(0)
    for (const { name, text } of damaged) {
      const { text: repaired, repairs } = repairDoubleEncoding(text)
      expect(repairs, name).toBeGreaterThan(0)
      expect(MOJIBAKE.test(repaired), name).toBe(false)
      expect(repaired, name).toMatch(/[\u201c\u201d\u2019\u2014]/)
      // Each three-character sequence became one character.
      expect(text.length - repaired.length, name).toBeGreaterThanOrEqual(repairs)
    }
  })

  it('repairs the closing quote whose last byte is an undefined windows-1252 byte (U+009D)', () => {
    const withClosingQuote = damaged.find(({ text }) => text.includes('\u00e2\u20ac\u009d'))
    expect(withClosingQuote).toBeDefined()
    const { text } = repairDoubleEncoding(withClosingQuote!.text)
    expect(text).not.toContain('\u009d')
    expect(text).toContain('\u201d')
  })

  it('leaves every other speech unchanged', () => {
    const clean = speeches.filter(
      ({ text }) => !MOJIBAKE.test(text) && !/Ã[\u00a0-\u00bf]/.test(text),
    )
    expect(clean.length).toBeGreaterThan(900)
    for (const { name, text } of clean) {
      expect(repairDoubleEncoding(text), name).toEqual({ text, repairs: 0 })
    }
  })
})

describe('repairDoubleEncoding never touches legitimate text', () => {
  it.each(['kremlin_ru_2025', 'cn_gov_reports_zh', 'wh_briefings', 'unsc_resolutions_en', 'sco'])(
    'no change in %s',
    (folder) => {
      for (const { name, text } of folderTexts(folder)) {
        expect(repairDoubleEncoding(text).repairs, `${folder}/${name}`).toBe(0)
      }
    },
  )

  it.each([
    'café au lait, Größe, naïve, Ångström, smörgåsbord',
    'São Paulo, ESPAÑA, «CAFÉ», AÑO 2019, Köln, Zürich',
    'ÉTATS-UNIS – Déclaration conjointe, 15 juin',
    'Ministre des Affaires étrangères: «Ça va», dit-il.',
    'Заявление МИД России — «О ситуации»',
    '中华人民共和国国务院政府工作报告',
    '“Quoted” — with dashes… and 10 € or £5',
  ])('%s', (text) => {
    expect(repairDoubleEncoding(text)).toEqual({ text, repairs: 0 })
  })
})

describe('repairDoubleEncoding repairs what double encoding did', () => {
  it('repairs accented letters and counts each character', () => {
    expect(repairDoubleEncoding('JosÃ© of AsunciÃ³n')).toEqual({
      text: 'José of Asunción',
      repairs: 2,
    })
  })

  it('undoes double encoding of Russian, Chinese and typographic text', () => {
    const original = '“White Helmets” — Заявление, 国务院, José’s café, 10 €, emoji 🙂'
    const damaged = doubleEncode(original)
    expect(damaged).not.toBe(original)
    const { text, repairs } = repairDoubleEncoding(damaged)
    expect(text).toBe(original)
    expect(repairs).toBe([...original].filter((ch) => ch.codePointAt(0)! >= 0x80).length)
  })

  it('repairs only the damaged part of a text that mixes damaged and clean passages', () => {
    const clean = 'La délégation de Côte d’Ivoire'
    const { text, repairs } = repairDoubleEncoding(`${clean} — ${doubleEncode('“Oui”')}`)
    expect(text).toBe(`${clean} — “Oui”`)
    expect(repairs).toBe(2)
  })
})
