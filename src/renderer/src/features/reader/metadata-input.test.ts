import { describe, expect, it } from 'vitest'
import {
  formatParticipant,
  parseDateInput,
  parseLines,
  parseParticipants,
  parseReferences,
} from './metadata-input'

describe('parseDateInput', () => {
  it('takes a year, a month or a day', () => {
    expect(parseDateInput('2017')).toEqual({ ok: true, value: '2017' })
    expect(parseDateInput(' 2017-04 ')).toEqual({ ok: true, value: '2017-04' })
    expect(parseDateInput('2024-02-29')).toEqual({ ok: true, value: '2024-02-29' })
  })

  it('takes an empty field as an unknown date', () => {
    expect(parseDateInput('  ')).toEqual({ ok: true, value: null })
  })

  it('says what is wrong with a date it refuses', () => {
    const refused = (input: string) => {
      const result = parseDateInput(input)
      return result.ok ? null : result.error
    }
    expect(refused('13 April 2017')).toMatch(/YYYY, YYYY-MM or YYYY-MM-DD/)
    expect(refused('2017-13')).toMatch(/13 is not a month/)
    expect(refused('2023-02-29')).toMatch(/that month has 28 days/)
    expect(refused('2017-4-13')).toMatch(/YYYY-MM-DD/)
  })
})

describe('parseLines', () => {
  it('takes one item per line, trimmed, each once', () => {
    expect(parseLines(' SCO \n\nUN\r\nSCO\n  Collective  Security Treaty ')).toEqual([
      'SCO',
      'UN',
      'Collective Security Treaty',
    ])
  })
})

describe('participants', () => {
  it('reads "Name, role (Country)" per line', () => {
    expect(
      parseParticipants(
        'Nikolai Patrushev, Secretary of the Security Council (Russia)\n\nWang Yi (China)\nRashid Alimov\nSergey Lavrov, Minister of Foreign Affairs, acting',
      ),
    ).toEqual({
      ok: true,
      value: [
        { name: 'Nikolai Patrushev', role: 'Secretary of the Security Council', country: 'Russia' },
        { name: 'Wang Yi', role: null, country: 'China' },
        { name: 'Rashid Alimov', role: null, country: null },
        { name: 'Sergey Lavrov', role: 'Minister of Foreign Affairs, acting', country: null },
      ],
    })
  })

  it('reads back what it writes', () => {
    const people = [
      { name: 'Meng Jianzhu', role: 'Secretary', country: 'China' },
      { name: 'Rashid Alimov', role: null, country: null },
      { name: 'Kairat Abdrakhmanov', role: null, country: 'Kazakhstan' },
    ]
    const text = people.map(formatParticipant).join('\n')
    expect(text.split('\n')[0]).toBe('Meng Jianzhu, Secretary (China)')
    expect(parseParticipants(text)).toEqual({ ok: true, value: people })
  })

  it('refuses a line with no name, naming the line', () => {
    const result = parseParticipants('Wang Yi (China)\n, Minister (Russia)')
    expect(result.ok).toBe(false)
    expect(result.ok ? '' : result.error).toMatch(/^Line 2 .*has no name/)
  })
})

describe('parseReferences', () => {
  it('keeps what was extracted with a label and adds new labels as documents', () => {
    const existing = [
      {
        kind: 'resolution' as const,
        label: 'UN Security Council Resolution 2254',
        text: 'resolution 2254 (2015)',
        date: null,
      },
      { kind: 'treaty' as const, label: 'Gone treaty', text: 'the treaty', date: null },
    ]
    expect(
      parseReferences('UN Security Council Resolution 2254\nTashkent Declaration', existing),
    ).toEqual([
      existing[0],
      { kind: 'document', label: 'Tashkent Declaration', text: 'Tashkent Declaration', date: null },
    ])
  })
})
