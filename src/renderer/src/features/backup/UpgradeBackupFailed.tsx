import { messageOf } from '../../components/use-live-result'
import './backup.css'

/**
 * Shown instead of the app when this version must upgrade the archive and could not back it
 * up first. Nothing has been changed yet; the user decides whether to go on without a backup.
 */
export function UpgradeBackupFailed({
  error,
  onContinue,
}: {
  error: unknown
  onContinue: () => void
}) {
  return (
    <main className="startup-problem" role="alert">
      <h1>Communiqué could not back up your archive</h1>
      <p>
        This version of Communiqué stores the archive in a new form, and backs it up before it
        changes anything. That backup failed: {messageOf(error)}.
      </p>
      <p>Your archive has not been changed. Free some disk space and start Communiqué again, or:</p>
      <button type="button" onClick={onContinue}>
        Upgrade without a backup
      </button>
    </main>
  )
}
