import { describe, expect, it } from 'vitest'
import { forEachToken, isPairedTerm, queryTokens } from './tokens'

type Token = { term: string; start: number; end: number; position: number }

function tokens(text: string, firstPosition = 0): Token[] {
  const found: Token[] = []
  forEachToken(
    text,
    (term, start, end, position) => found.push({ term, start, end, position }),
    firstPosition,
  )
  return found
}

/** Tokens as "term@position", the shortest way to compare many. */
function terms(text: string): string[] {
  return tokens(text).map((t) => `${t.term}@${t.position}`)
}

describe('forEachToken: words', () => {
  it('gives folded terms with their offsets and consecutive positions', () => {
    expect(tokens('The SCO, in Astana.')).toEqual([
      { term: 'the', start: 0, end: 3, position: 0 },
      { term: 'sco', start: 4, end: 7, position: 1 },
      { term: 'in', start: 9, end: 11, position: 2 },
      { term: 'astana', start: 12, end: 18, position: 3 },
    ])
  })

  it('numbers positions from firstPosition and returns how many it used', () => {
    const found: number[] = []
    const used = forEachToken('heads of state', (_t, _s, _e, position) => found.push(position), 7)
    expect(found).toEqual([7, 8, 9])
    expect(used).toBe(3)
    expect(forEachToken(' — , ', () => {})).toBe(0)
  })

  it('splits at apostrophes and hyphens, as ripgrep does', () => {
    expect(terms("Russia's")).toEqual(['russia@0', 's@1'])
    expect(terms('Russia’s')).toEqual(['russia@0', 's@1'])
    expect(tokens('counter-terrorism')).toEqual([
      { term: 'counter', start: 0, end: 7, position: 0 },
      { term: 'terrorism', start: 8, end: 17, position: 1 },
    ])
  })

  it('keeps digits as words, and folds full-width ones', () => {
    expect(terms('On 15 June 2017, 1.5 million')).toEqual([
      'on@0',
      '15@1',
      'june@2',
      '2017@3',
      '1@4',
      '5@5',
      'million@6',
    ])
    expect(tokens('２０１７')).toEqual([{ term: '2017', start: 0, end: 4, position: 0 }])
  })

  it('folds look-alike letters and ё inside the text', () => {
    expect(terms('The Мember States')).toEqual(['the@0', 'member@1', 'states@2'])
    expect(terms('Ещё раз')).toEqual(['еще@0', 'раз@1'])
  })
})

describe('forEachToken: Chinese and Japanese', () => {
  it('indexes a run of k characters as its pairs and its last character, at k positions', () => {
    expect(tokens('上海合作组织')).toEqual([
      { term: '上海', start: 0, end: 2, position: 0 },
      { term: '海合', start: 1, end: 3, position: 1 },
      { term: '合作', start: 2, end: 4, position: 2 },
      { term: '作组', start: 3, end: 5, position: 3 },
      { term: '组织', start: 4, end: 6, position: 4 },
      { term: '织', start: 5, end: 6, position: 5 },
    ])
    expect(forEachToken('上海合作组织', () => {})).toBe(6)
  })

  it('starts a new run after punctuation', () => {
    expect(terms('峰会，合作')).toEqual(['峰会@0', '会@1', '合作@2', '作@3'])
  })

  it('splits a Latin word from the Chinese characters next to it', () => {
    expect(tokens('APEC峰会')).toEqual([
      { term: 'apec', start: 0, end: 4, position: 0 },
      { term: '峰会', start: 4, end: 6, position: 1 },
      { term: '会', start: 5, end: 6, position: 2 },
    ])
    expect(terms('2017年')).toEqual(['2017@0', '年@1'])
  })

  it('measures offsets in UTF-16 code units for characters outside the BMP', () => {
    expect(tokens('𠀀𠀁')).toEqual([
      { term: '𠀀𠀁', start: 0, end: 4, position: 0 },
      { term: '𠀁', start: 2, end: 4, position: 1 },
    ])
  })

  // Extensions G and H (U+30000 on) are in plane 3, past the surrogates of plane 2.
  it('pairs Han characters of plane 3 like any other', () => {
    expect(terms('\u{30000}\u{30001}')).toEqual(['\u{30000}\u{30001}@0', '\u{30001}@1'])
  })

  // A combining mark belongs to the character before it, and NFKC composes the two.
  it('folds a kana with a combining voiced mark (か + U+3099) like the precomposed が', () => {
    expect(tokens('\u304b\u3099\u304f').map((t) => t.term)).toEqual(['\u304c\u304f', '\u304f'])
  })
})

describe('forEachToken: Thai', () => {
  it('segments Thai into words at consecutive positions', () => {
    const found = tokens('สวัสดีครับ')
    expect(found.map((t) => t.term)).toEqual(['สวัสดี', 'ครับ'])
    expect(found.map((t) => t.position)).toEqual([0, 1])
    expect(found.map((t) => [t.start, t.end])).toEqual([
      [0, 6],
      [6, 10],
    ])
  })

  it('continues positions across Thai and Latin words', () => {
    expect(terms('ASEAN ประเทศไทย summit')).toEqual(['asean@0', 'ประเทศไทย@1', 'summit@2'])
  })
})

describe('isPairedTerm', () => {
  it('tells Chinese and Japanese terms from others', () => {
    expect(isPairedTerm('上海')).toBe(true)
    expect(isPairedTerm('海')).toBe(true)
    expect(isPairedTerm('カタ')).toBe(true)
    expect(isPairedTerm('sco')).toBe(false)
    expect(isPairedTerm('ครับ')).toBe(false)
  })
})

describe('queryTokens', () => {
  it('looks for a Chinese word as its pairs only, the last character left out', () => {
    expect(queryTokens('上海合作组织')).toEqual([
      { term: '上海', offset: 0, paired: true, single: false },
      { term: '海合', offset: 1, paired: true, single: false },
      { term: '合作', offset: 2, paired: true, single: false },
      { term: '作组', offset: 3, paired: true, single: false },
      { term: '组织', offset: 4, paired: true, single: false },
    ])
  })

  it('keeps the last character of a run that another word follows', () => {
    expect(queryTokens('上海 合作')).toEqual([
      { term: '上海', offset: 0, paired: true, single: false },
      { term: '海', offset: 1, paired: true, single: false },
      { term: '合作', offset: 2, paired: true, single: false },
    ])
  })

  it('marks a run of one character as single', () => {
    expect(queryTokens('海')).toEqual([{ term: '海', offset: 0, paired: true, single: true }])
    expect(queryTokens('2017年')).toEqual([
      { term: '2017', offset: 0, paired: false, single: false },
      { term: '年', offset: 1, paired: true, single: true },
    ])
  })

  it('gives other words their folded term and relative offset', () => {
    expect(queryTokens('Counter-Terrorism')).toEqual([
      { term: 'counter', offset: 0, paired: false, single: false },
      { term: 'terrorism', offset: 1, paired: false, single: false },
    ])
    expect(queryTokens('  ,  ')).toEqual([])
  })
})
