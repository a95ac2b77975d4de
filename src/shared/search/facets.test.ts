import { describe, expect, it } from 'vitest'
import type { SearchDoc, SearchHit } from './engine'
import { computeFacets, releasesOf, timelineBins } from './facets'
import { searchDoc } from './test-support/search-doc'

let nextDocNo = 1

function doc(releaseId: string, fields: Partial<SearchDoc> = {}): SearchDoc {
  return searchDoc({ docNo: nextDocNo++, releaseId, ...fields })
}

function hit(d: SearchDoc, paragraph = 0, score = 1): SearchHit {
  return { doc: d, paragraph, score }
}

/** Release hits, one per date. */
function dated(...dates: (string | null)[]): SearchHit[] {
  return dates.map((date, i) => hit(doc(`r${i}`, { date })))
}

const noTags = (): readonly string[] => []

describe('computeFacets', () => {
  const a = doc('a', {
    date: '2017-06-14',
    lang: 'en',
    type: 'statement',
    place: 'Astana',
    organisations: ['SCO', 'UN'],
    countries: ['Kazakhstan', 'China'],
  })
  const b = doc('b', {
    date: '2017-09',
    lang: 'ru',
    type: 'statement',
    place: 'Moscow',
    organisations: ['SCO'],
    countries: ['Russia', 'China'],
  })
  const c = doc('c', {
    date: '2019',
    lang: 'en',
    type: 'communique',
    place: null,
    organisations: ['BRICS', 'SCO'],
    countries: ['China'],
  })
  const tags: Record<string, string[]> = {
    a: ['Threats/Terrorism', 'Cooperation'],
    b: ['Threats/Terrorism'],
    c: [],
  }
  const tagsOf = (releaseId: string): readonly string[] => tags[releaseId] ?? []

  it('counts each release once per value, however many paragraphs hit', () => {
    const hits = [hit(a, 0), hit(a, 3), hit(a, 5), hit(b, 2), hit(c, 1), hit(c, 4)]
    expect(computeFacets(releasesOf(hits), tagsOf)).toEqual({
      tag: [
        { value: 'Threats/Terrorism', count: 2 },
        { value: 'Cooperation', count: 1 },
      ],
      type: [
        { value: 'statement', count: 2 },
        { value: 'communique', count: 1 },
      ],
      org: [
        { value: 'SCO', count: 3 },
        { value: 'BRICS', count: 1 },
        { value: 'UN', count: 1 },
      ],
      country: [
        { value: 'China', count: 3 },
        { value: 'Kazakhstan', count: 1 },
        { value: 'Russia', count: 1 },
      ],
      place: [
        { value: 'Astana', count: 1 },
        { value: 'Moscow', count: 1 },
      ],
      year: [
        { value: '2019', count: 1 },
        { value: '2017', count: 2 },
      ],
      lang: [
        { value: 'en', count: 2 },
        { value: 'ru', count: 1 },
      ],
    })
  })

  it('gives empty lists for no hits', () => {
    expect(computeFacets(releasesOf([]), tagsOf)).toEqual({
      tag: [],
      type: [],
      org: [],
      country: [],
      place: [],
      year: [],
      lang: [],
    })
  })

  it('counts a value repeated within one release once', () => {
    const d = doc('d', { organisations: ['SCO', 'SCO'], countries: ['China', 'China'] })
    const facets = computeFacets(releasesOf([hit(d)]), () => ['Tag', 'Tag'])
    expect(facets.org).toEqual([{ value: 'SCO', count: 1 }])
    expect(facets.country).toEqual([{ value: 'China', count: 1 }])
    expect(facets.tag).toEqual([{ value: 'Tag', count: 1 }])
  })

  it('breaks count ties by value, ignoring case first', () => {
    const hits = ['beta', 'Alpha', 'alpha', 'Gamma'].map((type, i) => hit(doc(`t${i}`, { type })))
    expect(computeFacets(releasesOf(hits), noTags).type.map((v) => v.value)).toEqual([
      'Alpha',
      'alpha',
      'beta',
      'Gamma',
    ])
  })

  it('keeps at most `limit` values: the most frequent, or the latest years', () => {
    const hits = [
      hit(doc('x1', { place: 'Beijing', date: '2001-01-01' })),
      hit(doc('x2', { place: 'Beijing', date: '2002' })),
      hit(doc('x3', { place: 'Astana', date: '2003-05' })),
      hit(doc('x4', { place: 'Moscow', date: '2003-07-01' })),
      hit(doc('x5', { place: 'Moscow', date: '2004' })),
      hit(doc('x6', { place: 'Delhi', date: '2005' })),
    ]
    const facets = computeFacets(releasesOf(hits), noTags, 2)
    expect(facets.place).toEqual([
      { value: 'Beijing', count: 2 },
      { value: 'Moscow', count: 2 },
    ])
    expect(facets.year).toEqual([
      { value: '2005', count: 1 },
      { value: '2004', count: 1 },
    ])
  })

  it('defaults to 12 values per field', () => {
    const hits = Array.from({ length: 20 }, (_, i) =>
      hit(doc(`o${i}`, { organisations: [`Org ${String(i).padStart(2, '0')}`] })),
    )
    const org = computeFacets(releasesOf(hits), noTags).org
    expect(org).toHaveLength(12)
    expect(org[0]).toEqual({ value: 'Org 00', count: 1 })
    expect(org[11]).toEqual({ value: 'Org 11', count: 1 })
  })

  it('leaves out missing, empty and non-ISO values', () => {
    const hits = [
      hit(doc('n1', { type: '', place: null, lang: null, date: null })),
      hit(doc('n2', { date: 'June 2017' })),
      hit(doc('n3', { date: '2017-13' })),
    ]
    const facets = computeFacets(releasesOf(hits), noTags)
    expect(facets.type).toEqual([])
    expect(facets.place).toEqual([])
    expect(facets.lang).toEqual([])
    expect(facets.year).toEqual([])
  })
})

