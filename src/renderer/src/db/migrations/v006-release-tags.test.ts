import 'fake-indexeddb/auto'
import Dexie from 'dexie'
import { afterEach, expect, it } from 'vitest'
import { ArchiveDb } from '../archive-db'
import { libraryIds, libraryRows } from '../repositories/library-repo'
import { tagCounts } from '../repositories/tags-repo'
import { SCHEMA_VERSIONS } from '../schema'
import { releaseRowV1 } from './test-support'

const NAME = 'migration-v006'
afterEach(() => Dexie.delete(NAME))

/** A release row as version 5 wrote it: its tags in `tagIds`, its text in `body`. */
const v5Row = (id: string, importedAt: number, tagIds: string[]) => ({
  ...releaseRowV1({ id, contentHash: `hash-${id}`, importedAt, updatedAt: importedAt + 1 }),
  tagIds,
  sourceHashes: [],
  titleKey: 'joint communique',
  signature: [],
  shingleCount: 0,
  mixedScriptWords: [],
  body: new Uint8Array([1, 2, 3]),
})

it('moves the tags on releases into releaseTags and drops the tagIds index', async () => {
  const v5 = new ArchiveDb(
    NAME,
    SCHEMA_VERSIONS.filter((v) => v.version <= 5),
  )
  await v5.tags.bulkAdd(
    ['threats', 'trade'].map((id) => ({
      id,
      name: id,
      parentId: null,
      path: id,
      color: '#4e79a7',
      description: '',
      createdAt: 1,
    })),
  )
  await v5
    .table('releases')
    .bulkAdd([
      v5Row('r1', 10, ['threats', 'trade']),
      v5Row('r2', 20, []),
      v5Row('r3', 30, ['threats']),
    ])
  v5.close()

  const db = new ArchiveDb(NAME)
  await db.open()
  expect(db.verno).toBe(SCHEMA_VERSIONS.at(-1)?.version)
  expect(await db.releaseTags.toArray()).toEqual([
    { tagId: 'threats', releaseId: 'r1', taggedAt: 11 },
    { tagId: 'threats', releaseId: 'r3', taggedAt: 31 },
    { tagId: 'trade', releaseId: 'r1', taggedAt: 11 },
  ])
  expect(db.releases.schema.indexes.map((i) => i.src)).not.toContain('*tagIds')
  // A tagged row loses the field; the rest of it, text included, is as it was.
  const r1 = (await db.releases.get('r1')) as unknown as Record<string, unknown>
  expect(r1).not.toHaveProperty('tagIds')
  expect(r1.body).toEqual(new Uint8Array([1, 2, 3]))
  expect(r1.title).toBe('Joint communiqué')

  // What the app shows reads the new table.
  expect(await libraryIds(db, 'threats')).toEqual(['r3', 'r1'])
  expect((await libraryRows(db, ['r1', 'r2'])).map((r) => r?.tagIds)).toEqual([
    ['threats', 'trade'],
    [],
  ])
  const counts = await tagCounts(db)
  expect(counts.get('threats')?.releases).toBe(2)
  expect(counts.get('trade')?.releases).toBe(1)
  db.close()
})
