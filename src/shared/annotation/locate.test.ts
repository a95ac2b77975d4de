import { beforeAll, describe, expect, it } from 'vitest'
import { locateQuote } from './locate'
import { paragraphStarts, selectorsFor, type VersionText } from './reading-text'
import { passage, prepareCorpusFile, SCO_2017, type TestVersion } from './test-support/versions'

let sco: TestVersion

beforeAll(async () => {
  sco = await prepareCorpusFile(SCO_2017)
})

const CHINA = "People's Republic of China"

describe('locateQuote', () => {
  it('finds a quote that occurs once, whatever its context says', () => {
    const item = passage(sco, 'countering terrorism, separatism and extremism')
    const found = locateQuote(sco, { ...item.quote, prefix: 'unrelated', suffix: 'words' })
    const index = sco.keys.indexOf(item.paragraphKey)
    expect(found).toEqual({
      paragraphIndex: index,
      start: sco.paragraphs[index]!.indexOf('countering terrorism'),
      end: sco.paragraphs[index]!.indexOf('countering terrorism') + 46,
    })
  })

  it('gives null for a quote that is not there, or that spans two paragraphs', () => {
    expect(locateQuote(sco, { exact: 'Beijing', prefix: '', suffix: '' })).toBeNull()
    const across = `${sco.paragraphs[0]!.slice(-10)}\n\n${sco.paragraphs[1]!.slice(0, 10)}`
    expect(locateQuote(sco, { exact: across, prefix: '', suffix: '' })).toBeNull()
    expect(locateQuote(sco, { exact: '', prefix: '', suffix: '' })).toBeNull()
  })

  it('does not find a passage in the title', () => {
    const text: VersionText = {
      title: 'Joint statement',
      paragraphs: ['The statement.'],
      keys: ['p1'],
    }
    expect(locateQuote(text, { exact: 'Joint', prefix: '', suffix: '' })).toBeNull()
  })

  it('tells the occurrences of a repeated quote apart by its prefix and suffix', () => {
    const last = sco.paragraphs.length - 1
    expect(sco.paragraphs[2]).toContain(CHINA)
    for (const index of [2, last]) {
      const start = sco.paragraphs[index]!.indexOf(CHINA)
      const { quote } = selectorsFor(sco.title, sco.paragraphs, index, start, start + CHINA.length)
      expect(locateQuote(sco, quote)).toEqual({
        paragraphIndex: index,
        start,
        end: start + CHINA.length,
      })
      // A few characters of context on one side are enough when they agree only with one.
      const partial = { ...quote, prefix: `zzz${quote.prefix.slice(-6)}`, suffix: '' }
      expect(locateQuote(sco, partial)?.paragraphIndex).toBe(index)
    }
  })

  it('gives null when the context agrees equally with several, unless the position lands on one', () => {
    const text: VersionText = {
      title: 'T',
      paragraphs: ['The ministers met. The ministers met.', 'Later the ministers met.'],
      keys: ['a', 'b'],
    }
    const quote = { exact: 'ministers met', prefix: '', suffix: '' }
    expect(locateQuote(text, quote)).toBeNull()
    const starts = paragraphStarts(text.title, text.paragraphs)
    const second = starts[0]! + text.paragraphs[0]!.lastIndexOf('ministers')
    expect(locateQuote(text, quote, second)).toEqual({ paragraphIndex: 0, start: 23, end: 36 })
    expect(locateQuote(text, quote, second + 1)).toBeNull()
    // "The " before two of them: those two tie, and the position chooses between them only.
    const withThe = { ...quote, prefix: 'The ' }
    expect(locateQuote(text, withThe)).toBeNull()
    expect(locateQuote(text, withThe, starts[0]! + 4)).toEqual({
      paragraphIndex: 0,
      start: 4,
      end: 17,
    })
    const later = starts[1]! + text.paragraphs[1]!.indexOf('ministers')
    expect(locateQuote(text, withThe, later)).toBeNull()
  })

  it('lets the context win over a position that points elsewhere', () => {
    const last = sco.paragraphs.length - 1
    const start = sco.paragraphs[last]!.indexOf(CHINA)
    const { quote } = selectorsFor(sco.title, sco.paragraphs, last, start, start + CHINA.length)
    const inParagraph2 =
      paragraphStarts(sco.title, sco.paragraphs)[2]! + sco.paragraphs[2]!.indexOf(CHINA)
    expect(locateQuote(sco, quote, inParagraph2)?.paragraphIndex).toBe(last)
  })
})
