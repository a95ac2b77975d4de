/**
 * Version 4: the release catalog (shared/release/catalog) is built from the
 * release rows, a page at a time in import order, into `catalogChunks`; the
 * release indexes only the import used to read are dropped, and so are the
 * tables earlier versions emptied (see shared/release/migrations/v004-catalog.ts).
 */
import type { Transaction } from 'dexie'
import {
  catalogChunkV4,
  type ReleaseRowV3,
} from '../../../../shared/release/migrations/v004-catalog'

const PAGE = 200

export async function upgradeToV4(tx: Transaction): Promise<void> {
  const releases = tx.table<ReleaseRowV3, string>('releases')
  const chunks = tx.table('catalogChunks')
  const ids = (await releases.orderBy('importedAt').primaryKeys()) as string[]
  for (let at = 0; at < ids.length; at += PAGE) {
    const rows = await releases.bulkGet(ids.slice(at, at + PAGE))
    await chunks.add(catalogChunkV4(rows.filter((r): r is ReleaseRowV3 => r !== undefined)))
  }
}
