import { useLiveQuery } from 'dexie-react-hooks'
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react'
import { plural } from '../components/format'
import { latestReport } from '../db/repositories/import-reports-repo'
import { countReleases } from '../db/repositories/releases-repo'
import { BackupView, type BackupRequest } from '../features/backup/BackupView'
import { useDailyBackup } from '../features/backup/use-daily-backup'
import { CompareView } from '../features/compare/CompareView'
import { PhraseHistoryView } from '../features/compare/PhraseHistoryView'
import { ExportView } from '../features/exchange/ExportView'
import { DEFAULT_SCOPE, type ScopeChoice } from '../features/exchange/export-scope'
import { ImportProgress } from '../features/import/ImportProgress'
import { ImportReport } from '../features/import/ImportReport'
import { useFileDrop } from '../features/import/use-file-drop'
import { useImport } from '../features/import/use-import'
import { EmptyArchive } from '../features/library/EmptyArchive'
import { LibraryPane } from '../features/library/LibraryPane'
import { SectionBoundary } from '../features/library/SectionBoundary'
import { EMPTY_SELECTION, type LibrarySelection } from '../features/library/selection'
import { ReaderView } from '../features/reader/ReaderView'
import { messageOf } from '../components/use-live-result'
import { SettingsPanel } from '../features/settings/SettingsPanel'
import { TagManager } from '../features/tags/TagManager'
import { SearchBox } from '../features/search/SearchBox'
import { SearchView } from '../features/search/SearchView'
import { useSearchIndexer } from '../features/search/use-indexer'
import { useDb, useHistory, useHistoryState, useHost } from './app-context'
import { StepGate, historyShortcut, isTextEntry, type Direction } from './history-keys'
import { hrefFor, navigate, useRoute, type Route } from './use-route'

/** How long "Undone: …" stays on screen. */
const NOTICE_MS = 5000

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

  // What the library and the export view share, kept while the user moves between views.
  const [selection, setSelection] = useState<LibrarySelection>(EMPTY_SELECTION)
  const [tagFilter, setTagFilterState] = useState<string | null>(null)
  const [exportChoice, setExportChoice] = useState<ScopeChoice>(DEFAULT_SCOPE)
  const [lastReleaseId, setLastReleaseId] = useState<string | null>(selectedId)
  if (selectedId && selectedId !== lastReleaseId) setLastReleaseId(selectedId)

  const setTagFilter = (tagId: string | null) => {
    setTagFilterState(tagId)
    // Row positions belong to the list they were clicked in.
    setSelection((s) => ({ ...s, anchor: null }))
  }

  const history = useUndoRedo()
  const indexError = useSearchIndexer(db)
  const backupError = useDailyBackup(db, host, count ?? 0)
  const [backupRequest, setBackupRequest] = useState<BackupRequest | null>(null)

  // Every finished import shows its report.
  useEffect(() => {
    if (imports.reportId) navigate({ view: 'report', reportId: imports.reportId })
  }, [imports.reportId])

  const { pickFiles, pickFolder } = imports
  const { fromMenu } = history
  useEffect(
    () =>
      host.onMenuCommand((command) => {
        if (command === 'import-files') void pickFiles()
        else if (command === 'import-folder') void pickFolder()
        else if (command === 'undo' || command === 'redo') fromMenu(command)
        else if (command === 'export') navigate({ view: 'export' })
        else if (command === 'watch-folder') {
          navigate({ view: 'settings' })
          void host.watchedFolder.choose().catch(() => {})
        } else if (command === 'back-up' || command === 'restore' || command === 'verify-archive') {
          navigate({ view: 'backups' })
          const action = command === 'verify-archive' ? 'verify' : command
          setBackupRequest((r) => ({ action, seq: (r?.seq ?? 0) + 1 }))
        } else navigate({ view: 'settings' })
      }),
    [host, pickFiles, pickFolder, fromMenu],
  )

  const close = () => navigate({ view: 'library' })
  let main: ReactNode
  let isEmptyView = false
  if (route.view === 'report') {
    main = <ImportReport key={route.reportId} reportId={route.reportId} onClose={close} />
  } else if (route.view === 'settings') {
    main = <SettingsPanel onClose={close} />
  } else if (route.view === 'tags') {
    main = (
      <SectionBoundary name="The tag manager">
        <TagManager />
      </SectionBoundary>
    )
  } else if (route.view === 'export') {
    main = (
      <SectionBoundary name="Export and import">
        <ExportView
          choice={exportChoice}
          onChoiceChange={setExportChoice}
          selection={selection.ids}
          releaseId={lastReleaseId}
        />
      </SectionBoundary>
    )
  } else if (route.view === 'backups') {
    main = (
      <SectionBoundary name="Backups">
        <BackupView request={backupRequest} />
      </SectionBoundary>
    )
  } else if (route.view === 'compare') {
    main = (
      <SectionBoundary name="Compare">
        <CompareView releaseIds={route.releaseIds} />
      </SectionBoundary>
    )
  } else if (route.view === 'phrase') {
    main = (
      <SectionBoundary name="Phrase history">
        <PhraseHistoryView key={route.text} text={route.text} from={route.from} />
      </SectionBoundary>
    )
  } else if (route.view === 'search') {
    main = (
      <SectionBoundary name="Search">
        <SearchView route={route} />
      </SectionBoundary>
    )
  } else if (selectedId) {
    main = (
      <ReaderView
        key={selectedId}
        releaseId={selectedId}
        paragraph={route.view === 'release' ? route.paragraph : undefined}
      />
    )
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
        {count !== undefined && count > 0 && <SearchBox route={route} />}
        <div className="topbar-actions">
          <button
            type="button"
            title={history.undoLabel ? `Undo ${history.undoLabel}` : 'Nothing to undo'}
            aria-keyshortcuts="Control+Z Meta+Z"
            disabled={!history.undoLabel}
            onClick={() => void history.step('undo')}
          >
            Undo
          </button>
          <button
            type="button"
            title={history.redoLabel ? `Redo ${history.redoLabel}` : 'Nothing to redo'}
            aria-keyshortcuts="Control+Shift+Z Meta+Shift+Z Control+Y"
            disabled={!history.redoLabel}
            onClick={() => void history.step('redo')}
          >
            Redo
          </button>
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
          <ViewLink route={{ view: 'tags' }} current={route}>
            Tags
          </ViewLink>
          <ViewLink route={{ view: 'export' }} current={route}>
            Export
          </ViewLink>
          <ViewLink route={{ view: 'backups' }} current={route}>
            Backups
          </ViewLink>
          <ViewLink route={{ view: 'settings' }} current={route}>
            Settings
          </ViewLink>
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
      {indexError && (
        <div className="import-error-banner" role="alert">
          <p>Search indexing stopped: {indexError}. It tries again in a few seconds.</p>
        </div>
      )}
      {backupError && (
        <div className="import-error-banner" role="alert">
          <p>{backupError}</p>
        </div>
      )}
      {history.error && (
        <div className="import-error-banner" role="alert">
          <p>{history.error}</p>
          <button type="button" className="link-button" onClick={history.dismissError}>
            Dismiss
          </button>
        </div>
      )}

      <div className={`workspace${count ? '' : ' is-empty'}`}>
        {count !== undefined && count > 0 && (
          <nav className="library" aria-label="Library">
            <h2 className="pane-heading">Library</h2>
            <LibraryPane
              selectedId={selectedId}
              tagFilter={tagFilter}
              onTagFilter={setTagFilter}
              selection={selection}
              onSelectionChange={setSelection}
              onExportSelection={() => {
                setExportChoice((c) => ({ ...c, kind: 'selection' }))
                navigate({ view: 'export' })
              }}
            />
          </nav>
        )}
        <main className="reader-pane" tabIndex={0} aria-label={paneLabel(route.view)}>
          {main}
        </main>
      </div>

      <p className="app-status" role="status">
        {history.notice}
      </p>

      {isDragging && (
        <div className="drop-overlay" aria-hidden="true">
          <p>Drop files or folders to import them into the archive</p>
        </div>
      )}
    </div>
  )
}

