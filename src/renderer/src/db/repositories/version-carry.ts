/**
 * Carrying annotations and tags to a new version of a release, inside the
 * import's transaction (storeBatch in releases-repo).
 */
import { carryAnnotations, carryParagraph } from '../../../../shared/annotation/carry-over'
import { selectorsFor, type VersionText } from '../../../../shared/annotation/reading-text'
import { decodeBody } from '../../../../shared/release/body'
import type { ArchiveDb } from '../archive-db'
import type { AnnotationRecord, ParagraphTagsRecord, ReleaseRecord } from '../records'
import { DEFAULT_ANNOTATION_COLOR } from './annotations-repo'
import { paragraphIdFor } from './ids'

/**
 * Gives a new version of a release the tags, annotations and paragraph tags of the
 * version before it (shared/annotation/carry-over). Each annotation is copied
 * as a new one on the new version, placed where its passage now is, or marked
 * for review with the reason and its old selectors; a tagged paragraph that
 * cannot be found becomes an annotation for review carrying its tags. The
 * earlier version keeps its own.
 */
export async function carryToNewVersion(
  db: ArchiveDb,
  earlier: ReleaseRecord,
  release: ReleaseRecord,
  now: number,
): Promise<void> {
  const releaseTags = await db.releaseTags.where('releaseId').equals(earlier.id).toArray()
  if (releaseTags.length > 0) {
    await db.releaseTags.bulkPut(releaseTags.map((row) => ({ ...row, releaseId: release.id })))
  }
  // Counted by index first: most versions revise releases nobody has annotated.
  const [annotationCount, taggedCount] = await Promise.all([
    db.annotations.where('releaseId').equals(earlier.id).count(),
    db.paragraphTags.where('releaseId').equals(earlier.id).count(),
  ])
  if (annotationCount === 0 && taggedCount === 0) return
  const [annotations, tagged] = await Promise.all([
    db.annotations.where('releaseId').equals(earlier.id).toArray(),
    db.paragraphTags.where('releaseId').equals(earlier.id).toArray(),
  ])
  const from = versionTextOf(earlier)
  const to = versionTextOf(release)
  const keyOf = (paragraphId: string) =>
    paragraphId.startsWith(`${earlier.id}:`) ? paragraphId.slice(earlier.id.length + 1) : ''
  const placements = new Map(
    carryAnnotations(
      from,
      to,
      annotations.map((a) => ({
        id: a.id,
        paragraphKey: keyOf(a.paragraphId),
        quote: a.quote,
        position: a.position,
      })),
    ).map((p) => [p.id, p]),
  )
  const carried: AnnotationRecord[] = annotations.map((a) => {
    const placement = placements.get(a.id)
    const placed = placement?.placed ?? null
    const oldKey = keyOf(a.paragraphId)
    // Unplaced, it still points at the paragraph its old one became, when one did.
    const key = placed ? placed.paragraphKey : (carryParagraph(from, to, oldKey) ?? oldKey)
    return {
      id: crypto.randomUUID(),
      releaseId: release.id,
      paragraphId: paragraphIdFor(release.id, key),
      quote: placed ? placed.quote : a.quote,
      position: placed ? placed.position : a.position,
      color: a.color,
      note: a.note,
      tagIds: [...a.tagIds],
      needsReview: placed === null,
      reviewReason: placed
        ? null
        : (placement?.reason ?? 'the passage was not found in the new version'),
      carriedFrom: a.id,
      createdAt: a.createdAt,
      updatedAt: now,
    }
  })
  const paragraphTags = new Map<string, ParagraphTagsRecord>()
  for (const row of tagged) {
    const key = carryParagraph(from, to, row.paragraphKey)
    if (key !== null) {
      const id = paragraphIdFor(release.id, key)
      const known = paragraphTags.get(id)
      const tagIds = [...new Set([...(known?.tagIds ?? []), ...row.tagIds])]
      paragraphTags.set(id, {
        id,
        releaseId: release.id,
        paragraphKey: key,
        tagIds,
        updatedAt: now,
      })
      continue
    }
    // The tags are not dropped: the old paragraph goes to review with them.
    const index = from.keys.indexOf(row.paragraphKey)
    const text = index >= 0 ? (from.paragraphs[index] as string) : ''
    const selectors =
      text === ''
        ? { quote: { exact: '', prefix: '', suffix: '' }, position: { start: 0, end: 0 } }
        : selectorsFor(from.title, from.paragraphs, index, 0, text.length)
    carried.push({
      id: crypto.randomUUID(),
      releaseId: release.id,
      paragraphId: paragraphIdFor(release.id, row.paragraphKey),
      quote: selectors.quote,
      position: selectors.position,
      color: DEFAULT_ANNOTATION_COLOR,
      note: '',
      tagIds: [...row.tagIds],
      needsReview: true,
      reviewReason: 'the tagged paragraph changed beyond recognition',
      carriedFrom: null,
      createdAt: row.updatedAt,
      updatedAt: now,
    })
  }
  if (carried.length > 0) await db.annotations.bulkAdd(carried)
  if (paragraphTags.size > 0) await db.paragraphTags.bulkPut([...paragraphTags.values()])
}

function versionTextOf(row: ReleaseRecord): VersionText {
  const body = decodeBody(row.body)
  return { title: row.title, paragraphs: body.paragraphs, keys: body.keys }
}
