/**
 * Annotations on passages (db/records AnnotationRecord). Every write returns an
 * Edit for undo (db/edits).
 */
import type { ArchiveDb } from '../archive-db'
import { EditRecorder, type Edit } from '../edits'
import type { AnnotationRecord } from '../records'

export type NewAnnotation = Pick<
  AnnotationRecord,
  'releaseId' | 'paragraphId' | 'quote' | 'position' | 'color' | 'note' | 'tagIds'
>

/** The highlight colour of an annotation made without one (imported, or carried from a paragraph tag). */
export const DEFAULT_ANNOTATION_COLOR = '#f2c94c'

/** The longest note kept on one annotation, in UTF-16 code units. */
export const MAX_NOTE_LENGTH = 100_000

const COLOR_RE = /^#[0-9a-f]{6}$/i

/** The passage in a label: "“countering terrorism, separatism…”". */
export function passageLabel(exact: string): string {
  const text = exact.replace(/\s+/g, ' ').trim()
  return `“${text.length > 40 ? `${text.slice(0, 39).trimEnd()}…` : text}”`
}

function checkColor(color: unknown): string {
  if (typeof color !== 'string' || !COLOR_RE.test(color)) {
    throw new Error(`“${String(color)}” is not a colour: use the form #rrggbb, such as #f2c94c.`)
  }
  return color.toLowerCase()
}

function checkNote(note: unknown): string {
  if (typeof note !== 'string') throw new Error('A note must be text.')
  if (note.length > MAX_NOTE_LENGTH) {
    throw new Error(
      `A note can be at most ${MAX_NOTE_LENGTH.toLocaleString('en')} characters; this one has ${note.length.toLocaleString('en')}.`,
    )
  }
  return note
}

function checkPlace(
  releaseId: string,
  place: Pick<AnnotationRecord, 'paragraphId' | 'quote' | 'position'>,
): void {
  const { quote, position, paragraphId } = place
  if (typeof paragraphId !== 'string' || !paragraphId.startsWith(`${releaseId}:`)) {
    throw new Error('The passage is not in a paragraph of this release.')
  }
  if (!quote || typeof quote.exact !== 'string' || quote.exact === '') {
    throw new Error('Select some text to annotate.')
  }
  if (typeof quote.prefix !== 'string' || typeof quote.suffix !== 'string') {
    throw new Error('The passage has no context around it.')
  }
  const { start, end } = position ?? {}
  if (!Number.isInteger(start) || !Number.isInteger(end) || start! < 0 || start! >= end!) {
    throw new Error('The passage must start before it ends.')
  }
}

/** The tags, each once; refused when one has been deleted meanwhile. */
async function checkTags(db: ArchiveDb, tagIds: readonly string[]): Promise<string[]> {
  const ids = [...new Set(tagIds)]
  const found = await db.tags.bulkGet(ids)
  const missing = ids.filter((_, i) => !found[i])
  if (missing.length > 0) {
    throw new Error(
      missing.length === 1
        ? 'One of its tags is no longer in the archive.'
        : `${missing.length} of its tags are no longer in the archive.`,
    )
  }
  return ids
}

export async function addAnnotation(
  db: ArchiveDb,
  input: NewAnnotation,
): Promise<{ annotation: AnnotationRecord; edit: Edit }> {
  checkPlace(input.releaseId, input)
  const color = checkColor(input.color)
  const note = checkNote(input.note)
  return db.transaction('rw', [db.releases, db.tags, db.annotations], async () => {
    // Keys only: the release row carries its whole text.
    if ((await db.releases.where(':id').equals(input.releaseId).count()) === 0) {
      throw new Error('That release is no longer in the archive.')
    }
    const tagIds = await checkTags(db, input.tagIds)
    const now = Date.now()
    const annotation: AnnotationRecord = {
      id: crypto.randomUUID(),
      releaseId: input.releaseId,
      paragraphId: input.paragraphId,
      quote: { ...input.quote },
      position: { start: input.position.start, end: input.position.end },
      color,
      note,
      tagIds,
      needsReview: false,
      reviewReason: null,
      carriedFrom: null,
      createdAt: now,
      updatedAt: now,
    }
    await db.annotations.add(annotation)
    const recorder = new EditRecorder()
    recorder.row('annotations', annotation.id, undefined, annotation)
    const label = `${note.trim() === '' ? 'Highlight' : 'Annotate'} ${passageLabel(annotation.quote.exact)}`
    return { annotation, edit: recorder.edit(label) }
  })
}

