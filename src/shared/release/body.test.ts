import { inflateSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { decodeBody, encodeBody, type ReleaseBody } from './body'

const body: ReleaseBody = {
  paragraphs: [
    'The Council of Foreign Ministers met in Astana on 5-6 April.',
    'Министры подчеркнули важность сотрудничества.',
    '上海合作组织成员国外交部长理事会会议在阿斯塔纳举行。',
  ],
  keys: ['p1a2b', 'p3c4d', 'p5e6f'],
  original:
    'The Council of Foreign Ministers met in\r\nAstana on 5-6 April.\r\n\r\nМинистры подчеркнули важность сотрудничества.\r\n\r\n上海合作组织成员国外交部长理事会会议在阿斯塔纳举行。\r\n',
}

describe('release bodies', () => {
  it('give back exactly the paragraphs, keys and original text they were made from', () => {
    expect(decodeBody(encodeBody(body))).toEqual(body)
  })

  it('are raw deflate of the body as JSON', () => {
    expect(new TextDecoder().decode(inflateSync(encodeBody(body)))).toBe(JSON.stringify(body))
  })

  it('store repeated text in much less space than it takes', () => {
    const paragraph =
      'The parties reaffirmed their commitment to the Charter of the United Nations. '
    const long: ReleaseBody = {
      paragraphs: Array.from({ length: 20 }, (_, i) => `${i + 1}. ${paragraph}`),
      keys: Array.from({ length: 20 }, (_, i) => `p${i}`),
      original: Array.from({ length: 20 }, (_, i) => `${i + 1}. ${paragraph}`).join('\n\n'),
    }
    const raw = new TextEncoder().encode(JSON.stringify(long)).byteLength
    expect(encodeBody(long).byteLength).toBeLessThan(raw / 4)
  })

  it('refuse a body whose keys do not match its paragraphs', () => {
    expect(() => encodeBody({ ...body, keys: ['p1'] })).toThrow(/one key per paragraph/)
  })

  it('say the stored text is damaged rather than return something else', () => {
    const block = encodeBody(body)
    const notABody = encodeBody({ paragraphs: [], keys: [], original: '' })
    expect(() => decodeBody(block.slice(0, 10))).toThrow()
    const json = new TextEncoder().encode(JSON.stringify({ paragraphs: 'x' }))
    expect(() => decodeBody(json)).toThrow()
    expect(decodeBody(notABody)).toEqual({ paragraphs: [], keys: [], original: '' })
  })
})
