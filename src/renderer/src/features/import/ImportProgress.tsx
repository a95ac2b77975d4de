import { plural } from '../../components/format'
import type { ImportProgress as Progress } from './import-runner'

/** A running import: files done of total, the current file, rate, time left, and Cancel. */
export function ImportProgress({
  progress,
  queued,
  onCancel,
}: {
  progress: Progress
  queued: number
  onCancel: () => void
}) {
  const { done, total, current, rate, secondsLeft, isCancelling } = progress
  const percent = total > 0 ? Math.round((done / total) * 100) : 0
  return (
    <section className="import-progress" aria-label="Import progress">
      <div className="import-progress-line">
        <strong>Importing {progress.source}</strong>
        <span className="import-progress-count">
          {done.toLocaleString()} of {plural(total, 'file')}
        </span>
        <button type="button" onClick={onCancel} disabled={isCancelling}>
          {isCancelling ? 'Cancelling…' : 'Cancel'}
        </button>
      </div>
      <progress
        max={total}
        value={done}
        aria-label={`Import progress: ${percent}%`}
        aria-valuetext={`${done} of ${total} files`}
      />
      <p className="import-progress-detail">
        {rate > 0 && <span>{Math.round(rate).toLocaleString()} files/s</span>}
        {secondsLeft !== null && <span>{formatSeconds(secondsLeft)} left</span>}
        {queued > 0 && <span>{plural(queued, 'import')} waiting</span>}
        {current && (
          <span className="import-current" title={current}>
            {current}
          </span>
        )}
      </p>
    </section>
  )
}

function formatSeconds(seconds: number): string {
  if (seconds < 1) return 'under a second'
  if (seconds < 90) return `about ${Math.round(seconds)} s`
  return `about ${Math.round(seconds / 60)} min`
}
