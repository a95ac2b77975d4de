/**
 * Runs the search a route asks for, again whenever the index, the tags or the annotations
 * change, so results, counts and saved searches stay in step with the archive.
 */
import { useLiveQuery } from 'dexie-react-hooks'
import { useEffect, useRef, useState } from 'react'
import {
  search,
  searchSimilar,
  type SearchMode,
  type SearchOutcome,
} from '../../../../shared/search/engine'
import { parseQuery } from '../../../../shared/search/query'
import type { ArchiveDb } from '../../db/archive-db'
import { getReadingParts } from '../../db/repositories/releases-repo'
import { SearchIndexReader, searchInputs } from '../../db/repositories/search-repo'
import { getSetting, SETTINGS } from '../../db/repositories/settings-repo'
import type { SearchRoute } from '../../app/use-route'

const readers = new WeakMap<ArchiveDb, SearchIndexReader>()

/** One reader per archive for the page: its documents and vocabulary load once. */
export function readerFor(db: ArchiveDb): SearchIndexReader {
  let reader = readers.get(db)
  if (!reader) readers.set(db, (reader = new SearchIndexReader(db)))
  return reader
}

export type SearchRequest = Pick<SearchRoute, 'query' | 'mode' | 'like'>

export type SearchResult =
  | { status: 'empty' }
  | { status: 'running' }
  | { status: 'ready'; outcome: SearchOutcome & { ok: true }; ms: number; title: string | null }
  | { status: 'error'; message: string }

/** Runs one search, as the search view and the saved searches do. */
export async function runSearch(
  db: ArchiveDb,
  request: SearchRequest,
  matchDiacritics: boolean,
): Promise<SearchResult> {
  const started = performance.now()
  const reader = readerFor(db)
  await reader.refresh()
  const options = { mode: request.mode as SearchMode, ignoreDiacritics: !matchDiacritics }
  if (request.like) {
    const release = await getReadingParts(db, request.like.releaseId)
    if (!release) return { status: 'error', message: 'That release is no longer in the archive.' }
    const { paragraphs } = release
    const n = request.like.paragraph
    const parts = n === null ? [release.title, ...paragraphs] : paragraphs.slice(n - 1, n)
    if (parts.length === 0)
      return { status: 'error', message: `The release has no paragraph ${n}.` }
    const outcome = await searchSimilar(reader, parts, options, request.like.releaseId)
    if (!outcome.ok) return { status: 'error', message: outcome.message }
    const title =
      n === null ? `Releases like “${release.title}”` : `Like paragraph ${n} of “${release.title}”`
    return { status: 'ready', outcome, ms: performance.now() - started, title }
  }
  const parsed = parseQuery(request.query)
  if (!parsed.ok) return { status: 'error', message: parsed.message }
  if (!parsed.root) return { status: 'empty' }
  const outcome = await search(reader, parsed.root, options)
  if (!outcome.ok) return { status: 'error', message: outcome.message }
  return { status: 'ready', outcome, ms: performance.now() - started, title: null }
}

/**
 * A value that changes whenever something a search reads changes: the index (a segment, a
 * release taken out), tags, tags on releases, annotations, the diacritics setting.
 */
export function useSearchInputs(db: ArchiveDb): { stamp: unknown; matchDiacritics: boolean } {
  const watched = useLiveQuery(
    () => Promise.all([searchInputs(db), getSetting(db, SETTINGS.matchDiacritics)]),
    [db],
  )
  // A new array each time the live query runs again: an effect that depends on it runs again.
  return { stamp: watched, matchDiacritics: watched?.[1] ?? false }
}

/** How long typing must pause before a search runs. */
const TYPING_PAUSE_MS = 80

export function useSearch(db: ArchiveDb, request: SearchRequest): SearchResult {
  const { stamp, matchDiacritics } = useSearchInputs(db)
  const [result, setResult] = useState<SearchResult>({ status: 'empty' })
  const latest = useRef(0)
  const { query, mode, like } = request
  const likeRelease = like?.releaseId ?? null
  const likeParagraph = like?.paragraph ?? null
  useEffect(() => {
    const ticket = ++latest.current
    const timer = setTimeout(() => {
      setResult((r) => (r.status === 'ready' ? r : { status: 'running' }))
      runSearch(
        db,
        {
          query,
          mode,
          like: likeRelease ? { releaseId: likeRelease, paragraph: likeParagraph } : null,
        },
        matchDiacritics,
      ).then(
        (r) => {
          if (ticket === latest.current) setResult(r)
        },
        (error: unknown) => {
          if (ticket === latest.current) {
            setResult({ status: 'error', message: `The search failed: ${String(error)}` })
          }
        },
      )
    }, TYPING_PAUSE_MS)
    return () => clearTimeout(timer)
  }, [db, query, mode, likeRelease, likeParagraph, matchDiacritics, stamp])
  return result
}
