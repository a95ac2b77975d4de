/**
 * Find in the release (Ctrl+F, ⌘F): a bar at the top of the reader that
 * stays in view while the text scrolls. Enter goes to the next match,
 * Shift+Enter to the previous one, Escape closes.
 */
import { useId, type Ref } from 'react'

export function FindBar({
  query,
  status,
  hasMatches,
  inputRef,
  onQuery,
  onStep,
  onClose,
}: {
  query: string
  /** "3 of 12", "No matches". */
  status: string
  hasMatches: boolean
  inputRef: Ref<HTMLInputElement>
  onQuery(query: string): void
  onStep(step: 1 | -1): void
  onClose(): void
}) {
  const id = useId()
  return (
    <div className="find-bar" role="search" aria-label="Find in release">
      <label htmlFor={id} className="visually-hidden">
        Find in release
      </label>
      <input
        id={id}
        ref={inputRef}
        // Focused as it opens, so what is typed right after Ctrl+F goes into it.
        autoFocus
        type="search"
        className="find-input"
        placeholder="Find in release"
        autoComplete="off"
        spellCheck={false}
        value={query}
        onChange={(e) => onQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault()
            onStep(e.shiftKey ? -1 : 1)
          } else if (e.key === 'Escape') {
            e.preventDefault()
            e.stopPropagation()
            onClose()
          }
        }}
      />
      <span className="find-status" role="status" aria-live="polite">
        {query.trim() === '' ? '' : status}
      </span>
      <button
        type="button"
        aria-label="Previous match"
        title="Previous match (Shift+Enter)"
        disabled={!hasMatches}
        onClick={() => onStep(-1)}
      >
        ↑
      </button>
      <button
        type="button"
        aria-label="Next match"
        title="Next match (Enter)"
        disabled={!hasMatches}
        onClick={() => onStep(1)}
      >
        ↓
      </button>
      <button type="button" aria-label="Close find" title="Close (Escape)" onClick={onClose}>
        ×
      </button>
    </div>
  )
}
