import { createContext, useContext, type ReactNode } from 'react'
import type { ArchiveDb } from '../db/archive-db'
import type { Host } from '../host'

type AppContextValue = { db: ArchiveDb; host: Host }

const AppContext = createContext<AppContextValue | null>(null)

export function AppContextProvider({
  db,
  host,
  children,
}: AppContextValue & { children: ReactNode }) {
  return <AppContext.Provider value={{ db, host }}>{children}</AppContext.Provider>
}

function useAppContext(): AppContextValue {
  const value = useContext(AppContext)
  if (!value) throw new Error('useAppContext outside AppContextProvider')
  return value
}

export const useDb = () => useAppContext().db
export const useHost = () => useAppContext().host
