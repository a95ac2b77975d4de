import { useLiveQuery } from 'dexie-react-hooks'
import { useDb } from '../../app/app-context'
import { hrefFor } from '../../app/use-route'
import { formatDateTime, plural } from '../../components/format'
import { listReleases } from '../../db/repositories/releases-repo'

/** The releases in the archive, newest import first. */
export function LibraryList({ selectedId }: { selectedId: string | null }) {
  const db = useDb()
  const releases = useLiveQuery(() => listReleases(db), [db])
  if (!releases) return null

  return (
    <ul className="library-list" aria-label="Releases">
      {releases.map((release) => (
        <li key={release.id}>
          <a
            className="library-item"
            href={hrefFor({ view: 'release', releaseId: release.id })}
            aria-current={release.id === selectedId ? 'page' : undefined}
          >
            <span className="library-title">{release.title}</span>
            <span className="library-meta">
              <span className="paragraph-count">{plural(release.paragraphCount, 'paragraph')}</span>
              {' · '}
              <time dateTime={new Date(release.importedAt).toISOString()}>
                imported {formatDateTime(release.importedAt)}
              </time>
            </span>
          </a>
        </li>
      ))}
    </ul>
  )
}
