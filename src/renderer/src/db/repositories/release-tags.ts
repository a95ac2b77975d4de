/**
 * Reads of the tags on releases as a whole (`releaseTags`: one row per tag and
 * release, keyed `[tagId, releaseId]`). A tag's releases are one key range, so
 * counting or listing them never reads a release row.
 */
import Dexie from 'dexie'
import type { ArchiveDb } from '../archive-db'

/** The rows of one tag: its key range in `releaseTags`. */
export function tagRange(db: ArchiveDb, tagId: string) {
  return db.releaseTags.where(':id').between([tagId, Dexie.minKey], [tagId, Dexie.maxKey])
}

/** The ids of the releases carrying the tag, in id order. */
export async function releasesTagged(db: ArchiveDb, tagId: string): Promise<string[]> {
  const keys = await tagRange(db, tagId).primaryKeys()
  return keys.map(([, releaseId]) => releaseId)
}

/** How many releases carry the tag. */
export function countTagged(db: ArchiveDb, tagId: string): Promise<number> {
  return tagRange(db, tagId).count()
}

/** The tag ids on each of these releases, in the order they were put on; absent when none. */
export async function tagsByRelease(
  db: ArchiveDb,
  releaseIds: readonly string[],
): Promise<Map<string, string[]>> {
  const byRelease = new Map<string, string[]>()
  if (releaseIds.length === 0) return byRelease
  const rows = await db.releaseTags
    .where('releaseId')
    .anyOf([...releaseIds])
    .toArray()
  rows.sort((a, b) => a.taggedAt - b.taggedAt)
  for (const { releaseId, tagId } of rows) {
    const tags = byRelease.get(releaseId)
    if (tags) tags.push(tagId)
    else byRelease.set(releaseId, [tagId])
  }
  return byRelease
}

/** The tag ids on one release, in the order they were put on. */
export async function tagsOfRelease(db: ArchiveDb, releaseId: string): Promise<string[]> {
  return (await tagsByRelease(db, [releaseId])).get(releaseId) ?? []
}
