/**
 * "See also" in the reader: the ten releases most like the open one, by the words most telling
 * of it (tf × idf, the search index's "More like this"), each to open or to compare with it.
 * Looked up when first opened, and again when the archive's index changes while open.
 */
import { useState } from 'react'
import { useDb } from '../../app/app-context'
import { hrefFor } from '../../app/use-route'
import { useSearch } from '../search/use-search'
import './compare.css'

/** How many similar releases are listed. */
const SEE_ALSO = 10

export function SeeAlso({ releaseId }: { releaseId: string }) {
  const [isOpen, setOpen] = useState(false)
  return (
    <details className="see-also" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>See also</summary>
      {isOpen && <SimilarReleases releaseId={releaseId} />}
    </details>
  )
}

function SimilarReleases({ releaseId }: { releaseId: string }) {
  const db = useDb()
  const result = useSearch(db, { query: '', mode: 'release', like: { releaseId, paragraph: null } })
  if (result.status === 'error') {
    return <p role="alert">Similar releases could not be found: {result.message}</p>
  }
  if (result.status !== 'ready') return <p role="status">Looking for similar releases…</p>
  const { hits } = result.outcome
  if (hits.length === 0) return <p>No other release is like this one.</p>
  const docs = Array.from(
    { length: Math.min(SEE_ALSO, hits.length) },
    (_, rank) => hits.at(rank)!.doc,
  )
  return (
    <ol aria-label="Similar releases">
      {docs.map((doc) => (
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
  )
}
