import { describe, expect, it } from 'vitest'
import { bestDate, extractDates } from './dates'
import { manifest, readRelease } from './test-support/corpus'

function dateOf(file: string): ReturnType<typeof bestDate> {
  const { title, paragraphs } = readRelease(file)
  return bestDate(extractDates(paragraphs, title), paragraphs, title)
}

describe('extractDates', () => {
  it('reads English days, ranges, months and years', () => {
    const dates = extractDates([
      'Held on 22 January 2014 and on January 23, 2014, then on 5-6 April and 8–9 June, 2017.',
      'From 30 March – 2 April 2025 and in June 2017; ISO 2019-06-14; member for 2017-2018.',
    ])
    expect(dates.map((d) => [d.iso, d.end, d.text, d.inferred])).toEqual([
      ['2014-01-22', null, '22 January 2014', false],
      ['2014-01-23', null, 'January 23, 2014', false],
      ['2017-04-05', '2017-04-06', '5-6 April', true],
      ['2017-06-08', '2017-06-09', '8–9 June, 2017', false],
      ['2025-03-30', '2025-04-02', '30 March – 2 April 2025', false],
      ['2017-06', null, 'June 2017', false],
      ['2019-06-14', null, '2019-06-14', false],
      ['2017', '2018', '2017-2018', false],
    ])
  })

  it('reads Russian dates in the genitive, nominative and prepositional', () => {
    const dates = extractDates(['8 мая 2025 года, затем 5–6 апреля; в мае 2024 г.; в 2017 году.'])
    expect(dates.map((d) => [d.iso, d.end, d.text, d.inferred])).toEqual([
      ['2025-05-08', null, '8 мая 2025 года', false],
      ['2025-04-05', '2025-04-06', '5–6 апреля', true],
      ['2024-05', null, 'мае 2024 г.', false],
      ['2017', null, '2017 году', false],
    ])
  })

  it('reads Russian ranges written with по and до', () => {
    const dates = extractDates([
      'Визит состоялся с 5 по 7 июня 2019 года; сессия — с 10 до 12 сентября 2017 г.; переговоры шли с 3 мая по 8 июня 2015 года.',
    ])
    expect(dates.map((d) => [d.iso, d.end, d.text])).toEqual([
      ['2019-06-05', '2019-06-07', '5 по 7 июня 2019 года'],
      ['2017-09-10', '2017-09-12', '10 до 12 сентября 2017 г.'],
      ['2015-05-03', '2015-06-08', '3 мая по 8 июня 2015 года'],
    ])
    // "по" inside a word is not a range: "5 попыток" is no date.
    expect(extractDates(['5 попыток 7 июня 2019 года']).map((d) => d.text)).toEqual([
      '7 июня 2019 года',
    ])
  })

  it('reads Chinese dates with ASCII, full-width and Chinese digits', () => {
    const dates = extractDates([
      '2017年4月5日至6日举行；4月8日；１９５５年决算；一九五八年十月；2016年',
    ])
    expect(dates.map((d) => [d.iso, d.end, d.inferred])).toEqual([
      ['2017-04-05', '2017-04-06', false],
      ['2017-04-08', null, true],
      ['1955', null, false],
      ['1958-10', null, false],
      ['2016', null, false],
    ])
  })

  it('finds each form wherever it starts, and nothing in other numbers', () => {
    const read = (text: string) =>
      extractDates([text]).map((d) => [d.iso, d.end, d.text, d.inferred])
    expect(
      read(
        'Signed in January of 2017, on Sept. 5, 2016, 5th to 7th May 2019, 10 until 12 June, 2019.',
      ),
    ).toEqual([
      ['2017-01', null, 'January of 2017', false],
      ['2016-09-05', null, 'Sept. 5, 2016', false],
      ['2019-05-05', '2019-05-07', '5th to 7th May 2019', false],
      ['2019-06-10', '2019-06-12', '10 until 12 June, 2019', false],
    ])
    expect(read('Report (1948) of June, 2017 for 2017–2018; Mayor Smith, 12345 May.')).toEqual([
      ['1948', null, '1948', false],
      ['2017-06', null, 'June, 2017', false],
      ['2017', '2018', '2017–2018', false],
    ])
    expect(read('8 МАЯ 2025 ГОДА; в 2017—2018 годах; в мае 2024 г.')).toEqual([
      ['2025-05-08', null, '8 МАЯ 2025 ГОДА', false],
      ['2017', '2018', '2017—2018 годах', false],
      ['2024-05', null, 'мае 2024 г.', false],
    ])
    expect(read('二〇一七年十月；十二月三日；２０１７年４月５日；2017 年 4 月 5 日')).toEqual([
      ['2017-10', null, '二〇一七年十月', false],
      ['2017-12-03', null, '十二月三日', true],
      ['2017-04-05', null, '２０１７年４月５日', false],
      ['2017-04-05', null, '2017 年 4 月 5 日', false],
    ])
  })

  it('rejects impossible days and years out of range, and numbers that are not years', () => {
    const dates = extractDates([
      'On 31 April 2017, 29 February 2023, 5 May 1850 and 29 February 2024 we had 1500 guests.',
    ])
    expect(dates.map((d) => d.iso)).toEqual(['2024-02-29'])
  })

  it('infers a missing year from the most frequent full-date year, ties to the latest', () => {
    const tie = extractDates(['On 1 May 2015 and 2 May 2016 it met; on 5 June again.'])
    expect(tie.at(-1)).toMatchObject({ iso: '2016-06-05', inferred: true })
    const yearOnly = extractDates(['In 2019 the body met on 5 June.'])
    expect(yearOnly.at(-1)).toMatchObject({ iso: '2019-06-05', inferred: true })
    expect(extractDates(['It met on 5 June.'])).toEqual([])
  })

  it('lists a repeated date once', () => {
    expect(extractDates(['On 5 May 2020.', 'Again 5 May 2020.'])).toHaveLength(1)
  })
})

