import { beforeAll, describe, expect, it } from 'vitest'
import { sha256Hex } from '../release/content-hash'
import { CONTEXT_LENGTH, paragraphStarts, readingText, selectorsFor } from './reading-text'
import { prepareCorpusFile, SCO_2017, type TestVersion } from './test-support/versions'

let sco: TestVersion

beforeAll(async () => {
  sco = await prepareCorpusFile(SCO_2017)
})

/** U+20000, a CJK Extension B character: two UTF-16 code units. */
const ASTRAL = '\u{20000}'

describe('readingText', () => {
  it('is the text the import hashes for the release’s URN', async () => {
    const text = readingText(sco.title, sco.paragraphs)
    expect(await sha256Hex(new TextEncoder().encode(text))).toBe(sco.contentHash)
    expect(text.startsWith(`${sco.title}\n\n${sco.paragraphs[0]}\n\n`)).toBe(true)
  })
})

describe('paragraphStarts', () => {
  it('gives where each paragraph of the reading text starts, after a blank line', () => {
    const text = readingText(sco.title, sco.paragraphs)
    const starts = paragraphStarts(sco.title, sco.paragraphs)
    expect(starts).toHaveLength(sco.paragraphs.length)
    sco.paragraphs.forEach((paragraph, i) => {
      const start = starts[i]!
      expect(text.slice(start - 2, start)).toBe('\n\n')
      expect(text.slice(start, start + paragraph.length)).toBe(paragraph)
    })
    const last = sco.paragraphs.length - 1
    expect(starts[last]! + sco.paragraphs[last]!.length).toBe(text.length)
  })

  it('counts UTF-16 code units, as JavaScript strings do', () => {
    expect(paragraphStarts(`${ASTRAL}标题`, ['一', `${ASTRAL}二`, '三'])).toEqual([6, 9, 14])
  })
})

describe('selectorsFor', () => {
  it('gives the quote, 32 code units of context either side, and reading-text offsets', () => {
    const index = sco.paragraphs.findIndex((p) => p.includes('countering terrorism'))
    const start = sco.paragraphs[index]!.indexOf('countering terrorism')
    const { quote, position } = selectorsFor(sco.title, sco.paragraphs, index, start, start + 20)
    const text = readingText(sco.title, sco.paragraphs)
    expect(quote.exact).toBe('countering terrorism')
    expect(text.slice(position.start, position.end)).toBe('countering terrorism')
    expect(quote.prefix).toHaveLength(CONTEXT_LENGTH)
    expect(quote.suffix).toHaveLength(CONTEXT_LENGTH)
    expect(text.slice(position.start - CONTEXT_LENGTH, position.end + CONTEXT_LENGTH)).toBe(
      quote.prefix + quote.exact + quote.suffix,
    )
  })

  it('takes the prefix across the blank line from the paragraph before, and stops at the text’s ends', () => {
    const { quote } = selectorsFor(sco.title, sco.paragraphs, 1, 0, 7)
    expect(quote.exact).toBe('The 12t')
    expect(quote.prefix).toBe(`${sco.paragraphs[0]!.slice(-30)}\n\n`)

    const short = selectorsFor('Title', ['First.', 'Last one.'], 1, 5, 9)
    expect(short.quote).toEqual({ exact: 'one.', prefix: 'Title\n\nFirst.\n\nLast ', suffix: '' })
    expect(short.position).toEqual({ start: 20, end: 24 })
  })

  it('never cuts a surrogate pair at either end of the context', () => {
    // The 32nd code unit before the passage is the second half of ASTRAL: the prefix narrows to 31.
    const paragraph = `${ASTRAL}${'a'.repeat(31)}QUOTE${'b'.repeat(31)}${ASTRAL}`
    const start = paragraph.indexOf('QUOTE')
    const { quote } = selectorsFor('T', [paragraph], 0, start, start + 5)
    expect(quote.prefix).toBe('a'.repeat(31))
    expect(quote.suffix).toBe('b'.repeat(31))

    // Whole characters fit: the context keeps them.
    const fits = `x${ASTRAL}${'a'.repeat(30)}QUOTE${'b'.repeat(30)}${ASTRAL}y`
    const at = fits.indexOf('QUOTE')
    const whole = selectorsFor('T', [fits], 0, at, at + 5).quote
    expect(whole.prefix).toBe(`${ASTRAL}${'a'.repeat(30)}`)
    expect(whole.suffix).toBe(`${'b'.repeat(30)}${ASTRAL}`)
  })

  it('widens a passage whose ends fall inside a character to the whole character', () => {
    const paragraph = `在${ASTRAL}之间${ASTRAL}`
    const { quote, position } = selectorsFor('T', [paragraph], 0, 2, 6)
    expect(quote.exact).toBe(`${ASTRAL}之间${ASTRAL}`)
    expect(position).toEqual({ start: 4, end: 10 })
  })

  it('refuses a passage outside its paragraph', () => {
    expect(() => selectorsFor('T', ['abc'], 0, 2, 4)).toThrow(RangeError)
    expect(() => selectorsFor('T', ['abc'], 1, 0, 1)).toThrow(RangeError)
  })
})
