/**
 * "See also" in the reader: the ten releases most like the open one, by the words most telling
 * of it (tf × idf, the search index's "More like this"), each to open or to compare with it.
 * Looked up when first opened, and again when the archive's index changes while open.
 */
import { useEffect, useState } from 'react'
import type { SearchHit } from '../../../../shared/search/engine'
import { useDb } from '../../app/app-context'
import { hrefFor } from '../../app/use-route'
import { runSearch, useSearchInputs } from '../search/use-search'
import './compare.css'

/** How many similar releases are listed. */
const SEE_ALSO = 10

type State =
  | { status: 'closed' }
  | { status: 'running' }
  | { status: 'ready'; hits: SearchHit[] }
  | { status: 'error'; message: string }

export function SeeAlso({ releaseId }: { releaseId: string }) {
  const db = useDb()
  const { stamp, matchDiacritics } = useSearchInputs(db)
  const [isOpen, setOpen] = useState(false)
  const [state, setState] = useState<State>({ status: 'closed' })

  useEffect(() => {
    if (!isOpen) return
    let live = true
    const request = { query: '', mode: 'release' as const, like: { releaseId, paragraph: null } }
    runSearch(db, request, matchDiacritics).then(
      (result) => {
        if (!live) return
        if (result.status === 'ready') {
          const hits: SearchHit[] = []
          for (let rank = 0; rank < Math.min(SEE_ALSO, result.outcome.hits.length); rank++)
            hits.push(result.outcome.hits.at(rank)!)
          setState({ status: 'ready', hits })
        } else if (result.status === 'error') setState({ status: 'error', message: result.message })
        else setState({ status: 'ready', hits: [] })
      },
      (error: unknown) => {
        if (live) setState({ status: 'error', message: String(error) })
      },
    )
    return () => {
      live = false
    }
  }, [db, releaseId, isOpen, matchDiacritics, stamp])

  return (
    <details
      className="see-also"
      onToggle={(e) => {
        const open = e.currentTarget.open
        setOpen(open)
        if (open && state.status === 'closed') setState({ status: 'running' })
      }}
    >
      <summary>See also</summary>
      {state.status === 'running' && <p role="status">Looking for similar releases…</p>}
      {state.status === 'error' && (
        <p role="alert">Similar releases could not be found: {state.message}</p>
      )}
      {state.status === 'ready' &&
        (state.hits.length === 0 ? (
          <p>No other release is like this one.</p>
        ) : (
          <ol aria-label="Similar releases">
            {state.hits.map(({ doc }) => (
              <li key={doc.releaseId}>
                <a href={hrefFor({ view: 'release', releaseId: doc.releaseId })}>{doc.title}</a>
                {doc.date && <span className="see-also-date"> · {doc.date}</span>}
                {' · '}
                <a
                  href={hrefFor({ view: 'compare', releaseIds: [releaseId, doc.releaseId] })}
                  aria-label={`Compare with “${doc.title}”`}
                >
                  Compare
                </a>
              </li>
            ))}
          </ol>
        ))}
    </details>
  )
}
