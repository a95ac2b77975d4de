import { describe, expect, it } from 'vitest'
import { base36 } from './base36'

describe('base36', () => {
  it('writes integers as Number#toString(36) does', () => {
    const values = [0, 1, 35, 36, 1295, 1296, 0xffffffff, 36 ** 10 - 1, 36 ** 10, 2 ** 53 - 1]
    let x = 0x12345
    for (let i = 0; i < 2000; i++) {
      // A fixed spread of values up to 2^53.
      x = (Math.imul(x, 1103515245) + 12345) >>> 0
      values.push(x, x * 2097152 + (i % 2097152))
    }
    for (const value of values) expect(base36(value)).toBe(value.toString(36))
  })

  it('pads with zeros to the width asked for', () => {
    expect(base36(35, 11)).toBe('0000000000z')
    expect(base36(2 ** 53 - 1, 11)).toBe((2 ** 53 - 1).toString(36))
  })
})
