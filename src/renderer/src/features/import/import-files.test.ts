import 'fake-indexeddb/auto'
import Dexie from 'dexie'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ArchiveDb } from '../../db/archive-db'
import { getParagraphs, listReleases } from '../../db/repositories/releases-repo'
import { importFiles, summariseReport } from './import-files'

const file = (name: string, text: string) => ({ name, bytes: new TextEncoder().encode(text) })

let db: ArchiveDb
beforeEach(async () => {
  db = new ArchiveDb(`import-${Math.random()}`)
  await db.open()
})
afterEach(async () => {
  db.close()
  await Dexie.delete(db.name)
})

describe('importFiles', () => {
  it('stores each release with its numbered paragraphs and lists the newest first', async () => {
    await importFiles(db, [file('a.txt', 'First release\n\nA one.\n\nA two.')])
    await new Promise((r) => setTimeout(r, 2))
    const report = await importFiles(db, [
      file('b.txt', 'Second release\nB one.\nB two.\nB three.'),
    ])

    expect(report.items).toMatchObject([{ fileName: 'b.txt', outcome: 'imported' }])
    const releases = await listReleases(db)
    expect(releases.map((r) => [r.title, r.paragraphCount])).toEqual([
      ['Second release', 3],
      ['First release', 2],
    ])
    const paragraphs = await getParagraphs(db, releases[0]!.id)
    expect(paragraphs.map((p) => [p.n, p.text])).toEqual([
      [1, 'B one.'],
      [2, 'B two.'],
      [3, 'B three.'],
    ])
    expect(await db.releaseTexts.get(releases[0]!.id)).toEqual({
      releaseId: releases[0]!.id,
      original: 'Second release\nB one.\nB two.\nB three.',
    })
  })

  it('reports the same bytes imported again as a duplicate and keeps one release', async () => {
    await importFiles(db, [file('a.txt', 'Title\n\nBody.')])
    const again = await importFiles(db, [
      file('copy.txt', 'Title\n\nBody.'),
      file('copy2.txt', 'Title\n\nBody.'),
    ])
    expect(again.items.map((i) => [i.fileName, i.outcome])).toEqual([
      ['copy.txt', 'duplicate'],
      ['copy2.txt', 'duplicate'],
    ])
    expect(again.items[0]!.message).toBe('same content as “Title”')
    expect(await db.releases.count()).toBe(1)
    expect(await db.paragraphs.count()).toBe(1)
  })

  it('names every refused file and its reason, logs it, and leaves the archive as it was', async () => {
    await importFiles(db, [file('kept.txt', 'Kept\n\nStill here.')])
    const report = await importFiles(db, [
      file('notes.pdf', '%PDF'),
      file('empty.txt', '   \n'),
      { name: 'locked.txt', error: 'unreadable: EACCES: permission denied' },
      file('good.txt', 'Good\n\nFine.'),
    ])
    expect(report.items.map((i) => [i.fileName, i.outcome, i.message])).toEqual([
      ['good.txt', 'imported', ''],
      ['notes.pdf', 'rejected', 'unsupported type'],
      ['empty.txt', 'rejected', 'empty'],
      ['locked.txt', 'rejected', 'unreadable: EACCES: permission denied'],
    ])
    expect(summariseReport(report)).toBe('Imported 1 release, 3 refused.')
    expect((await listReleases(db)).map((r) => r.title).sort()).toEqual(['Good', 'Kept'])
    const log = await db.importLog.where('batchId').equals(report.batchId).toArray()
    expect(log.map((l) => [l.fileName, l.outcome]).sort()).toEqual([
      ['empty.txt', 'rejected'],
      ['good.txt', 'imported'],
      ['locked.txt', 'rejected'],
      ['notes.pdf', 'rejected'],
    ])
  })

  it('stores a batch larger than one transaction completely', async () => {
    const files = Array.from({ length: 450 }, (_, i) =>
      file(`${i}.txt`, `Release ${i}\n\nText ${i}.`),
    )
    const report = await importFiles(db, files)
    expect(report.items.filter((i) => i.outcome === 'imported')).toHaveLength(450)
    expect(await db.releases.count()).toBe(450)
    expect(await db.paragraphs.count()).toBe(450)
  })
})
