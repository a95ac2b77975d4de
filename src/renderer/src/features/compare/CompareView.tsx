/**
 * Two to four releases side by side (`#/compare/<id>,<id>…`), aligned paragraph by paragraph
 * with the first (shared/compare): aligned paragraphs share a row, so they stay level as the
 * view scrolls; a paragraph with no partner has a gap beside it, and one that moved says where
 * to. Wording shared with another column is highlighted, one colour per phrase in every column,
 * and each paragraph and release shows what share of its words is shared. When one release is
 * the previous version of another, the newer one's changed paragraphs show the word-level diff.
 * "Scroll together" off lays each column out on its own, to scroll freely.
 *
 * Annotating works as in the reader: existing highlights and paragraph tags show in every
 * column; selecting words in a column opens the same toolbar (highlight, note, tag, phrase
 * history), each paragraph has its tag button, and the annotations panel beside the columns
 * lists one column's annotations, to edit, go to, delete or place. Every change goes through
 * the undo stack.
 */
import { memo, useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react'
import { paragraphStarts } from '../../../../shared/annotation/reading-text'
import { compareRows, type CompareCell } from '../../../../shared/compare/compare-rows'
import { sharedPhrases } from '../../../../shared/compare/shared-phrases'
import { translationLink } from '../../../../shared/compare/translations'
import { diffByParagraph, type ParagraphDiff } from '../../../../shared/compare/word-diff'
import { useDb, useEdit } from '../../app/app-context'
import { hrefFor, navigate } from '../../app/use-route'
import { messageOf, useLiveResult } from '../../components/use-live-result'
import type { AnnotationRecord, ReleaseRecord, TagRecord } from '../../db/records'
import { annotationsOf, deleteAnnotation } from '../../db/repositories/annotations-repo'
import { getReleaseWithParagraphs } from '../../db/repositories/releases-repo'
import { paragraphTagsOf } from '../../db/repositories/tags-repo'
import { linkTranslations } from '../../db/repositories/translations-repo'
import { AnnotationPanel, type EditRequest } from '../reader/AnnotationPanel'
import {
  annotatePassage,
  placeOnPassage,
  tagParagraph,
  type AnnotatedText,
} from '../reader/annotate'
import { DEFAULT_COLOUR } from '../reader/colours'
import {
  paragraphItem,
  readParagraphSelection,
  SCOPE_ATTRIBUTE,
  TEXT_ATTRIBUTE,
} from '../reader/dom-selection'
import { Notice } from '../reader/Notice'
import { ParagraphText } from '../reader/ParagraphText'
import {
  highlightsByParagraph,
  paragraphAt,
  type Deletion,
  type HighlightRange,
  type MarkRange,
} from '../reader/segments'
import {
  SelectionToolbar,
  type PassageSelection,
  type SelectionToolbarApi,
} from '../reader/SelectionToolbar'
import { ParagraphTools } from '../reader/ParagraphTools'
import { useTagsById, useTagsByParagraph } from '../reader/use-tags'
import '../reader/reader.css'
import './compare.css'

type Loaded = { release: ReleaseRecord; paragraphs: string[]; paragraphIds: string[] }

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
  const db = useDb()
  const edit = useEdit()
  const [together, setTogether] = useState(true)
  const texts = useMemo(() => releases.map((r) => r.paragraphs), [releases])
  // A release linked as a translation of the first, or reporting the same event in another
  // language, is aligned as its translation: by order and shared numbers.
  const links = useMemo(
    () => releases.map((r, k) => (k > 0 ? translationLink(releases[0]!.release, r.release) : null)),
    [releases],
  )
  const translated = useMemo(() => links.map((link) => link !== null), [links])
  // Wording is not shared across languages: a translation's share says nothing, nor does the
  // first release's when every other column is its translation.
  const showsShare = translated.map((t, k) => (k === 0 ? !translated.slice(1).every(Boolean) : !t))
  const rows = useMemo(() => compareRows(texts, translated), [texts, translated])
  const shared = useMemo(() => sharedPhrases(texts), [texts])
  // Column k shows what changed since the first column when that is its previous version.
  const diffs = useMemo(
    () => releases.map((r, k) => k > 0 && r.release.previousVersionId === releases[0]!.release.id),
    [releases],
  )
  /** Per column, per paragraph: the word diff against the first column's aligned text. */
  const paragraphDiffs = useMemo(() => {
    const out = releases.map(() => new Map<number, ParagraphDiff>())
    for (const row of rows) {
      const first = row.cells[0]
      row.cells.forEach((c, k) => {
        if (!diffs[k] || !c || !first || c.identical) return
        const before = first.paragraphs.map((q) => texts[0]![q]!).join(' ')
        const cut = diffByParagraph(
          before,
          c.paragraphs.map((p) => texts[k]![p]!),
        )
        c.paragraphs.forEach((p, i) => out[k]!.set(p, cut[i]!))
      })
    }
    return out
  }, [releases, rows, texts, diffs])
  /** Per column, per paragraph: its shared phrases as marks. */
  const sharedMarks = useMemo(
    () =>
      shared.map((column) =>
        column.paragraphs.map((paragraph): MarkRange[] =>
          paragraph.spans.map((span) => ({
            start: span.start,
            end: span.end,
            className: `shared shared-${span.phrase % COLOURS}`,
            title: 'Shared with another release',
          })),
        ),
      ),
    [shared],
  )

  // What is on the releases: annotations, paragraph tags, and the tags themselves.
  const ids = releases.map((r) => r.release.id)
  const idsKey = ids.join(',')
  const annotations = useLiveResult(
    () => Promise.all(ids.map((id) => annotationsOf(db, id))),
    [db, idsKey],
  )
  const paragraphTags = useLiveResult(
    () => Promise.all(ids.map((id) => paragraphTagsOf(db, id))),
    [db, idsKey],
  )
  const { tagsById } = useTagsById(db)
  const annotated = useMemo(
    (): AnnotatedText[] =>
      releases.map((r) => ({
        releaseId: r.release.id,
        title: r.release.title,
        texts: r.paragraphs,
        paragraphIds: r.paragraphIds,
      })),
    [releases],
  )
  const starts = useMemo(() => annotated.map((a) => paragraphStarts(a.title, a.texts)), [annotated])
  const highlights = useMemo(
    () =>
      annotated.map((a, k) =>
        highlightsByParagraph(
          annotations.status === 'ready' ? annotations.value[k]! : [],
          starts[k]!,
          a.texts.map((t) => t.length),
        ),
      ),
    [annotated, annotations, starts],
  )
  const allParagraphTags = useMemo(
    () =>
      paragraphTags.status === 'ready'
        ? { status: 'ready' as const, value: paragraphTags.value.flat() }
        : paragraphTags,
    [paragraphTags],
  )
  const tagsByParagraph = useTagsByParagraph(allParagraphTags, tagsById)

  // The column whose annotations the panel lists, and what is chosen in it.
  const [active, setActive] = useState(0)
  const [selected, setSelected] = useState<string | null>(null)
  const [editing, setEditing] = useState<EditRequest | null>(null)
  const [pickerFor, setPickerFor] = useState<string | null>(null)
  const [colour, setColour] = useState<string>(DEFAULT_COLOUR)
  const [notice, setNotice] = useState<string | null>(null)
  // The grid, known once mounted (the toolbar follows its scrolling).
  const [grid, setGrid] = useState<HTMLDivElement | null>(null)
  const toolbarApi = useRef<SelectionToolbarApi>(null)
  const report = (what: string, error: unknown) => setNotice(`${what}: ${messageOf(error)}`)

  const columnOf = (scope: string | null) => {
    const k = Number(scope)
    return scope !== null && Number.isInteger(k) && k >= 0 && k < releases.length ? k : null
  }
  const create = async (
    passage: PassageSelection,
    extra: { note?: string; tagIds?: string[] } = {},
  ): Promise<string | null> => {
    const k = columnOf(passage.scope)
    if (k === null) return null
    try {
      const id = await annotatePassage(edit, annotated[k]!, passage, colour, extra)
      if (id) {
        setActive(k)
        setSelected(id)
      }
      return id
    } catch (e) {
      report('The annotation was not made', e)
      return null
    }
  }
  const paragraphOf = (k: number, a: AnnotationRecord): number | null => {
    const byId = annotated[k]!.paragraphIds.indexOf(a.paragraphId)
    if (byId >= 0) return byId
    return annotated[k]!.texts.length > 0 ? paragraphAt(starts[k]!, a.position.start) : null
  }
  const goTo = (k: number, index: number) => {
    const item = grid && paragraphItem(grid, index, String(k))
    item?.scrollIntoView({ block: 'center' })
    item?.focus({ preventScroll: true })
  }
  const onPlace = async (k: number, a: AnnotationRecord) => {
    const read = grid
      ? readParagraphSelection(grid, (i, scope) => texts[columnOf(scope) ?? -1]?.[i] ?? '')
      : null
    if (!read || read.selection.kind !== 'paragraph' || columnOf(read.scope) !== k) {
      setNotice(
        `Select the passage within one paragraph of “${releases[k]!.release.title}”, then choose “Place on selected text”.`,
      )
      return
    }
    try {
      if (!(await placeOnPassage(edit, annotated[k]!, a.id, read.selection))) return
      toolbarApi.current?.close()
      setSelected(a.id)
      setNotice(null)
    } catch (e) {
      report('The annotation was not placed', e)
    }
  }
  const linkTranslation = async (k: number, on: boolean) => {
    try {
      await edit((d) => linkTranslations(d, releases[0]!.release.id, releases[k]!.release.id, on))
    } catch (e) {
      report(`The translation was not ${on ? 'linked' : 'unlinked'}`, e)
    }
  }
  const onDelete = async (a: AnnotationRecord) => {
    try {
      await edit((d) => deleteAnnotation(d, a.id))
      if (selected === a.id) setSelected(null)
      if (editing?.id === a.id) setEditing(null)
    } catch (e) {
      report('The annotation was not deleted', e)
    }
  }

  // What the paragraphs do; one stable object (calling the latest), so a paragraph re-renders
  // only when what it shows changes.
  const latestActions = useRef<CellActions | null>(null)
  const actions = useMemo(
    (): CellActions => ({
      onHighlightClick: (k, id) => latestActions.current?.onHighlightClick(k, id),
      onTagButton: (key) => latestActions.current?.onTagButton(key),
      onClosePicker: () => latestActions.current?.onClosePicker(),
      onSetTag: (k, index, tag, on) => latestActions.current?.onSetTag(k, index, tag, on),
    }),
    [],
  )
  useLayoutEffect(() => {
    latestActions.current = {
      onHighlightClick: (k, id) => {
        setActive(k)
        setSelected(id)
      },
      onTagButton: (key) => setPickerFor(pickerFor === key ? null : key),
      onClosePicker: () => setPickerFor(null),
      onSetTag: (k, index, tag, on) => {
        const paragraphId = annotated[k]!.paragraphIds[index]
        if (paragraphId === undefined) return
        tagParagraph(edit, annotated[k]!.releaseId, paragraphId, tag.id, on).catch((e: unknown) =>
          report(`The tag “${tag.path}” was not ${on ? 'added' : 'removed'}`, e),
        )
      },
    }
  })

  const cell = (k: number, c: CompareCell | null) => {
    if (!c) {
      return (
        <div className="compare-cell compare-gap">
          <span className="compare-hidden">No paragraph here</span>
        </div>
      )
    }
    const info = shared[k]!.paragraphs
    const words = c.paragraphs.reduce((sum, p) => sum + info[p]!.words, 0)
    const sharedWords = c.paragraphs.reduce((sum, p) => sum + info[p]!.sharedWords, 0)
    const isChanged = c.paragraphs.some((p) => paragraphDiffs[k]!.has(p))
    return (
      <div className="compare-cell">
        <ol className="compare-paragraphs" {...{ [SCOPE_ATTRIBUTE]: String(k) }}>
          {c.paragraphs.map((p) => {
            const diff = paragraphDiffs[k]!.get(p)
            const paragraphId = annotated[k]!.paragraphIds[p]!
            const key = `${k}:${p}`
            return (
              <CompareParagraph
                key={p}
                column={k}
                index={p}
                releaseId={releases[k]!.release.id}
                text={texts[k]![p]!}
                title={releases[k]!.release.title}
                marks={diff ? insertedMarks(diff) : sharedMarks[k]![p]!}
                deletions={diff?.deleted ?? NONE}
                highlights={highlights[k]!.get(p) ?? NONE}
                selectedAnnotation={selected}
                tags={tagsByParagraph.get(paragraphId) ?? NONE}
                pickerKey={key}
                isPickerOpen={pickerFor === key}
                actions={actions}
              />
            )
          })}
        </ol>
        <p className="compare-meta">
          {words > 0 && showsShare[k] && `${Math.round((100 * sharedWords) / words)} % shared`}
          {c.moved &&
            ` · moved: ¶ ${c.moved.paragraph + 1} in ${releases[c.moved.column]!.release.title}`}
          {isChanged && ' · changed'}
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
      <div className="compare-body">
        <div
          ref={setGrid}
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
                <a href={hrefFor({ view: 'release', releaseId: r.release.id })}>
                  {r.release.title}
                </a>
                <span>
                  {[r.release.date, r.release.place].filter(Boolean).join(' · ')}
                  {shared[k]!.words > 0 &&
                    showsShare[k] &&
                    ` · ${Math.round((100 * shared[k]!.sharedWords) / shared[k]!.words)} % shared`}
                  {diffs[k] && ' · compared as versions'}
                  {links[k] === 'linked' && ' · aligned as its linked translation'}
                  {links[k] === 'same event' &&
                    ' · aligned as a translation (same day and organisation)'}
                  {k > 0 &&
                    !links[k] &&
                    otherLanguage(releases[0]!.release, r.release) &&
                    ' · in another language'}
                </span>
                {(links[k] === 'linked' ||
                  (k > 0 && !links[k] && otherLanguage(releases[0]!.release, r.release))) && (
                  <button
                    type="button"
                    className="link-button compare-link-translation"
                    onClick={() => void linkTranslation(k, links[k] !== 'linked')}
                  >
                    {links[k] === 'linked'
                      ? 'Unlink translation'
                      : `Link as a translation of column 1`}
                  </button>
                )}
              </div>
            ))}
          </div>
          {together
            ? rows.map((row, r) => (
                <div key={r} className="compare-row" role="row">
                  {row.cells.map((c, k) => (
                    <div key={k} role="cell">
                      {cell(k, c)}
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
                      <div key={r}>{cell(k, row.cells[k]!)}</div>
                    ))}
                </div>
              ))}
        </div>
        <aside className="compare-annotations" aria-label="Annotations of a column">
          {releases.length > 1 && (
            <label className="compare-annotations-of">
              Annotations of{' '}
              <select
                value={active}
                onChange={(e) => {
                  setActive(Number(e.target.value))
                  setSelected(null)
                  setEditing(null)
                }}
              >
                {releases.map((r, k) => (
                  <option key={r.release.id} value={k}>
                    Column {k + 1}: {r.release.title}
                  </option>
                ))}
              </select>
            </label>
          )}
          <AnnotationPanel
            annotations={
              annotations.status === 'ready'
                ? { status: 'ready', value: annotations.value[active] ?? [] }
                : annotations
            }
            paragraphNumber={(a) => {
              const index = paragraphOf(active, a)
              return index === null ? null : index + 1
            }}
            tagsById={tagsById}
            selected={selected}
            editing={editing}
            onGoTo={(a) => {
              const index = paragraphOf(active, a)
              if (index !== null) goTo(active, index)
            }}
            onSelect={setSelected}
            onEdit={setEditing}
            onDelete={(a) => void onDelete(a)}
            onPlace={(a) => void onPlace(active, a)}
          />
        </aside>
      </div>
      <SelectionToolbar
        list={() => grid}
        scrollElement={grid}
        textOf={(i, scope) => texts[columnOf(scope) ?? -1]?.[i] ?? ''}
        colour={colour}
        onColour={setColour}
        onHighlight={async (passage) => (await create(passage)) !== null}
        onNote={async (passage) => {
          const id = await create(passage)
          if (id) setEditing({ id, token: Date.now() })
          return id !== null
        }}
        onTag={async (passage, tag) => (await create(passage, { tagIds: [tag.id] })) !== null}
        onHistory={(passage) => {
          const k = columnOf(passage.scope)
          if (k === null) return
          navigate({
            view: 'phrase',
            text: texts[k]![passage.index]!.slice(passage.start, passage.end),
            from: releases[k]!.release.id,
          })
        }}
        apiRef={toolbarApi}
      />
      <Notice notice={notice} onDismiss={() => setNotice(null)} />
    </section>
  )
}

