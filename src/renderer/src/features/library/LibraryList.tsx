/**
 * The releases in the archive, newest import first, or only those carrying
 * one tag. Virtualised, and only the rows in view are read from the archive,
 * so 100,000 releases cost what forty do. Each row has a checkbox for the
 * selection (shift-click selects a range) and the release's tags as chips.
 */
import { useVirtualizer } from '@tanstack/react-virtual'
import { useLiveQuery } from 'dexie-react-hooks'
import { useMemo, useRef, useState, type ChangeEvent } from 'react'
import { useDb } from '../../app/app-context'
import { hrefFor } from '../../app/use-route'
import { plural } from '../../components/format'
import type { TagRecord } from '../../db/records'
import { countReleases } from '../../db/repositories/releases-repo'
import { listTags } from '../../db/repositories/tags-repo'
import { messageOf, useLiveResult } from '../../components/use-live-result'
import {
  libraryIds,
  libraryIdsBetween,
  libraryPage,
  libraryRows,
  type LibraryRow,
} from '../../db/repositories/library-repo'
import { rangeBetween, setOne, setRange, type LibrarySelection } from './selection'
import './library.css'

const ROW_HEIGHT = 64
/** Chips shown on a row; the rest are counted. */
const MAX_CHIPS = 4

export type SelectionUpdate = (update: (selection: LibrarySelection) => LibrarySelection) => void

type Props = {
  selectedId: string | null
  /** Show only releases carrying this tag. */
  tagId: string | null
  selection: LibrarySelection
  onSelectionChange: SelectionUpdate
}

export function LibraryList({ selectedId, tagId, selection, onSelectionChange }: Props) {
  const db = useDb()
  const total = useLiveQuery(() => countReleases(db), [db]) ?? 0
  // A filtered list is held as its ids (index keys only); the whole archive is paged by offset.
  const filteredIds = useLiveQuery(
    () => (tagId === null ? Promise.resolve(null) : libraryIds(db, tagId)),
    [db, tagId],
  )
  const tags = useLiveResult(() => listTags(db), [db])
  const tagById = useMemo(
    () =>
      new Map<string, TagRecord>(tags.status === 'ready' ? tags.value.map((t) => [t.id, t]) : []),
    [tags],
  )
  const [rangeError, setRangeError] = useState<string | null>(null)
  const isFiltered = tagId !== null
  const count = isFiltered ? (filteredIds?.length ?? 0) : total

  const scroller = useRef<HTMLDivElement>(null)
  // The virtualizer re-renders this component itself as it scrolls; nothing here is memoised.
  // eslint-disable-next-line react-hooks/incompatible-library
  const rows = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  })
  const items = rows.getVirtualItems()
  const first = items[0]?.index ?? 0
  const last = items[items.length - 1]?.index ?? -1
  const page = useLiveQuery((): Promise<(LibraryRow | undefined)[]> => {
    if (!isFiltered) return libraryPage(db, first, last - first + 1)
    return libraryRows(db, (filteredIds ?? []).slice(first, last + 1))
  }, [db, first, last, isFiltered, filteredIds])

  const toggle = async (release: LibraryRow, index: number, e: ChangeEvent<HTMLInputElement>) => {
    const on = e.target.checked
    // For a checkbox React reports the click as the change, so the modifier keys are on it.
    const isRange = (e.nativeEvent as MouseEvent).shiftKey === true && selection.anchor !== null
    setRangeError(null)
    if (!isRange) {
      onSelectionChange((s) => setOne(s, release.id, index, on))
      return
    }
    const { from, to } = rangeBetween(selection.anchor, index)
    try {
      const ids = filteredIds
        ? filteredIds.slice(from, to + 1)
        : await libraryIdsBetween(db, from, to)
      onSelectionChange((s) => setRange(s, ids, index, on))
    } catch (error) {
      setRangeError(`The range could not be selected: ${messageOf(error)}`)
    }
  }

  return (
    <div className="library-scroller" ref={scroller}>
      {rangeError && (
        <p className="library-error" role="alert">
          {rangeError}
        </p>
      )}
      {tags.status === 'error' && (
        <p className="library-error" role="alert">
          Tags could not be read: {tags.error}
        </p>
      )}
      {isFiltered && filteredIds?.length === 0 && (
        <p className="library-empty">No release carries this tag.</p>
      )}
      <ul
        className="library-list"
        aria-label="Releases"
        style={{ height: rows.getTotalSize(), position: 'relative' }}
      >
        {items.map((item) => {
          const release = page?.[item.index - first]
          return (
            <li
              key={item.index}
              data-index={item.index}
              ref={rows.measureElement}
              style={{
                position: 'absolute',
                top: 0,
                left: 0,
                right: 0,
                transform: `translateY(${item.start}px)`,
              }}
              aria-setsize={count}
              aria-posinset={item.index + 1}
            >
              {release ? (
                <div
                  className={`library-row${selection.ids.has(release.id) ? ' is-selected' : ''}`}
                >
                  <input
                    type="checkbox"
                    className="library-check"
                    aria-label={release.title}
                    checked={selection.ids.has(release.id)}
                    onChange={(e) => void toggle(release, item.index, e)}
                  />
                  <a
                    className="library-item"
                    href={hrefFor({ view: 'release', releaseId: release.id })}
                    aria-current={release.id === selectedId ? 'page' : undefined}
                  >
                    <span className="library-title">{release.title}</span>
                    <span className="library-meta">
                      {release.date && <time dateTime={release.date}>{release.date}</time>}
                      {release.date && ' · '}
                      {release.place && `${release.place} · `}
                      <span className="paragraph-count">
                        {plural(release.paragraphCount, 'paragraph')}
                      </span>
                      {release.previousVersionId && ' · revised version'}
                    </span>
                    <TagChips tagIds={release.tagIds} tagById={tagById} />
                  </a>
                </div>
              ) : (
                <span className="library-item is-loading" aria-hidden="true" />
              )}
            </li>
          )
        })}
      </ul>
    </div>
  )
}

function TagChips({
  tagIds,
  tagById,
}: {
  tagIds: readonly string[]
  tagById: ReadonlyMap<string, TagRecord>
}) {
  const tags = tagIds.flatMap((id) => tagById.get(id) ?? [])
  if (tags.length === 0) return null
  const shown = tags.slice(0, MAX_CHIPS)
  return (
    <span className="library-tags">
      {shown.map((tag) => (
        <span key={tag.id} className="library-tag" title={tag.path}>
          <span className="swatch-dot" style={{ background: tag.color }} aria-hidden="true" />
          {tag.name}
        </span>
      ))}
      {tags.length > shown.length && (
        <span className="library-tag-more">+{tags.length - shown.length}</span>
      )}
    </span>
  )
}
