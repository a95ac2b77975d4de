/**
 * Backups of the archive: Back Up Now, Restore…, the automatic backups (desktop), Verify
 * Archive, and the storage the archive uses. A restore is asked for twice: first the file is
 * checked and the view says what it holds and what it replaces; only a second click replaces
 * the archive, after backing up the one in use.
 */
import { useEffect, useRef, useState } from 'react'
import { backupFileName, BackupProblem } from '../../../../shared/backup/manifest'
import type { AutoBackupInfo } from '../../../../shared/ipc/contract'
import { useDb, useHost } from '../../app/app-context'
import { plural } from '../../components/format'
import { messageOf } from '../../components/use-live-result'
import { restoreTargetName, switchArchive } from '../../db/archive-name'
import {
  archiveCounts,
  checkBackup,
  createBackup,
  manifestCounts,
  restoreInto,
  type ArchiveCounts,
  type BackupProgress,
  type CheckedBackup,
} from '../../db/repositories/backup-repo'
import { VerifySection } from './VerifySection'
import { formatBytes, requestPersistence, storageState, type StorageState } from './storage'
import './backup.css'

/** A menu command for this view, with a number so the same command twice runs twice. */
export type BackupRequest = { action: 'back-up' | 'restore' | 'verify'; seq: number }

type Outcome = { kind: 'done' | 'error'; text: string }

type PendingRestore = {
  fileName: string
  checked: CheckedBackup
  current: ArchiveCounts
}