const NONE: never[] = []

/** Two releases whose languages are known to differ, or of which one's is not known. */
function otherLanguage(a: ReleaseRecord, b: ReleaseRecord): boolean {
  return !a.lang || !b.lang || a.lang !== b.lang
}

/** A new version's inserted words as marks (its deleted words are shown beside them). */
function insertedMarks(diff: ParagraphDiff): MarkRange[] {
  return diff.inserted.map((r) => ({ ...r, className: 'diff-inserted', inserted: true }))
}

type CellActions = {
  onHighlightClick(column: number, annotationId: string): void
  onTagButton(pickerKey: string): void
  onClosePicker(): void
  onSetTag(column: number, index: number, tag: TagRecord, on: boolean): void
}

/**
 * One paragraph of a column, as the reader shows it: its number, its text with highlights and
 * the compare view's marks, its tag button and tags. Items are `li[data-index]` with the text in
 * `[data-paragraph-text]`, inside their column's scope, so selections read as in the reader.
 */
const CompareParagraph = memo(function CompareParagraph({
  column,
  index,
  releaseId,
  text,
  title,
  marks,
  deletions,
  highlights,
  selectedAnnotation,
  tags,
  pickerKey,
  isPickerOpen,
  actions,
}: {
  column: number
  index: number
  releaseId: string
  text: string
  title: string
  marks: readonly MarkRange[]
  deletions: readonly Deletion[]
  highlights: readonly HighlightRange[]
  selectedAnnotation: string | null
  tags: readonly TagRecord[]
  pickerKey: string
  isPickerOpen: boolean
  actions: CellActions
}) {
  const n = index + 1
  const onHighlightClick = useCallback(
    (id: string) => actions.onHighlightClick(column, id),
    [actions, column],
  )
  const hasSelected =
    selectedAnnotation !== null && highlights.some((h) => h.id === selectedAnnotation)
  return (
    <li
      className={`compare-paragraph${isPickerOpen ? ' has-popover' : ''}`}
      data-index={index}
      tabIndex={-1}
    >
      <span className="compare-number">¶ {n}</span>{' '}
      <p {...{ [TEXT_ATTRIBUTE]: '' }}>
        <ParagraphText
          text={text}
          marked={NONE}
          highlights={highlights}
          marks={marks}
          deletions={deletions}
          selectedAnnotation={hasSelected ? selectedAnnotation : null}
          onHighlightClick={onHighlightClick}
        />
      </p>
      <ParagraphTools
        n={n}
        releaseId={releaseId}
        name={`paragraph ${n} of “${title}”`}
        tags={tags}
        isPickerOpen={isPickerOpen}
        onTagButton={() => actions.onTagButton(pickerKey)}
        onClosePicker={actions.onClosePicker}
        onSetTag={(tag, on) => actions.onSetTag(column, index, tag, on)}
      />
    </li>
  )
})
