/**
 * A paragraph's text with what lies on it marked: annotated passages in their
 * colours (overlapping ones blended), words that mix alphabets (a Cyrillic
 * letter inside a Latin word, or the reverse, looks right but is another word
 * to a search, so the reader points it out), and matches of the find bar.
 * Text is rendered as React text nodes, never as HTML.
 */
import { Fragment, memo, useMemo, type ReactNode } from 'react'
import { highlightBackground, safeColour } from './colours'
import {
  splitSegments,
  wordRanges,
  type Deletion,
  type FindRange,
  type HighlightRange,
  type MarkRange,
} from './segments'

const EXPLANATION =
  'This word mixes alphabets (for example a Cyrillic letter that looks like a Latin one). Search treats it as the word it looks like.'

const NONE: never[] = []

export const ParagraphText = memo(function ParagraphText({
  text,
  marked,
  highlights = NONE,
  finds = NONE,
  currentFind = null,
  selectedAnnotation = null,
  onHighlightClick,
  marks = NONE,
  deletions = NONE,
}: {
  text: string
  /** Words mixing alphabets, to mark wherever they occur. */
  marked: readonly string[]
  highlights?: readonly HighlightRange[]
  finds?: readonly FindRange[]
  currentFind?: number | null
  selectedAnnotation?: string | null
  /** Called with the innermost annotation under a clicked highlight. */
  onHighlightClick?: (annotationId: string) => void
  /** The compare view's marks: shared phrases, inserted words. */
  marks?: readonly MarkRange[]
  /** Deleted words to show, each at its offset. */
  deletions?: readonly Deletion[]
}) {
  const segments = useMemo(
    () =>
      splitSegments(text, {
        highlights,
        mixedScript: wordRanges(text, marked),
        finds,
        currentFind,
        marks,
        cutsAt: deletions.map((d) => d.at),
      }),
    [text, marked, highlights, finds, currentFind, marks, deletions],
  )
  // Every deletion falls on a segment's start (the text is cut there), or at the text's end.
  const deleted = (keep: (at: number) => boolean) =>
    deletions.filter((d) => keep(d.at)).map((d, i) => <del key={`del-${d.at}-${i}`}>{d.text}</del>)

  return (
    <>
      {segments.map((segment, i) => {
        let node: ReactNode = segment.text
        for (const mark of segment.marks) {
          node = mark.inserted ? (
            <ins className={mark.className} title={mark.title}>
              {node}
            </ins>
          ) : (
            <mark className={mark.className} title={mark.title}>
              {node}
            </mark>
          )
        }
        if (segment.isMixedScript) {
          node = (
            <mark className="mixed-script" title={EXPLANATION}>
              {node}
            </mark>
          )
        }
        if (segment.find) {
          node = (
            <mark
              className={`find-match${segment.find === 'current' ? ' is-current' : ''}`}
              data-find={segment.find}
            >
              {node}
            </mark>
          )
        }
        const on = segment.highlights
        if (on.length > 0) {
          const innermost = on[on.length - 1] as HighlightRange
          const isSelected = on.some((h) => h.id === selectedAnnotation)
          node = (
            <mark
              className={`annotation-highlight${isSelected ? ' is-selected' : ''}${on.length > 1 ? ' is-overlap' : ''}`}
              style={{
                background: highlightBackground(on.map((h) => h.color)),
                ['--highlight-edge' as string]: safeColour(innermost.color),
              }}
              title={highlightTitle(on)}
              data-annotation-ids={on.map((h) => h.id).join(' ')}
              onClick={
                onHighlightClick
                  ? () => {
                      // A drag that starts on a highlight is a new selection, not a click on it.
                      if (window.getSelection()?.isCollapsed !== false) {
                        onHighlightClick(innermost.id)
                      }
                    }
                  : undefined
              }
            >
              {node}
            </mark>
          )
        }
        return (
          <Fragment key={segment.start}>
            {deletions.length > 0 && deleted((at) => at === segment.start)}
            {node}
            {deletions.length > 0 &&
              i === segments.length - 1 &&
              deleted((at) => at >= text.length)}
          </Fragment>
        )
      })}
      {segments.length === 0 && deleted(() => true)}
    </>
  )
})

/** What a highlight says when pointed at: that it is annotated, and the note. */
export function highlightTitle(on: readonly HighlightRange[]): string {
  const notes = on.map((h) => excerpt(h.note, 120)).filter((n) => n !== '')
  const head = on.length === 1 ? 'Annotated passage' : `${on.length} annotations overlap here`
  return notes.length > 0 ? `${head}: ${notes.join(' · ')}` : head
}

export function excerpt(text: string, max: number): string {
  const flat = text.replace(/\s+/gu, ' ').trim()
  return flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat
}
