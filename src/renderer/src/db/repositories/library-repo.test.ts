import 'fake-indexeddb/auto'
import Dexie from 'dexie'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ArchiveDb } from '../archive-db'
import type { ReleaseRecord } from '../records'
import {
  libraryCount,
  libraryIds,
  libraryIdsBetween,
  libraryPage,
  libraryRows,
  selectableIds,
  tagsOnReleases,
} from './library-repo'

function release(n: number): ReleaseRecord {
  return {
    id: `r${n}`,
    contentHash: `h${n}`,
    title: `Release ${n}`,
    date: '2017-04-13',
    dateMention: null,
    dates: [],
    place: 'Astana',
    type: null,
    lang: 'en',
    organisations: [],
    countries: [],
    participants: [],
    references: [],
    sourceFiles: [],
    sourceHashes: [],
    titleKey: `release ${n}`,
    signature: [],
    shingleCount: 0,
    mixedScriptWords: [],
    encoding: 'utf-8',
    paragraphCount: n,
    editedFields: [],
    previousVersionId: null,
    warnings: [],
    importedAt: 1000 + n,
    updatedAt: 1000 + n,
    body: new Uint8Array(64),
  }
}

let db: ArchiveDb
beforeEach(async () => {
  db = new ArchiveDb(`library-${Math.random()}`)
  await db.open()
  // Imported in order r1..r6: the list shows r6 first.
  const releases = [1, 2, 3, 4, 5, 6].map(release)
  await db.releases.bulkAdd(releases)
  await db.releaseOrder.bulkAdd(releases.map(({ id, importedAt }) => ({ id, importedAt })))
  const tagged: [string, string[]][] = [
    ['r1', ['threats']],
    ['r3', ['threats', 'trade']],
    ['r4', ['trade']],
    ['r5', ['threats']],
  ]
  await db.releaseTags.bulkAdd(
    tagged.flatMap(([releaseId, tagIds]) =>
      tagIds.map((tagId, i) => ({ tagId, releaseId, taggedAt: i })),
    ),
  )
})
afterEach(async () => {
  db.close()
  await Dexie.delete(db.name)
})

describe('library reads', () => {
  it('lists every release newest import first, or only those carrying a tag', async () => {
    expect(await libraryIds(db, null)).toEqual(['r6', 'r5', 'r4', 'r3', 'r2', 'r1'])
    expect(await libraryIds(db, 'threats')).toEqual(['r5', 'r3', 'r1'])
    expect(await libraryIds(db, 'nothing')).toEqual([])
    expect(await libraryIds(db, 'trade')).toEqual(['r4', 'r3'])
    // Select all: the same releases, in any order.
    expect((await selectableIds(db, null)).sort()).toEqual(['r1', 'r2', 'r3', 'r4', 'r5', 'r6'])
    expect((await selectableIds(db, 'threats')).sort()).toEqual(['r1', 'r3', 'r5'])
    expect(await selectableIds(db, 'nothing')).toEqual([])
    expect(await libraryCount(db, null)).toBe(6)
    expect(await libraryCount(db, 'trade')).toBe(2)
  })

  it('reads the ids of a range of rows for a shift-click', async () => {
    expect(await libraryIdsBetween(db, 1, 3)).toEqual(['r5', 'r4', 'r3'])
    expect(await libraryIdsBetween(db, 4, 4)).toEqual(['r2'])
    expect(await libraryIdsBetween(db, 3, 1)).toEqual([])
  })

  it('gives rows with what the list shows and nothing of the text', async () => {
    const page = await libraryPage(db, 1, 2)
    expect(page).toEqual([
      {
        id: 'r5',
        title: 'Release 5',
        date: '2017-04-13',
        place: 'Astana',
        paragraphCount: 5,
        tagIds: ['threats'],
        previousVersionId: null,
      },
      {
        id: 'r4',
        title: 'Release 4',
        date: '2017-04-13',
        place: 'Astana',
        paragraphCount: 4,
        tagIds: ['trade'],
        previousVersionId: null,
      },
    ])
    const rows = await libraryRows(db, ['r3', 'gone', 'r1'])
    expect(rows.map((row) => row?.title)).toEqual(['Release 3', undefined, 'Release 1'])
    // A release's tags in the order they were put on.
    expect(rows[0]?.tagIds).toEqual(['threats', 'trade'])
    expect(rows[0]).not.toHaveProperty('body')
  })

  it('counts how many selected releases carry each tag', async () => {
    const counts = await tagsOnReleases(db, new Set(['r1', 'r3', 'r4']), [
      'threats',
      'trade',
      'nothing',
    ])
    expect([...counts]).toEqual([
      ['threats', 2],
      ['trade', 2],
    ])
    expect((await tagsOnReleases(db, new Set(), ['threats'])).size).toBe(0)
  })
})
