type Props = {
  isBusy: boolean
  onPick: () => void
  onSamples: () => void
}

/** The first thing a new user sees: where to drop files, and a way to try the app at once. */
export function EmptyArchive({ isBusy, onPick, onSamples }: Props) {
  return (
    <div className="empty-archive">
      <div className="drop-target" aria-describedby="drop-hint">
        <h2>Your archive is empty</h2>
        <p id="drop-hint">
          Drop press releases anywhere on this window to import them. Plain-text files (.txt) are
          read now; each becomes a release with numbered paragraphs.
        </p>
        <div className="empty-actions">
          <button type="button" className="primary" onClick={onPick} disabled={isBusy}>
            Import files…
          </button>
          <button type="button" onClick={onSamples} disabled={isBusy}>
            Load sample releases
          </button>
        </div>
        <p className="fine-print">
          Nothing leaves this computer: releases are kept in a local archive and work without a
          network.
        </p>
      </div>
    </div>
  )
}
