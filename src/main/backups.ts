/**
 * Backup files. The page makes a backup's bytes (the whole archive in one file) and restores
 * from them; the shell only writes them to disk and reads them back.
 *
 * Every write is atomic: the bytes go to a temporary file in the same folder, are flushed to
 * the disk, and the file is then renamed over the target, so a crash or a full disk never
 * leaves a half-written backup under a backup's name (nor destroys the one it was replacing).
 *
 * Automatic backups live in <userData>/backups, named by their reason and their time (UTC):
 * `communique-daily-2025-03-01T09-30-00Z.communique-backup`. After each one is written the
 * older ones are thinned out by a retention rule (backupsToDelete); only files with exactly
 * that form of name are ever deleted, so nothing a user puts in the folder is touched.
 */
import { randomBytes } from 'node:crypto'
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import {
  AUTO_BACKUP_REASONS,
  BACKUP_EXTENSION,
  type AutoBackupInfo,
  type AutoBackupReason,
} from '../shared/ipc/contract'
import type { Logger } from './log'

/**
 * Writes `bytes` to `path` so that `path` holds either its old content or all of the new, never
 * a part. The temporary file is hidden (a leading dot) and removed if anything fails.
 */
export async function writeFileAtomically(path: string, bytes: Uint8Array): Promise<void> {
  const folder = dirname(path)
  // Short enough for any file system's 255-byte name limit, whatever the target's length.
  const temporary = join(
    folder,
    `.${basename(path).slice(0, 80)}.${randomBytes(6).toString('hex')}.tmp`,
  )
  const handle = await open(temporary, 'wx')
  try {
    try {
      await handle.writeFile(bytes)
      await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(temporary, path)
  } catch (err) {
    await rm(temporary, { force: true })
    throw err
  }
  await syncFolder(folder)
}

/** Flushes a folder's entries, so the rename itself survives a power cut (POSIX only). */
export async function syncFolder(folder: string): Promise<void> {
  if (process.platform === 'win32') return
  try {
    const handle = await open(folder, 'r')
    try {
      await handle.sync()
    } finally {
      await handle.close()
    }
  } catch {
    // Some file systems cannot sync a folder; the file itself is already on disk.
  }
}

const AUTO_NAME = new RegExp(
  `^communique-(${AUTO_BACKUP_REASONS.join('|')})-(\\d{4})-(\\d{2})-(\\d{2})T(\\d{2})-(\\d{2})-(\\d{2})Z\\.${BACKUP_EXTENSION}$`,
)

/** The file name of an automatic backup made at `at` for `reason`. */
export function autoBackupName(reason: AutoBackupReason, at: Date): string {
  const stamp = at.toISOString().slice(0, 19).replace(/:/g, '-')
  return `communique-${reason}-${stamp}Z.${BACKUP_EXTENSION}`
}

/** The reason and time in an automatic backup's name, or null for any other name. */
export function parseAutoBackupName(
  name: string,
): { reason: AutoBackupReason; createdAt: number } | null {
  const match = AUTO_NAME.exec(name)
  if (!match) return null
  const [, reason, year, month, day, hour, minute, second] = match
  const createdAt = Date.UTC(
    Number(year),
    Number(month) - 1,
    Number(day),
    Number(hour),
    Number(minute),
    Number(second),
  )
  // A name such as ...-02-31T... is not one this module wrote.
  if (autoBackupName(reason as AutoBackupReason, new Date(createdAt)) !== name) return null
  return { reason: reason as AutoBackupReason, createdAt }
}

/** How many automatic backups of each kind are kept. */
export const RETENTION = {
  /** The newest daily backups, one per day the app was used. */
  daily: 7,
  /** Beyond those, the newest daily backup of each of this many most recent ISO weeks. */
  weekly: 4,
  'before-upgrade': 4,
  'before-restore': 4,
} as const

const DAY_MS = 24 * 60 * 60 * 1000

/** The ISO 8601 week (Monday to Sunday, UTC) of a time, as "2025-W09". */
export function isoWeek(ms: number): string {
  const date = new Date(ms)
  const midnight = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate())
  const weekday = (date.getUTCDay() + 6) % 7 // Monday 0 … Sunday 6
  // A week belongs to the year its Thursday is in.
  const thursday = midnight + (3 - weekday) * DAY_MS
  const year = new Date(thursday).getUTCFullYear()
  const week = Math.floor((thursday - Date.UTC(year, 0, 1)) / (7 * DAY_MS)) + 1
  return `${year}-W${String(week).padStart(2, '0')}`
}

