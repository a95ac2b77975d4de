import 'fake-indexeddb/auto'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { ArchiveDb } from '../archive-db'
import { applyEdit } from '../edits'
import { importCorpusFiles, SCO } from './test-support/corpus'
import { linkedTranslations, linkTranslations } from './translations-repo'

let db: ArchiveDb
let first: string
let second: string

beforeEach(async () => {
  db = new ArchiveDb(`translations-${Math.random()}`)
  await db.open()
  await importCorpusFiles(db, SCO)
  ;[first, second] = (await db.releaseOrder.orderBy('importedAt').primaryKeys()) as [string, string]
})

afterEach(async () => {
  db.close()
  await db.delete()
})

const linksOf = async (id: string) => (await db.releases.get(id))!.translationIds ?? []

it('links two releases both ways, once however often asked, and Undo takes the link off', async () => {
  const edit = await linkTranslations(db, first, second, true)
  expect(await linksOf(first)).toEqual([second])
  expect(await linksOf(second)).toEqual([first])
  expect(edit.label).toMatch(/^Link “.+” and “.+” as translations$/)

  expect((await linkTranslations(db, second, first, true)).changes).toEqual([])
  expect(await linksOf(first)).toEqual([second])

  await applyEdit(db, edit, 'undo')
  expect(await linksOf(first)).toEqual([])
  expect(await linksOf(second)).toEqual([])
  await applyEdit(db, edit, 'redo')
  expect((await linkedTranslations(db, (await db.releases.get(first))!)).map((r) => r.id)).toEqual([
    second,
  ])
})

it('unlinks from either side, and refuses a release as its own translation or one gone', async () => {
  await linkTranslations(db, first, second, true)
  await linkTranslations(db, second, first, false)
  expect(await linksOf(first)).toEqual([])
  expect(await linksOf(second)).toEqual([])
  await expect(linkTranslations(db, first, first, true)).rejects.toThrow('itself')
  await expect(linkTranslations(db, first, 'gone', true)).rejects.toThrow('no longer')
  expect(await linksOf(first)).toEqual([])
})

it('lists only linked releases still in the archive', async () => {
  await linkTranslations(db, first, second, true)
  const release = (await db.releases.get(first))!
  await db.releases.delete(second)
  expect(await linkedTranslations(db, release)).toEqual([])
})
