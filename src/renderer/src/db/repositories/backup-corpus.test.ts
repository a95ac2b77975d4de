/**
 * The backup round trip at the size of a real archive: the whole corpus (3,600 releases in
 * English, Russian and Chinese, indexed for search, with tags and a note) backed up, then
 * restored into an empty database, gives the same rows in every table, compared by each
 * table's SHA-256.
 */
import 'fake-indexeddb/auto'
import './test-support/browser-globals'
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ArchiveDb } from '../archive-db'
import { addAnnotation } from './annotations-repo'
import {
  archiveCounts,
  checkBackup,
  createBackup,
  restoreInto,
  tableChecksums,
} from './backup-repo'
import { getParagraphs } from './releases-repo'
import { indexReleases, pendingReleaseIds } from './search-repo'
import { ensureTag, setReleasesTag } from './tags-repo'
import { CORPUS, importCorpusFiles } from './test-support/corpus'

/** Every release of the corpus: its folders but bad/, without the manifests and READMEs. */
function corpusFiles(): string[] {
  const files: string[] = []
  for (const folder of readdirSync(CORPUS).sort()) {
    if (folder === 'bad' || !statSync(join(CORPUS, folder)).isDirectory()) continue
    for (const name of readdirSync(join(CORPUS, folder)).sort()) {
      if (!name.startsWith('README')) files.push(`${folder}/${name}`)
    }
  }
  return files
}

describe('a backup of the whole corpus archive', () => {
  it('restores into an empty database with identical tables', { timeout: 600_000 }, async () => {
    const files = corpusFiles()
    expect(files.length).toBeGreaterThan(3500)
    const source = new ArchiveDb(`corpus-source-${Math.random()}`)
    await source.open()
    for (let at = 0; at < files.length; at += 200) {
      await importCorpusFiles(source, files.slice(at, at + 200), `i${at}`)
    }
    for (let pending = await pendingReleaseIds(source, 200); pending.length > 0;) {
      await indexReleases(source, pending)
      pending = await pendingReleaseIds(source, 200)
    }
    const ids = (await source.releases.toCollection().primaryKeys()) as string[]
    const { tag } = await ensureTag(source, 'Corpus/All')
    await setReleasesTag(source, ids, tag.id, true)
    const [paragraph] = await getParagraphs(source, ids[0]!)
    await addAnnotation(source, {
      releaseId: ids[0]!,
      paragraphId: paragraph!.id,
      quote: { exact: paragraph!.text.slice(0, 12), prefix: '', suffix: '' },
      position: { start: 0, end: 12 },
      color: '#FFD54F',
      note: 'Checked against the backup.',
      tagIds: [tag.id],
    })

    const t0 = performance.now()
    const backup = await createBackup(source, { name: 'Communiqué', version: 'test' })
    const t1 = performance.now()
    const name = `corpus-restored-${Math.random()}`
    await restoreInto(await checkBackup(backup.data), name)
    const t2 = performance.now()
    const restored = new ArchiveDb(name)
    await restored.open()

    const before = await tableChecksums(source)
    const after = await tableChecksums(restored)
    expect(before.releases!.rows).toBeGreaterThan(3000)
    expect(before.searchPostings!.rows).toBeGreaterThan(0)
    for (const table of Object.keys(before))
      expect([table, after[table]]).toEqual([table, before[table]])
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort())
    expect(await archiveCounts(restored)).toEqual(await archiveCounts(source))
    console.info(
      `corpus backup: ${before.releases!.rows} releases, ${(backup.data.size / 1e6).toFixed(1)} MB zipped, ` +
        `${(backup.manifest.archive.bytes / 1e6).toFixed(1)} MB of archive data; ` +
        `backup ${((t1 - t0) / 1000).toFixed(1)} s, check and restore ${((t2 - t1) / 1000).toFixed(1)} s (fake-indexeddb)`,
    )
    restored.close()
    source.close()
  })
})
