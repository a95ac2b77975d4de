/**
 * Phrase history (`#/phrase?q=…&from=…`): every release in the archive with the same wording
 * (the phrase search, folded as search folds), oldest first, the first appearance marked, and
 * a chart of how many releases have it each year; clicking a year keeps that year's releases.
 * Each release opens in the reader, or in the compare view beside the one the phrase was
 * chosen in.
 */
import { useEffect, useMemo, useRef, useState } from 'react'
import { phraseHistory } from '../../../../shared/compare/phrase-history'
import { timelineBins, type TimelineBin } from '../../../../shared/search/facets'
import { quote } from '../../../../shared/search/query'
import { useDb } from '../../app/app-context'
import { hrefFor } from '../../app/use-route'
import { plural } from '../../components/format'
import { useSearch } from '../search/use-search'
import { Timeline } from '../search/Timeline'
import './compare.css'

export function PhraseHistoryView({ text, from }: { text: string; from: string | null }) {
  const db = useDb()
  // The phrase search, run again as the archive changes (the results shown until then).
  const result = useSearch(db, { query: quote(text.trim()), mode: 'release', like: null })
  const [year, setYear] = useState<string | null>(null)
  // Opened, the view shows its top (the pane may keep the scroll of the view before it).
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    heading.current?.scrollIntoView({ block: 'start' })
  }, [])

  const history = useMemo(
    () => phraseHistory(result.status === 'ready' ? result.outcome.hits.releases() : []),
    [result],
  )
  const timeline = useMemo(() => timelineBins(history.releases, 'year'), [history])
  const shown = year ? history.releases.filter((d) => d.date?.startsWith(year)) : history.releases

  return (
    <section className="phrase-history" aria-label="Phrase history">
      <header className="compare-toolbar">
        <h2 ref={heading}>Phrase history</h2>
      </header>
      <div className="phrase-history-body">
        <blockquote className="phrase-history-phrase">{text}</blockquote>
        {text.trim() === '' && <p role="status">No words were chosen.</p>}
        {text.trim() !== '' && (result.status === 'empty' || result.status === 'running') && (
          <p role="status">Searching the archive…</p>
        )}
        {result.status === 'error' && (
          <p role="alert">The phrase could not be looked up: {result.message}</p>
        )}
        {result.status === 'ready' && (
          <>
            <p role="status">
              {history.releases.length === 0
                ? 'No release in the archive has this wording.'
                : `In ${plural(history.releases.length, 'release')}` +
                  (history.first
                    ? `, first on ${history.first.date} in “${history.first.title}”`
                    : '') +
                  ` · ${Math.round(result.ms)} ms`}
            </p>
            {timeline.bins.length > 1 && (
              <Timeline
                bins={timeline.bins}
                granularity="year"
                undated={timeline.undated}
                selectedKey={year}
                onPick={(bin: TimelineBin) => setYear(year === bin.key ? null : bin.key)}
              />
            )}
            {year && (
              <p>
                {year} only.{' '}
                <button type="button" className="link-button" onClick={() => setYear(null)}>
                  Show every year
                </button>
              </p>
            )}
            <ol
              className="phrase-history-list"
              aria-label="Releases with this wording, oldest first"
            >
              {shown.map((doc) => (
                <li key={doc.releaseId}>
                  <span className="phrase-history-date">{doc.date ?? 'undated'}</span>{' '}
                  <a href={hrefFor({ view: 'release', releaseId: doc.releaseId })}>{doc.title}</a>
                  {doc.place && <span className="phrase-history-place"> · {doc.place}</span>}
                  {doc === history.first && (
                    <strong className="phrase-history-first"> · first appearance</strong>
                  )}
                  {from && from !== doc.releaseId && (
                    <>
                      {' · '}
                      <a
                        href={hrefFor({ view: 'compare', releaseIds: [from, doc.releaseId] })}
                        aria-label={`Compare “${doc.title}” with the release the phrase came from`}
                      >
                        Compare
                      </a>
                    </>
                  )}
                </li>
              ))}
            </ol>
          </>
        )}
      </div>
    </section>
  )
}
