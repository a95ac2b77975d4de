/**
 * Reads behind the library's list, its tag filter and its selection. The list
 * is virtualised and a selection may hold every release in the archive, so
 * ids come from small rows only (`releaseOrder` and `releaseTags`: a release
 * row carries its whole text), and release rows are read only for the few in
 * view, trimmed to what a row shows. The list is newest import first, filtered
 * by one tag or not.
 */
import type { ArchiveDb } from '../archive-db'
import type { ReleaseRecord } from '../records'
import { countTagged, releasesTagged, tagsByRelease } from './release-tags'
import { listReleasesPage } from './releases-repo'

/** What a row of the library shows: a few fields of the release, and its tags. */
export type LibraryRow = Pick<
  ReleaseRecord,
  'id' | 'title' | 'date' | 'place' | 'paragraphCount' | 'previousVersionId'
> & { tagIds: string[] }

async function toRows(
  db: ArchiveDb,
  releases: readonly (ReleaseRecord | undefined)[],
): Promise<(LibraryRow | undefined)[]> {
  const present = releases.filter((r): r is ReleaseRecord => r !== undefined)
  const tags = await tagsByRelease(
    db,
    present.map((r) => r.id),
  )
  return releases.map((release) => {
    if (!release) return undefined
    const { id, title, date, place, paragraphCount, previousVersionId } = release
    return { id, title, date, place, paragraphCount, previousVersionId, tagIds: tags.get(id) ?? [] }
  })
}

/** How many releases the list has: all of them, or those carrying the tag. */
export function libraryCount(db: ArchiveDb, tagId: string | null): Promise<number> {
  if (tagId === null) return db.releaseOrder.count()
  return countTagged(db, tagId)
}

/**
 * The ids of the whole list in its order, from `releaseOrder` alone. Its index
 * is read forwards and the list turned round here: forwards, IndexedDB hands
 * over every key in one request (`getAllKeys`), where backwards takes a cursor
 * step per release.
 */
export async function libraryIds(db: ArchiveDb, tagId: string | null): Promise<string[]> {
  const newestFirst = async () =>
    (await db.releaseOrder.orderBy('importedAt').primaryKeys()).reverse()
  if (tagId === null) return newestFirst()
  const tagged = new Set(await releasesTagged(db, tagId))
  if (tagged.size === 0) return []
  return (await newestFirst()).filter((id) => tagged.has(id))
}

/**
 * The ids of every release in the list, in no particular order: what "Select
 * all" selects. The table's own keys are read, or the tag's key range, never
 * an index that leads to the rows.
 */
export async function selectableIds(db: ArchiveDb, tagId: string | null): Promise<string[]> {
  if (tagId !== null) return releasesTagged(db, tagId)
  return db.releaseOrder.toCollection().primaryKeys()
}

/** The ids of rows `from` to `to` (both included) of the unfiltered list. */
export async function libraryIdsBetween(
  db: ArchiveDb,
  from: number,
  to: number,
): Promise<string[]> {
  if (to < from) return []
  const keys = await db.releaseOrder
    .orderBy('importedAt')
    .reverse()
    .offset(from)
    .limit(to - from + 1)
    .primaryKeys()
  return keys as string[]
}

/** Rows `offset` onwards of the unfiltered list. */
export async function libraryPage(
  db: ArchiveDb,
  offset: number,
  limit: number,
): Promise<LibraryRow[]> {
  const rows = await toRows(db, await listReleasesPage(db, offset, limit))
  return rows.filter((row): row is LibraryRow => row !== undefined)
}

/** The rows of these releases, in the order given; undefined for one no longer there. */
export async function libraryRows(
  db: ArchiveDb,
  ids: readonly string[],
): Promise<(LibraryRow | undefined)[]> {
  if (ids.length === 0) return []
  return toRows(db, await db.releases.bulkGet([...ids]))
}

/**
 * How many of the selected releases carry each of these tags, read from the
 * tag index; tags on none of them are left out.
 */
export async function tagsOnReleases(
  db: ArchiveDb,
  releaseIds: ReadonlySet<string>,
  tagIds: readonly string[],
): Promise<Map<string, number>> {
  const counts = new Map<string, number>()
  if (releaseIds.size === 0) return counts
  for (const tagId of tagIds) {
    const tagged = await releasesTagged(db, tagId)
    let n = 0
    for (const id of tagged) if (releaseIds.has(id)) n++
    if (n > 0) counts.set(tagId, n)
  }
  return counts
}