export function BackupView({ request }: { request: BackupRequest | null }) {
  const db = useDb()
  const host = useHost()
  const [busy, setBusy] = useState<string | null>(null)
  const [progress, setProgress] = useState<BackupProgress | null>(null)
  const [outcome, setOutcome] = useState<Outcome | null>(null)
  const [pending, setPending] = useState<PendingRestore | null>(null)
  const [automatic, setAutomatic] = useState<AutoBackupInfo[] | null>(null)
  const [storage, setStorage] = useState<StorageState | null>(null)

  const refreshAutomatic = () => {
    host.backups.automatic?.list().then(setAutomatic, () => setAutomatic([]))
  }
  useEffect(refreshAutomatic, [host])
  useEffect(() => {
    void storageState().then(setStorage)
  }, [])

  const run = async (label: string, work: () => Promise<void>) => {
    if (busy) return
    setBusy(label)
    setOutcome(null)
    setProgress(null)
    try {
      await work()
    } finally {
      setBusy(null)
      setProgress(null)
    }
  }

  const backUpNow = () =>
    run('Backing up…', async () => {
      try {
        const backup = await createBackup(db, await host.appInfo(), { onProgress: setProgress })
        const fileName = backupFileName(new Date(backup.manifest.createdAt))
        const where = await host.backups.save(backup.data, fileName)
        if (where === null) return
        const counts = manifestCounts(backup.manifest)
        setOutcome({
          kind: 'done',
          text: `Backed up ${describe(counts)} to ${where} (${formatBytes(backup.data.size)}).`,
        })
      } catch (err) {
        setOutcome({ kind: 'error', text: `The backup failed: ${messageOf(err)}.` })
      }
    })

  const chooseRestore = () =>
    run('Checking the backup…', async () => {
      setPending(null)
      let chosen: { name: string; data: Blob } | null = null
      try {
        chosen = await host.backups.open()
        if (!chosen) return
        const checked = await checkBackup(chosen.data)
        setPending({ fileName: chosen.name, checked, current: await archiveCounts(db) })
      } catch (err) {
        setOutcome({ kind: 'error', text: refusal(chosen?.name ?? 'The backup', err) })
      }
    })

  const restore = (chosen: PendingRestore) =>
    run('Restoring…', async () => {
      setPending(null)
      try {
        // The archive in use is backed up first: a restore is a choice the user may regret.
        const current = await createBackup(db, await host.appInfo(), { onProgress: setProgress })
        if (host.backups.automatic) {
          await host.backups.automatic.save(current.data, 'before-restore')
        } else {
          const saved = await host.backups.save(
            current.data,
            backupFileName(new Date()).replace('communique-', 'communique-before-restore-'),
          )
          if (saved === null) return
        }
        const name = restoreTargetName()
        await restoreInto(chosen.checked, name, setProgress)
        switchArchive(name)
      } catch (err) {
        setOutcome({ kind: 'error', text: refusal(chosen.fileName, err) })
        return
      }
      // The restored archive is opened afresh, with every view and worker on it.
      window.location.reload()
    })

  // Menu commands, each once.
  const handled = useRef(0)
  useEffect(() => {
    if (!request || request.seq <= handled.current) return
    handled.current = request.seq
    // After this render, as a click on the button would.
    if (request.action === 'back-up') queueMicrotask(() => void backUpNow())
    else if (request.action === 'restore') queueMicrotask(() => void chooseRestore())
    // Runs for a new request only; the actions read the latest state when they run.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [request])

  return (
    <section className="backups" aria-labelledby="backups-title">
      <h2 id="backups-title">Backups</h2>

      <section className="backup-section" aria-labelledby="backup-now-title">
        <h3 id="backup-now-title">Back up</h3>
        <p className="fine-print">
          One file holds the whole archive: releases, tags, notes and highlights, import reports,
          settings and the search index, with a checksum for every table.
        </p>
        <div className="setting-actions">
          <button type="button" onClick={() => void backUpNow()} disabled={busy !== null}>
            Back Up Now
          </button>
          <button type="button" onClick={() => void chooseRestore()} disabled={busy !== null}>
            Restore…
          </button>
        </div>
        {busy && (
          <p className="backup-progress" role="status">
            {busy} {progressText(progress)}
          </p>
        )}
        {outcome && (
          <p
            className={outcome.kind === 'error' ? 'backup-error' : 'backup-done'}
            role={outcome.kind === 'error' ? 'alert' : 'status'}
          >
            {outcome.text}
          </p>
        )}
        {pending && (
          <div className="restore-confirm" role="alertdialog" aria-labelledby="restore-title">
            <h4 id="restore-title">Restore “{pending.fileName}”?</h4>
            <p>
              Made on {new Date(pending.checked.manifest.createdAt).toLocaleString()} by{' '}
              {pending.checked.manifest.app.name} {pending.checked.manifest.app.version}. It holds{' '}
              {describe(manifestCounts(pending.checked.manifest))}. Its checksums are correct.
            </p>
            <p>
              It <strong>replaces</strong> the archive in use, which holds{' '}
              {describe(pending.current)}.{' '}
              {host.backups.automatic
                ? 'The archive in use is backed up first, into the automatic backups.'
                : 'The archive in use is backed up first, as a download.'}
            </p>
            <div className="setting-actions">
              <button type="button" onClick={() => void restore(pending)}>
                Replace the archive with this backup
              </button>
              <button type="button" onClick={() => setPending(null)}>
                Cancel
              </button>
            </div>
          </div>
        )}
      </section>

      <section className="backup-section" aria-labelledby="automatic-title">
        <h3 id="automatic-title">Automatic backups</h3>
        {host.backups.automatic ? (
          <>
            <p className="fine-print">
              Made every day while Communiqué runs, and before this app upgrades the archive to a
              new version. The last 7 daily and 4 weekly backups are kept, in the app’s data folder
              (Help → Open Data Folder).
            </p>
            {automatic && automatic.length === 0 && <p>None yet.</p>}
            {automatic && automatic.length > 0 && (
              <ul className="automatic-backups">
                {automatic.slice(0, 12).map((b) => (
                  <li key={b.name}>
                    {new Date(b.createdAt).toLocaleString()} · {REASONS[b.reason]} ·{' '}
                    {formatBytes(b.size)}
                  </li>
                ))}
              </ul>
            )}
          </>
        ) : (
          <p className="fine-print">
            The browser version makes no automatic backups: a web page has no folder of its own to
            keep them in. Use Back Up Now, and keep the file somewhere safe.
          </p>
        )}
      </section>

      <VerifySection request={request?.action === 'verify' ? request.seq : 0} />

      <section className="backup-section" aria-labelledby="storage-title">
        <h3 id="storage-title">Storage</h3>
        {storage && <StorageFacts state={storage} onChange={setStorage} />}
      </section>
    </section>
  )
}

const REASONS: Record<AutoBackupInfo['reason'], string> = {
  daily: 'daily',
  'before-upgrade': 'before an upgrade',
  'before-restore': 'before a restore',
}

function StorageFacts({
  state,
  onChange,
}: {
  state: StorageState
  onChange: (state: StorageState) => void
}) {
  const { usage, quota, persisted } = state
  return (
    <>
      <p>
        {usage === null
          ? 'This browser does not say how much space the archive uses.'
          : `The archive uses ${formatBytes(usage)}` +
            (quota === null ? '.' : ` of the ${formatBytes(quota)} available to it.`)}
      </p>
      {persisted === true && (
        <p className="fine-print">
          Kept: the browser has promised not to clear the archive when space runs low.
        </p>
      )}
      {persisted === false && (
        <p className="fine-print">
          Not protected: the browser may clear the archive when space runs low.{' '}
          <button
            type="button"
            className="link-button"
            onClick={() => void requestPersistence().then(() => storageState().then(onChange))}
          >
            Ask the browser to keep it
          </button>
        </p>
      )}
    </>
  )
}

function describe(counts: ArchiveCounts): string {
  return `${plural(counts.releases, 'release')}, ${plural(counts.annotations, 'annotation')} and ${plural(counts.tags, 'tag')}`
}

function refusal(fileName: string, err: unknown): string {
  const reason = err instanceof BackupProblem ? err.message : messageOf(err)
  return `“${fileName}” cannot be restored: ${reason}. The archive was not changed.`
}

function progressText(progress: BackupProgress | null): string {
  if (!progress || progress.total === 0) return ''
  const share = Math.min(100, Math.round((progress.done / progress.total) * 100))
  const stage = {
    reading: 'reading the archive (edits are saved once it is read)',
    packing: 'writing the file',
    checking: 'checking every table',
    restoring: 'restoring',
  }[progress.stage]
  return `${stage}, ${share}%`
}
