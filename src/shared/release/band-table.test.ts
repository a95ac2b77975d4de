import { describe, expect, it } from 'vitest'
import { BandTable, bandNumber, bandNumbers } from './band-table'
import { fingerprint } from './similarity'

const text = (seed: number) =>
  Array.from(
    { length: 60 },
    (_, i) => `word${(i * 7 + seed * 13) % 97} clause${(i * 3 + seed) % 89}`,
  ).join(' ')

describe('BandTable', () => {
  it('finds the releases that share a band, and only those, by ordinal', () => {
    const table = new BandTable()
    expect(table.add([1, 2, 3])).toBe(0)
    expect(table.add([4, 5, 6])).toBe(1)
    expect(table.add([3, 7, 8])).toBe(2)
    expect(table.candidates([3])).toEqual([0, 2])
    expect(table.candidates([5, 9])).toEqual([1])
    expect(table.candidates([9, 10])).toEqual([])
  })

  it('keeps finding releases after they are merged into the sorted array', () => {
    const table = new BandTable()
    for (let i = 0; i < 20_000; i++) table.add([i * 2, i * 2 + 1, 0x7fffffff - i])
    expect(table.size).toBe(20_000)
    expect(table.candidates([2 * 12_345])).toEqual([12_345])
    expect(table.candidates([0x7fffffff - 19_999, 3])).toEqual([1, 19_999])
    expect(table.add([2 * 12_345])).toBe(20_000)
    expect(table.candidates([2 * 12_345])).toEqual([12_345, 20_000])
  })

  it('makes a revised text a candidate of the one it revises, through real fingerprints', () => {
    const original = fingerprint('Joint statement', [text(1), text(2)])
    const revised = fingerprint('Joint statement', [text(1), text(2), 'One sentence more.'])
    const unrelated = fingerprint('Another matter', [text(40), text(41)])
    const table = new BandTable()
    table.add(bandNumbers(original.lsh))
    table.add(bandNumbers(unrelated.lsh))
    expect(table.candidates(bandNumbers(revised.lsh))).toEqual([0])
  })

  it('folds band keys to 31-bit numbers, the same every time', () => {
    expect(bandNumber('3.1k2j9a')).toBe(bandNumber('3.1k2j9a'))
    expect(bandNumber('3.1k2j9a')).not.toBe(bandNumber('4.1k2j9a'))
    for (const key of ['0.0', 'f.zzzzzz', '']) {
      expect(bandNumber(key)).toBeGreaterThanOrEqual(0)
      expect(bandNumber(key)).toBeLessThan(2 ** 31)
    }
  })
})
