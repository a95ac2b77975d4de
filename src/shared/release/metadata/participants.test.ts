import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { decodeBytes } from '../decode'
import { parseRelease } from '../parse-release'
import { extractParticipants } from './participants'

const CORPUS = join(__dirname, '../../../../../shared/corpus')
const read = (path: string) =>
  parseRelease(decodeBytes(new Uint8Array(readFileSync(join(CORPUS, path)))).text)

describe('participants of the SCO 2017 meeting', () => {
  const { title, paragraphs } = read('sco/000_5b5391892682d1ae.txt')
  const participants = extractParticipants(paragraphs, title)
  const byName = new Map(participants.map((p) => [p.name, p]))

  it('names the eight delegation heads with their roles and countries', () => {
    expect(byName.get('Vladimir Zhumakanov')).toEqual({
      name: 'Vladimir Zhumakanov',
      role: 'Presidential Aide and Secretary of the Security Council',
      country: 'Kazakhstan',
    })
    expect(byName.get('Guo Shengkun')).toEqual({
      name: 'Guo Shengkun',
      role: 'Member of the State Council',
      country: 'China',
    })
    expect(byName.get('Temir Djumakadyrov')?.country).toBe('Kyrgyzstan')
    expect(byName.get('Nikolai Patrushev')).toEqual({
      name: 'Nikolai Patrushev',
      role: 'Secretary of the Security Council',
      country: 'Russia',
    })
    expect(byName.get('Abdurakhim Kaharov')?.country).toBe('Tajikistan')
    expect(byName.get('Viktor Mahmudov')).toEqual({
      name: 'Viktor Mahmudov',
      role: 'Secretary of the Security Council under the President',
      country: 'Uzbekistan',
    })
    expect(byName.get('Rashid Alimov')).toEqual({
      name: 'Rashid Alimov',
      role: 'Secretary-General of the Shanghai Cooperation Organisation',
      country: null,
    })
    expect(byName.get('Yevgeny Sysoyev')?.role).toBe(
      'Director of the Executive Committee of the SCO Regional Antiterrorist Structure',
    )
    expect(byName.get('Yevgeny Sysoyev')?.country).toBeNull()
  })

  it('adds the President who received them, and nobody else', () => {
    expect(byName.get('Nursultan Nazarbayev')).toEqual({
      name: 'Nursultan Nazarbayev',
      role: 'President',
      country: 'Kazakhstan',
    })
    expect(participants).toHaveLength(9)
  })

  it('the 2014 release names no one', () => {
    const r = read('sco/003_e372a3fb9bb542ce.txt')
    expect(extractParticipants(r.paragraphs, r.title)).toEqual([])
  })
})

describe('English patterns', () => {
  it('reads "<Name>, <Role>" and a country adjective before the role', () => {
    const found = extractParticipants([
      'The representative from the Chinese side will be He Lifeng, Vice Premier of the State Council, and from the U.S. side Scott Bessent, Secretary of the Treasury.',
      'Russian President Vladimir Putin met Prime Minister Narendra Modi of India.',
    ])
    expect(found).toContainEqual({
      name: 'He Lifeng',
      role: 'Vice Premier of the State Council',
      country: null,
    })
    expect(found).toContainEqual({
      name: 'Scott Bessent',
      role: 'Secretary of the Treasury',
      country: null,
    })
    expect(found).toContainEqual({ name: 'Vladimir Putin', role: 'President', country: 'Russia' })
    expect(found).toContainEqual({
      name: 'Narendra Modi',
      role: 'Prime Minister',
      country: 'India',
    })
  })

  it('reads two "<Name>, <Role>" people in one sentence', () => {
    expect(
      extractParticipants([
        'The talks were attended by Sergey Lavrov, Minister of Foreign Affairs of Russia, and Wang Yi, the Foreign Minister of China, who said little.',
      ]),
    ).toEqual([
      { name: 'Sergey Lavrov', role: 'Minister of Foreign Affairs', country: 'Russia' },
      { name: 'Wang Yi', role: 'Foreign Minister', country: 'China' },
    ])
  })

  it('does not take a single surname or the subject of a role for a person', () => {
    expect(
      extractParticipants([
        'President Putin spoke with the Special Advisor on International Disability Rights.',
      ]),
    ).toEqual([])
  })
})

describe('Russian patterns (kremlin.ru)', () => {
  it('gives the nominative name from the reference card and the role it prints', () => {
    const { title, paragraphs } = read('kremlin_ru_2025/2025-02-24_76327.txt')
    expect(extractParticipants(paragraphs, title)).toEqual([
      { name: 'Эмомали Рахмон', role: 'Президент Республики Таджикистан', country: 'Tajikistan' },
    ])
  })

  it('resolves a speaker label to the card of the same person', () => {
    const { title, paragraphs } = read('kremlin_ru_2025/2025-02-03_76193.txt')
    const found = extractParticipants(paragraphs, title)
    expect(found[0]).toEqual({
      name: 'Сергей Кравцов',
      role: 'Министр просвещения Российской Федерации',
      country: 'Russia',
    })
    expect(found.map((p) => p.name)).not.toContain('С.Кравцов')
    expect(found.map((p) => p.name)).toContain('В.Путин')
  })

  it('reads a card whose role runs to the country it names', () => {
    expect(
      extractParticipants([
        'Шойгу Сергей Кужугетович Секретарь Совета Безопасности Российской Федерации',
      ]),
    ).toEqual([
      {
        name: 'Сергей Шойгу',
        role: 'Секретарь Совета Безопасности Российской Федерации',
        country: 'Russia',
      },
    ])
  })

  it('reads two role phrases in one sentence', () => {
    expect(
      extractParticipants([
        'Состоялся разговор с Премьер-министром Индии Нарендрой Моди и Президентом Франции Эмманюэлем Макроном.',
      ]),
    ).toEqual([
      { name: 'Нарендрой Моди', role: 'Премьер-министр Индии', country: 'India' },
      { name: 'Эмманюэлем Макроном', role: 'Президент Франции', country: 'France' },
    ])
  })

  it('resolves a speaker label to the full name written elsewhere, else keeps the label', () => {
    expect(
      extractParticipants([
        'На встрече присутствовал Николай Линник.',
        'Н.Линник: Спасибо.',
        'П.Сидоров: Добрый день.',
        'Н.Линник: Ещё одно.',
      ]),
    ).toEqual([
      { name: 'Николай Линник', role: null, country: null },
      { name: 'П.Сидоров', role: null, country: null },
    ])
  })

  it('keeps an inflected name as written when nothing gives its nominative', () => {
    const { title, paragraphs } = read('kremlin_ru_2025/2025-03-21_76513.txt')
    expect(extractParticipants(paragraphs, title)).toEqual([
      { name: 'Тамимом Бен Хамадом Аль Тани', role: 'Эмир Катара', country: 'Qatar' },
      { name: 'Владимир Путин', role: null, country: null },
    ])
  })
})
