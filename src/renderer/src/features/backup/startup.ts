/**
 * What happens before the archive is opened: the database a restore replaced is deleted, and
 * an archive about to be upgraded to a new schema is backed up first, into the app's backups
 * folder (the desktop app; a browser has no folder to keep it in).
 */
import Dexie from 'dexie'
import { dropRetiredArchives } from '../../db/archive-name'
import { createBackup } from '../../db/repositories/backup-repo'
import { LATEST_SCHEMA_VERSION } from '../../db/schema'
import type { Host } from '../../host/host'

/** The schema version of the archive `name` as stored, or null when it does not exist yet. */
export async function storedSchemaVersion(name: string): Promise<number | null> {
  const databases = await indexedDB.databases()
  const found = databases.find((db) => db.name === name)
  // Dexie stores version v as IndexedDB version v × 10.
  return found?.version ? Math.round(found.version / 10) : null
}

export type UpgradeBackup = { from: number; to: number; path: string } | null

/**
 * Backs up the archive `name` when this app is about to upgrade it. Throws when the backup
 * fails; the archive is then still as it was, not yet opened with the new schema.
 */
export async function backUpBeforeUpgrade(host: Host, name: string): Promise<UpgradeBackup> {
  const automatic = host.backups.automatic
  if (!automatic) return null
  const from = await storedSchemaVersion(name)
  if (from === null || from >= LATEST_SCHEMA_VERSION) return null
  // Opened without a schema, Dexie takes the stored one and changes nothing.
  const old = new Dexie(name)
  try {
    await old.open()
    const backup = await createBackup(old, await host.appInfo())
    const path = await automatic.save(backup.data, 'before-upgrade')
    return { from, to: LATEST_SCHEMA_VERSION, path }
  } finally {
    old.close()
  }
}

/** Deletes what a restore left behind; failing that, tries again at the next start. */
export async function tidyAfterRestore(): Promise<void> {
  await dropRetiredArchives().catch(() => {})
}
