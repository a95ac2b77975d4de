/**
 * Translations the user links: two releases of one text in two languages. The link is kept on
 * both releases (`translationIds`), written in one transaction and undoable. Releases reporting
 * the same event in other languages count as translations without a link
 * (shared/compare/translations).
 */
import type { ArchiveDb } from '../archive-db'
import { EditRecorder, type Edit } from '../edits'
import type { ReleaseRecord } from '../records'

/** Links releases `aId` and `bId` as translations of each other (`on`), or takes the link off. */
export async function linkTranslations(
  db: ArchiveDb,
  aId: string,
  bId: string,
  on: boolean,
): Promise<Edit> {
  if (aId === bId) throw new Error('A release cannot be a translation of itself.')
  return db.transaction('rw', db.releases, async () => {
    const [a, b] = await db.releases.bulkGet([aId, bId])
    if (!a || !b) throw new Error('That release is no longer in the archive.')
    const recorder = new EditRecorder()
    for (const [row, other] of [
      [a, b],
      [b, a],
    ] as const) {
      const known = row.translationIds ?? []
      const next = on
        ? known.includes(other.id)
          ? known
          : [...known, other.id]
        : known.filter((id) => id !== other.id)
      if (next === known || next.length === known.length) continue
      await db.releases.update(row.id, { translationIds: next })
      recorder.release(row.id, { translationIds: known }, { translationIds: next })
    }
    return recorder.edit(
      on
        ? `Link “${a.title}” and “${b.title}” as translations`
        : `Unlink the translations “${a.title}” and “${b.title}”`,
    )
  })
}

/** The releases linked to `release` as its translations that are still in the archive. */
export async function linkedTranslations(
  db: ArchiveDb,
  release: Pick<ReleaseRecord, 'translationIds'>,
): Promise<ReleaseRecord[]> {
  const ids = release.translationIds ?? []
  if (ids.length === 0) return []
  return (await db.releases.bulkGet(ids)).filter((r): r is ReleaseRecord => r !== undefined)
}
