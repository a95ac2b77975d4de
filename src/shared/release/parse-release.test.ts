import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { decodeBytes } from './decode'
import { parseRelease } from './parse-release'

const SCO = join(__dirname, '../../../../shared/corpus/sco')
const readSco = (name: string) => decodeBytes(new Uint8Array(readFileSync(join(SCO, name)))).text

describe('parseRelease on the SCO releases', () => {
  it('reads the 2017 release: title, a heading line and 23 body paragraphs', () => {
    const { title, paragraphs } = parseRelease(readSco('000_5b5391892682d1ae.txt'))
    expect(title).toBe(
      'Press release on the outcome of the 12th meeting of the SCO National Security Council Secretaries',
    )
    expect(paragraphs).toHaveLength(24)
    expect(paragraphs[0]).toBe('The 12th meeting of the SCO National Security Council Secretaries')
    expect(paragraphs[23]).toMatch(/^The next meeting of.*People's Republic of.*China\.$/)
  })

  it('reads the 2014 release, which has one paragraph per line, as 8 paragraphs', () => {
    const { title, paragraphs } = parseRelease(readSco('003_e372a3fb9bb542ce.txt'))
    expect(title).toBe(
      'Joint Press Release on the outcomes of the SCO framework Foreign Ministries’ consultations on regional security issues',
    )
    expect(paragraphs).toHaveLength(8)
    expect(paragraphs[0]).toMatch(/^On 22 January 2014 consultations/)
    expect(paragraphs[7]).toBe(
      'Consultations were held in a constructive atmosphere and confirmed the proximity of views of the parties on the matters discussed.',
    )
  })
})

describe('parseRelease rules', () => {
  it('joins the lines of one paragraph and separates paragraphs at blank lines', () => {
    const text = 'Title\n\nfirst line\nsecond line\n\n  \nthird\n'
    expect(parseRelease(text)).toEqual({
      title: 'Title',
      paragraphs: ['first line second line', 'third'],
    })
  })

  it('turns no-break spaces into ordinary spaces and collapses runs of them', () => {
    expect(
      parseRelease('Title\u00a0one\n\nchaired by\u00a0 Kazakhstan\u202fin\tAstana').paragraphs,
    ).toEqual(['chaired by Kazakhstan in Astana'])
  })

  it('treats CR and CRLF line endings like LF', () => {
    const lf = parseRelease('Title\n\nOne\n\nTwo')
    expect(parseRelease('Title\r\rOne\r\rTwo')).toEqual(lf)
    expect(parseRelease('Title\r\n\r\nOne\r\n\r\nTwo\r\n')).toEqual(lf)
  })

  it('skips leading blank lines to find the title', () => {
    expect(parseRelease('\n\n   \nThe title  \nBody').title).toBe('The title')
  })

  it('gives a text with only a title no paragraphs', () => {
    expect(parseRelease('Only a title\n\n\n')).toEqual({ title: 'Only a title', paragraphs: [] })
  })

  it('gives whitespace-only text no title', () => {
    expect(parseRelease(' \n\t\n')).toEqual({ title: '', paragraphs: [] })
  })
})
