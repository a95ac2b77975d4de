/**
 * The desktop app's daily backup: while the app runs, once a day, the whole archive goes into
 * the app's backups folder, where the shell keeps the last 7 daily and 4 weekly ones. The
 * first check waits a minute after start, so opening the app stays quick.
 *
 * The backup reads the whole archive in one transaction, which holds every write until it ends
 * (minutes, at 100,000 releases). So it gives way: when this window starts a write (a note, a
 * tag) the backup stops at once, the write goes ahead, and the backup is tried again a few
 * minutes later. An import's workers write through connections of their own: an import waits.
 */
import { useEffect, useState } from 'react'
import { messageOf } from '../../components/use-live-result'
import type { ArchiveDb } from '../../db/archive-db'
import { BackupStopped, createBackup } from '../../db/repositories/backup-repo'
import type { AutomaticBackups, Host } from '../../host/host'

const DAY_MS = 24 * 60 * 60 * 1000
const FIRST_CHECK_MS = 60 * 1000
const CHECK_EVERY_MS = 60 * 60 * 1000
/** After giving way to a write, the backup is tried again this much later. */
const RETRY_AFTER_WRITE_MS = 5 * 60 * 1000

/** True when the newest daily backup is a day old or more, or there is none. */
export function isDailyBackupDue(
  backups: readonly { reason: string; createdAt: number }[],
  now: number,
): boolean {
  const latest = Math.max(
    -Infinity,
    ...backups.filter((b) => b.reason === 'daily').map((b) => b.createdAt),
  )
  return now - latest >= DAY_MS
}

/**
 * One check: makes the daily backup when it is due. 'gave way' when a write started meanwhile:
 * nothing was saved, and the caller tries again later.
 */
export async function dailyBackup(
  db: ArchiveDb,
  automatic: AutomaticBackups,
  app: { name: string; version: string },
  now = Date.now(),
): Promise<'saved' | 'not due' | 'gave way'> {
  if (!isDailyBackupDue(await automatic.list(), now)) return 'not due'
  const writes = db.writesStarted
  try {
    const backup = await createBackup(db, app, { shouldStop: () => db.writesStarted !== writes })
    await automatic.save(backup.data, 'daily')
    return 'saved'
  } catch (err) {
    if (err instanceof BackupStopped) return 'gave way'
    throw err
  }
}

/** Makes the daily backup when it is due; returns a failure to show, or null. */
export function useDailyBackup(db: ArchiveDb, host: Host, releases: number): string | null {
  const [error, setError] = useState<string | null>(null)
  const automatic = host.backups.automatic
  const hasReleases = releases > 0
  useEffect(() => {
    if (!automatic || !hasReleases) return
    let running = false
    let retry: ReturnType<typeof setTimeout> | undefined
    const check = async () => {
      if (running) return
      running = true
      try {
        const outcome = await dailyBackup(db, automatic, await host.appInfo())
        if (outcome === 'saved') setError(null)
        if (outcome === 'gave way') {
          clearTimeout(retry)
          retry = setTimeout(() => void check(), RETRY_AFTER_WRITE_MS)
        }
      } catch (err) {
        setError(`Today’s automatic backup failed: ${messageOf(err)}. It is tried again hourly.`)
      } finally {
        running = false
      }
    }
    const first = setTimeout(() => void check(), FIRST_CHECK_MS)
    const hourly = setInterval(() => void check(), CHECK_EVERY_MS)
    return () => {
      clearTimeout(first)
      clearTimeout(retry)
      clearInterval(hourly)
    }
  }, [db, host, automatic, hasReleases])
  return error
}
