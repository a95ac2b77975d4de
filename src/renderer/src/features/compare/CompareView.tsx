/**
 * Two to four releases side by side (`#/compare/<id>,<id>…`), aligned paragraph by paragraph
 * with the first (shared/compare): aligned paragraphs share a row, so they stay level as the
 * view scrolls; a paragraph with no partner has a gap beside it, and one that moved says where
 * to. Wording shared with another column is highlighted, one colour per phrase in every column,
 * and each paragraph and release shows what share of its words is shared. When one release is
 * the previous version of another, the newer one's changed paragraphs show the word-level diff.
 * "Scroll together" off lays each column out on its own, to scroll freely.
 */
import { useMemo, useState, type ReactNode } from 'react'
import { compareRows, type CompareCell } from '../../../../shared/compare/compare-rows'
import { sharedPhrases, type SharedParagraph } from '../../../../shared/compare/shared-phrases'
import { wordDiff } from '../../../../shared/compare/word-diff'
import { useDb } from '../../app/app-context'
import { hrefFor } from '../../app/use-route'
import type { ReleaseRecord } from '../../db/records'
import { getReleaseWithParagraphs } from '../../db/repositories/releases-repo'
import { useLiveResult } from '../../components/use-live-result'
import './compare.css'

type Loaded = { release: ReleaseRecord; paragraphs: string[] }

/** Highlight colours (compare.css `.shared-0` …); phrases beyond them take them again. */
const COLOURS = 6

export function CompareView({ releaseIds }: { releaseIds: readonly string[] }) {
  const db = useDb()
  const key = releaseIds.join(',')
  const loaded = useLiveResult(
    () =>
      Promise.all(
        releaseIds.map(
          async (id): Promise<Loaded | string> => (await getReleaseWithParagraphs(db, id)) ?? id,
        ),
      ),
    [db, key],
  )
  const releases = useMemo(
    () =>
      loaded.status === 'ready' && loaded.value.every((r) => typeof r !== 'string')
        ? olderFirst(loaded.value as Loaded[])
        : null,
    [loaded],
  )
  if (loaded.status === 'loading') return <p className="compare-status">Reading the releases…</p>
  if (loaded.status === 'error') {
    return (
      <p className="compare-status" role="alert">
        The releases could not be read: {loaded.error}
      </p>
    )
  }
  const missing = loaded.value.filter((r): r is string => typeof r === 'string')
  if (missing.length > 0) {
    return (
      <p className="compare-status" role="alert">
        {missing.length === 1 ? 'A release to compare is' : 'Releases to compare are'} no longer in
        the archive. <a href={hrefFor({ view: 'library' })}>Back to the library</a>
      </p>
    )
  }
  return releases && <Comparison key={key} releases={releases} />
}

/**
 * The releases with the first one's previous version, when it is among them, moved to the
 * front: a diff reads from the older text to the newer.
 */
function olderFirst(releases: Loaded[]): Loaded[] {
  const previous = releases.findIndex(
    (r) => r.release.id === releases[0]?.release.previousVersionId,
  )
  if (previous <= 0) return releases
  return [releases[previous]!, ...releases.filter((_, k) => k !== previous)]
}

