/**
 * The open release's translations, under its title: those the user linked (with Unlink), and
 * releases reporting the same event in other languages (same day, an organisation in common),
 * found in the search index's documents. Each opens in the reader, or beside this one.
 */
import { sameEventDocs } from '../../../../shared/compare/translations'
import { useDb, useEdit } from '../../app/app-context'
import { hrefFor } from '../../app/use-route'
import { useLiveResult } from '../../components/use-live-result'
import type { ReleaseRecord } from '../../db/records'
import { linkedTranslations, linkTranslations } from '../../db/repositories/translations-repo'
import { readerFor } from '../search/use-search'
import './compare.css'

type Translation = { id: string; title: string; lang: string | null; isLinked: boolean }

export function Translations({
  release,
  onError,
}: {
  release: ReleaseRecord
  onError(what: string, error: unknown): void
}) {
  const db = useDb()
  const edit = useEdit()
  const found = useLiveResult(async (): Promise<Translation[]> => {
    const linked = await linkedTranslations(db, release)
    const reader = readerFor(db)
    await reader.refresh()
    const known = new Set(linked.map((r) => r.id))
    const same = sameEventDocs(reader.docs, { ...release, releaseId: release.id }).filter(
      (d) => !known.has(d.releaseId),
    )
    return [
      ...linked.map((r) => ({ id: r.id, title: r.title, lang: r.lang, isLinked: true })),
      ...same.map((d) => ({ id: d.releaseId, title: d.title, lang: d.lang, isLinked: false })),
    ]
  }, [db, release])
  if (found.status !== 'ready' || found.value.length === 0) return null
  return (
    <div className="reader-translations">
      <span>Translations: </span>
      <ul aria-label="Translations of this release">
        {found.value.map((t) => (
          <li key={t.id}>
            <a href={hrefFor({ view: 'release', releaseId: t.id })}>{t.title}</a>
            {t.lang && <span className="translation-lang"> ({t.lang})</span>}
            {!t.isLinked && <span className="translation-how"> · same day and organisation</span>}
            {' · '}
            <a
              href={hrefFor({ view: 'compare', releaseIds: [release.id, t.id] })}
              aria-label={`Compare with the translation “${t.title}”`}
            >
              Compare
            </a>
            {t.isLinked && (
              <>
                {' · '}
                <button
                  type="button"
                  className="link-button"
                  onClick={() =>
                    edit((d) => linkTranslations(d, release.id, t.id, false)).catch((e: unknown) =>
                      onError('The translations were not unlinked', e),
                    )
                  }
                >
                  Unlink
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
    </div>
  )
}
