import 'fake-indexeddb/auto'
import Dexie from 'dexie'
import { afterEach, expect, it } from 'vitest'
import { ArchiveDb } from '../archive-db'
import { SCHEMA_VERSIONS } from '../schema'
import { SOURCE_V1, releaseRowV1 } from './test-support'

const NAME = 'migration-v002'
afterEach(() => Dexie.delete(NAME))

it('upgrades a version-1 archive: releases keep their ids and paragraphs, and gain fingerprints', async () => {
  const v1 = new ArchiveDb(
    NAME,
    SCHEMA_VERSIONS.filter((v) => v.version === 1),
  )
  await v1.table('releases').add(
    releaseRowV1({
      contentHash: 'bytes-hash',
      title: 'Press release on the outcome of the meeting',
      sourceFiles: [{ ...SOURCE_V1, sha256: 'bytes-hash' }],
      tagIds: ['t1'],
    }),
  )
  await v1.table('paragraphs').bulkAdd([
    {
      id: 'r0123:2',
      releaseId: 'r0123',
      n: 2,
      text: 'The parties agreed to meet again next year.',
      tagIds: [],
    },
    {
      id: 'r0123:1',
      releaseId: 'r0123',
      n: 1,
      text: 'The ministers met in Astana on 5 April 2017.',
      tagIds: [],
    },
  ])
  v1.close()

  const db = new ArchiveDb(
    NAME,
    SCHEMA_VERSIONS.filter((v) => v.version <= 2),
  )
  await db.open()
  expect(db.verno).toBe(2)
  const release = await db.releases.get('r0123')
  expect((release as { tagIds?: string[] } | undefined)?.tagIds).toEqual(['t1'])
  expect(release?.titleKey).toBe('press release on the outcome of the meeting')
  expect((release as { lsh?: string[] } | undefined)?.lsh).toHaveLength(16)
  expect(await db.table('paragraphs').where('releaseId').equals('r0123').count()).toBe(2)
  // The old byte hash finds the release, so re-importing its file is recognised.
  expect(
    await db.table('releases').where('sourceHashes').equals('bytes-hash').primaryKeys(),
  ).toEqual(['r0123'])
  db.close()
})
