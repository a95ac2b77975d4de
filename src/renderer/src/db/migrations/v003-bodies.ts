/**
 * Version 3: each release's paragraphs and original text move into one
 * body on its row, its band keys into `bandChunks`, and the import
 * log into one row per batch (see shared/release/migrations/v003-bodies.ts
 * for the row transforms). Releases are read a page at a time, so an archive
 * of any size upgrades without holding it all in memory.
 */
import Dexie, { type Transaction } from 'dexie'
import {
  logChunksV3,
  upgradeReleaseToV3,
  type ImportLogRowV2,
  type ParagraphRowV2,
  type ReleaseRowV2,
  type ReleaseRowV3,
} from '../../../../shared/release/migrations/v003-bodies'

const PAGE = 200

export async function upgradeToV3(tx: Transaction): Promise<void> {
  const releases = tx.table<ReleaseRowV2 | ReleaseRowV3, string>('releases')
  const paragraphs = tx.table<ParagraphRowV2 & { releaseId: string }, string>('paragraphs')
  const texts = tx.table<{ releaseId: string; original: string }, string>('releaseTexts')
  const bandChunks = tx.table('bandChunks')

  let lastId: string | null = null
  for (;;) {
    const page: ReleaseRowV2[] = await (
      lastId === null ? releases.orderBy(':id') : releases.where(':id').above(lastId)
    )
      .limit(PAGE)
      .toArray()
    if (page.length === 0) break
    lastId = page[page.length - 1]!.id
    const ids = page.map((r) => r.id)
    const originals = await texts.bulkGet(ids)
    const upgraded: ReleaseRowV3[] = []
    const bands = new Uint32Array(page.length * 16)
    let at = 0
    for (const [i, row] of page.entries()) {
      const rows = await paragraphs
        .where('[releaseId+n]')
        .between([row.id, Dexie.minKey], [row.id, Dexie.maxKey])
        .toArray()
      const result = upgradeReleaseToV3(row, rows, originals[i]?.original)
      upgraded.push(result.row)
      bands.set(result.bands.subarray(0, 16), at)
      at += 16
    }
    await releases.bulkPut(upgraded)
    await bandChunks.add({ releaseIds: ids, bands })
  }
  await paragraphs.clear()
  await texts.clear()

  const log = tx.table<ImportLogRowV2, number>('importLog')
  const logChunks = tx.table('importLogChunks')
  const importIds = (await log.orderBy('batchId').uniqueKeys()) as string[]
  for (const importId of importIds) {
    const rows = await log.where('batchId').equals(importId).toArray()
    await logChunks.bulkAdd(logChunksV3(importId, rows))
  }
  await log.clear()
}
