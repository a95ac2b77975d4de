import { describe, expect, it } from 'vitest'
import { BandTable, bandNumber, bandNumbers } from './band-table'
import { fingerprint } from './similarity'

const text = (seed: number) =>
  Array.from(
    { length: 60 },
    (_, i) => `word${(i * 7 + seed * 13) % 97} clause${(i * 3 + seed) % 89}`,
  ).join(' ')

describe('BandTable', () => {
  it('finds the releases that share a band, and only those', () => {
    const table = new BandTable()
    table.add('a', [1, 2, 3])
    table.add('b', [4, 5, 6])
    table.add('c', [3, 7, 8])
    expect(table.candidates([3])).toEqual(['a', 'c'])
    expect(table.candidates([5, 9])).toEqual(['b'])
    expect(table.candidates([9, 10])).toEqual([])
  })

  it('keeps finding releases after they are merged into the sorted array', () => {
    const table = new BandTable()
    for (let i = 0; i < 20_000; i++) table.add(`r${i}`, [i * 2, i * 2 + 1, 0x7fffffff - i])
    expect(table.size).toBe(20_000)
    expect(table.candidates([2 * 12_345])).toEqual(['r12345'])
    expect(table.candidates([0x7fffffff - 19_999, 3])).toEqual(['r1', 'r19999'])
    table.add('late', [2 * 12_345])
    expect(table.candidates([2 * 12_345])).toEqual(['r12345', 'late'])
  })

  it('adds a release once', () => {
    const table = new BandTable()
    table.add('a', [1])
    table.add('a', [2])
    expect(table.size).toBe(1)
    expect(table.candidates([2])).toEqual([])
  })

  it('makes a revised text a candidate of the one it revises, through real fingerprints', () => {
    const original = fingerprint('Joint statement', [text(1), text(2)])
    const revised = fingerprint('Joint statement', [text(1), text(2), 'One sentence more.'])
    const unrelated = fingerprint('Another matter', [text(40), text(41)])
    const table = new BandTable()
    table.add('original', bandNumbers(original.lsh))
    table.add('unrelated', bandNumbers(unrelated.lsh))
    expect(table.candidates(bandNumbers(revised.lsh))).toEqual(['original'])
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
