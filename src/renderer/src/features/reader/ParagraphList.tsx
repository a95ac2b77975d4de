/**
 * A release's numbered paragraphs, virtualised: only those in and near the
 * view are in the page (30 either side, so a release of a few dozen
 * paragraphs is there whole), each measured as it renders, so a release of
 * thousands of paragraphs opens and scrolls like a short one. The reader pane
 * (`main.reader-pane`) is the scroll container; the list starts below the
 * release's header, which the virtualiser knows as its scroll margin.
 */
import { useVirtualizer } from '@tanstack/react-virtual'
import { memo, useImperativeHandle, useLayoutEffect, useRef, useState, type Ref } from 'react'
import type { TagRecord } from '../../db/records'
import type { ReleaseParagraph } from '../../db/repositories/releases-repo'
import { TEXT_ATTRIBUTE } from './dom-selection'
import { ParagraphText } from './ParagraphText'
import type { FindRange, HighlightRange } from './segments'
import { ParagraphTools } from './ParagraphTools'

export type ParagraphListApi = {
  /** Scrolls paragraph `index` into view; with `focus`, moves the keyboard focus to it. */
  scrollTo(index: number, options?: { align?: 'auto' | 'center' | 'start'; focus?: boolean }): void
  /** The paragraphs in view, first and last (indexes), or null before the list is laid out. */
  visibleRange(): { first: number; last: number } | null
  list(): HTMLOListElement | null
}

export type ParagraphActions = {
  onParagraphClick(index: number): void
  onTagButton(index: number): void
  onClosePicker(): void
  onSetTag(index: number, tag: TagRecord, on: boolean): void
  onHighlightClick(annotationId: string): void
}

const NONE: never[] = []

/** About 29px a line at 80 characters a line: close enough to scroll before measuring. */
function estimate(text: string): number {
  return Math.max(1, Math.ceil(text.length / 80)) * 29
}

export function ParagraphList({
  paragraphs,
  scrollElement,
  marked,
  highlights,
  finds,
  currentFind,
  selectedAnnotation,
  tagsByParagraph,
  current,
  pickerFor,
  actions,
  scrollPaddingStart,
  apiRef,
}: {
  paragraphs: readonly ReleaseParagraph[]
  scrollElement: HTMLElement | null
  marked: readonly string[]
  highlights: ReadonlyMap<number, HighlightRange[]>
  finds: ReadonlyMap<number, FindRange[]>
  currentFind: { paragraph: number; index: number } | null
  selectedAnnotation: string | null
  tagsByParagraph: ReadonlyMap<string, TagRecord[]>
  current: number | null
  pickerFor: number | null
  actions: ParagraphActions
  /** Height of what stays at the top of the pane (the find bar), kept clear when scrolling to a paragraph. */
  scrollPaddingStart: number
  apiRef: Ref<ParagraphListApi>
}) {
  const listRef = useRef<HTMLOListElement>(null)
  const [scrollMargin, setScrollMargin] = useState(0)

  // The virtualizer re-renders this component itself as it scrolls; items are memoised below.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: paragraphs.length,
    getScrollElement: () => scrollElement,
    estimateSize: (i) => estimate(paragraphs[i]?.text ?? ''),
    getItemKey: (i) => paragraphs[i]?.id ?? i,
    overscan: 30,
    // The space between paragraphs, outside each one, so a paragraph's focus ring hugs its text.
    gap: 18,
    scrollMargin,
    scrollPaddingStart,
  })

  // Where the list starts in the pane moves whenever anything above it changes size
  // (the details opened, a correction saved, the find bar shown): measure it again then.
  useLayoutEffect(() => {
    const list = listRef.current
    if (!list || !scrollElement) return
    const observer = new ResizeObserver(() => {
      const top =
        list.getBoundingClientRect().top -
        scrollElement.getBoundingClientRect().top +
        scrollElement.scrollTop
      setScrollMargin((previous) => (Math.abs(previous - top) < 1 ? previous : top))
    })
    observer.observe(list.parentElement ?? list)
    const layout = list.closest('.reader-layout')
    if (layout) observer.observe(layout)
    return () => observer.disconnect()
  }, [scrollElement])

  useImperativeHandle(
    apiRef,
    () => ({
      scrollTo(index, options = {}) {
        if (index < 0 || index >= paragraphs.length) return
        virtualizer.scrollToIndex(index, { align: options.align ?? 'auto' })
        if (options.focus) focusWhenRendered(listRef, index)
      },
      visibleRange() {
        const range = virtualizer.range
        if (!range || paragraphs.length === 0) return null
        return { first: range.startIndex, last: range.endIndex }
      },
      list: () => listRef.current,
    }),
    [virtualizer, paragraphs.length],
  )

  const items = virtualizer.getVirtualItems()
  const setSize = paragraphs.length
  return (
    <ol
      className="paragraphs is-virtual"
      aria-label="Paragraphs"
      ref={listRef}
      style={{ height: virtualizer.getTotalSize(), position: 'relative' }}
    >
      {items.map((item) => {
        const paragraph = paragraphs[item.index]
        if (!paragraph) return null
        const tags = tagsByParagraph.get(paragraph.id) ?? NONE
        return (
          <ParagraphItem
            key={paragraph.id}
            index={item.index}
            top={item.start - scrollMargin}
            setSize={setSize}
            paragraph={paragraph}
            marked={marked}
            highlights={highlights.get(item.index) ?? NONE}
            finds={finds.get(item.index) ?? NONE}
            currentFind={currentFind?.paragraph === item.index ? currentFind.index : null}
            selectedAnnotation={selectedAnnotation}
            tags={tags}
            isCurrent={current === item.index}
            isPickerOpen={pickerFor === item.index}
            actions={actions}
            measureRef={virtualizer.measureElement}
          />
        )
      })}
    </ol>
  )
}

