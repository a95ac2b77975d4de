import { describe, expect, it } from 'vitest'
import { releaseTagsV6 } from './v006-release-tags'

describe('releaseTagsV6', () => {
  it('gives one row per tag of the release, dated by its last change', () => {
    expect(releaseTagsV6({ id: 'r1', tagIds: ['t1', 't2'], updatedAt: 42 })).toEqual([
      { tagId: 't1', releaseId: 'r1', taggedAt: 42 },
      { tagId: 't2', releaseId: 'r1', taggedAt: 42 },
    ])
  })

  it('names a tag listed twice once', () => {
    expect(releaseTagsV6({ id: 'r1', tagIds: ['t1', 't1'], updatedAt: 1 })).toHaveLength(1)
  })

  it('gives nothing for a row without tags, and leaves out what is not a tag id', () => {
    expect(releaseTagsV6({ id: 'r1', tagIds: [] })).toEqual([])
    expect(releaseTagsV6({ id: 'r1' })).toEqual([])
    expect(releaseTagsV6({ id: 'r1', tagIds: 't1' })).toEqual([])
    expect(releaseTagsV6({ id: 'r1', tagIds: ['', 7, null, 't3'] })).toEqual([
      { tagId: 't3', releaseId: 'r1', taggedAt: 0 },
    ])
  })
})
