import 'fake-indexeddb/auto'
import Dexie from 'dexie'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { prepareRelease } from '../../../../shared/release/prepare-release'
import { ArchiveDb } from '../archive-db'
import { applyEdit } from '../edits'
import {
  addAnnotation,
  annotationsOf,
  deleteAnnotation,
  placeAnnotation,
  updateAnnotation,
  type NewAnnotation,
} from './annotations-repo'
import { getParagraphs, storeBatch, toStorable, type ReleaseParagraph } from './releases-repo'
import { ensureTag } from './tags-repo'

const TITLE = 'Press release on the meeting of the ministers'
const PARAGRAPHS = [
  'The ministers met in Astana on 5 April.',
  'They discussed countering terrorism, separatism and extremism.',
  'The next meeting will take place in Qingdao.',
]

let db: ArchiveDb
let releaseId: string
let paragraphs: ReleaseParagraph[]

beforeEach(async () => {
  db = new ArchiveDb(`annotations-${Math.random()}`)
  await db.open()
  const prepared = await prepareRelease(
    'a.txt',
    new TextEncoder().encode(`${TITLE}\n\n${PARAGRAPHS.join('\n\n')}\n`),
  )
  if (prepared.kind !== 'ready') throw new Error(prepared.reason)
  const [stored] = await storeBatch(db, {
    importId: 'seed',
    chunk: 1,
    items: [{ kind: 'release', release: toStorable(prepared.release) }],
  })
  releaseId = stored!.releaseId!
  paragraphs = await getParagraphs(db, releaseId)
})
afterEach(async () => {
  db.close()
  await Dexie.delete(db.name)
})

/** The selectors of `exact` inside paragraph `n` (0-based), counted in the reading text. */
function passage(n: number, exact: string, note = ''): NewAnnotation {
  const text = [TITLE, ...PARAGRAPHS].join('\n\n')
  const inParagraph = PARAGRAPHS[n]!.indexOf(exact)
  const start = text.indexOf(PARAGRAPHS[n]!) + inParagraph
  return {
    releaseId,
    paragraphId: paragraphs[n]!.id,
    quote: {
      exact,
      prefix: text.slice(Math.max(0, start - 32), start),
      suffix: text.slice(start + exact.length, start + exact.length + 32),
    },
    position: { start, end: start + exact.length },
    color: '#FFD54F',
    note,
    tagIds: [],
  }
}

