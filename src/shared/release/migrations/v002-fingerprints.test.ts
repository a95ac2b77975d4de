import { describe, expect, it } from 'vitest'
import { fingerprint } from '../similarity'
import { upgradeReleaseToV2 } from './v002-fingerprints'

describe('upgradeReleaseToV2', () => {
  const row = {
    id: 'rabc',
    title: 'Joint Statement on Regional Security',
    contentHash: 'abc',
    sourceFiles: [{ sha256: 'h1' }, { sha256: 'h2' }, { sha256: 'h1' }],
    tagIds: ['t1'],
  }
  const paragraphs = ['The ministers met in Bishkek on 14 June 2019.', 'They agreed on a plan.']

  it('keeps every field of the old row, its id and content hash included', () => {
    const upgraded = upgradeReleaseToV2(row, paragraphs)
    expect(upgraded).toMatchObject(row)
  })

  it('lists each source file hash once', () => {
    expect(upgradeReleaseToV2(row, paragraphs).sourceHashes).toEqual(['h1', 'h2'])
  })

  it('fingerprints the text it has, as a new import of it would be', () => {
    const upgraded = upgradeReleaseToV2(row, paragraphs)
    const expected = fingerprint(row.title, paragraphs)
    expect(upgraded.titleKey).toBe('joint statement on regional security')
    expect(upgraded.lsh).toEqual(expected.lsh)
    expect(upgraded.lsh).toHaveLength(16)
    expect(upgraded.shingleCount).toBe(expected.shingleCount)
  })
})
