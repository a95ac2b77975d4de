import { describe, expect, it } from 'vitest'
import { paragraphStarts } from '../../../../shared/annotation/reading-text'
import {
  highlightsByParagraph,
  paragraphAt,
  splitSegments,
  wordRanges,
  type HighlightRange,
} from './segments'

const hl = (id: string, start: number, end: number, color = '#f2c94c'): HighlightRange => ({
  id,
  start,
  end,
  color,
  note: '',
})

/** Each segment as "text[ids|m|f]" for compact comparisons. */
function describeSegments(segments: ReturnType<typeof splitSegments>): string[] {
  return segments.map((s) => {
    const flags = [
      s.highlights.map((h) => h.id).join('+'),
      s.isMixedScript ? 'mixed' : '',
      s.find ?? '',
    ].filter((f) => f !== '')
    return flags.length > 0 ? `${s.text}[${flags.join(',')}]` : s.text
  })
}

describe('splitSegments', () => {
  it('returns the whole text as one plain segment when nothing lies on it', () => {
    expect(describeSegments(splitSegments('The meeting was held.', {}))).toEqual([
      'The meeting was held.',
    ])
  })

  it('cuts the text around one highlight', () => {
    const text = 'The parties condemned terrorism in all its forms.'
    const start = text.indexOf('terrorism')
    expect(
      describeSegments(splitSegments(text, { highlights: [hl('a', start, start + 9)] })),
    ).toEqual(['The parties condemned ', 'terrorism[a]', ' in all its forms.'])
  })

  it('layers overlapping highlights: the shared part carries both', () => {
    const text = 'abcdefghij'
    const segments = splitSegments(text, { highlights: [hl('b', 4, 9), hl('a', 2, 6)] })
    expect(describeSegments(segments)).toEqual(['ab', 'cd[a]', 'ef[a+b]', 'ghi[b]', 'j'])
    // The covering highlights are listed in the order they start.
    expect(segments[2]?.highlights.map((h) => h.id)).toEqual(['a', 'b'])
  })

  it('keeps a nested highlight inside the one that contains it', () => {
    const segments = splitSegments('0123456789', {
      highlights: [hl('outer', 1, 9), hl('inner', 3, 5)],
    })
    expect(describeSegments(segments)).toEqual([
      '0',
      '12[outer]',
      '34[outer+inner]',
      '5678[outer]',
      '9',
    ])
  })

  it('marks mixed-script words inside and outside highlights', () => {
    const text = 'Мember states of the Shаnghai Cooperation Organisation'
    const mixed = wordRanges(text, ['Мember', 'Shаnghai'])
    const start = text.indexOf('states')
    const segments = splitSegments(text, {
      mixedScript: mixed,
      highlights: [hl('a', start, text.indexOf(' Cooperation'))],
    })
    expect(describeSegments(segments)).toEqual([
      'Мember[mixed]',
      ' ',
      'states of the [a]',
      'Shаnghai[a,mixed]',
      ' Cooperation Organisation',
    ])
  })

  it('marks the current find match apart from the others', () => {
    const segments = splitSegments('peace and peace', {
      finds: [
        { start: 0, end: 5, index: 3 },
        { start: 10, end: 15, index: 4 },
      ],
      currentFind: 4,
    })
    expect(describeSegments(segments)).toEqual(['peace[match]', ' and ', 'peace[current]'])
  })

  it('clips ranges to the text and ignores empty ones', () => {
    const segments = splitSegments('short', { highlights: [hl('a', 3, 40), hl('b', 2, 2)] })
    expect(describeSegments(segments)).toEqual(['sho', 'rt[a]'])
    expect(segments.map((s) => s.text).join('')).toBe('short')
  })
})

describe('wordRanges', () => {
  it('finds every occurrence, preferring the longer word', () => {
    expect(wordRanges('Shаnghai and Shаnghaiers', ['Shаnghai', 'Shаnghaiers'])).toEqual([
      { start: 0, end: 8 },
      { start: 13, end: 24 },
    ])
  })

  it('treats the words as text, not as patterns', () => {
    expect(wordRanges('a.b and axb', ['a.b'])).toEqual([{ start: 0, end: 3 }])
  })
})

describe('highlightsByParagraph', () => {
  const title = 'Joint statement'
  const paragraphs = ['First paragraph.', 'Second paragraph here.', 'Third.']
  const starts = paragraphStarts(title, paragraphs)
  const lengths = paragraphs.map((p) => p.length)
  const at = (i: number, word: string) =>
    (starts[i] as number) + (paragraphs[i] as string).indexOf(word)
  const annotation = (id: string, start: number, end: number, needsReview = false) => ({
    id,
    color: '#6fcf97',
    note: `note ${id}`,
    needsReview,
    position: { start, end },
  })

  it('turns reading-text positions into offsets in the paragraph', () => {
    const byParagraph = highlightsByParagraph(
      [annotation('a', at(1, 'paragraph'), at(1, 'paragraph') + 9)],
      starts,
      lengths,
    )
    expect([...byParagraph.keys()]).toEqual([1])
    const [range] = byParagraph.get(1) ?? []
    expect(paragraphs[1]?.slice(range?.start, range?.end)).toBe('paragraph')
    expect(range).toMatchObject({ id: 'a', note: 'note a', color: '#6fcf97' })
  })

  it('shows a passage across a paragraph break on both paragraphs', () => {
    const byParagraph = highlightsByParagraph(
      [annotation('a', at(0, 'paragraph'), at(1, 'Second') + 6)],
      starts,
      lengths,
    )
    expect(byParagraph.get(0)).toEqual([
      expect.objectContaining({ start: 6, end: paragraphs[0]?.length }),
    ])
    expect(byParagraph.get(1)).toEqual([expect.objectContaining({ start: 0, end: 6 })])
  })

  it('leaves out annotations that need review and empty passages', () => {
    const byParagraph = highlightsByParagraph(
      [annotation('a', at(2, 'Third'), at(2, 'Third') + 5, true), annotation('b', 40, 40)],
      starts,
      lengths,
    )
    expect(byParagraph.size).toBe(0)
  })
})

describe('paragraphAt', () => {
  it('finds the paragraph holding an offset', () => {
    const starts = [10, 30, 50]
    expect(paragraphAt(starts, 10)).toBe(0)
    expect(paragraphAt(starts, 29)).toBe(0)
    expect(paragraphAt(starts, 30)).toBe(1)
    expect(paragraphAt(starts, 99)).toBe(2)
  })
})

describe('splitSegments with the compare view’s marks', () => {
  const text = 'the UN playing a central coordinating role'
  const shared = { start: 4, end: 42, className: 'shared shared-0' }

  it('keeps a shared phrase whole and layers a highlight inside it', () => {
    const segments = splitSegments(text, {
      marks: [shared],
      highlights: [hl('a', 17, 24)],
    })
    expect(segments.map((s) => [s.text, s.marks.length, s.highlights.map((h) => h.id)])).toEqual([
      ['the ', 0, []],
      ['UN playing a ', 1, []],
      ['central', 1, ['a']],
      [' coordinating role', 1, []],
    ])
  })

  it('cuts where deleted words are shown, even inside one run', () => {
    const segments = splitSegments(text, { marks: [shared], cutsAt: [15, 42] })
    expect(segments.map((s) => s.text)).toEqual([
      'the ',
      'UN playing ',
      'a central coordinating role',
    ])
    expect(segments.map((s) => s.start)).toEqual([0, 4, 15])
  })
})
