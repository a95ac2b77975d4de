/**
 * One release, for reading and annotating: its title, tags and what is known
 * about it; its numbered paragraphs (virtualised, so thousands read as
 * smoothly as a few), with annotated passages highlighted and paragraph tags
 * beside them; and, to the right, its annotations in reading order.
 *
 * Selecting words in a paragraph opens a toolbar to highlight, note or tag
 * them; Ctrl+F finds in the release; single keys move between paragraphs and
 * act on them (`?` lists them). Each panel reads its own data and shows its
 * own error, so what cannot be read never hides the text. Every change goes
 * through the undo stack (`useEdit`).
 */
import { useLiveQuery } from 'dexie-react-hooks'
import {
  useCallback,
  useDeferredValue,
  useEffect,
  useEffectEvent,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react'
import { paragraphStarts } from '../../../../shared/annotation/reading-text'
import { useDb, useEdit } from '../../app/app-context'
import { navigate } from '../../app/use-route'
import { ConfirmDialog } from '../tags/ConfirmDialog'
import {
  deleteReleases,
  deletionSummary,
  type DeletionSummary,
} from '../../db/repositories/deletion-repo'
import { formatDateTime, plural } from '../../components/format'
import type { AnnotationRecord, ReleaseRecord, TagRecord } from '../../db/records'
import {
  annotationsOf,
  deleteAnnotation,
  type NewAnnotation,
} from '../../db/repositories/annotations-repo'
import {
  getParagraphs,
  getRelease,
  type ReleaseParagraph,
} from '../../db/repositories/releases-repo'
import { paragraphTagsOf } from '../../db/repositories/tags-repo'
import { annotatePassage, placeOnPassage, tagParagraph } from './annotate'
import { AnnotationPanel, type EditRequest } from './AnnotationPanel'
import { DEFAULT_COLOUR } from './colours'
import { readParagraphSelection, selectParagraphText } from './dom-selection'
import { findMatches, firstMatchFrom, matchCountLabel, matchesByParagraph, stepMatch } from './find'
import { FindBar } from './FindBar'
import { ParagraphList, type ParagraphActions, type ParagraphListApi } from './ParagraphList'
import { Notice } from './Notice'
import { ParagraphText } from './ParagraphText'
import { ReleaseDetails } from './ReleaseDetails'
import { SeeAlso } from '../compare/SeeAlso'
import { Translations } from '../compare/Translations'
import { ReleaseTags } from './ReleaseTags'
import { highlightsByParagraph, paragraphAt } from './segments'
import {
  SelectionToolbar,
  type PassageSelection,
  type SelectionToolbarApi,
} from './SelectionToolbar'
import { ShortcutsDialog } from './ShortcutsDialog'
import { useTagsById, useTagsByParagraph } from './use-tags'
import { messageOf, useLiveResult } from '../../components/use-live-result'
import './reader.css'

/** Room the find bar takes at the top of the pane, kept clear when scrolling to a paragraph. */
const FIND_BAR_SPACE = 64

const NO_PARAGRAPHS: ReleaseParagraph[] = []
const NO_MATCHES = new Map()

export function ReaderView({ releaseId, paragraph }: { releaseId: string; paragraph?: number }) {
  const db = useDb()
  const release = useLiveQuery(() => getRelease(db, releaseId), [db, releaseId], null)

  if (release === null) return null
  if (release === undefined) {
    return (
      <div className="reader-placeholder">
        <p>This release is not in the archive.</p>
      </div>
    )
  }
  return <Reader release={release} paragraph={paragraph} />
}

function Reader({ release, paragraph }: { release: ReleaseRecord; paragraph?: number }) {
  const db = useDb()
  const edit = useEdit()
  const releaseId = release.id

  const paragraphsResult = useLiveResult(() => getParagraphs(db, releaseId), [db, releaseId])
  const annotations = useLiveResult(() => annotationsOf(db, releaseId), [db, releaseId])
  const paragraphTags = useLiveResult(() => paragraphTagsOf(db, releaseId), [db, releaseId])
  const { tagList, tagsById } = useTagsById(db)

  const paragraphs = paragraphsResult.status === 'ready' ? paragraphsResult.value : NO_PARAGRAPHS
  const texts = useMemo(() => paragraphs.map((p) => p.text), [paragraphs])
  const title = release.title
  const starts = useMemo(() => paragraphStarts(title, texts), [title, texts])
  const indexById = useMemo(() => new Map(paragraphs.map((p, i) => [p.id, i])), [paragraphs])

  const tagsResult = useMemo(
    () => (tagList.status === 'ready' ? { status: 'ready' as const, value: tagsById } : tagList),
    [tagList, tagsById],
  )
  const tagsByParagraph = useTagsByParagraph(paragraphTags, tagsById)

  const annotationList = useMemo(
    () => (annotations.status === 'ready' ? annotations.value : []),
    [annotations],
  )
  const highlights = useMemo(
    () =>
      highlightsByParagraph(
        annotationList,
        starts,
        texts.map((t) => t.length),
      ),
    [annotationList, starts, texts],
  )

  // Where the reader is, and what is chosen.
  const [current, setCurrent] = useState<number | null>(null)
  const [selected, setSelected] = useState<string | null>(null)
  const [editing, setEditing] = useState<EditRequest | null>(null)
  const [pickerFor, setPickerFor] = useState<number | null>(null)
  const [colour, setColour] = useState<string>(DEFAULT_COLOUR)
  const [isHelpOpen, setHelpOpen] = useState(false)
  const [notice, setNotice] = useState<string | null>(null)

  // Find: the query, the paragraph it started from, and how many steps were taken since.
  const [isFindOpen, setFindOpen] = useState(false)
  const [query, setQuery] = useState('')
  const [findFrom, setFindFrom] = useState(0)
  const [findStep, setFindStep] = useState(0)
  const findQuery = useDeferredValue(isFindOpen ? query : '')
  const found = useMemo(() => findMatches(texts, findQuery), [texts, findQuery])
  const matchCount = found.matches.length
  const currentMatchIndex =
    matchCount === 0
      ? -1
      : (((firstMatchFrom(found.matches, findFrom) + findStep) % matchCount) + matchCount) %
        matchCount
  const currentMatch = found.matches[currentMatchIndex] ?? null
  const findsByParagraph = useMemo(
    () => (matchCount > 0 ? matchesByParagraph(found.matches) : NO_MATCHES),
    [found, matchCount],
  )
  const findInput = useRef<HTMLInputElement>(null)

  // The pane that scrolls: the reader is mounted in App's `main.reader-pane`.
  const rootRef = useRef<HTMLDivElement>(null)
  const [scrollElement, setScrollElement] = useState<HTMLElement | null>(null)
  useLayoutEffect(() => {
    const root = rootRef.current
    if (!root) return
    const pane = root.closest<HTMLElement>('.reader-pane') ?? scrollableAncestor(root)
    // Known only once mounted; the virtualiser needs it as state.
    setScrollElement(pane)
  }, [])

  // The annotations panel stays in view beside the text, as tall as the pane.
  useEffect(() => {
    const root = rootRef.current
    if (!scrollElement || !root) return
    const observer = new ResizeObserver(() =>
      root.style.setProperty('--pane-height', `${scrollElement.clientHeight}px`),
    )
    observer.observe(scrollElement)
    return () => observer.disconnect()
  }, [scrollElement])

  const listApi = useRef<ParagraphListApi>(null)
  const toolbarApi = useRef<SelectionToolbarApi>(null)

  const report = (what: string, error: unknown) => setNotice(`${what}: ${messageOf(error)}`)

  const firstVisible = () => listApi.current?.visibleRange()?.first ?? 0

  const goToParagraph = (index: number, align: 'auto' | 'center' | 'start' = 'auto') => {
    setCurrent(index)
    listApi.current?.scrollTo(index, { align, focus: true })
  }

  // Opened at a paragraph (a search result): go there once the paragraphs are read.
  const wentTo = useRef<number | null>(null)
  useEffect(() => {
    if (!paragraph || paragraphs.length === 0 || wentTo.current === paragraph) return
    wentTo.current = paragraph
    const index = Math.min(paragraphs.length, paragraph) - 1
    setCurrent(index)
    listApi.current?.scrollTo(index, { align: 'start', focus: true })
  }, [paragraph, paragraphs.length])

  const paragraphOf = useCallback(
    (a: AnnotationRecord): number | null => {
      const byId = indexById.get(a.paragraphId)
      if (byId !== undefined) return byId
      return paragraphs.length > 0 ? paragraphAt(starts, a.position.start) : null
    },
    [indexById, paragraphs.length, starts],
  )

  // Creating, changing and placing annotations.
  const annotated = {
    releaseId,
    title,
    texts,
    paragraphIds: paragraphs.map((p) => p.id),
  }
  const create = async (
    passage: PassageSelection,
    extra: Partial<Pick<NewAnnotation, 'note' | 'tagIds'>> = {},
  ): Promise<string | null> => {
    try {
      const id = await annotatePassage(edit, annotated, passage, colour, extra)
      if (id) {
        setSelected(id)
        setCurrent(passage.index)
      }
      return id
    } catch (e) {
      report('The annotation was not made', e)
      return null
    }
  }

  const onHighlight = async (passage: PassageSelection) => (await create(passage)) !== null

  const onNote = async (passage: PassageSelection) => {
    const id = await create(passage)
    if (id) setEditing({ id, token: Date.now() })
    return id !== null
  }

  const onTagPassage = async (passage: PassageSelection, tag: TagRecord) =>
    (await create(passage, { tagIds: [tag.id] })) !== null

  const onDelete = async (a: AnnotationRecord) => {
    try {
      await edit((db) => deleteAnnotation(db, a.id))
      if (selected === a.id) setSelected(null)
      if (editing?.id === a.id) setEditing(null)
    } catch (e) {
      report('The annotation was not deleted', e)
    }
  }

  const onPlace = async (a: AnnotationRecord) => {
    const list = listApi.current?.list()
    const read = list ? readParagraphSelection(list, (i) => texts[i] ?? '') : null
    if (!read || read.selection.kind !== 'paragraph') {
      setNotice(
        read
          ? 'Select the passage within one paragraph, then choose “Place on selected text”.'
          : 'Select the passage in the text first, then choose “Place on selected text”.',
      )
      return
    }
    try {
      if (!(await placeOnPassage(edit, annotated, a.id, read.selection))) return
      toolbarApi.current?.close()
      setSelected(a.id)
      setNotice(null)
    } catch (e) {
      report('The annotation was not placed', e)
    }
  }

  const onGoTo = (a: AnnotationRecord) => {
    const index = paragraphOf(a)
    if (index !== null) goToParagraph(index, 'center')
  }

  // What the paragraphs do; one stable object, so a scroll re-renders no paragraph.
  const actionsRef = useRef<ParagraphActions | null>(null)
  const paragraphActions = useStableActions(actionsRef)
  useLayoutEffect(() => {
    actionsRef.current = {
      onParagraphClick: (index) => setCurrent(index),
      onTagButton: (index) => {
        setCurrent(index)
        setPickerFor(index)
      },
      onClosePicker: () => {
        const index = pickerFor
        setPickerFor(null)
        if (index !== null) listApi.current?.scrollTo(index, { focus: true })
      },
      onSetTag: (index, tag, on) => {
        const paragraph = paragraphs[index]
        if (!paragraph) return
        tagParagraph(edit, releaseId, paragraph.id, tag.id, on).catch((e: unknown) =>
          report(`The tag “${tag.path}” was not ${on ? 'added' : 'removed'}`, e),
        )
      },
      onHighlightClick: (id) => setSelected(id),
    }
  })

  // Keyboard: single keys while the reader has the focus and nothing is being typed.
  const openFind = () => {
    if (isFindOpen) {
      findInput.current?.focus()
      findInput.current?.select()
      return
    }
    setFindOpen(true)
    setFindFrom(current ?? firstVisible())
    setFindStep(0)
  }

  const closeFind = () => {
    setFindOpen(false)
    if (currentMatch) goToParagraph(currentMatch.paragraph)
    else rootRef.current?.closest<HTMLElement>('.reader-pane')?.focus()
  }

  const onPaneKey = useEffectEvent((e: KeyboardEvent) => {
    if (e.defaultPrevented) return
    const target = e.target instanceof HTMLElement ? e.target : null
    if (target?.closest('dialog')) return
    if (e.key === 'Escape') {
      if (toolbarApi.current?.isOpen()) toolbarApi.current.close()
      else if (pickerFor !== null) actionsRef.current?.onClosePicker()
      else if (isFindOpen) closeFind()
      else if (selected) setSelected(null)
      else return
      e.preventDefault()
      return
    }
    if (e.ctrlKey || e.metaKey || e.altKey) return
    if (target && isTyping(target)) return
    const isArrow = e.key === 'ArrowDown' || e.key === 'ArrowUp'
    // Arrow keys belong to the controls that use them (toolbars, lists, the annotations).
    if (
      isArrow &&
      target?.closest('[role="toolbar"], [role="listbox"], .annotation-panel, select')
    ) {
      return
    }
    const count = paragraphs.length
    switch (e.key) {
      case 'j':
      case 'ArrowDown':
      case 'k':
      case 'ArrowUp': {
        if (count === 0) return
        const step = e.key === 'j' || e.key === 'ArrowDown' ? 1 : -1
        const next =
          current === null ? firstVisible() : Math.min(count - 1, Math.max(0, current + step))
        goToParagraph(next)
        break
      }
      // The pane's own Home and End keys scroll smoothly, and the paragraphs measured on the
      // way (their heights were estimated) stop that scroll short in a long release.
      case 'Home':
        if (count === 0) return
        setCurrent(0)
        scrollElement?.scrollTo({ top: 0 })
        scrollElement?.focus({ preventScroll: true })
        break
      case 'End':
        if (count === 0) return
        goToParagraph(count - 1)
        break
      case 't': {
        if (count === 0) return
        const index = current ?? firstVisible()
        setCurrent(index)
        setPickerFor(index)
        listApi.current?.scrollTo(index)
        break
      }
      case 'a': {
        if (toolbarApi.current?.isOpen()) {
          toolbarApi.current.focus()
          break
        }
        const list = listApi.current?.list()
        const index = current ?? firstVisible()
        if (list && count > 0 && selectParagraphText(list, index)) {
          setCurrent(index)
          toolbarApi.current?.focus()
        }
        break
      }
      case 'n': {
        const id =
          selected ??
          annotationList.find(
            (a) => !a.needsReview && current !== null && paragraphOf(a) === current,
          )?.id ??
          null
        if (!id) {
          setNotice('Choose an annotation first: click a highlight or an annotation in the list.')
          break
        }
        setSelected(id)
        setEditing({ id, token: Date.now() })
        break
      }
      case '?':
        setHelpOpen(true)
        break
      default:
        return
    }
    e.preventDefault()
  })

  const onWindowKey = useEffectEvent((e: KeyboardEvent) => {
    if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'f') {
      e.preventDefault()
      openFind()
    }
  })

  // Listened for on the document, after React's own handlers: a key that a control inside
  // the reader handled (Escape in a tag picker, Enter in the find bar) stops there.
  useEffect(() => {
    if (!scrollElement) return
    const key = (e: KeyboardEvent) => {
      if (e.target instanceof Node && scrollElement.contains(e.target)) onPaneKey(e)
    }
    const global = (e: KeyboardEvent) => onWindowKey(e)
    document.addEventListener('keydown', key)
    window.addEventListener('keydown', global)
    return () => {
      document.removeEventListener('keydown', key)
      window.removeEventListener('keydown', global)
    }
  }, [scrollElement])

  // Show the current match: scroll to its paragraph, then to the match inside it.
  const matchKey = currentMatch
    ? `${findQuery}\n${currentMatchIndex}\n${currentMatch.paragraph}`
    : null
  useEffect(() => {
    if (!matchKey || !currentMatch) return
    listApi.current?.scrollTo(currentMatch.paragraph, { align: 'center' })
    return revealCurrentMatch(listApi.current?.list() ?? null, scrollElement)
    // The match is identified by its key; the object itself changes with every search.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [matchKey, scrollElement])

  const source = release.sourceFiles[0]
  const mixed = release.mixedScriptWords ?? NO_WORDS
  return (
    <div
      className="reader-root"
      ref={rootRef}
      // A release dragged from the library and dropped here opens beside this one.
      onDragOver={(e) => {
        if (!e.dataTransfer.types.includes('text/uri-list')) return
        e.preventDefault()
        e.dataTransfer.dropEffect = 'link'
      }}
      onDrop={(e) => {
        const dropped = releaseIdOf(e.dataTransfer.getData('text/uri-list'))
        if (!dropped) return
        e.preventDefault()
        if (dropped !== releaseId) navigate({ view: 'compare', releaseIds: [releaseId, dropped] })
      }}
    >
      <div className="reader-layout">
        <article
          className="reader"
          aria-labelledby="release-title"
          lang={release.lang ?? undefined}
        >
          {isFindOpen && (
            <FindBar
              query={query}
              status={matchCountLabel(currentMatchIndex, matchCount, found.isTruncated)}
              hasMatches={matchCount > 0}
              inputRef={findInput}
              onQuery={(q) => {
                setQuery(q)
                setFindFrom(current ?? firstVisible())
                setFindStep(0)
              }}
              onStep={(step) => {
                if (matchCount === 0) return
                const next = stepMatch(currentMatchIndex, matchCount, step)
                setFindStep((s) => s + (next - currentMatchIndex))
              }}
              onClose={closeFind}
            />
          )}
          <header className="reader-header">
            <h2 id="release-title">
              <ParagraphText text={release.title} marked={mixed} />
            </h2>
            <ReleaseTags release={release} tags={tagsResult} />
            <p className="reader-meta">
              <button
                type="button"
                className="link-button more-like-this"
                onClick={() =>
                  navigate({
                    view: 'search',
                    query: '',
                    mode: 'release',
                    like: { releaseId, paragraph: null },
                  })
                }
              >
                More like this
              </button>
              {release.previousVersionId && (
                <>
                  {' · '}
                  <button
                    type="button"
                    className="link-button"
                    onClick={() =>
                      navigate({
                        view: 'compare',
                        releaseIds: [release.previousVersionId!, releaseId],
                      })
                    }
                  >
                    Compare with previous version
                  </button>
                </>
              )}
              {' · '}
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
              {' · '}
              <button
                type="button"
                className="link-button shortcuts-link"
                onClick={() => setHelpOpen(true)}
              >
                Keyboard shortcuts
              </button>
              {' · '}
              <DeleteRelease release={release} />
            </p>
            <Translations release={release} onError={report} />
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
          <SeeAlso releaseId={releaseId} />
          {paragraphsResult.status === 'error' && (
            <p className="panel-error" role="alert">
              The paragraphs could not be read: {paragraphsResult.error}
            </p>
          )}
          {paragraphsResult.status === 'ready' && paragraphs.length === 0 && (
            <p className="reader-empty">This release has no paragraphs: its text is empty.</p>
          )}
          {paragraphTags.status === 'error' && (
            <p className="panel-error">Paragraph tags could not be read: {paragraphTags.error}</p>
          )}
          <ParagraphList
            paragraphs={paragraphs}
            scrollElement={scrollElement}
            marked={mixed}
            highlights={highlights}
            finds={isFindOpen ? findsByParagraph : NO_MATCHES}
            currentFind={
              isFindOpen && currentMatch
                ? { paragraph: currentMatch.paragraph, index: currentMatchIndex }
                : null
            }
            selectedAnnotation={selected}
            tagsByParagraph={tagsByParagraph}
            current={current}
            pickerFor={pickerFor}
            actions={paragraphActions}
            scrollPaddingStart={isFindOpen ? FIND_BAR_SPACE : 8}
            apiRef={listApi}
          />
        </article>
        <AnnotationPanel
          annotations={annotations}
          paragraphNumber={(a) => {
            const index = paragraphOf(a)
            return index === null ? null : index + 1
          }}
          tagsById={tagsById}
          selected={selected}
          editing={editing}
          onGoTo={onGoTo}
          onSelect={setSelected}
          onEdit={setEditing}
          onDelete={(a) => void onDelete(a)}
          onPlace={(a) => void onPlace(a)}
        />
      </div>
      <SelectionToolbar
        list={() => listApi.current?.list() ?? null}
        scrollElement={scrollElement}
        textOf={(i) => texts[i] ?? ''}
        colour={colour}
        onColour={setColour}
        onHighlight={onHighlight}
        onNote={onNote}
        onTag={onTagPassage}
        onHistory={({ index, start, end }) =>
          navigate({
            view: 'phrase',
            text: (texts[index] ?? '').slice(start, end),
            from: releaseId,
          })
        }
        apiRef={toolbarApi}
      />
      <Notice notice={notice} onDismiss={() => setNotice(null)} />
      <ShortcutsDialog isOpen={isHelpOpen} onClose={() => setHelpOpen(false)} />
    </div>
  )
}

const NO_WORDS: string[] = []

/**
 * Stable callbacks for the paragraphs that call whatever the latest actions
 * are, so a paragraph re-renders only when what it shows changes.
 */
function useStableActions(ref: { current: ParagraphActions | null }): ParagraphActions {
  return useMemo(
    () => ({
      onParagraphClick: (index) => ref.current?.onParagraphClick(index),
      onTagButton: (index) => ref.current?.onTagButton(index),
      onClosePicker: () => ref.current?.onClosePicker(),
      onSetTag: (index, tag, on) => ref.current?.onSetTag(index, tag, on),
      onHighlightClick: (id) => ref.current?.onHighlightClick(id),
    }),
    [ref],
  )
}

/** True when the keys typed go into a field, not to the reader. */
function isTyping(element: HTMLElement): boolean {
  return (
    element.isContentEditable ||
    element instanceof HTMLInputElement ||
    element instanceof HTMLTextAreaElement ||
    element instanceof HTMLSelectElement
  )
}

function scrollableAncestor(element: HTMLElement): HTMLElement | null {
  for (let node = element.parentElement; node; node = node.parentElement) {
    const overflow = getComputedStyle(node).overflowY
    if (overflow === 'auto' || overflow === 'scroll') return node
  }
  return document.scrollingElement instanceof HTMLElement ? document.scrollingElement : null
}

/**
 * Once the current match is on the page, brings it into view if the
 * paragraph is long enough to hide it; gives up after half a second.
 * Returns the cancel function.
 */
function revealCurrentMatch(list: HTMLElement | null, pane: HTMLElement | null): () => void {
  let frames = 30
  let frame = requestAnimationFrame(function attempt() {
    const mark = list?.querySelector<HTMLElement>('mark.find-match.is-current')
    if (mark && pane) {
      const box = mark.getBoundingClientRect()
      const view = pane.getBoundingClientRect()
      if (box.top < view.top + FIND_BAR_SPACE || box.bottom > view.bottom) {
        mark.scrollIntoView({ block: 'center' })
      }
      return
    }
    if (--frames > 0) frame = requestAnimationFrame(attempt)
  })
  return () => cancelAnimationFrame(frame)
}

/** "Delete release…": asks first, saying what goes with it; Undo brings it all back. */
function DeleteRelease({ release }: { release: ReleaseRecord }) {
  const db = useDb()
  const edit = useEdit()
  const [summary, setSummary] = useState<DeletionSummary | null>(null)
  const parts = summary
    ? [
        summary.annotations > 0 &&
          `its ${plural(summary.annotations, 'annotation')}${summary.notes > 0 ? ` (${plural(summary.notes, 'note')})` : ''}`,
        summary.tags > 0 && `its ${plural(summary.tags, 'tag')}`,
      ].filter(Boolean)
    : []
  return (
    <>
      <button
        type="button"
        className="link-button"
        onClick={() => void deletionSummary(db, [release.id]).then(setSummary)}
      >
        Delete release…
      </button>
      {summary && (
        <ConfirmDialog
          title="Delete release"
          message={`Delete “${release.title}” from the archive${parts.length > 0 ? `, with ${parts.join(' and ')}` : ''}? Undo brings it back.`}
          confirmLabel="Delete"
          isDanger
          onConfirm={async () => {
            await edit((d) => deleteReleases(d, [release.id]))
            navigate({ view: 'library' })
          }}
          onClose={() => setSummary(null)}
        />
      )}
    </>
  )
}

/** The release a dragged link of the app points at ("…#/release/<id>"), or null. */
function releaseIdOf(uriList: string): string | null {
  for (const line of uriList.split(/\r?\n/)) {
    const route = /#\/release\/([A-Za-z0-9:_-]+)/.exec(line.trim())
    if (route?.[1] && line.trim().startsWith(location.origin)) return route[1]
  }
  return null
}
