/**
 * Search results: ranked releases or paragraphs with their snippets, the count and the time,
 * a timeline and facets that refine the query (the query text shows what a click did), and
 * saving the search. Only the rows in view are read from the archive for their snippets.
 */
import { useVirtualizer } from '@tanstack/react-virtual'
import { useLiveQuery } from 'dexie-react-hooks'
import { useEffect, useMemo, useRef, useState } from 'react'
import { useDb, useEdit } from '../../app/app-context'
import { MAX_COMPARED } from '../../../../shared/compare/compare-rows'
import { hrefFor, navigate, type SearchRoute } from '../../app/use-route'
import { plural } from '../../components/format'
import type { SearchHit } from '../../../../shared/search/engine'
import { HitList } from '../../../../shared/search/hit-list'
import { computeFacets, timelineBins, type FacetField } from '../../../../shared/search/facets'
import {
  addCondition,
  parseQuery,
  removeCondition,
  type QueryNode,
} from '../../../../shared/search/query'
import { snippetOf } from '../../../../shared/search/snippet'
import type { ArchiveDb } from '../../db/archive-db'
import { getReadingParts } from '../../db/repositories/releases-repo'
import { saveSearch } from '../../db/repositories/saved-searches-repo'
import { pendingCount, tagPathsByRelease } from '../../db/repositories/search-repo'
import { FacetPanel } from './FacetPanel'
import { Timeline } from './Timeline'
import { useSearch } from './use-search'
import './search.css'

const ROW_HEIGHT = 96

export function SearchView({ route }: { route: SearchRoute }) {
  const db = useDb()
  const result = useSearch(db, route)
  const waiting = useLiveQuery(() => pendingCount(db), [db]) ?? 0
  const tagPaths = useLiveQuery(() => tagPathsByRelease(db), [db])
  const hits = result.status === 'ready' ? result.outcome.hits : HitList.EMPTY
  const releases = useMemo(() => hits.releases(), [hits])
  const terms = useMemo(
    () => new Set(result.status === 'ready' ? result.outcome.terms : []),
    [result],
  )
  const isQuery = route.like === null
  const facets = useMemo(
    () => computeFacets(releases, (id) => tagPaths?.get(id) ?? []),
    [releases, tagPaths],
  )
  const timeline = useMemo(() => timelineBins(releases, 'auto'), [releases])
  const active = useMemo(() => activeConditions(route.query), [route.query])

  const go = (query: string) => navigate({ ...route, query, like: null })
  const setMode = (mode: SearchRoute['mode']) => navigate({ ...route, mode }, { replace: true })

  return (
    <section className="search-view" aria-label="Search results">
      <header className="search-header">
        <h2>{result.status === 'ready' && result.title ? result.title : 'Search'}</h2>
        <div className="search-mode" role="group" aria-label="Show results as">
          <button
            type="button"
            aria-pressed={route.mode === 'release'}
            onClick={() => setMode('release')}
          >
            Releases
          </button>
          <button
            type="button"
            aria-pressed={route.mode === 'paragraph'}
            onClick={() => setMode('paragraph')}
          >
            Paragraphs
          </button>
        </div>
        {isQuery && route.query.trim() !== '' && <SaveSearch route={route} />}
      </header>
      <SearchStatus result={result} mode={route.mode} />
      {waiting > 0 && (
        <p className="search-indexing">
          Indexing: {plural(waiting, 'release')} not searchable yet. Results update as they are
          indexed.
        </p>
      )}
      {result.status === 'ready' && hits.length > 0 && (
        <div className="search-body">
          <ResultList db={db} hits={hits} terms={terms} mode={route.mode} />
          {isQuery && (
            <aside className="search-side" aria-label="Refine">
              <Timeline
                bins={timeline.bins}
                granularity={timeline.granularity}
                undated={timeline.undated}
                selectedKey={active.dateKey}
                onPick={(bin) =>
                  go(
                    timeline.granularity === 'year'
                      ? addCondition(route.query, 'year', bin.key)
                      : addCondition(route.query, 'date', bin.key),
                  )
                }
              />
              <FacetPanel
                facets={facets}
                active={active.fields}
                onPick={(field, value) => go(addCondition(route.query, field, value))}
                onRemove={(field, value) => go(removeCondition(route.query, field, value))}
              />
            </aside>
          )}
        </div>
      )}
    </section>
  )
}

