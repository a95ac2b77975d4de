/**
 * Archive schema version 6: tags on a release move from the release row's
 * `tagIds` array into `releaseTags`, one row per tag and release, so tagging
 * never rewrites a release with its text.
 */

export type TaggedReleaseRowV5 = {
  id: string
  tagIds?: unknown
  updatedAt?: unknown
  [field: string]: unknown
}

export type ReleaseTagV6 = { tagId: string; releaseId: string; taggedAt: number }

/**
 * The `releaseTags` rows of one release row: one per distinct tag id, dated
 * by the row's last change (when it was tagged is not recorded in version 5).
 * Anything in `tagIds` that is not a non-empty string is not a tag and is left out.
 */
export function releaseTagsV6(row: TaggedReleaseRowV5): ReleaseTagV6[] {
  const ids = Array.isArray(row.tagIds) ? row.tagIds : []
  const taggedAt = typeof row.updatedAt === 'number' ? row.updatedAt : 0
  const tags = new Set(ids.filter((id): id is string => typeof id === 'string' && id !== ''))
  return [...tags].map((tagId) => ({ tagId, releaseId: row.id, taggedAt }))
}