function Comparison({ releases }: { releases: readonly Loaded[] }) {
  const [together, setTogether] = useState(true)
  const texts = useMemo(() => releases.map((r) => r.paragraphs), [releases])
  // A release in another language than the first is aligned as its translation.
  const translated = useMemo(() => {
    const lang = releases[0]!.release.lang
    return releases.map((r) => !!lang && !!r.release.lang && r.release.lang !== lang)
  }, [releases])
  const rows = useMemo(() => compareRows(texts, translated), [texts, translated])
  const shared = useMemo(() => sharedPhrases(texts), [texts])
  // Column k shows what changed since the first column when that is its previous version.
  const diffs = releases.map(
    (r, k) => k > 0 && r.release.previousVersionId === releases[0]!.release.id,
  )

  const cell = (column: number, c: CompareCell | null, firstCell: CompareCell | null) => {
    if (!c) {
      return (
        <div className="compare-cell compare-gap">
          <span className="compare-hidden">No paragraph here</span>
        </div>
      )
    }
    const paragraphs = releases[column]!.paragraphs
    const info = shared[column]!.paragraphs
    const words = c.paragraphs.reduce((sum, p) => sum + info[p]!.words, 0)
    const sharedWords = c.paragraphs.reduce((sum, p) => sum + info[p]!.sharedWords, 0)
    const showDiff = diffs[column] && firstCell && !c.identical
    return (
      <div className="compare-cell">
        {showDiff ? (
          <p className="compare-paragraph">
            <span className="compare-number">¶ {c.paragraphs.map((p) => p + 1).join('–')}</span>{' '}
            <DiffText
              before={firstCell.paragraphs.map((q) => releases[0]!.paragraphs[q]!).join(' ')}
              after={c.paragraphs.map((q) => paragraphs[q]!).join(' ')}
            />
          </p>
        ) : (
          c.paragraphs.map((p) => (
            <p key={p} className="compare-paragraph">
              <span className="compare-number">¶ {p + 1}</span>{' '}
              <SharedText text={paragraphs[p]!} paragraph={info[p]!} />
            </p>
          ))
        )}
        <p className="compare-meta">
          {words > 0 && `${Math.round((100 * sharedWords) / words)} % shared`}
          {c.moved &&
            ` · moved: ¶ ${c.moved.paragraph + 1} in ${releases[c.moved.column]!.release.title}`}
          {showDiff && ' · changed'}
        </p>
      </div>
    )
  }

  return (
    <section className="compare" aria-label="Compare releases">
      <header className="compare-toolbar">
        <h2>Compare {releases.length} releases</h2>
        <label>
          <input
            type="checkbox"
            checked={together}
            onChange={(e) => setTogether(e.target.checked)}
          />{' '}
          Scroll together
        </label>
      </header>
      <div
        className={together ? 'compare-grid' : 'compare-grid compare-free'}
        role={together ? 'table' : undefined}
        aria-label={together ? 'Aligned paragraphs' : undefined}
        style={{ gridTemplateColumns: `repeat(${releases.length}, minmax(0, 1fr))` }}
      >
        <div className="compare-row" role={together ? 'row' : undefined}>
          {releases.map((r, k) => (
            <div
              key={r.release.id}
              className="compare-head"
              role={together ? 'columnheader' : 'group'}
              aria-label={`Column ${k + 1}: ${r.release.title}`}
            >
              <a href={hrefFor({ view: 'release', releaseId: r.release.id })}>{r.release.title}</a>
              <span>
                {[r.release.date, r.release.place].filter(Boolean).join(' · ')}
                {shared[k]!.words > 0 &&
                  ` · ${Math.round((100 * shared[k]!.sharedWords) / shared[k]!.words)} % shared`}
                {diffs[k] && ' · compared as versions'}
                {translated[k] && ' · aligned as a translation'}
              </span>
            </div>
          ))}
        </div>
        {together
          ? rows.map((row, r) => (
              <div key={r} className="compare-row" role="row">
                {row.cells.map((c, k) => (
                  <div key={k} role="cell">
                    {cell(k, c, row.cells[0] ?? null)}
                  </div>
                ))}
              </div>
            ))
          : releases.map((_, k) => (
              <div
                key={k}
                className="compare-column"
                data-column={k + 1}
                role="region"
                aria-label={`Column ${k + 1}: ${releases[k]!.release.title}`}
                // Scrolled on its own: reachable from the keyboard to scroll with the arrow keys.
                tabIndex={0}
              >
                {rows
                  .filter((row) => row.cells[k])
                  .map((row, r) => (
                    <div key={r}>{cell(k, row.cells[k]!, row.cells[0] ?? null)}</div>
                  ))}
              </div>
            ))}
      </div>
    </section>
  )
}

/** A paragraph with its shared phrases marked, each in its phrase's colour. */
function SharedText({ text, paragraph }: { text: string; paragraph: SharedParagraph }) {
  const out: ReactNode[] = []
  let at = 0
  for (const span of paragraph.spans) {
    if (span.start > at) out.push(text.slice(at, span.start))
    out.push(
      <mark
        key={span.start}
        className={`shared shared-${span.phrase % COLOURS}`}
        title="Shared with another release"
      >
        {text.slice(span.start, span.end)}
      </mark>,
    )
    at = span.end
  }
  out.push(text.slice(at))
  return <>{out}</>
}

/** The newer text with what the older had marked deleted and what it adds marked inserted. */
function DiffText({ before, after }: { before: string; after: string }) {
  const parts = useMemo(() => wordDiff(before, after), [before, after])
  return (
    <>
      {parts.map((p, i) =>
        p.kind === 'same' ? (
          <span key={i}>{p.text}</span>
        ) : p.kind === 'deleted' ? (
          <del key={i}>{p.text}</del>
        ) : (
          <ins key={i}>{p.text}</ins>
        ),
      )}
    </>
  )
}