export type DatedBackup = { name: string; reason: AutoBackupReason; createdAt: number }

/**
 * The retention rule: which automatic backups to delete.
 *
 * - daily: the 7 newest are kept; of the older ones, the newest of each of the 4 most recent
 *   ISO weeks they fall in is kept as that week's backup. So a month of daily use leaves
 *   7 daily and 4 weekly backups.
 * - before-upgrade and before-restore: the 4 newest of each are kept.
 *
 * Order is by time, then by name, so the result does not depend on the order given.
 */
export function backupsToDelete(backups: readonly DatedBackup[]): string[] {
  const newestFirst = [...backups].sort(
    (a, b) => b.createdAt - a.createdAt || (a.name < b.name ? 1 : a.name > b.name ? -1 : 0),
  )
  const keep = new Set<string>()
  for (const reason of AUTO_BACKUP_REASONS) {
    const ofReason = newestFirst.filter((backup) => backup.reason === reason)
    if (reason !== 'daily') {
      for (const backup of ofReason.slice(0, RETENTION[reason])) keep.add(backup.name)
      continue
    }
    for (const backup of ofReason.slice(0, RETENTION.daily)) keep.add(backup.name)
    const weeks = new Set<string>()
    for (const backup of ofReason.slice(RETENTION.daily)) {
      const week = isoWeek(backup.createdAt)
      if (weeks.has(week)) continue
      if (weeks.size === RETENTION.weekly) break
      weeks.add(week)
      keep.add(backup.name)
    }
  }
  return newestFirst.filter((backup) => !keep.has(backup.name)).map((backup) => backup.name)
}

/** The automatic backups in `folder` (none when it does not exist), newest first. */
export async function listAutoBackups(folder: string): Promise<AutoBackupInfo[]> {
  let names: string[]
  try {
    names = (await readdir(folder, { withFileTypes: true }))
      .filter((entry) => entry.isFile())
      .map((entry) => entry.name)
  } catch (err) {
    if ((err as { code?: unknown }).code === 'ENOENT') return []
    throw err
  }
  const found: AutoBackupInfo[] = []
  for (const name of names) {
    const parsed = parseAutoBackupName(name)
    if (!parsed) continue
    try {
      const info = await stat(join(folder, name))
      found.push({ name, ...parsed, size: info.size })
    } catch {
      // Deleted meanwhile: not a backup any more.
    }
  }
  return found.sort(
    (a, b) => b.createdAt - a.createdAt || (a.name < b.name ? 1 : a.name > b.name ? -1 : 0),
  )
}

/**
 * Writes an automatic backup into `folder`, then deletes what the retention rule no longer
 * keeps (never the backup just written). A deletion that fails is logged, not thrown: the new
 * backup is safe either way.
 */
export async function saveAutoBackup(
  folder: string,
  bytes: Uint8Array,
  reason: AutoBackupReason,
  at: Date,
  log: Logger,
): Promise<{ path: string }> {
  await mkdir(folder, { recursive: true })
  const name = autoBackupName(reason, at)
  const path = join(folder, name)
  await writeFileAtomically(path, bytes)
  log.info(`[backup] wrote ${path} (${bytes.byteLength} bytes)`)
  await deleteExpiredAutoBackups(folder, name, log)
  return { path }
}

/**
 * Deletes the automatic backups in `folder` the retention rule no longer keeps, never `keep`
 * (the backup just written). A deletion that fails is logged, not thrown.
 */
export async function deleteExpiredAutoBackups(
  folder: string,
  keep: string,
  log: Logger,
): Promise<void> {
  const doomed = backupsToDelete(await listAutoBackups(folder)).filter((old) => old !== keep)
  for (const old of doomed) {
    try {
      await rm(join(folder, old))
      log.info(`[backup] deleted ${join(folder, old)} (retention)`)
    } catch (err) {
      log.error(`[backup] could not delete ${join(folder, old)}:`, err)
    }
  }
}
