import { useLiveQuery } from 'dexie-react-hooks'
import { useEffect, type ReactNode } from 'react'
import { plural } from '../components/format'
import { latestReport } from '../db/repositories/import-reports-repo'
import { countReleases } from '../db/repositories/releases-repo'
import { ImportProgress } from '../features/import/ImportProgress'
import { ImportReport } from '../features/import/ImportReport'
import { useFileDrop } from '../features/import/use-file-drop'
import { useImport } from '../features/import/use-import'
import { EmptyArchive } from '../features/library/EmptyArchive'
import { LibraryList } from '../features/library/LibraryList'
import { ReaderView } from '../features/reader/ReaderView'
import { SettingsPanel } from '../features/settings/SettingsPanel'
import { useDb, useHost } from './app-context'
import { hrefFor, navigate, useRoute } from './use-route'

export function App() {
  const db = useDb()
  const host = useHost()
  const route = useRoute()
  const imports = useImport()
  const isDragging = useFileDrop((data) => void imports.importFrom(() => host.fromDrop(data)))
  const count = useLiveQuery(() => countReleases(db), [db])
  const lastReport = useLiveQuery(() => latestReport(db), [db])
  const selectedId = route.view === 'release' ? route.releaseId : null
  const isBusy = imports.progress !== null

  // Every finished import shows its report.
  useEffect(() => {
    if (imports.reportId) navigate({ view: 'report', reportId: imports.reportId })
  }, [imports.reportId])

  const { pickFiles, pickFolder } = imports
  useEffect(
    () =>
      host.onMenuCommand((command) => {
        if (command === 'import-files') void pickFiles()
        else if (command === 'import-folder') void pickFolder()
        else navigate({ view: 'settings' })
      }),
    [host, pickFiles, pickFolder],
  )

  const close = () => navigate({ view: 'library' })
  let main: ReactNode
  let isEmptyView = false
  if (route.view === 'report') {
    main = <ImportReport key={route.reportId} reportId={route.reportId} onClose={close} />
  } else if (route.view === 'settings') {
    main = <SettingsPanel onClose={close} />
  } else if (selectedId) {
    main = <ReaderView key={selectedId} releaseId={selectedId} />
  } else if (count === 0) {
    isEmptyView = true
    main = (
      <EmptyArchive
        isBusy={isBusy}
        onPickFiles={imports.pickFiles}
        onPickFolder={imports.pickFolder}
        onSamples={imports.importSamples}
      />
    )
  } else {
    main = (
      <div className="reader-placeholder">
        <p>Choose a release from the library to read it.</p>
      </div>
    )
  }

  return (
    <div className="app">
      <header className="topbar">
        <h1 className="wordmark">Communiqué</h1>
        {count !== undefined && count > 0 && (
          <span className="archive-count">{plural(count, 'release')}</span>
        )}
        <div className="topbar-actions">
          {!isEmptyView && (
            <>
              <button type="button" onClick={() => void imports.pickFiles()}>
                Import files…
              </button>
              <button type="button" onClick={() => void imports.pickFolder()}>
                Import folder…
              </button>
            </>
          )}
          {lastReport && (
            <a className="button-link" href={hrefFor({ view: 'report', reportId: lastReport.id })}>
              Last import
            </a>
          )}
          <a className="button-link" href={hrefFor({ view: 'settings' })}>
            Settings
          </a>
        </div>
      </header>

      {imports.progress && (
        <ImportProgress
          progress={imports.progress}
          queued={imports.queued}
          onCancel={imports.cancel}
        />
      )}
      {imports.error && (
        <div className="import-error-banner" role="alert">
          <p>{imports.error}</p>
          <button type="button" className="link-button" onClick={imports.dismissError}>
            Dismiss
          </button>
        </div>
      )}

      <div className={`workspace${count ? '' : ' is-empty'}`}>
        {count !== undefined && count > 0 && (
          <nav className="library" aria-label="Library">
            <h2 className="pane-heading">Library</h2>
            <LibraryList selectedId={selectedId} />
          </nav>
        )}
        <main className="reader-pane" tabIndex={0} aria-label={paneLabel(route.view)}>
          {main}
        </main>
      </div>

      {isDragging && (
        <div className="drop-overlay" aria-hidden="true">
          <p>Drop files or folders to import them into the archive</p>
        </div>
      )}
    </div>
  )
}

function paneLabel(view: string): string {
  if (view === 'report') return 'Import report'
  if (view === 'settings') return 'Settings'
  return 'Reader'
}
