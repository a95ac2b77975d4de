import { describe, expect, it } from 'vitest'
import { findMatches, firstMatchFrom, matchCountLabel, matchesByParagraph, stepMatch } from './find'

const paragraphs = [
  'The Council condemned Terrorism.',
  'No match in this one.',
  'terrorism, TERRORISM and counter-terrorism',
]

describe('findMatches', () => {
  it('finds every occurrence in every paragraph, ignoring case', () => {
    const { matches, isTruncated } = findMatches(paragraphs, 'terrorism')
    expect(isTruncated).toBe(false)
    expect(matches.map((m) => m.paragraph)).toEqual([0, 2, 2, 2])
    for (const m of matches) {
      expect(paragraphs[m.paragraph]?.slice(m.start, m.end).toLowerCase()).toBe('terrorism')
    }
  })

  it('keeps offsets right in Cyrillic and around astral characters', () => {
    const texts = ['Совет Безопасности 😀 СОВЕТ']
    const { matches } = findMatches(texts, 'совет')
    expect(matches.map((m) => texts[0]?.slice(m.start, m.end))).toEqual(['Совет', 'СОВЕТ'])
  })

  it('takes the query as text, not as a pattern', () => {
    expect(findMatches(['a.b axb (c)'], 'a.b').matches).toHaveLength(1)
    expect(findMatches(['a.b axb (c)'], '(c)').matches).toEqual([
      { paragraph: 0, start: 8, end: 11 },
    ])
  })

  it('matches nothing for an empty query', () => {
    expect(findMatches(paragraphs, '   ').matches).toEqual([])
  })

  it('stops at the limit and says so', () => {
    const result = findMatches(['a a a a a'], 'a', 3)
    expect(result.matches).toHaveLength(3)
    expect(result.isTruncated).toBe(true)
  })
})

describe('moving between matches', () => {
  const { matches } = findMatches(paragraphs, 'terrorism')

  it('starts at the first match in or after the current paragraph', () => {
    expect(firstMatchFrom(matches, 1)).toBe(1)
    expect(firstMatchFrom(matches, 0)).toBe(0)
    expect(firstMatchFrom(matches, 5)).toBe(0)
    expect(firstMatchFrom([], 0)).toBe(-1)
  })

  it('wraps around at both ends', () => {
    expect(stepMatch(3, 4, 1)).toBe(0)
    expect(stepMatch(0, 4, -1)).toBe(3)
    expect(stepMatch(-1, 4, -1)).toBe(3)
    expect(stepMatch(0, 0, 1)).toBe(-1)
  })

  it('groups matches by paragraph, each knowing its place in the list', () => {
    const byParagraph = matchesByParagraph(matches)
    expect(byParagraph.get(2)?.map((m) => m.index)).toEqual([1, 2, 3])
    expect(byParagraph.has(1)).toBe(false)
  })

  it('says where the reader is among the matches', () => {
    expect(matchCountLabel(2, 12, false)).toBe('3 of 12')
    expect(matchCountLabel(0, 5000, true)).toBe('1 of 5,000+')
    expect(matchCountLabel(-1, 0, false)).toBe('No matches')
  })
})
