import 'fake-indexeddb/auto'
import Dexie from 'dexie'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { prepareRelease } from '../../../../shared/release/prepare-release'
import { ArchiveDb } from '../archive-db'
import { reportItems } from './import-reports-repo'
import {
  ArchiveBands,
  getOriginalText,
  getParagraphs,
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
      new ArchiveBands(),
    )
    expect(results[0]!.outcome).toBe('version')
    expect(results[0]!.message).toMatch(
      /^new version of “Joint communiqué” \(\d+% of the text shared\)/,
    )
  })

  it('leaves nothing behind when the batch fails, and its releases do not become candidates', async () => {
    const bands = new ArchiveBands()
    const item = await release('a.txt', original)
    if (item.kind !== 'release') throw new Error('not a release')
    // Another row already has the id this release would get: the write fails.
    const id = releaseIdFor(item.release.contentHash)
    await db.releases.add({ id, contentHash: 'something else', titleKey: '' } as ReleaseRecord)
    const rejected = { kind: 'rejected', fileName: 'b.bin', reason: 'binary' } as const
    await expect(
      storeBatch(db, { importId: 'imp', chunk: 1, items: [rejected, item] }, bands),
    ).rejects.toThrow()
    expect(await db.releases.count()).toBe(1)
    expect(await db.bandChunks.count()).toBe(0)
    expect(await reportItems(db, 'imp')).toEqual([])
    expect(bands.table.size).toBe(0)
  })
})
