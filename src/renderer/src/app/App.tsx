import { useLiveQuery } from 'dexie-react-hooks'
import { countReleases } from '../db/repositories/releases-repo'
import { EmptyArchive } from '../features/library/EmptyArchive'
import { LibraryList } from '../features/library/LibraryList'
import { ImportStatus } from '../features/import/ImportStatus'
import { useFileDrop } from '../features/import/use-file-drop'
import { useImport } from '../features/import/use-import'
import { ReaderView } from '../features/reader/ReaderView'
import { plural } from '../components/format'
import { useDb } from './app-context'
import { useRoute } from './use-route'

export function App() {
  const db = useDb()
  const route = useRoute()
  const imports = useImport()
  const isDragging = useFileDrop(imports.importIncoming)
  const count = useLiveQuery(() => countReleases(db), [db])
  const selectedId = route.view === 'release' ? route.releaseId : null

  return (
    <div className="app">
      <header className="topbar">
        <h1 className="wordmark">Communiqué</h1>
        {count !== undefined && count > 0 && (
          <span className="archive-count">{plural(count, 'release')}</span>
        )}
        {count !== undefined && count > 0 && (
          <div className="topbar-actions">
            <button type="button" onClick={imports.pickAndImport} disabled={imports.isBusy}>
              Import files…
            </button>
          </div>
        )}
      </header>

      <ImportStatus
        isBusy={imports.isBusy}
        report={imports.report}
        error={imports.error}
        onDismiss={imports.dismiss}
      />

      {count === 0 && (
        <main className="workspace is-empty">
          <EmptyArchive
            isBusy={imports.isBusy}
            onPick={imports.pickAndImport}
            onSamples={imports.importSamples}
          />
        </main>
      )}
      {count !== undefined && count > 0 && (
        <div className="workspace">
          <nav className="library" aria-label="Library">
            <h2 className="pane-heading">Library</h2>
            <LibraryList selectedId={selectedId} />
          </nav>
          <main className="reader-pane" tabIndex={0} aria-label="Reader">
            {selectedId ? (
              <ReaderView key={selectedId} releaseId={selectedId} />
            ) : (
              <div className="reader-placeholder">
                <p>Choose a release from the library to read it.</p>
              </div>
            )}
          </main>
        </div>
      )}

      {isDragging && (
        <div className="drop-overlay" aria-hidden="true">
          <p>Drop to import into the archive</p>
        </div>
      )}
    </div>
  )
}
