import { deflateSync, strToU8 } from 'fflate'
import { describe, expect, it } from 'vitest'
import { PLAIN, decodeBody, encodeBody, type ReleaseBody } from './body'

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

  it('are a marker byte and the body as UTF-8 JSON', () => {
    const block = encodeBody(body)
    expect(block[0]).toBe(PLAIN)
    expect(new TextDecoder().decode(block.subarray(1))).toBe(JSON.stringify(body))
  })

  it('still read the deflated blocks schema versions 3 and 4 wrote', () => {
    const deflated = deflateSync(strToU8(JSON.stringify(body)), { level: 6 })
    expect(deflated[0]).not.toBe(PLAIN)
    expect(decodeBody(deflated)).toEqual(body)
  })

  it('refuse a body whose keys do not match its paragraphs', () => {
    expect(() => encodeBody({ ...body, keys: ['p1'] })).toThrow(/one key per paragraph/)
  })

  it('say the stored text is damaged rather than return something else', () => {
    const block = encodeBody(body)
    const notABody = encodeBody({ paragraphs: [], keys: [], original: '' })
    expect(() => decodeBody(block.slice(0, 10))).toThrow('the stored release text is damaged')
    const json = new TextEncoder().encode(JSON.stringify({ paragraphs: 'x' }))
    expect(() => decodeBody(json)).toThrow('the stored release text is damaged')
    expect(() => decodeBody(new Uint8Array([PLAIN, ...json]))).toThrow(
      'the stored release text is damaged',
    )
    expect(decodeBody(notABody)).toEqual({ paragraphs: [], keys: [], original: '' })
  })
})