function SearchStatus({
  result,
  mode,
}: {
  result: ReturnType<typeof useSearch>
  mode: SearchRoute['mode']
}) {
  if (result.status === 'error') {
    return (
      <p className="search-error" role="alert">
        {result.message}
      </p>
    )
  }
  if (result.status === 'empty') {
    return (
      <div className="search-help">
        <p>
          Type words to find releases that contain them all. Also: <code>"exact phrase"</code>,{' '}
          <code>OR</code>, <code>-exclude</code>, <code>prefix*</code>, and fields such as{' '}
          <code>tag:Threats</code>, <code>type:declaration</code>, <code>org:SCO</code>,{' '}
          <code>country:China</code>, <code>place:Astana</code>, <code>person:Putin</code>,{' '}
          <code>lang:ru</code>, <code>year:2017</code>, <code>date:2014-01..2017-06</code>,{' '}
          <code>has:annotation</code>, <code>has:note</code>.
        </p>
      </div>
    )
  }
  if (result.status === 'running') return <p className="search-status">Searching…</p>
  const { hits, releaseCount } = result.outcome
  const count =
    mode === 'paragraph'
      ? `${plural(hits.length, 'paragraph')} in ${plural(releaseCount, 'release')}`
      : plural(hits.length, 'release')
  return (
    <p className="search-status" role="status">
      {hits.length === 0 ? 'Nothing found' : count} ·{' '}
      {Math.max(1, Math.round(result.ms)).toLocaleString()} ms
    </p>
  )
}

function SaveSearch({ route }: { route: SearchRoute }) {
  const edit = useEdit()
  const [name, setName] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  if (name === null) {
    return (
      <button type="button" onClick={() => setName(route.query.trim())}>
        Save search…
      </button>
    )
  }
  return (
    <form
      className="save-search"
      onSubmit={(e) => {
        e.preventDefault()
        edit((db) => saveSearch(db, { name, query: route.query, mode: route.mode })).then(
          () => setName(null),
          (err: unknown) => setError(err instanceof Error ? err.message : String(err)),
        )
      }}
    >
      <label>
        Name
        <input autoFocus value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <button type="submit">Save</button>
      <button type="button" onClick={() => setName(null)}>
        Cancel
      </button>
      {error && <span role="alert">{error}</span>}
    </form>
  )
}

function ResultList({
  db,
  hits,
  terms,
  mode,
}: {
  db: ArchiveDb
  hits: HitList
  terms: ReadonlySet<string>
  mode: SearchRoute['mode']
}) {
  const scroller = useRef<HTMLDivElement>(null)
  // eslint-disable-next-line react-hooks/incompatible-library
  const rows = useVirtualizer({
    count: hits.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
  })
  useEffect(() => {
    rows.scrollToOffset(0)
  }, [hits, rows])
  // Releases picked to compare, in the order picked.
  const [picked, setPicked] = useState<readonly string[]>([])
  const pick = (releaseId: string, on: boolean) =>
    setPicked((list) =>
      on
        ? [...list.filter((id) => id !== releaseId), releaseId]
        : list.filter((id) => id !== releaseId),
    )
  const compare = picked.length > 0 && (
    <div className="result-compare" role="region" aria-label="Compare results">
      {picked.length === 1
        ? 'Pick one to three more releases to compare.'
        : `${picked.length} releases picked.`}{' '}
      <button
        type="button"
        disabled={picked.length < 2}
        onClick={() => navigate({ view: 'compare', releaseIds: [...picked] })}
      >
        Compare
      </button>{' '}
      <button type="button" className="link-button" onClick={() => setPicked([])}>
        Clear
      </button>
    </div>
  )
  return (
    <div className="search-results" ref={scroller}>
      {compare}
      <ol className="result-list" style={{ height: rows.getTotalSize() }}>
        {rows.getVirtualItems().map((item) => {
          const hit = hits.at(item.index)!
          return (
            <li
              key={`${hit.doc.docNo}:${hit.paragraph}`}
              ref={rows.measureElement}
              data-index={item.index}
              className="result"
              style={{ transform: `translateY(${item.start}px)` }}
            >
              <Result
                db={db}
                hit={hit}
                terms={terms}
                mode={mode}
                picked={picked.includes(hit.doc.releaseId)}
                canPick={picked.length < MAX_COMPARED}
                onPick={(on) => pick(hit.doc.releaseId, on)}
              />
            </li>
          )
        })}
      </ol>
    </div>
  )
}

