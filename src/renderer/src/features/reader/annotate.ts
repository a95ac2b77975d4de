/**
 * Making, placing and tagging annotations on a release's paragraphs, through the undo stack:
 * what the reader and the compare view both do with a selected passage, so they do it alike.
 */
import { selectorsFor } from '../../../../shared/annotation/reading-text'
import type { ArchiveDb } from '../../db/archive-db'
import type { Edit } from '../../db/edits'
import {
  addAnnotation,
  placeAnnotation,
  type NewAnnotation,
} from '../../db/repositories/annotations-repo'
import { setParagraphTag } from '../../db/repositories/tags-repo'

export type EditFn = (write: (db: ArchiveDb) => Promise<Edit>) => Promise<Edit>

/** A release as annotations see it: its title and paragraphs (texts and ids, in order). */
export type AnnotatedText = {
  releaseId: string
  title: string
  texts: readonly string[]
  paragraphIds: readonly string[]
}

export type Passage = { index: number; start: number; end: number }

/** Makes an annotation on a passage of one paragraph; its id, or null when the paragraph is gone. */
export async function annotatePassage(
  edit: EditFn,
  text: AnnotatedText,
  passage: Passage,
  color: string,
  extra: Partial<Pick<NewAnnotation, 'note' | 'tagIds'>> = {},
): Promise<string | null> {
  const paragraphId = text.paragraphIds[passage.index]
  if (paragraphId === undefined) return null
  const input: NewAnnotation = {
    releaseId: text.releaseId,
    paragraphId,
    ...selectorsFor(text.title, text.texts, passage.index, passage.start, passage.end),
    color,
    note: extra.note ?? '',
    tagIds: extra.tagIds ?? [],
  }
  let id: string | null = null
  await edit(async (db) => {
    const result = await addAnnotation(db, input)
    id = result.annotation.id
    return result.edit
  })
  return id
}

/** Puts an annotation (one that needs review) on a passage the user selected. */
export async function placeOnPassage(
  edit: EditFn,
  text: AnnotatedText,
  annotationId: string,
  passage: Passage,
): Promise<boolean> {
  const paragraphId = text.paragraphIds[passage.index]
  if (paragraphId === undefined) return false
  const selectors = selectorsFor(text.title, text.texts, passage.index, passage.start, passage.end)
  await edit((db) => placeAnnotation(db, annotationId, { paragraphId, ...selectors }))
  return true
}

/** Adds a tag to a paragraph, or takes it off. */
export async function tagParagraph(
  edit: EditFn,
  releaseId: string,
  paragraphId: string,
  tagId: string,
  on: boolean,
): Promise<void> {
  const key = paragraphId.slice(releaseId.length + 1)
  await edit((db) => setParagraphTag(db, releaseId, key, tagId, on))
}
