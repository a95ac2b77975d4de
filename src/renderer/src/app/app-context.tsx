import { createContext, useCallback, useContext, useSyncExternalStore, type ReactNode } from 'react'
import type { ArchiveDb } from '../db/archive-db'
import type { Edit, EditHistory } from '../db/edits'
import type { Host } from '../host'

type AppContextValue = { db: ArchiveDb; host: Host; history: EditHistory }

const AppContext = createContext<AppContextValue | null>(null)

export function AppContextProvider({
  db,
  host,
  history,
  children,
}: AppContextValue & { children: ReactNode }) {
  return <AppContext.Provider value={{ db, host, history }}>{children}</AppContext.Provider>
}

function useAppContext(): AppContextValue {
  const value = useContext(AppContext)
  if (!value) throw new Error('useAppContext outside AppContextProvider')
  return value
}

export const useDb = () => useAppContext().db
export const useHost = () => useAppContext().host
export const useHistory = () => useAppContext().history

/**
 * Runs a repository write that returns an Edit and puts it on the undo stack:
 * `const edit = useEdit(); await edit((db) => setReleasesTag(db, ids, tagId, true))`.
 */
export function useEdit(): (write: (db: ArchiveDb) => Promise<Edit>) => Promise<Edit> {
  const { db, history } = useAppContext()
  return useCallback(
    async (write) => {
      const done = await write(db)
      history.push(done)
      return done
    },
    [db, history],
  )
}

/** Re-renders when the undo and redo stacks change. */
export function useHistoryState(): { undoLabel: string | null; redoLabel: string | null } {
  const history = useHistory()
  const undoLabel = useSyncExternalStore(
    (listener) => history.subscribe(listener),
    () => history.undoLabel,
  )
  const redoLabel = useSyncExternalStore(
    (listener) => history.subscribe(listener),
    () => history.redoLabel,
  )
  return { undoLabel, redoLabel }
}
