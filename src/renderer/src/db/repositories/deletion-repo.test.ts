import 'fake-indexeddb/auto'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { ArchiveDb } from '../archive-db'
import { applyEdit } from '../edits'
import { addAnnotation } from './annotations-repo'
import { deleteReleases, deletionSummary } from './deletion-repo'
import { getParagraphs } from './releases-repo'
import { importCorpusFiles, SCO } from './test-support/corpus'
import { ensureTag, setParagraphTag, setReleasesTag } from './tags-repo'

let db: ArchiveDb

beforeEach(async () => {
  db = new ArchiveDb(`deletion-${Math.random()}`)
  await db.open()
  await importCorpusFiles(db, SCO)
})

afterEach(async () => {
  db.close()
  await db.delete()
})

/** Every row of the tables a deletion touches, for comparing before and after. */
async function snapshot() {
  return {
    releases: await db.releases.toArray(),
    order: await db.releaseOrder.toArray(),
    releaseTags: await db.releaseTags.toArray(),
    paragraphTags: await db.paragraphTags.toArray(),
    annotations: await db.annotations.toArray(),
  }
}

it('deletes a release with everything on it, and Undo restores every row', async () => {
  const [first, second] = await db.releaseOrder.orderBy('importedAt').primaryKeys()
  const { tag } = await ensureTag(db, 'Threats')
  await setReleasesTag(db, [first!, second!], tag.id, true)
  const [paragraph] = await getParagraphs(db, first!)
  const release = (await db.releases.get(first!))!
  await setParagraphTag(db, first!, paragraph!.id.split(':')[1]!, tag.id, true)
  const start = release.title.length + 2
  const exact = paragraph!.text.slice(0, 10)
  await addAnnotation(db, {
    releaseId: first!,
    paragraphId: paragraph!.id,
    quote: {
      exact,
      prefix: release.title.slice(-30) + '\n\n',
      suffix: paragraph!.text.slice(10, 42),
    },
    position: { start, end: start + exact.length },
    color: '#FFD54F',
    note: 'check this',
    tagIds: [],
  })
  expect(await deletionSummary(db, [first!])).toEqual({
    releases: 1,
    annotations: 1,
    notes: 1,
    tags: 1,
  })
  const before = await snapshot()

  const edit = await deleteReleases(db, [first!])
  expect(edit.label).toMatch(/^Delete “/)
  const after = await snapshot()
  expect(after.releases.map((r) => r.id)).toEqual([second])
  expect(after.order.map((r) => r.id)).toEqual([second])
  expect(after.releaseTags.map((r) => r.releaseId)).toEqual([second])
  expect(after.paragraphTags).toEqual([])
  expect(after.annotations).toEqual([])

  await applyEdit(db, edit, 'undo')
  expect(await snapshot()).toEqual(before)
})
