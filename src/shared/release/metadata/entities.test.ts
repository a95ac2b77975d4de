import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { decodeBytes } from '../decode'
import { parseRelease } from '../parse-release'
import { extractCountries, extractOrganisations, findMentions } from './entities'

const CORPUS = join(__dirname, '../../../../../shared/corpus')
const read = (path: string) =>
  parseRelease(decodeBytes(new Uint8Array(readFileSync(join(CORPUS, path)))).text)

describe('countries and organisations in the SCO releases', () => {
  it('2014: exactly the twelve participating countries, and the organisations present', () => {
    const { title, paragraphs } = read('sco/003_e372a3fb9bb542ce.txt')
    expect([...extractCountries(paragraphs, title)].sort()).toEqual(
      [
        'Kazakhstan',
        'China',
        'Kyrgyzstan',
        'Russia',
        'Tajikistan',
        'Uzbekistan',
        'Afghanistan',
        'India',
        'Iran',
        'Mongolia',
        'Pakistan',
        'Turkey',
      ].sort(),
    )
    const organisations = extractOrganisations(paragraphs, title)
    for (const id of ['SCO', 'UNAMA', 'UNODC', 'UNDP', 'CSTO', 'CIS', 'RATS', 'UN']) {
      expect(organisations).toContain(id)
    }
    // The Heart of Asia process is not a country, Mongolia is not an organisation.
    expect(organisations).not.toContain('Mongolia')
    expect(organisations[0]).toBe('SCO')
  })

  it('2017: the member states, Afghanistan, and the UN bodies', () => {
    const { title, paragraphs } = read('sco/000_5b5391892682d1ae.txt')
    const countries = extractCountries(paragraphs, title)
    for (const c of [
      'Kazakhstan',
      'China',
      'Kyrgyzstan',
      'Russia',
      'Tajikistan',
      'Uzbekistan',
      'India',
      'Pakistan',
      'Afghanistan',
    ]) {
      expect(countries).toContain(c)
    }
    expect(countries[0]).toBe('Kazakhstan')
    expect(new Set(countries).size).toBe(countries.length)
    const organisations = extractOrganisations(paragraphs, title)
    for (const id of ['SCO', 'RATS', 'UN', 'UNODC']) expect(organisations).toContain(id)
    // "Security Council of the Russian Federation" is a national council, but
    // "UN Security Council Resolution 2254" is the UN's.
    expect(organisations).toContain('UNSC')
  })
})

describe('Russian and Chinese texts', () => {
  it('a Kremlin phone call with the President of Tajikistan names Tajikistan and Russia', () => {
    const { title, paragraphs } = read('kremlin_ru_2025/2025-02-24_76327.txt')
    expect(extractCountries(paragraphs, title)).toEqual(['Tajikistan', 'Russia'])
  })

  it('declines Russian names and reads the parts of "российско-катарского"', () => {
    const { title, paragraphs } = read('kremlin_ru_2025/2025-03-21_76513.txt')
    expect(extractCountries(paragraphs, title)).toEqual(['Qatar', 'Russia', 'Syria'])
    expect(extractCountries(['Президент встретился с Премьер-министром Индии в Китае.'])).toEqual([
      'India',
      'China',
    ])
    expect(extractOrganisations(['Саммит ШОС и заседание Совета Безопасности ООН.'])).toEqual([
      'SCO',
      'UNSC',
    ])
  })

  it('finds Chinese names as substrings, longest first', () => {
    expect(extractCountries(['中国同印度尼西亚和俄罗斯的关系，以及印度洋。'])).toEqual([
      'China',
      'Indonesia',
      'Russia',
    ])
    expect(extractOrganisations(['上合组织和联合国安理会以及金砖国家'])).toEqual([
      'SCO',
      'UNSC',
      'BRICS',
    ])
  })

  it('a PRC government work report mentions China and the UN', () => {
    const { title, paragraphs } = read('cn_gov_reports_zh/cpc_000.txt')
    expect(extractCountries(paragraphs, title)).toContain('China')
  })
})

describe('matching rules', () => {
  it('needs a diplomatic noun after a language adjective', () => {
    expect(extractCountries(['The text is available in Russian and Chinese.'])).toEqual([])
    expect(extractCountries(['The Chinese side and the Russian delegation agreed.'])).toEqual([
      'China',
      'Russia',
    ])
    expect(extractCountries(['He spoke on Indian Country and the Indian Ocean.'])).toEqual([])
  })

  it('uses letter boundaries and case for acronyms', () => {
    expect(extractOrganisations(['The union of us all; a UNITED front.'])).toEqual([])
    expect(extractOrganisations(['The EU and the UN agreed.'])).toEqual(['EU', 'UN'])
    expect(extractCountries(['Nigeria and Niger; Guinea-Bissau.'])).toEqual([
      'Nigeria',
      'Niger',
      'Guinea-Bissau',
    ])
  })

  it('counts Georgia the country only with a cue', () => {
    expect(extractCountries(['She was born in Atlanta, Georgia.'])).toEqual([])
    expect(extractCountries(['Georgia and Armenia met in Tbilisi.'])).toEqual([
      'Georgia',
      'Armenia',
    ])
  })

  it('learns acronyms the text defines for organisations, not for other phrases', () => {
    const orgs = extractOrganisations([
      'The Collective Rapid Reaction Forces (CRRF) and the Joint Comprehensive Plan of Action (JCPOA).',
    ])
    expect(orgs).toContain('CRRF')
    expect(orgs).not.toContain('JCPOA')
  })

  it('reports spans that point at the text', () => {
    const text = 'Talks between the Russian Federation and the People’s Republic of China.'
    const spans = findMentions(text).map((m) => text.slice(m.start, m.end))
    expect(spans).toEqual(['Russian Federation', 'People’s Republic of China'])
  })
})

describe('where the scan looks', () => {
  it('finds Chinese names wherever the first CJK character is', () => {
    // After Latin letters, after Russian text, and inside a Russian adjective's ending.
    expect(extractCountries(['Xi访问俄罗斯和印度尼西亚'])).toEqual(['Russia', 'Indonesia'])
    expect(extractCountries(['Визит в Китай и 印度'])).toEqual(['China', 'India'])
    expect(extractCountries(['российск中国'])).toEqual(['Russia', 'China'])
  })

  it('reads words of letters outside the BMP as shouting', () => {
    expect(extractOrganisations(['The \u{1D400}\u{1D401}\u{1D402} UN said'])).toEqual([])
    expect(extractOrganisations(['THE UN SAID'])).toEqual([])
  })

  it('learns an acronym whose long form is longer than most', () => {
    const text =
      'Delegates of the Intergovernmental Multistakeholder Telecommunications Standardization Interoperability Organization (IMTSIO) met.'
    expect(extractOrganisations([text])).toEqual(['IMTSIO'])
  })

  it('reads forms with a character before the word and declined Russian names', () => {
    expect(extractCountries(['Посол «Кот-д’Ивуара» и российско-китайского'])).toEqual([
      "Côte d'Ivoire",
      'Russia',
      'China',
    ])
  })

  it('takes cues for ambiguous names from any paragraph', () => {
    expect(
      extractCountries(['He went to Georgia. Tbilisi is far.', 'Jordan and Chad', 'Amman']),
    ).toEqual(['Georgia', 'Jordan'])
  })
})
