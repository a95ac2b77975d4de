import 'fake-indexeddb/auto'
import Dexie from 'dexie'
import { afterEach, expect, it } from 'vitest'
import { prepareRelease } from '../../../../shared/release/prepare-release'
import { ArchiveDb } from '../archive-db'
import { libraryCount, libraryIds, libraryPage, selectableIds } from '../repositories/library-repo'
import {
  releaseIdFor,
  storeBatch,
  toReleaseRecord,
  toStorable,
} from '../repositories/releases-repo'
import { SCHEMA_VERSIONS } from '../schema'

const NAME = 'migration-v008'
afterEach(() => Dexie.delete(NAME))

async function storable(title: string) {
  const paragraphs = Array.from(
    { length: 6 },
    (_, i) => `${title}: the ministers discussed item ${i} of ${title.length} at length.`,
  )
  const outcome = await prepareRelease(
    `${title}.txt`,
    new TextEncoder().encode(`${title}\n\n${paragraphs.join('\n\n')}\n`),
  )
  if (outcome.kind !== 'ready') throw new Error(outcome.reason)
  return toStorable(outcome.release)
}

it('lists the releases of an upgraded archive in import order, and new imports join the order', async () => {
  const v7 = new ArchiveDb(
    NAME,
    SCHEMA_VERSIONS.filter((v) => v.version <= 7),
  )
  const rows = await Promise.all(
    ['Astana statement', 'Qingdao declaration', 'Bishkek communiqué'].map(async (title, i) => {
      const s = await storable(title)
      return toReleaseRecord(s, releaseIdFor(s.contentHash), [30, 10, 20][i] as number)
    }),
  )
  await v7.releases.bulkAdd(rows)
  v7.close()

  const db = new ArchiveDb(NAME)
  await db.open()
  expect(db.verno).toBe(SCHEMA_VERSIONS.at(-1)?.version)
  const [astana, qingdao, bishkek] = rows.map((r) => r.id) as [string, string, string]
  expect(await db.releaseOrder.orderBy('importedAt').toArray()).toEqual([
    { id: qingdao, importedAt: 10 },
    { id: bishkek, importedAt: 20 },
    { id: astana, importedAt: 30 },
  ])
  expect(await libraryIds(db, null)).toEqual([astana, bishkek, qingdao])
  expect(await libraryCount(db, null)).toBe(3)

  const later = await storable('Tashkent declaration')
  const [stored] = await storeBatch(
    db,
    { importId: 'after', chunk: 1, items: [{ kind: 'release', release: later }] },
    undefined,
    40,
  )
  expect((await libraryPage(db, 0, 2)).map((r) => r.title)).toEqual([
    'Tashkent declaration',
    'Astana statement',
  ])
  expect((await selectableIds(db, null)).sort()).toEqual(
    [astana, qingdao, bishkek, stored?.releaseId].sort(),
  )
  db.close()
})