export async function updateAnnotation(
  db: ArchiveDb,
  id: string,
  patch: Partial<Pick<AnnotationRecord, 'note' | 'color' | 'tagIds'>>,
): Promise<Edit> {
  const note = patch.note === undefined ? undefined : checkNote(patch.note)
  const color = patch.color === undefined ? undefined : checkColor(patch.color)
  return db.transaction('rw', [db.tags, db.annotations], async () => {
    const row = await getAnnotation(db, id)
    const next: AnnotationRecord = { ...row }
    if (note !== undefined) next.note = note
    if (color !== undefined) next.color = color
    if (patch.tagIds !== undefined) next.tagIds = await checkTags(db, patch.tagIds)
    const recorder = new EditRecorder()
    const what = [
      note !== undefined && next.note !== row.note && 'note',
      color !== undefined && next.color !== row.color && 'colour',
      patch.tagIds !== undefined && next.tagIds.join() !== row.tagIds.join() && 'tags',
    ].filter((w): w is string => typeof w === 'string')
    const label =
      what.length === 1 && what[0] === 'note'
        ? `Edit the note on ${passageLabel(row.quote.exact)}`
        : `Change the ${what.join(' and ') || 'annotation'} of ${passageLabel(row.quote.exact)}`
    if (what.length === 0) return recorder.edit(label)
    next.updatedAt = Date.now()
    recorder.row('annotations', id, row, next)
    await db.annotations.put(next)
    return recorder.edit(label)
  })
}

export async function deleteAnnotation(db: ArchiveDb, id: string): Promise<Edit> {
  return db.transaction('rw', db.annotations, async () => {
    const row = await getAnnotation(db, id)
    await db.annotations.delete(id)
    const recorder = new EditRecorder()
    recorder.row('annotations', id, row, undefined)
    return recorder.edit(`Delete the annotation on ${passageLabel(row.quote.exact)}`)
  })
}

/**
 * Places an annotation that needs review on a passage the user chose: it gets
 * the new selectors and no longer needs review.
 */
export async function placeAnnotation(
  db: ArchiveDb,
  id: string,
  place: Pick<AnnotationRecord, 'paragraphId' | 'quote' | 'position'>,
): Promise<Edit> {
  return db.transaction('rw', db.annotations, async () => {
    const row = await getAnnotation(db, id)
    checkPlace(row.releaseId, place)
    const next: AnnotationRecord = {
      ...row,
      paragraphId: place.paragraphId,
      quote: { ...place.quote },
      position: { start: place.position.start, end: place.position.end },
      needsReview: false,
      reviewReason: null,
      updatedAt: Date.now(),
    }
    await db.annotations.put(next)
    const recorder = new EditRecorder()
    recorder.row('annotations', id, row, next)
    return recorder.edit(`Place the annotation on ${passageLabel(place.quote.exact)}`)
  })
}

/** A release's annotations in reading order (by position), those needing review last. */
export async function annotationsOf(db: ArchiveDb, releaseId: string): Promise<AnnotationRecord[]> {
  const rows = await db.annotations.where('releaseId').equals(releaseId).toArray()
  return rows.sort(
    (a, b) =>
      Number(a.needsReview) - Number(b.needsReview) ||
      a.position.start - b.position.start ||
      a.position.end - b.position.end ||
      a.createdAt - b.createdAt,
  )
}

async function getAnnotation(db: ArchiveDb, id: string): Promise<AnnotationRecord> {
  const row = await db.annotations.get(id)
  if (!row) throw new Error('That annotation is no longer in the archive.')
  return row
}