describe('timelineBins', () => {
  it('bins by year with empty years filled in, releases counted once', () => {
    const r1 = doc('y1', { date: '2014-03-02' })
    const hits = [
      hit(r1, 0),
      hit(r1, 2),
      ...dated('2014', '2017-11', '2017-12-31', '2018-01-01', null, null),
    ]
    expect(timelineBins(releasesOf(hits), 'year')).toEqual({
      granularity: 'year',
      undated: 2,
      bins: [
        { key: '2014', label: '2014', count: 2, from: '2014-01-01', to: '2014-12-31' },
        { key: '2015', label: '2015', count: 0, from: '2015-01-01', to: '2015-12-31' },
        { key: '2016', label: '2016', count: 0, from: '2016-01-01', to: '2016-12-31' },
        { key: '2017', label: '2017', count: 2, from: '2017-01-01', to: '2017-12-31' },
        { key: '2018', label: '2018', count: 1, from: '2018-01-01', to: '2018-12-31' },
      ],
    })
  })

  it('bins by month with the real last day of each month, leap years included', () => {
    const hits = dated('2015-12-24', '2016-02-29', '2016-02-01', '2016-04')
    expect(timelineBins(releasesOf(hits), 'month')).toEqual({
      granularity: 'month',
      undated: 0,
      bins: [
        { key: '2015-12', label: 'Dec 2015', count: 1, from: '2015-12-01', to: '2015-12-31' },
        { key: '2016-01', label: 'Jan 2016', count: 0, from: '2016-01-01', to: '2016-01-31' },
        { key: '2016-02', label: 'Feb 2016', count: 2, from: '2016-02-01', to: '2016-02-29' },
        { key: '2016-03', label: 'Mar 2016', count: 0, from: '2016-03-01', to: '2016-03-31' },
        { key: '2016-04', label: 'Apr 2016', count: 1, from: '2016-04-01', to: '2016-04-30' },
      ],
    })
  })

  it('gives February 28 days in a common year and in 1900, 29 in 2000', () => {
    const to = (date: string) => timelineBins(releasesOf(dated(date)), 'month').bins[0]?.to
    expect(to('2017-02-10')).toBe('2017-02-28')
    expect(to('1900-02')).toBe('1900-02-28')
    expect(to('2000-02')).toBe('2000-02-29')
    expect(to('2024-02-03')).toBe('2024-02-29')
  })

  it('puts a year-only date in January of that year in month bins', () => {
    const { bins } = timelineBins(releasesOf(dated('2017', '2017-03-05')), 'month')
    expect(bins.map((b) => [b.key, b.label, b.count])).toEqual([
      ['2017-01', 'Jan 2017', 1],
      ['2017-02', 'Feb 2017', 0],
      ['2017-03', 'Mar 2017', 1],
    ])
  })

  it('chooses months for a span of at most 36 months and years beyond', () => {
    const within = timelineBins(releasesOf(dated('2015-01-10', '2017-12-20')), 'auto')
    expect(within.granularity).toBe('month')
    expect(within.bins).toHaveLength(36)
    expect(within.bins[0]?.key).toBe('2015-01')
    expect(within.bins[35]?.key).toBe('2017-12')

    const beyond = timelineBins(releasesOf(dated('2015-01-10', '2018-01-02')), 'auto')
    expect(beyond.granularity).toBe('year')
    expect(beyond.bins.map((b) => [b.key, b.count])).toEqual([
      ['2015', 1],
      ['2016', 0],
      ['2017', 0],
      ['2018', 1],
    ])
  })

  it('chooses months for a single date', () => {
    expect(timelineBins(releasesOf(dated('2020-06-15', null)), 'auto')).toEqual({
      granularity: 'month',
      undated: 1,
      bins: [{ key: '2020-06', label: 'Jun 2020', count: 1, from: '2020-06-01', to: '2020-06-30' }],
    })
  })

  it('lets a forced granularity win over auto', () => {
    expect(timelineBins(releasesOf(dated('2020-06-15')), 'year').bins).toEqual([
      { key: '2020', label: '2020', count: 1, from: '2020-01-01', to: '2020-12-31' },
    ])
    expect(timelineBins(releasesOf(dated('2001-06-15', '2020-06-15')), 'month').bins).toHaveLength(
      229,
    )
  })

  it('gives no bins, and years for auto, when nothing is dated', () => {
    expect(timelineBins(releasesOf([]), 'auto')).toEqual({
      bins: [],
      granularity: 'year',
      undated: 0,
    })
    expect(timelineBins(releasesOf(dated(null, 'sometime')), 'auto')).toEqual({
      bins: [],
      granularity: 'year',
      undated: 2,
    })
    expect(timelineBins(releasesOf(dated(null)), 'month')).toEqual({
      bins: [],
      granularity: 'month',
      undated: 1,
    })
  })
})
