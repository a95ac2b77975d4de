import 'fake-indexeddb/auto'
import Dexie from 'dexie'
import { afterEach, expect, it } from 'vitest'
import { bandNumbers } from '../../../../shared/release/band-table'
import { fingerprint } from '../../../../shared/release/similarity'
import { ArchiveDb } from '../archive-db'
import { reportItems } from '../repositories/import-reports-repo'
import { getOriginalText, getParagraphs } from '../repositories/releases-repo'
import { SCHEMA_VERSIONS } from '../schema'

const NAME = 'migration-v003'
afterEach(() => Dexie.delete(NAME))

const paragraphs = ['The ministers met in Astana on 5 April 2017.', 'They agreed to meet again.']
const print = fingerprint('Joint communiqué', paragraphs)

it('upgrades a version-2 archive: texts move into bodies, bands into chunks, the log into batches', async () => {
  const v2 = new ArchiveDb(
    NAME,
    SCHEMA_VERSIONS.filter((v) => v.version <= 2),
  )
  await v2.table('releases').add({
    id: 'rabc',
    contentHash: 'abc',
    title: 'Joint communiqué',
    sourceFiles: [],
    sourceHashes: ['h'],
    tagIds: ['t1'],
    importedAt: 1,
    updatedAt: 1,
    ...print,
  })
  await v2.table('paragraphs').bulkAdd([
    { id: 'rabc:p2', releaseId: 'rabc', n: 2, text: paragraphs[1], tagIds: [] },
    { id: 'rabc:p1', releaseId: 'rabc', n: 1, text: paragraphs[0], tagIds: ['t2'] },
  ])
  await v2.table('releaseTexts').add({ releaseId: 'rabc', original: 'Joint communiqué\r\n…' })
  await v2.table('importLog').bulkAdd([
    {
      batchId: 'imp1',
      at: 7,
      fileName: 'a.txt',
      outcome: 'imported',
      message: '',
      releaseId: 'rabc',
    },
    {
      batchId: 'imp1',
      at: 7,
      fileName: 'b.bin',
      outcome: 'rejected',
      message: 'binary',
      releaseId: null,
    },
    {
      batchId: 'imp2',
      at: 8,
      fileName: 'a.txt',
      outcome: 'duplicate',
      message: 'duplicate of “Joint communiqué”',
      releaseId: 'rabc',
    },
  ])
  v2.close()

  const db = new ArchiveDb(
    NAME,
    SCHEMA_VERSIONS.filter((v) => v.version <= 3),
  )
  await db.open()
  expect(db.verno).toBe(3)
  const release = await db.releases.get('rabc')
  expect(release).toMatchObject({ id: 'rabc', contentHash: 'abc', tagIds: ['t1'] })
  expect(release && 'lsh' in release).toBe(false)
  expect((await getParagraphs(db, 'rabc')).map((p) => [p.id, p.n, p.text])).toEqual([
    ['rabc:p1', 1, paragraphs[0]],
    ['rabc:p2', 2, paragraphs[1]],
  ])
  expect(await getOriginalText(db, 'rabc')).toBe('Joint communiqué\r\n…')
  expect(await db.table('paragraphs').count()).toBe(0)
  expect(await db.table('releaseTexts').count()).toBe(0)

  // The release's band keys, as numbers, in one chunk.
  const chunks = await db.table('bandChunks').toArray()
  expect(chunks.map((c) => [c.releaseIds, [...c.bands]])).toEqual([
    [['rabc'], [...bandNumbers(print.lsh)]],
  ])

  expect(await db.table('importLog').count()).toBe(0)
  expect(
    (await reportItems(db, 'imp1')).map((i) => [i.seq, i.fileName, i.outcome, i.message]),
  ).toEqual([
    [0, 'a.txt', 'imported', ''],
    [1, 'b.bin', 'rejected', 'binary'],
  ])
  expect((await reportItems(db, 'imp2', 'duplicate')).map((i) => i.fileName)).toEqual(['a.txt'])
  db.close()
})
