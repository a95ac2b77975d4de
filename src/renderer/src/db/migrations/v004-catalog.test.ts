import 'fake-indexeddb/auto'
import Dexie from 'dexie'
import { afterEach, expect, it } from 'vitest'
import { prepareRelease } from '../../../../shared/release/prepare-release'
import { ArchiveDb } from '../archive-db'
import {
  ArchiveCatalog,
  getParagraphs,
  knownFiles,
  storeBatch,
  toReleaseRecord,
  toStorable,
  releaseIdFor,
} from '../repositories/releases-repo'
import { SCHEMA_VERSIONS } from '../schema'
import { SOURCE_V1, releaseRowV1 } from './test-support'

const NAME = 'migration-v004'
afterEach(() => Dexie.delete(NAME))

const sentences = Array.from(
  { length: 20 },
  (_, i) => `The ministers reviewed point ${i} of the plan on security and trade, item ${i * 5}.`,
)
const text = (title: string, extra = '') =>
  `${title}\n\n${sentences.join('\n\n')}\n${extra ? `\n${extra}\n` : ''}`

/** Imports the seed text with one paragraph added: what it is, and what it revises. */
async function importRevision(db: ArchiveDb): Promise<{ outcome: string; of: unknown }> {
  const revised = await prepareRelease(
    'revised.txt',
    new TextEncoder().encode(text('Joint communiqué', 'A closing paragraph on culture.')),
  )
  if (revised.kind !== 'ready') throw new Error(revised.reason)
  const [result] = await storeBatch(db, {
    importId: 'after',
    chunk: 1,
    items: [{ kind: 'release', release: toStorable(revised.release) }],
  })
  const row = result?.releaseId ? await db.releases.get(result.releaseId) : undefined
  return { outcome: result?.outcome ?? 'none', of: row?.previousVersionId }
}

async function v3Row(name: string, body: string, importedAt: number) {
  const outcome = await prepareRelease(name, new TextEncoder().encode(body))
  if (outcome.kind !== 'ready') throw new Error(outcome.reason)
  const storable = toStorable(outcome.release)
  const row = toReleaseRecord(storable, releaseIdFor(storable.contentHash), importedAt)
  return { row, sourceHash: storable.sourceHash }
}

it('upgrades a version-3 archive: the catalog is built from the rows, and unused indexes and tables go', async () => {
  const v3 = new ArchiveDb(
    NAME,
    SCHEMA_VERSIONS.filter((v) => v.version <= 3),
  )
  const later = await v3Row('later.txt', text('Press statement on fisheries'), 20)
  const first = await v3Row('first.txt', text('Joint communiqué'), 10)
  await v3.releases.bulkAdd([later.row, first.row])
  await v3.table('bandChunks').add({ releaseIds: [], bands: new Uint32Array(0) })
  v3.close()

  const db = new ArchiveDb(NAME)
  await db.open()
  expect(db.verno).toBe(SCHEMA_VERSIONS.at(-1)?.version)
  const chunks = await db.catalogChunks.toArray()
  // One chunk per page of rows, in import order.
  expect(chunks.map((c) => c.releaseIds)).toEqual([[first.row.id, later.row.id]])
  const tables = db.tables.map((t) => t.name)
  expect(tables).toEqual(expect.arrayContaining(['catalogChunks', 'releases', 'importLogChunks']))
  for (const gone of ['bandChunks', 'releaseTexts', 'paragraphs', 'importLog']) {
    expect(tables).not.toContain(gone)
  }
  // Version 7 drops `*tagIds` in turn (tags on releases have their own table).
  expect(db.releases.schema.indexes.map((i) => i.src)).toEqual(['importedAt', 'previousVersionId'])
  // The rows themselves are untouched.
  expect((await getParagraphs(db, first.row.id)).map((p) => p.text)).toEqual(sentences)

  // The upgraded catalog recognises the files imported before and finds versions.
  expect(
    await knownFiles(db, new ArchiveCatalog(), [{ name: 'first.txt', sha256: first.sourceHash }]),
  ).toEqual([{ releaseId: first.row.id, title: 'Joint communiqué' }])
  expect(await importRevision(db)).toEqual({ outcome: 'version', of: first.row.id })
  db.close()
})

it('upgrades a version-1 archive through every version: paragraphs kept, the release in the catalog', async () => {
  const v1 = new ArchiveDb(
    NAME,
    SCHEMA_VERSIONS.filter((v) => v.version === 1),
  )
  await v1.table('releases').add(
    releaseRowV1({
      title: 'Joint communiqué',
      sourceFiles: [{ ...SOURCE_V1, sha256: 'f'.repeat(64) }],
      paragraphCount: sentences.length,
    }),
  )
  await v1.table('paragraphs').bulkAdd(
    sentences.map((text, i) => ({
      id: `r0123:${i + 1}`,
      releaseId: 'r0123',
      n: i + 1,
      text,
      tagIds: [],
    })),
  )
  v1.close()

  const db = new ArchiveDb(NAME)
  await db.open()
  expect(db.verno).toBe(SCHEMA_VERSIONS.at(-1)?.version)
  expect((await getParagraphs(db, 'r0123')).map((p) => [p.id, p.text])).toEqual(
    sentences.map((text, i) => [`r0123:${i + 1}`, text]),
  )
  expect(
    await knownFiles(db, new ArchiveCatalog(), [{ name: 'a.txt', sha256: 'f'.repeat(64) }]),
  ).toEqual([{ releaseId: 'r0123', title: 'Joint communiqué' }])
  // Its fingerprint, computed by version 2, finds a revised text.
  expect(await importRevision(db)).toEqual({ outcome: 'version', of: 'r0123' })
  db.close()
})