function Result({
  db,
  hit,
  terms,
  mode,
  picked,
  canPick,
  onPick,
}: {
  db: ArchiveDb
  hit: SearchHit
  terms: ReadonlySet<string>
  mode: SearchRoute['mode']
  /** Picked to compare; more can be picked while `canPick`. */
  picked: boolean
  canPick: boolean
  onPick: (on: boolean) => void
}) {
  const text = useParagraphText(db, hit.doc.releaseId, hit.paragraph)
  const snippet = text === null ? null : snippetOf(text, terms)
  const { doc } = hit
  const meta = [doc.date, doc.place, doc.lang?.toUpperCase()].filter(Boolean).join(' · ')
  const href = hrefFor(
    hit.paragraph >= 1
      ? { view: 'release', releaseId: doc.releaseId, paragraph: hit.paragraph }
      : { view: 'release', releaseId: doc.releaseId },
  )
  return (
    <>
      <a className="result-title" href={href}>
        {doc.title}
      </a>
      <span className="result-meta">
        {meta}
        {mode === 'paragraph' && hit.paragraph >= 1 && ` · paragraph ${hit.paragraph}`}
        {' · '}
        <label className="result-pick">
          <input
            type="checkbox"
            checked={picked}
            disabled={!picked && !canPick}
            onChange={(e) => onPick(e.target.checked)}
            aria-label={`Compare “${doc.title}”`}
          />{' '}
          compare
        </label>
      </span>
      <p className="snippet">
        {snippet === null
          ? '…'
          : [
              snippet.cutStart ? '… ' : '',
              ...snippet.parts.map((part, i) =>
                part.isMatch ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>,
              ),
              snippet.cutEnd ? ' …' : '',
            ]}
      </p>
    </>
  )
}

/** Decoded releases kept for snippets: rows scrolled past and back are not decoded again. */
const texts = new Map<string, { title: string; paragraphs: string[] }>()
const KEPT_TEXTS = 200

function useParagraphText(db: ArchiveDb, releaseId: string, paragraph: number): string | null {
  const [loaded, setLoaded] = useState<{ releaseId: string } | null>(null)
  const known = texts.get(releaseId)
  useEffect(() => {
    if (texts.has(releaseId)) return
    let isCurrent = true
    void getReadingParts(db, releaseId).then((release) => {
      if (!release) return
      texts.set(releaseId, release)
      if (texts.size > KEPT_TEXTS) texts.delete(texts.keys().next().value!)
      if (isCurrent) setLoaded({ releaseId })
    })
    return () => {
      isCurrent = false
    }
  }, [db, releaseId])
  void loaded
  if (!known) return null
  return paragraph <= 0 ? known.title : (known.paragraphs[paragraph - 1] ?? known.title)
}

/** The field conditions at the top of the query, shown pressed in the facet panel. */
function activeConditions(query: string): {
  fields: { field: FacetField; value: string }[]
  dateKey: string | null
} {
  const parsed = parseQuery(query)
  if (!parsed.ok || !parsed.root) return { fields: [], dateKey: null }
  const top: QueryNode[] = parsed.root.kind === 'and' ? parsed.root.children : [parsed.root]
  const fields: { field: FacetField; value: string }[] = []
  let dateKey: string | null = null
  for (const node of top) {
    if (node.kind === 'field' && node.field !== 'person')
      fields.push({ field: node.field, value: node.value })
    if (node.kind === 'dates') {
      dateKey = node.text
      if (node.field === 'year') fields.push({ field: 'year', value: node.text })
    }
  }
  return { fields, dateKey }
}
