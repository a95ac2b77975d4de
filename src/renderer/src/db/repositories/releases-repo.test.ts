import 'fake-indexeddb/auto'
import Dexie from 'dexie'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { prepareRelease } from '../../../../shared/release/prepare-release'
import { ArchiveDb } from '../archive-db'
import { reportItems } from './import-reports-repo'
import {
  ArchiveCatalog,
  getOriginalText,
  getParagraphs,
  knownFiles,
  storeBatch,
  releaseIdFor,
  toStorable,
  type BatchItem,
} from './releases-repo'
import type { ReleaseRecord } from '../records'

const sentences = Array.from(
  { length: 24 },
  (_, i) =>
    `The ministers discussed item ${i} of the agenda, on regional security and trade number ${i * 7}.`,
)
const release = async (name: string, text: string): Promise<BatchItem> => {
  const outcome = await prepareRelease(name, new TextEncoder().encode(text))
  if (outcome.kind !== 'ready') throw new Error(outcome.reason)
  return { kind: 'release', release: toStorable(outcome.release) }
}
const original = `Joint communiqué\n\n${sentences.join('\n\n')}\n`
const revised = `Joint communiqué\n\n${sentences.join('\n\n')}\n\nOne more paragraph on culture.\n`

let db: ArchiveDb
beforeEach(async () => {
  db = new ArchiveDb(`repo-${Math.random()}`)
  await db.open()
})
afterEach(async () => {
  db.close()
  await Dexie.delete(db.name)
})

describe('storeBatch', () => {
  it('stores the text, keeps the original, and logs every file of the batch in order', async () => {
    const items = [
      await release('a.txt', original.replace(/\n/g, '\r\n')),
      { kind: 'rejected', fileName: 'b.bin', reason: 'binary' } as const,
    ]
    const results = await storeBatch(db, { importId: 'imp', chunk: 1, items })
    expect(results.map((r) => [r.fileName, r.outcome])).toEqual([
      ['a.txt', 'imported'],
      ['b.bin', 'rejected'],
    ])
    const id = results[0]!.releaseId!
    expect((await getParagraphs(db, id)).map((p) => p.text)).toEqual(sentences)
    expect(await getOriginalText(db, id)).toBe(original.replace(/\n/g, '\r\n'))
    expect((await reportItems(db, 'imp')).map((r) => r.fileName)).toEqual(['a.txt', 'b.bin'])
  })

  it('finds a duplicate and a version within one batch', async () => {
    const items = [
      await release('a.txt', original),
      await release('copy.txt', original),
      await release('b.txt', revised),
    ]
    const results = await storeBatch(db, { importId: 'imp', chunk: 1, items })
    expect(results.map((r) => r.outcome)).toEqual(['imported', 'duplicate', 'version'])
    const first = await db.releases.get(results[0]!.releaseId!)
    expect(first?.sourceFiles.map((s) => s.name)).toEqual(['a.txt', 'copy.txt'])
    expect((await db.releases.get(results[2]!.releaseId!))?.previousVersionId).toBe(first?.id)
  })

  it('finds a version of a release stored by another writer, through its bands', async () => {
    await storeBatch(db, { importId: 'one', chunk: 1, items: [await release('a.txt', original)] })
    // A different title, so only the shared text can link them.
    const other = revised.replace('Joint communiqué', 'Press release')
    const results = await storeBatch(
      db,
      { importId: 'two', chunk: 1, items: [await release('b.txt', other)] },
      new ArchiveCatalog(),
    )
    expect(results[0]!.outcome).toBe('version')
    expect(results[0]!.message).toMatch(
      /^new version of “Joint communiqué” \(\d+% of the text shared\)/,
    )
  })

  it('leaves nothing behind when the batch fails, and its releases do not become candidates', async () => {
    const archive = new ArchiveCatalog()
    const item = await release('a.txt', original)
    if (item.kind !== 'release') throw new Error('not a release')
    // Another row already has the id this release would get: the write fails.
    const id = releaseIdFor(item.release.contentHash)
    await db.releases.add({ id, contentHash: 'something else', titleKey: '' } as ReleaseRecord)
    const rejected = { kind: 'rejected', fileName: 'b.bin', reason: 'binary' } as const
    await expect(
      storeBatch(db, { importId: 'imp', chunk: 1, items: [rejected, item] }, archive),
    ).rejects.toThrow()
    expect(await db.releases.count()).toBe(1)
    expect(await db.catalogChunks.count()).toBe(0)
    expect(await reportItems(db, 'imp')).toEqual([])
    expect(archive.catalog.size).toBe(0)
  })

  it('adds a copy of a stored release to its sources, and a new writer recognises both files', async () => {
    const first = await storeBatch(db, {
      importId: 'one',
      chunk: 1,
      items: [await release('a.txt', original)],
    })
    const copy = await release('copies/a-again.txt', original.replace(/\n/g, '\r\n'))
    const second = await storeBatch(db, { importId: 'two', chunk: 1, items: [copy] })
    expect(second.map((r) => [r.outcome, r.message, r.releaseId])).toEqual([
      ['duplicate', 'duplicate of “Joint communiqué”', first[0]!.releaseId],
    ])
    const row = await db.releases.get(first[0]!.releaseId!)
    expect(row?.sourceFiles.map((s) => s.name)).toEqual(['a.txt', 'copies/a-again.txt'])

    if (copy.kind !== 'release') throw new Error('not a release')
    const original1 = await release('a.txt', original)
    if (original1.kind !== 'release') throw new Error('not a release')
    const known = await knownFiles(db, new ArchiveCatalog(), [
      { name: 'a.txt', sha256: original1.release.sourceHash },
      { name: 'copies/a-again.txt', sha256: copy.release.sourceHash },
      // The same bytes under another name is not the same file.
      { name: 'elsewhere.txt', sha256: copy.release.sourceHash },
    ])
    expect(known).toEqual([
      { releaseId: row?.id, title: 'Joint communiqué' },
      { releaseId: row?.id, title: 'Joint communiqué' },
      null,
    ])
  })

  it('does not judge against a release that has been deleted since', async () => {
    const archive = new ArchiveCatalog()
    const [stored] = await storeBatch(
      db,
      { importId: 'one', chunk: 1, items: [await release('a.txt', original)] },
      archive,
    )
    await db.releases.delete(stored!.releaseId!)
    const results = await storeBatch(
      db,
      {
        importId: 'two',
        chunk: 1,
        items: [await release('b.txt', revised), await release('a.txt', original)],
      },
      archive,
    )
    expect(results.map((r) => r.outcome)).toEqual(['imported', 'version'])
    expect(results[1]!.releaseId).toBe(stored!.releaseId)
    expect(await knownFiles(db, archive, [{ name: 'zzz.txt', sha256: '0'.repeat(64) }])).toEqual([
      null,
    ])
  })
})
