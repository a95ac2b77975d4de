/**
 * Saved searches in the sidebar: each a live collection, with the number of releases it finds
 * now (counted again whenever the archive changes: an import that adds a matching release
 * raises it). Choosing one opens its results; deleting one can be undone.
 */
import { useLiveQuery } from 'dexie-react-hooks'
import { useEffect, useState } from 'react'
import { useDb, useEdit } from '../../app/app-context'
import { hrefFor, type Route } from '../../app/use-route'
import type { SavedSearchRecord } from '../../db/records'
import { deleteSavedSearch, listSavedSearches } from '../../db/repositories/saved-searches-repo'
import { runSearch, useSearchInputs } from './use-search'

export function SavedSearches({ route }: { route: Route }) {
  const db = useDb()
  const saved = useLiveQuery(() => listSavedSearches(db), [db])
  if (!saved || saved.length === 0) return null
  return (
    <section className="saved-searches" aria-label="Saved searches">
      <h3 className="pane-subheading">Saved searches</h3>
      <ul>
        {saved.map((s) => (
          <SavedSearch key={s.id} saved={s} route={route} />
        ))}
      </ul>
    </section>
  )
}

function SavedSearch({ saved, route }: { saved: SavedSearchRecord; route: Route }) {
  const db = useDb()
  const edit = useEdit()
  const { stamp, matchDiacritics } = useSearchInputs(db)
  const [count, setCount] = useState<number | null>(null)
  useEffect(() => {
    let isCurrent = true
    void runSearch(db, { query: saved.query, mode: 'release', like: null }, matchDiacritics).then(
      (r) => {
        if (isCurrent) setCount(r.status === 'ready' ? r.outcome.releaseCount : null)
      },
    )
    return () => {
      isCurrent = false
    }
  }, [db, saved.query, matchDiacritics, stamp])
  const target: Route = { view: 'search', query: saved.query, mode: saved.mode, like: null }
  const isOpen = route.view === 'search' && route.like === null && route.query === saved.query
  return (
    <li className={isOpen ? 'is-open' : undefined}>
      <a href={hrefFor(target)} aria-current={isOpen ? 'page' : undefined} title={saved.query}>
        <span className="saved-name">{saved.name}</span>
        {count !== null && <span className="count">{count.toLocaleString()}</span>}
      </a>
      <button
        type="button"
        className="link-button"
        aria-label={`Delete the saved search “${saved.name}”`}
        onClick={() => void edit((d) => deleteSavedSearch(d, saved.id))}
      >
        ×
      </button>
    </li>
  )
}
