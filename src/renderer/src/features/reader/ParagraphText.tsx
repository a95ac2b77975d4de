/**
 * A paragraph's text with its mixed-script words marked: a Cyrillic letter
 * inside a Latin word (or the reverse) looks right but is another word to a
 * search, so the reader points it out. Text is rendered as React text nodes,
 * never as HTML.
 */
import { Fragment } from 'react'

const EXPLANATION =
  'This word mixes alphabets (for example a Cyrillic letter that looks like a Latin one). Search treats it as the word it looks like.'

export function ParagraphText({ text, marked }: { text: string; marked: readonly string[] }) {
  if (marked.length === 0) return <>{text}</>
  const pattern = new RegExp(
    `(${[...marked]
      .sort((a, b) => b.length - a.length)
      .map(escapeRegExp)
      .join('|')})`,
    'gu',
  )
  const parts = text.split(pattern)
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          <mark key={i} className="mixed-script" title={EXPLANATION}>
            {part}
          </mark>
        ) : (
          <Fragment key={i}>{part}</Fragment>
        ),
      )}
    </>
  )
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
