/**
 * Deleting releases: the release with its text, its place in the library, its tags, its
 * paragraph tags and its annotations, in one transaction, as one edit, so Undo brings every
 * one of them back. The search index forgets the release in the same transaction, and
 * indexes it again after an undo. A later version of a deleted release keeps its link, which
 * the versions list skips while the release is gone.
 */
import type { ArchiveDb } from '../archive-db'
import { EditRecorder, type Edit } from '../edits'
import { markStale, staleTables } from './search-repo'

/** What deleting these releases takes with it, for the confirmation. */
export type DeletionSummary = { releases: number; annotations: number; notes: number; tags: number }

export async function deletionSummary(
  db: ArchiveDb,
  releaseIds: readonly string[],
): Promise<DeletionSummary> {
  const ids = [...new Set(releaseIds)]
  const [releases, annotations, tagged] = await Promise.all([
    db.releases.bulkGet(ids),
    db.annotations.where('releaseId').anyOf(ids).toArray(),
    db.releaseTags.where('releaseId').anyOf(ids).count(),
  ])
  return {
    releases: releases.filter(Boolean).length,
    annotations: annotations.length,
    notes: annotations.filter((a) => a.note.trim() !== '').length,
    tags: tagged,
  }
}

export async function deleteReleases(db: ArchiveDb, releaseIds: readonly string[]): Promise<Edit> {
  const ids = [...new Set(releaseIds)].sort()
  return db.transaction(
    'rw',
    [
      db.releases,
      db.releaseOrder,
      db.releaseTags,
      db.paragraphTags,
      db.annotations,
      ...staleTables(db),
    ],
    async () => {
      const recorder = new EditRecorder()
      const rows = (await db.releases.bulkGet(ids)).flatMap((r) => (r ? [r] : []))
      const present = rows.map((r) => r.id)
      const [order, releaseTags, paragraphTags, annotations] = await Promise.all([
        db.releaseOrder.bulkGet(present),
        db.releaseTags.where('releaseId').anyOf(present).toArray(),
        db.paragraphTags.where('releaseId').anyOf(present).toArray(),
        db.annotations.where('releaseId').anyOf(present).toArray(),
      ])
      for (const row of rows) recorder.row('releaseRows', row.id, row, undefined)
      for (const row of order) if (row) recorder.row('releaseOrder', row.id, row, undefined)
      for (const row of releaseTags) {
        recorder.row('releaseTags', [row.tagId, row.releaseId], row, undefined)
      }
      for (const row of paragraphTags) recorder.row('paragraphTags', row.id, row, undefined)
      for (const row of annotations) recorder.row('annotations', row.id, row, undefined)
      await markStale(db, present)
      await db.annotations.bulkDelete(annotations.map((a) => a.id))
      await db.paragraphTags.bulkDelete(paragraphTags.map((p) => p.id))
      await db.releaseTags.bulkDelete(releaseTags.map((t) => [t.tagId, t.releaseId]))
      await db.releaseOrder.bulkDelete(present)
      await db.releases.bulkDelete(present)
      const label =
        rows.length === 1 ? `Delete “${rows[0]!.title}”` : `Delete ${rows.length} releases`
      return recorder.edit(label)
    },
  )
}
