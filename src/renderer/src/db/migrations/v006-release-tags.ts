/**
 * Version 6: tags on releases move from the rows' `tagIds` into `releaseTags`
 * (see shared/release/migrations/v006-release-tags.ts). Only tagged rows are
 * read, through the `tagIds` index, which version 7 then drops; each loses its
 * `tagIds`. Rows that never had a tag keep their empty array: rewriting every
 * release with its text to drop it would make the upgrade of a large archive
 * take minutes, and nothing reads the field any more.
 */
import type { Transaction } from 'dexie'
import {
  releaseTagsV6,
  type ReleaseTagV6,
  type TaggedReleaseRowV5,
} from '../../../../shared/release/migrations/v006-release-tags'

export async function upgradeToV6(tx: Transaction): Promise<void> {
  const pairs: ReleaseTagV6[] = []
  await tx
    .table<TaggedReleaseRowV5, string>('releases')
    .orderBy('tagIds')
    .distinct()
    .modify((row) => {
      pairs.push(...releaseTagsV6(row))
      delete row.tagIds
    })
  if (pairs.length > 0) await tx.table('releaseTags').bulkPut(pairs)
}
