import { describe, expect, it } from 'vitest'
import type { SearchDoc } from '../search/engine'
import { phraseHistory } from './phrase-history'

const doc = (title: string, date: string | null) => ({ title, date }) as SearchDoc

describe('phraseHistory', () => {
  it('orders releases oldest first, a year or month counting from its start, undated last', () => {
    const history = phraseHistory([
      doc('Undated statement', null),
      doc('Astana', '2017-04-05'),
      doc('Moscow', '2014-01-22'),
      doc('Year only', '2017'),
      doc('Month only', '2017-04'),
      doc('Also Astana', '2017-04-05'),
    ])
    expect(history.releases.map((d) => d.title)).toEqual([
      'Moscow',
      'Year only',
      'Month only',
      'Also Astana',
      'Astana',
      'Undated statement',
    ])
    expect(history.first?.title).toBe('Moscow')
  })

  it('has no first appearance when no release is dated, and none for no releases', () => {
    expect(phraseHistory([doc('Undated', null)]).first).toBeNull()
    expect(phraseHistory([])).toEqual({ releases: [], first: null })
  })
})
