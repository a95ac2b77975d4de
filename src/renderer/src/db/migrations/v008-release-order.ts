/**
 * Version 8: `releaseOrder` is filled from the releases' `importedAt` index,
 * its keys and primary keys (see shared/release/migrations/v008-release-order.ts).
 * No release row is read.
 */
import type { Transaction } from 'dexie'
import { releaseOrderV8 } from '../../../../shared/release/migrations/v008-release-order'

export async function upgradeToV8(tx: Transaction): Promise<void> {
  const byImport = () => tx.table('releases').orderBy('importedAt')
  const [importedAts, ids] = await Promise.all([byImport().keys(), byImport().primaryKeys()])
  const rows = releaseOrderV8(importedAts, ids)
  if (rows.length > 0) await tx.table('releaseOrder').bulkAdd(rows)
}
