import { useLiveQuery } from 'dexie-react-hooks'
import { useDb } from '../../app/app-context'
import { formatDateTime, plural } from '../../components/format'
import { getParagraphs, getRelease } from '../../db/repositories/releases-repo'
import { ParagraphText } from './ParagraphText'
import { ReleaseDetails } from './ReleaseDetails'

/** One release, for reading: its title, what is known about it, and its numbered paragraphs. */
export function ReaderView({ releaseId }: { releaseId: string }) {
  const db = useDb()
  const release = useLiveQuery(() => getRelease(db, releaseId), [db, releaseId], null)
  const paragraphs = useLiveQuery(() => getParagraphs(db, releaseId), [db, releaseId])

  if (release === null) return null
  if (release === undefined) {
    return (
      <div className="reader-placeholder">
        <p>This release is not in the archive.</p>
      </div>
    )
  }

  const source = release.sourceFiles[0]
  const mixed = release.mixedScriptWords ?? []
  return (
    <article className="reader" aria-labelledby="release-title" lang={release.lang ?? undefined}>
      <header className="reader-header">
        <h2 id="release-title">
          <ParagraphText text={release.title} marked={mixed} />
        </h2>
        <p className="reader-meta">
          {plural(release.paragraphCount, 'paragraph')}
          {source && (
            <>
              {' · '}
              <span title={`sha256 ${source.sha256}`}>{source.name}</span>
              {' · '}
              {release.encoding.toUpperCase()}
            </>
          )}
          {' · imported '}
          {formatDateTime(release.importedAt)}
        </p>
        {release.warnings.length > 0 && (
          <ul className="reader-warnings" aria-label="Import warnings">
            {release.warnings.map((warning) => (
              <li key={warning}>{warning}</li>
            ))}
          </ul>
        )}
        {mixed.length > 0 && (
          <p className="reader-note">
            {plural(mixed.length, 'word')} mixing alphabets marked: {mixed.join(', ')}.
          </p>
        )}
      </header>
      <ReleaseDetails release={release} />
      <ol className="paragraphs" aria-label="Paragraphs">
        {paragraphs?.map((paragraph) => (
          <li key={paragraph.id} id={`p${paragraph.n}`} className="paragraph">
            <span className="paragraph-number" aria-hidden="true">
              {paragraph.n}
            </span>
            <p>
              <ParagraphText text={paragraph.text} marked={mixed} />
            </p>
          </li>
        ))}
      </ol>
    </article>
  )
}