function ViewLink({
  route,
  current,
  children,
}: {
  route: Route
  current: Route
  children: ReactNode
}) {
  return (
    <a
      className="button-link"
      href={hrefFor(route)}
      aria-current={current.view === route.view ? 'page' : undefined}
    >
      {children}
    </a>
  )
}

function paneLabel(view: Route['view']): string {
  if (view === 'report') return 'Import report'
  if (view === 'settings') return 'Settings'
  if (view === 'tags') return 'Tags'
  if (view === 'export') return 'Export and import'
  if (view === 'backups') return 'Backups'
  if (view === 'search') return 'Search'
  if (view === 'compare') return 'Compare'
  if (view === 'phrase') return 'Phrase history'
  return 'Reader'
}

/**
 * Undo and redo from the buttons and from the keyboard: Ctrl+Z or Cmd+Z
 * undoes, Ctrl+Shift+Z, Cmd+Shift+Z or Ctrl+Y redoes, except in a text field,
 * where the keys undo typing as they always do. Each step says what it undid
 * or redid; a failure says why.
 */
function useUndoRedo() {
  const db = useDb()
  const history = useHistory()
  const { undoLabel, redoLabel } = useHistoryState()
  const [notice, setNotice] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  // One step at a time: a held key repeats faster than a step is written.
  const isStepping = useRef(false)

  const step = useCallback(
    async (direction: Direction) => {
      if (isStepping.current) return
      isStepping.current = true
      setError(null)
      try {
        const done = direction === 'undo' ? await history.undo(db) : await history.redo(db)
        if (done) setNotice(`${direction === 'undo' ? 'Undone' : 'Redone'}: ${done.label}`)
      } catch (e) {
        setError(`${direction === 'undo' ? 'Undo' : 'Redo'} failed: ${messageOf(e)}`)
      } finally {
        isStepping.current = false
      }
    },
    [db, history],
  )

  useEffect(() => {
    if (!notice) return
    const timer = setTimeout(() => setNotice(null), NOTICE_MS)
    return () => clearTimeout(timer)
  }, [notice])

  // The desktop app's Edit menu has the same keys: one press is one step.
  const gate = useRef(new StepGate())

  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      const direction = historyShortcut(e)
      if (!direction || e.defaultPrevented || isInDialog(e.target)) return
      const isTaken = gate.current.admit(direction, 'key', performance.now())
      // In a text field the keys undo typing, the browser's own way.
      if (isTextEntry(e.target)) return
      e.preventDefault()
      if (isTaken) void step(direction)
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [step])

  /** Undo or Redo chosen in the desktop app's Edit menu (or its keys, when the menu takes them). */
  const fromMenu = useCallback(
    (direction: Direction) => {
      if (!gate.current.admit(direction, 'menu', performance.now())) return
      const focused = document.activeElement
      // The menu item replaces the text field's own Undo, which is what the field needs.
      if (isTextEntry(focused)) document.execCommand(direction)
      else if (!isInDialog(focused)) void step(direction)
    },
    [step],
  )

  return {
    undoLabel,
    redoLabel,
    notice,
    error,
    step,
    fromMenu,
    dismissError: () => setError(null),
  }
}

/** A dialog asks one question; the archive's history waits until it is answered. */
function isInDialog(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest('dialog') !== null
}
