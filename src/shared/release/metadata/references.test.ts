import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { decodeBytes } from '../decode'
import { parseRelease } from '../parse-release'
import { extractReferences, parseDateAt } from './references'

const CORPUS = join(__dirname, '../../../../../shared/corpus')
const read = (path: string) =>
  parseRelease(decodeBytes(new Uint8Array(readFileSync(join(CORPUS, path)))).text)

describe('references in the SCO releases', () => {
  it('2017: Resolution 2254, the Minsk agreements with their date, the treaty and the convention', () => {
    const refs = extractReferences(read('sco/000_5b5391892682d1ae.txt').paragraphs)
    const byLabel = new Map(refs.map((r) => [r.label, r]))
    expect(byLabel.get('UN Security Council Resolution 2254')?.kind).toBe('resolution')
    expect(byLabel.get('Minsk agreements')).toMatchObject({
      kind: 'agreement',
      text: 'Minsk agreements of 12 February 2015',
      date: { iso: '2015-02-12', end: null, text: '12 February 2015', inferred: false },
    })
    expect(byLabel.get('Treaty on a Nuclear-Weapon-Free Zone in Central Asia')?.kind).toBe('treaty')
    expect(byLabel.get('SCO Convention on Countering Extremism')?.kind).toBe('treaty')
  })

  it('2014: the Joint Declaration and the GA resolution with their dates, the memorandum and the protocol', () => {
    const refs = extractReferences(read('sco/003_e372a3fb9bb542ce.txt').paragraphs)
    expect(refs.map((r) => [r.kind, r.label, r.date?.iso ?? null])).toEqual([
      [
        'declaration',
        'Joint Declaration on Cooperation between Secretariats of the UN and the SCO',
        '2010-04-05',
      ],
      [
        'resolution',
        'UN General Assembly resolution "Cooperation between UN and SCO"',
        '2013-02-14',
      ],
      ['agreement', 'Memorandum of Understanding between the SCO Secretariat and the UNODC', null],
      [
        'agreement',
        'Protocol on Cooperation between the UNODC and the SCO Regional Anti-Terrorist Structure',
        null,
      ],
    ])
  })
})

describe('Security Council resolutions', () => {
  it('splits lists and keeps the year in brackets as the date', () => {
    const refs = extractReferences([
      'Recalling its resolutions 1267 (1999) and 1989 (2011), and S/RES/868 (1993),',
    ])
    expect(refs.map((r) => r.label)).toEqual([
      'UN Security Council Resolution 1267',
      'UN Security Council Resolution 1989',
      'UN Security Council Resolution 868',
    ])
    expect(refs[0]?.date?.iso).toBe('1999')
  })

  it('does not read a day or year inside "of 16 June 1993" as a resolution', () => {
    const refs = extractReferences([
      'Recalling Security Council resolutions 841 (1993) of 16 June 1993 and 861 (1993) of 27 August 1993,',
    ])
    expect(refs.map((r) => [r.label, r.date?.iso])).toEqual([
      ['UN Security Council Resolution 841', '1993-06-16'],
      ['UN Security Council Resolution 861', '1993-08-27'],
    ])
  })

  it('reads Russian and Chinese forms and labels them the same way', () => {
    expect(extractReferences(['в соответствии с резолюцией 2254 СБ ООН и Уставом ООН'])).toEqual([
      expect.objectContaining({ label: 'UN Security Council Resolution 2254' }),
      expect.objectContaining({ label: 'UN Charter', kind: 'treaty' }),
    ])
    expect(
      extractReferences(['遵循联合国宪章宗旨，落实安理会第2254号决议']).map((r) => r.label),
    ).toEqual(['UN Charter', 'UN Security Council Resolution 2254'])
  })

  it('gives sane counts on the UN Security Council resolutions corpus', () => {
    const dir = join(CORPUS, 'unsc_resolutions_en')
    let total = 0
    let bogus = 0
    const files = readdirSync(dir)
    for (const file of files) {
      const text = decodeBytes(new Uint8Array(readFileSync(join(dir, file)))).text
      const refs = extractReferences(parseRelease(text).paragraphs)
      total += refs.length
      for (const r of refs) {
        const n = /Resolution (\d+)$/.exec(r.label)?.[1]
        const own = Number(/S_RES_(\d+)_/.exec(file)?.[1])
        // A resolution cites earlier ones; a later number is a misreading
        // (or an editorial footnote added to the published text).
        if (n && Number(n) > own) bogus++
      }
    }
    expect(total / files.length).toBeGreaterThan(1)
    expect(total / files.length).toBeLessThan(8)
    expect(bogus).toBeLessThanOrEqual(total * 0.01)
  })
})

describe('parseDateAt', () => {
  it('reads day-month-year in English and Russian, and US month-day-year', () => {
    expect(parseDateAt('on 14 June 1999', 3)?.iso).toBe('1999-06-14')
    expect(parseDateAt('8 мая 2025 года', 0)).toEqual({
      iso: '2025-05-08',
      end: null,
      text: '8 мая 2025 года',
      inferred: false,
    })
    expect(parseDateAt('April 2, 2025', 0)?.iso).toBe('2025-04-02')
    expect(parseDateAt('12 Things 2015', 0)).toBeNull()
  })
})
