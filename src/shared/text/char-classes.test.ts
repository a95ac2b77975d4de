import { describe, expect, it } from 'vitest'
import { charClassTable } from './char-classes'

describe('charClassTable', () => {
  const LETTER = 1
  const CYRILLIC = 2
  const table = charClassTable([
    [/\p{L}+/gu, LETTER],
    [/\p{Script=Cyrillic}+/gu, CYRILLIC],
  ])

  it('gives each character the bits of the classes it is in', () => {
    expect(table['a'.charCodeAt(0)]).toBe(LETTER)
    expect(table['М'.charCodeAt(0)]).toBe(LETTER | CYRILLIC)
    expect(table['合'.charCodeAt(0)]).toBe(LETTER)
    expect(table['7'.charCodeAt(0)]).toBe(0)
    expect(table[' '.charCodeAt(0)]).toBe(0)
  })

  it('agrees with the regex on every BMP character, surrogates in no class', () => {
    for (let c = 0; c < 0x10000; c++) {
      const isSurrogate = c >= 0xd800 && c <= 0xdfff
      const letter = !isSurrogate && c !== 0 && /\p{L}/u.test(String.fromCharCode(c))
      if (((table[c]! & LETTER) !== 0) !== letter) throw new Error(`U+${c.toString(16)} disagrees`)
    }
    expect(table[0xd83d]).toBe(0)
  })

  it('refuses a pattern without the g and u flags', () => {
    expect(() => charClassTable([[/\p{L}+/u, 1]])).toThrow('must have the g and u flags')
  })
})
