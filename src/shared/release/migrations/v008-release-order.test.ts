import { describe, expect, it } from 'vitest'
import { releaseOrderV8 } from './v008-release-order'

describe('releaseOrderV8', () => {
  it('pairs each release id with its import time', () => {
    expect(releaseOrderV8([10, 20], ['r1', 'r2'])).toEqual([
      { id: 'r1', importedAt: 10 },
      { id: 'r2', importedAt: 20 },
    ])
    expect(releaseOrderV8([], [])).toEqual([])
  })

  it('refuses lists that do not pair up, or values that are not an id and a time', () => {
    expect(() => releaseOrderV8([10], ['r1', 'r2'])).toThrow('1 times for 2 releases')
    expect(() => releaseOrderV8(['10'], ['r1'])).toThrow('release r1')
    expect(() => releaseOrderV8([10], [7])).toThrow('release 7')
  })
})
