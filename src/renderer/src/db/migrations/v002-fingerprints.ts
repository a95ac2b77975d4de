/**
 * Version 2: every release gets its source hashes, title key and text
 * fingerprint (see shared/release/migrations/v002-fingerprints.ts for the row
 * transform and why ids are kept). Paragraphs are read in position order.
 */
import Dexie, { type Transaction } from 'dexie'
import {
  upgradeReleaseToV2,
  type ReleaseRowV1,
} from '../../../../shared/release/migrations/v002-fingerprints'

export async function upgradeToV2(tx: Transaction): Promise<void> {
  const releases = tx.table<ReleaseRowV1, string>('releases')
  const paragraphs = tx.table<{ text: string }, string>('paragraphs')
  const rows = await releases.toArray()
  for (const row of rows) {
    const texts = await paragraphs
      .where('[releaseId+n]')
      .between([row.id, Dexie.minKey], [row.id, Dexie.maxKey])
      .toArray()
    await releases.put(
      upgradeReleaseToV2(
        row,
        texts.map((p) => p.text),
      ),
    )
  }
}
