/**
 * The small toolbar that appears by a text selection in a paragraph:
 * highlight colours, Highlight, Add note and Tag…. It follows the selection
 * while the pane scrolls and keeps what was selected while the user works in
 * it (choosing a tag moves the focus, which clears the page's selection). A
 * selection over more than one paragraph gets a word instead of buttons:
 * an annotation is a passage of one paragraph.
 *
 * Over a list of several releases' paragraphs (the compare view), a passage
 * names its release's scope (dom-selection).
 */
import {
  useEffect,
  useImperativeHandle,
  useLayoutEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type Ref,
} from 'react'
import { TagPicker } from '../../components/TagPicker'
import type { TagRecord } from '../../db/records'
import { HIGHLIGHT_COLOURS } from './colours'
import {
  clearSelection,
  paragraphItem,
  readParagraphSelection,
  type ReadSelection,
} from './dom-selection'

/** A passage of paragraph `index`; `scope` names its release where the list holds several. */
export type PassageSelection = { index: number; start: number; end: number; scope: string | null }

export type SelectionToolbarApi = {
  /** Moves the focus into the toolbar; when it is not showing yet, as soon as it shows. */
  focus(): void
  isOpen(): boolean
  close(): void
}

const GAP = 8
const HEIGHT = 44

export function SelectionToolbar({
  list,
  scrollElement,
  textOf,
  colour,
  onColour,
  onHighlight,
  onNote,
  onTag,
  onHistory,
  apiRef,
}: {
  list: () => HTMLElement | null
  scrollElement: HTMLElement | null
  textOf: (index: number, scope: string | null) => string
  colour: string
  onColour(colour: string): void
  onHighlight(passage: PassageSelection): Promise<boolean>
  onNote(passage: PassageSelection): Promise<boolean>
  onTag(passage: PassageSelection, tag: TagRecord): Promise<boolean>
  /** Opens the phrase history of the selected words. */
  onHistory(passage: PassageSelection): void
  apiRef: Ref<SelectionToolbarApi>
}) {
  const [read, setRead] = useState<ReadSelection | null>(null)
  const [isTagging, setTagging] = useState(false)
  const [isBusy, setBusy] = useState(false)
  const toolbarRef = useRef<HTMLDivElement>(null)
  const wantsFocus = useRef(false)
  const latest = useRef({ list, textOf, isTagging })
  useLayoutEffect(() => {
    latest.current = { list, textOf, isTagging }
  })

  const close = () => {
    setRead(null)
    setTagging(false)
    clearSelection()
  }

  useImperativeHandle(apiRef, () => ({
    focus() {
      const first = toolbarRef.current?.querySelector<HTMLElement>('button, input')
      if (first) first.focus()
      else wantsFocus.current = true
    },
    isOpen: () => read !== null,
    close,
  }))

  // Follow the page's selection. While the mouse is down the selection is still being
  // made; while the focus is in the toolbar (picking a tag) the selection it was opened
  // for is kept.
  useEffect(() => {
    let isPointerDown = false
    let frame = 0
    const update = () => {
      cancelAnimationFrame(frame)
      frame = requestAnimationFrame(() => {
        if (isPointerDown) return
        const toolbar = toolbarRef.current
        if (toolbar && toolbar.contains(document.activeElement)) return
        if (latest.current.isTagging) return
        const element = latest.current.list()
        const next = element ? readParagraphSelection(element, latest.current.textOf) : null
        setRead(next)
      })
    }
    const down = (e: PointerEvent) => {
      if (toolbarRef.current?.contains(e.target as Node)) return
      isPointerDown = true
    }
    const up = () => {
      if (!isPointerDown) return
      isPointerDown = false
      update()
    }
    document.addEventListener('selectionchange', update)
    document.addEventListener('pointerdown', down, true)
    document.addEventListener('pointerup', up, true)
    scrollElement?.addEventListener('scroll', update, { passive: true })
    window.addEventListener('resize', update)
    return () => {
      cancelAnimationFrame(frame)
      document.removeEventListener('selectionchange', update)
      document.removeEventListener('pointerdown', down, true)
      document.removeEventListener('pointerup', up, true)
      scrollElement?.removeEventListener('scroll', update)
      window.removeEventListener('resize', update)
    }
  }, [scrollElement])

  useEffect(() => {
    if (read && wantsFocus.current) {
      wantsFocus.current = false
      toolbarRef.current?.querySelector<HTMLElement>('button, input')?.focus()
    }
  }, [read])

  if (!read) return null
  const pane = scrollElement?.getBoundingClientRect()
  const rect = read.rect
  if (pane && (rect.bottom < pane.top || rect.top > pane.bottom)) return null
  const below = rect.bottom + GAP + HEIGHT < (pane?.bottom ?? window.innerHeight)
  const top = below ? rect.bottom + GAP : Math.max(GAP, rect.top - GAP - HEIGHT)
  const left = Math.min(Math.max(GAP, rect.left), Math.max(GAP, window.innerWidth - 420))

  const run = async (action: () => Promise<boolean>) => {
    // Used from the keyboard, the toolbar hands the focus back to the paragraph it acted on,
    // so the reader's keys (j, k, n) go on working once it closes. Asked before the buttons
    // are disabled, which takes the focus off them.
    const hadFocus = toolbarRef.current?.contains(document.activeElement) === true
    setBusy(true)
    try {
      if (!(await action())) return
      const acted = read.selection
      const element = list()
      if (hadFocus && acted.kind === 'paragraph' && element) {
        paragraphItem(element, acted.index, read.scope)?.focus({ preventScroll: true })
      }
      close()
    } finally {
      setBusy(false)
    }
  }

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Escape') {
      e.stopPropagation()
      if (isTagging) setTagging(false)
      else close()
      return
    }
    // Left and Right move between the toolbar's buttons (the ARIA toolbar pattern).
    if (
      (e.key === 'ArrowLeft' || e.key === 'ArrowRight') &&
      e.target instanceof HTMLButtonElement
    ) {
      const buttons = [...(toolbarRef.current?.querySelectorAll('button') ?? [])]
      const at = buttons.indexOf(e.target)
      const next =
        buttons[(at + (e.key === 'ArrowRight' ? 1 : -1) + buttons.length) % buttons.length]
      next?.focus()
      e.preventDefault()
      e.stopPropagation()
    }
  }

  const selection = read.selection
  const passage = (s: { index: number; start: number; end: number }): PassageSelection => ({
    index: s.index,
    start: s.start,
    end: s.end,
    scope: read.scope,
  })
  return (
    <div
      ref={toolbarRef}
      className="selection-toolbar"
      role="toolbar"
      aria-label="Annotate selection"
      style={{ top, left }}
      onKeyDown={onKeyDown}
      // Pressing a button must not clear the selection it acts on.
      onMouseDown={(e) => {
        if (!(e.target instanceof HTMLInputElement)) e.preventDefault()
      }}
    >
      {selection.kind === 'across' ? (
        <>
          <span className="toolbar-message">Select within one paragraph</span>
          <button type="button" aria-label="Close" onClick={close}>
            ×
          </button>
        </>
      ) : isTagging ? (
        <div className="toolbar-tagging">
          <TagPicker
            label="Tag the selected passage"
            autoFocus
            onPick={(tag) => void run(() => onTag(passage(selection), tag))}
          />
          <button type="button" onClick={() => setTagging(false)}>
            Back
          </button>
        </div>
      ) : (
        <>
          <span className="swatches" role="group" aria-label="Highlight colour">
            {HIGHLIGHT_COLOURS.map((c) => (
              <button
                key={c.value}
                type="button"
                className="swatch"
                style={{ background: c.value }}
                aria-label={c.name}
                title={c.name}
                aria-pressed={c.value === colour}
                onClick={() => onColour(c.value)}
              />
            ))}
          </span>
          <button
            type="button"
            disabled={isBusy}
            onClick={() => void run(() => onHighlight(passage(selection)))}
          >
            Highlight
          </button>
          <button
            type="button"
            disabled={isBusy}
            onClick={() => void run(() => onNote(passage(selection)))}
          >
            Add note
          </button>
          <button type="button" disabled={isBusy} onClick={() => setTagging(true)}>
            Tag…
          </button>
          <button type="button" disabled={isBusy} onClick={() => onHistory(passage(selection))}>
            Phrase history
          </button>
        </>
      )}
    </div>
  )
}
