type Props = {
  isBusy: boolean
  onPickFiles: () => void
  onPickFolder: () => void
  onSamples: () => void
}

/** The first thing a new user sees: where to drop files, and a way to try the app at once. */
export function EmptyArchive({ isBusy, onPickFiles, onPickFolder, onSamples }: Props) {
  return (
    <div className="empty-archive">
      <div className="drop-target" aria-describedby="drop-hint">
        <h2>Your archive is empty</h2>
        <p id="drop-hint">
          Drop press releases or whole folders of them anywhere on this window. Text (.txt),
          Markdown (.md) and saved web pages (.html) are read in any common encoding; each file
          becomes a release with numbered paragraphs, dates, places and parties.
        </p>
        <div className="empty-actions">
          <button type="button" className="primary" onClick={onPickFolder} disabled={isBusy}>
            Import a folder…
          </button>
          <button type="button" onClick={onPickFiles} disabled={isBusy}>
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
