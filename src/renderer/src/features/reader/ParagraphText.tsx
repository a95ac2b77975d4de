/**
 * A paragraph's text with what lies on it marked: annotated passages in their
 * colours (overlapping ones blended), words that mix alphabets (a Cyrillic
 * letter inside a Latin word, or the reverse, looks right but is another word
 * to a search, so the reader points it out), and matches of the find bar.
 * Text is rendered as React text nodes, never as HTML.
 */
import { Fragment, memo, useMemo, type ReactNode } from 'react'
import { highlightBackground, safeColour } from './colours'
import { splitSegments, wordRanges, type FindRange, type HighlightRange } from './segments'

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
}) {
  const segments = useMemo(
    () =>
      splitSegments(text, {
        highlights,
        mixedScript: wordRanges(text, marked),
        finds,
        currentFind,
      }),
    [text, marked, highlights, finds, currentFind],
  )

  return (
    <>
      {segments.map((segment) => {
        let node: ReactNode = segment.text
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
        return <Fragment key={segment.start}>{node}</Fragment>
      })}
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