describe('bestDate on the corpus', () => {
  it('SCO 2017: the meeting of 5-6 April, year taken from the text', () => {
    expect(dateOf('sco/000_5b5391892682d1ae.txt')).toEqual({
      iso: '2017-04-05',
      end: '2017-04-06',
      text: '5-6 April',
      inferred: true,
    })
  })

  it('SCO 2014: 22 January 2014, not the documents it cites', () => {
    expect(dateOf('sco/003_e372a3fb9bb542ce.txt')).toMatchObject({
      iso: '2014-01-22',
      inferred: false,
    })
  })

  it('never picks the date of a cited document or of a future meeting over the event', () => {
    const paragraphs = [
      'The meeting to be held in Astana on 8-9 June 2017 was discussed.',
      'The ministers met in Minsk on 3 March 2017.',
      'They recalled the Minsk agreements of 12 February 2015.',
    ]
    expect(bestDate(extractDates(paragraphs), paragraphs)?.iso).toBe('2017-03-03')
  })

  it('kremlin.ru: the dateline date for at least 95% of news items', () => {
    const rows = manifest('kremlin_ru_2025').filter((m) => m.date)
    const hits = rows.filter((m) => dateOf(m.file as string)?.iso === m.date).length
    expect(hits / rows.length).toBeGreaterThanOrEqual(0.95)
  })

  it('UN Security Council resolutions: the year of adoption for at least 95%', () => {
    const rows = manifest('unsc_resolutions_en')
    const hits = rows.filter((m) => dateOf(m.file as string)?.iso.slice(0, 4) === String(m.year))
    expect(hits.length / rows.length).toBeGreaterThanOrEqual(0.95)
  })

  it('Chinese government work reports: the year of the report', () => {
    const rows = manifest('cn_gov_reports_zh').filter((m) => m.year)
    const hits = rows.filter((m) => dateOf(m.file as string)?.iso.slice(0, 4) === String(m.year))
    expect(hits.length / rows.length).toBeGreaterThanOrEqual(0.95)
  })

  it('returns null when there is no date', () => {
    expect(bestDate([], ['No date here.'])).toBeNull()
  })
})
