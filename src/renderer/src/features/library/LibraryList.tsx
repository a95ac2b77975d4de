/**
 * The releases in the archive, newest import first. Virtualised, and only the
 * rows in view are read from the archive, so 100,000 releases cost what forty do.
 */
import { useVirtualizer } from '@tanstack/react-virtual'
import { useLiveQuery } from 'dexie-react-hooks'
import { useRef } from 'react'
import { useDb } from '../../app/app-context'
import { hrefFor } from '../../app/use-route'
import { plural } from '../../components/format'
import { countReleases, listReleasesPage } from '../../db/repositories/releases-repo'

const ROW_HEIGHT = 64

export function LibraryList({ selectedId }: { selectedId: string | null }) {
  const db = useDb()
  const count = useLiveQuery(() => countReleases(db), [db]) ?? 0
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
  const page = useLiveQuery(() => listReleasesPage(db, first, last - first + 1), [db, first, last])

  return (
    <div className="library-scroller" ref={scroller}>
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
                  </span>
                </a>
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
