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
import type { SearchDoc } from '../../../../shared/search/engine'
import { useDb } from '../../app/app-context'
import { hrefFor } from '../../app/use-route'
import { plural } from '../../components/format'
import { runSearch, useSearchInputs } from '../search/use-search'
import { Timeline } from '../search/Timeline'
import './compare.css'

type State =
  | { status: 'running' }
  | { status: 'ready'; releases: SearchDoc[]; ms: number }
  | { status: 'error'; message: string }

export function PhraseHistoryView({ text, from }: { text: string; from: string | null }) {
  const db = useDb()
  const { stamp, matchDiacritics } = useSearchInputs(db)
  const [state, setState] = useState<State>({ status: 'running' })
  const [year, setYear] = useState<string | null>(null)
  // Opened, the view shows its top (the pane may keep the scroll of the view before it).
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    heading.current?.scrollIntoView({ block: 'start' })
  }, [])

  useEffect(() => {
    // The view is keyed by the phrase: it starts running; a later run (the archive changed)
    // keeps the releases shown until its own are ready.
    let live = true
    const query = quote(text.trim())
    runSearch(db, { query, mode: 'release', like: null }, matchDiacritics).then(
      (result) => {
        if (!live) return
        if (result.status === 'ready')
          setState({ status: 'ready', releases: result.outcome.hits.releases(), ms: result.ms })
        else if (result.status === 'empty') setState({ status: 'ready', releases: [], ms: 0 })
        else if (result.status === 'error') setState({ status: 'error', message: result.message })
      },
      (error: unknown) => {
        if (live) setState({ status: 'error', message: String(error) })
      },
    )
    return () => {
      live = false
    }
  }, [db, text, matchDiacritics, stamp])

  const history = useMemo(
    () => phraseHistory(state.status === 'ready' ? state.releases : []),
    [state],
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
        {state.status === 'running' && <p role="status">Searching the archive…</p>}
        {state.status === 'error' && (
          <p role="alert">The phrase could not be looked up: {state.message}</p>
        )}
        {state.status === 'ready' && (
          <>
            <p role="status">
              {history.releases.length === 0
                ? 'No release in the archive has this wording.'
                : `In ${plural(history.releases.length, 'release')}` +
                  (history.first
                    ? `, first on ${history.first.date} in “${history.first.title}”`
                    : '') +
                  ` · ${Math.round(state.ms)} ms`}
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
