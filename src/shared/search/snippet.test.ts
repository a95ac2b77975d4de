import { describe, expect, it } from 'vitest'
import { snippetOf, type Snippet } from './snippet'

/** The snippet as text with its matches in [brackets], and "…" where text was cut. */
function show(snippet: Snippet): string {
  const body = snippet.parts.map((p) => (p.isMatch ? `[${p.text}]` : p.text)).join('')
  return `${snippet.cutStart ? '…' : ''}${body}${snippet.cutEnd ? '…' : ''}`
}

const terms = (...list: string[]) => new Set(list)

/** "word0 word1 … word{n-1}" */
const filler = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => `word${from + i}`).join(' ')

describe('snippetOf: marks', () => {
  it('marks exactly the matched words, as written in the text', () => {
    expect(
      show(snippetOf('The Member States condemn terrorism.', terms('member', 'terrorism'))),
    ).toBe('The [Member] States condemn [terrorism].')
  })

  it('marks a word written with a look-alike letter, as written', () => {
    const snippet = snippetOf('The \u041cember States', terms('member'))
    expect(snippet.parts).toEqual([
      { text: 'The ', isMatch: false },
      { text: '\u041cember', isMatch: true },
      { text: ' States', isMatch: false },
    ])
  })

  it('does not mark a word that only contains a matched one', () => {
    expect(show(snippetOf('Counter-terrorism, not terrorist acts.', terms('terrorism')))).toBe(
      'Counter-[terrorism], not terrorist acts.',
    )
    expect(show(snippetOf("Russia's role", terms('s')))).toBe("Russia'[s] role")
  })

  it('marks adjacent words separately, and words of other cases and widths', () => {
    expect(show(snippetOf('MEMBER STATES and ＳＣＯ', terms('member', 'states', 'sco')))).toBe(
      '[MEMBER] [STATES] and [ＳＣＯ]',
    )
  })

  it('marks a run of Chinese characters from its first to its last matched pair', () => {
    const snippet = snippetOf('上海合作组织成员国在上海举行会议', terms('上海', '海合', '合作'))
    expect(snippet.parts).toEqual([
      { text: '上海合作', isMatch: true },
      { text: '组织成员国在', isMatch: false },
      { text: '上海', isMatch: true },
      { text: '举行会议', isMatch: false },
    ])
  })

  it('gives the whole text unmarked when nothing matches', () => {
    expect(snippetOf('Trade grew.', terms('terrorism'))).toEqual({
      parts: [{ text: 'Trade grew.', isMatch: false }],
      cutStart: false,
      cutEnd: false,
    })
  })
})

describe('snippetOf: cutting long text', () => {
  it('keeps text up to the length whole', () => {
    const text = `${filler(20)} terrorism`
    const snippet = snippetOf(text, terms('terrorism'), text.length)
    expect(snippet.cutStart).toBe(false)
    expect(snippet.cutEnd).toBe(false)
    expect(snippet.parts.map((p) => p.text).join('')).toBe(text)
  })

  it('shows the text around the first match, cut at spaces on both sides', () => {
    const text = `${filler(40)} the terrorism threat ${filler(60, 40)}`
    expect(text.length).toBe(710)
    const snippet = snippetOf(text, terms('terrorism'))
    expect(snippet.cutStart).toBe(true)
    expect(snippet.cutEnd).toBe(true)
    const shown = show(snippet)
    expect(shown.startsWith('…word33 word34 ')).toBe(true)
    expect(shown).toContain('word39 the [terrorism] threat word40')
    expect(shown.endsWith(' word62…')).toBe(true)
    const body = snippet.parts.map((p) => p.text).join('')
    expect(body.length).toBeLessThanOrEqual(240)
    expect(text.includes(body)).toBe(true)
  })

  it('starts the window before the first match, with at most 60 characters before it', () => {
    const text = `${filler(50)} terrorism ${filler(50, 50)} terrorism`
    const snippet = snippetOf(text, terms('terrorism'), 100)
    const body = snippet.parts.map((p) => p.text).join('')
    const before = body.indexOf('terrorism')
    expect(before).toBeGreaterThan(0)
    expect(before).toBeLessThanOrEqual(60)
    expect(snippet.parts.filter((p) => p.isMatch).map((p) => p.text)).toEqual(['terrorism'])
    expect(snippet.cutStart).toBe(true)
    expect(snippet.cutEnd).toBe(true)
  })

  it('shows the end of the text when the match is near it', () => {
    const text = `${filler(100)} terrorism.`
    const snippet = snippetOf(text, terms('terrorism'))
    expect(snippet.cutStart).toBe(true)
    expect(snippet.cutEnd).toBe(false)
    expect(show(snippet).endsWith('word99 [terrorism].')).toBe(true)
    expect(show(snippet).startsWith('…word68 ')).toBe(true)
  })

  it('shows the start of a long text without matches', () => {
    expect(show(snippetOf(filler(100), terms('nothing'), 50))).toBe(
      'word0 word1 word2 word3 word4 word5 word6 word7…',
    )
  })
})
