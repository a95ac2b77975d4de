import { describe, expect, it } from 'vitest'
import { DocTable } from '../search/doc-table'
import type { SearchDoc } from '../search/engine'
import { isSameEvent, sameEventDocs, translationLink } from './translations'

const SCO = 'Shanghai Cooperation Organisation'
const facts = (date: string | null, lang: string | null, organisations: string[] = [SCO]) => ({
  date,
  lang,
  organisations,
})

describe('isSameEvent', () => {
  it('is the same day, an organisation in common and another language', () => {
    expect(isSameEvent(facts('2017-04-05', 'en'), facts('2017-04-05', 'ru'))).toBe(true)
  })

  it('is not for another day, a month or year alone, one language, or no organisation shared', () => {
    expect(isSameEvent(facts('2017-04-05', 'en'), facts('2017-04-06', 'ru'))).toBe(false)
    expect(isSameEvent(facts('2017-04', 'en'), facts('2017-04', 'ru'))).toBe(false)
    expect(isSameEvent(facts('2017-04-05', 'en'), facts('2017-04-05', 'en'))).toBe(false)
    expect(isSameEvent(facts('2017-04-05', null), facts('2017-04-05', 'ru'))).toBe(false)
    expect(
      isSameEvent(facts('2017-04-05', 'en'), facts('2017-04-05', 'ru', ['United Nations'])),
    ).toBe(false)
    expect(isSameEvent(facts(null, 'en'), facts(null, 'ru'))).toBe(false)
  })
})

describe('translationLink', () => {
  it('says linked when either release names the other, whatever their facts', () => {
    const a = { id: 'a', ...facts(null, 'en', []), translationIds: ['b'] }
    const b = { id: 'b', ...facts('1999-01-01', 'en', []) }
    expect(translationLink(a, b)).toBe('linked')
    expect(translationLink(b, a)).toBe('linked')
  })

  it('says same event without a link, and null for unrelated releases', () => {
    expect(
      translationLink(
        { id: 'a', ...facts('2017-04-05', 'en') },
        { id: 'b', ...facts('2017-04-05', 'ru') },
      ),
    ).toBe('same event')
    expect(
      translationLink(
        { id: 'a', ...facts('2017-04-05', 'en') },
        { id: 'b', ...facts('2014-01-22', 'ru') },
      ),
    ).toBe(null)
  })
})

describe('sameEventDocs', () => {
  const doc = (
    docNo: number,
    releaseId: string,
    date: string | null,
    lang: string,
    organisations = [SCO],
  ) => ({ docNo, releaseId, date, lang, organisations, length: 10 }) as unknown as SearchDoc

  it('finds the releases of the same day and organisation in other languages, not the release itself', () => {
    const docs = new DocTable()
    const en = doc(0, 'en', '2017-04-05', 'en')
    docs.set(0, en)
    docs.set(1, doc(1, 'ru', '2017-04-05', 'ru'))
    docs.set(2, doc(2, 'zh', '2017-04-05', 'zh', ['United Nations']))
    docs.set(3, doc(3, 'en-too', '2017-04-05', 'en'))
    docs.set(5, doc(5, 'ru-later', '2017-04-06', 'ru'))
    expect(sameEventDocs(docs, en).map((d) => d.releaseId)).toEqual(['ru'])
    expect(sameEventDocs(docs, { ...en, date: '2017' })).toEqual([])
    expect(sameEventDocs(docs, { ...en, date: '2018-01-01' })).toEqual([])
  })
})