/** Focuses a paragraph once the virtualiser has rendered it (within half a second). */
function focusWhenRendered(listRef: { current: HTMLOListElement | null }, index: number): void {
  let frames = 30
  const attempt = () => {
    const item = listRef.current?.querySelector<HTMLElement>(`li[data-index="${index}"]`)
    if (item) {
      item.focus({ preventScroll: true })
      return
    }
    if (--frames > 0) requestAnimationFrame(attempt)
  }
  requestAnimationFrame(attempt)
}

const ParagraphItem = memo(function ParagraphItem({
  index,
  top,
  setSize,
  paragraph,
  marked,
  highlights,
  finds,
  currentFind,
  selectedAnnotation,
  tags,
  isCurrent,
  isPickerOpen,
  actions,
  measureRef,
}: {
  index: number
  top: number
  setSize: number
  paragraph: ReleaseParagraph
  marked: readonly string[]
  highlights: readonly HighlightRange[]
  finds: readonly FindRange[]
  currentFind: number | null
  selectedAnnotation: string | null
  tags: readonly TagRecord[]
  isCurrent: boolean
  isPickerOpen: boolean
  actions: ParagraphActions
  measureRef: (element: Element | null) => void
}) {
  const n = paragraph.n
  const hasSelected =
    selectedAnnotation !== null && highlights.some((h) => h.id === selectedAnnotation)
  return (
    <li
      ref={measureRef}
      data-index={index}
      id={`p${n}`}
      className={`paragraph${isCurrent ? ' is-current' : ''}${isPickerOpen ? ' has-popover' : ''}`}
      tabIndex={-1}
      aria-setsize={setSize}
      aria-posinset={index + 1}
      style={{ transform: `translateY(${top}px)` }}
      onClick={(e) => {
        const target = e.target as HTMLElement
        if (target.closest('button, input, textarea, .paragraph-tag-popover')) return
        if (window.getSelection()?.isCollapsed === false) return
        actions.onParagraphClick(index)
      }}
    >
      <span className="paragraph-number" aria-hidden="true">
        {n}
      </span>
      <p {...{ [TEXT_ATTRIBUTE]: '' }}>
        <ParagraphText
          text={paragraph.text}
          marked={marked}
          highlights={highlights}
          finds={finds}
          currentFind={currentFind}
          selectedAnnotation={hasSelected ? selectedAnnotation : null}
          onHighlightClick={actions.onHighlightClick}
        />
      </p>
      <ParagraphTools
        n={n}
        releaseId={paragraph.releaseId}
        name={`paragraph ${n}`}
        shortcut="t"
        tags={tags}
        isPickerOpen={isPickerOpen}
        onTagButton={() => actions.onTagButton(index)}
        onClosePicker={actions.onClosePicker}
        onSetTag={(tag, on) => actions.onSetTag(index, tag, on)}
      />
    </li>
  )
})
