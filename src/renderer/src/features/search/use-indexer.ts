/**
 * Keeps the search index in step while the app is open: starts the indexer worker for the
 * archive and wakes it whenever releases wait to be indexed (after an import batch, a
 * correction, an undo), which a live count of the waiting releases notices at once.
 */
import { useLiveQuery } from 'dexie-react-hooks'
import { useEffect, useRef, useState } from 'react'
import type { ArchiveDb } from '../../db/archive-db'
import { pendingCount } from '../../db/repositories/search-repo'
import { Indexer } from '../../workers/index-client'

/** Starts the indexer; returns why it last failed, if it did, until it next succeeds. */
export function useSearchIndexer(db: ArchiveDb): string | null {
  const indexer = useRef<Indexer | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    if (typeof Worker === 'undefined') return
    const started = new Indexer(db.name)
    indexer.current = started
    const unsubscribe = started.subscribe((status) => setError(status.error))
    return () => {
      unsubscribe()
      started.dispose()
      if (indexer.current === started) indexer.current = null
    }
  }, [db])
  const waiting = useLiveQuery(() => pendingCount(db), [db])
  useEffect(() => {
    if (waiting) indexer.current?.wake()
  }, [waiting])
  return error
}