describe('annotations', () => {
  it('adds annotations and lists them in reading order, those needing review last', async () => {
    const later = await addAnnotation(db, passage(2, 'Qingdao', 'Host city of 2018'))
    const earlier = await addAnnotation(db, passage(1, 'countering terrorism'))
    expect(later.edit.label).toBe('Annotate “Qingdao”')
    expect(earlier.edit.label).toBe('Highlight “countering terrorism”')
    expect(later.annotation).toMatchObject({
      releaseId,
      color: '#ffd54f',
      note: 'Host city of 2018',
      needsReview: false,
    })
    expect(later.annotation.id).toMatch(/^[0-9a-f-]{36}$/)
    const review = await addAnnotation(db, passage(0, 'Astana'))
    await db.annotations.update(review.annotation.id, { needsReview: true })
    expect((await annotationsOf(db, releaseId)).map((a) => a.quote.exact)).toEqual([
      'countering terrorism',
      'Qingdao',
      'Astana',
    ])
    await applyEdit(db, later.edit, 'undo')
    expect((await annotationsOf(db, releaseId)).map((a) => a.quote.exact)).toEqual([
      'countering terrorism',
      'Astana',
    ])
  })

  it('refuses what cannot be an annotation, with the reason', async () => {
    const good = passage(1, 'terrorism')
    await expect(
      addAnnotation(db, { ...good, quote: { ...good.quote, exact: '' } }),
    ).rejects.toThrow('Select some text to annotate.')
    await expect(addAnnotation(db, { ...good, position: { start: 10, end: 10 } })).rejects.toThrow(
      'The passage must start before it ends.',
    )
    await expect(addAnnotation(db, { ...good, color: 'yellow' })).rejects.toThrow(
      '“yellow” is not a colour: use the form #rrggbb, such as #f2c94c.',
    )
    await expect(addAnnotation(db, { ...good, note: 'x'.repeat(100_001) })).rejects.toThrow(
      'A note can be at most 100,000 characters; this one has 100,001.',
    )
    await expect(addAnnotation(db, { ...good, tagIds: ['no-such-tag'] })).rejects.toThrow(
      'One of its tags is no longer in the archive.',
    )
    await expect(
      addAnnotation(db, { ...good, releaseId: 'rmissing', paragraphId: 'rmissing:p' }),
    ).rejects.toThrow('That release is no longer in the archive.')
    expect(await db.annotations.count()).toBe(0)
    // The longest note allowed is kept whole.
    const long = await addAnnotation(db, { ...good, note: 'y'.repeat(100_000) })
    expect((await db.annotations.get(long.annotation.id))?.note).toHaveLength(100_000)
  })

  it('edits the note, colour and tags, and undo and redo follow', async () => {
    const { tag } = await ensureTag(db, 'Threats/Terrorism')
    const { annotation } = await addAnnotation(db, passage(1, 'countering terrorism'))
    const note = await updateAnnotation(db, annotation.id, { note: 'Standard SCO formula' })
    expect(note.label).toBe('Edit the note on “countering terrorism”')
    const more = await updateAnnotation(db, annotation.id, {
      color: '#81C784',
      tagIds: [tag.id, tag.id],
    })
    expect(more.label).toBe('Change the colour and tags of “countering terrorism”')
    expect(await db.annotations.get(annotation.id)).toMatchObject({
      note: 'Standard SCO formula',
      color: '#81c784',
      tagIds: [tag.id],
    })
    await applyEdit(db, more, 'undo')
    await applyEdit(db, note, 'undo')
    expect(await db.annotations.get(annotation.id)).toMatchObject({
      note: '',
      color: '#ffd54f',
      tagIds: [],
    })
    await applyEdit(db, note, 'redo')
    expect((await db.annotations.get(annotation.id))?.note).toBe('Standard SCO formula')
    expect(
      (await updateAnnotation(db, annotation.id, { note: 'Standard SCO formula' })).changes,
    ).toEqual([])
  })

  it('deletes an annotation, and undo brings it back whole', async () => {
    const { annotation } = await addAnnotation(db, passage(2, 'Qingdao', 'Host city'))
    const edit = await deleteAnnotation(db, annotation.id)
    expect(edit.label).toBe('Delete the annotation on “Qingdao”')
    expect(await annotationsOf(db, releaseId)).toEqual([])
    await applyEdit(db, edit, 'undo')
    expect(await annotationsOf(db, releaseId)).toEqual([annotation])
    await expect(deleteAnnotation(db, 'gone')).rejects.toThrow(
      'That annotation is no longer in the archive.',
    )
  })

  it('places an annotation needing review on the passage the user chose', async () => {
    const { annotation } = await addAnnotation(db, passage(0, 'Astana'))
    await db.annotations.update(annotation.id, {
      needsReview: true,
      reviewReason: 'the passage was not found in the new version',
    })
    const chosen = passage(2, 'Qingdao')
    const edit = await placeAnnotation(db, annotation.id, chosen)
    expect(edit.label).toBe('Place the annotation on “Qingdao”')
    expect(await db.annotations.get(annotation.id)).toMatchObject({
      paragraphId: paragraphs[2]!.id,
      quote: chosen.quote,
      position: chosen.position,
      needsReview: false,
      reviewReason: null,
    })
    await expect(
      placeAnnotation(db, annotation.id, { ...chosen, paragraphId: 'relsewhere:p1' }),
    ).rejects.toThrow('The passage is not in a paragraph of this release.')
  })
})
