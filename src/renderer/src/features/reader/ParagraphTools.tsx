/**
 * A paragraph's tools beside its text, in the reader and in the compare view alike: the tag
 * button, ≈ (the paragraphs like this one), the paragraph's tags (each with its ×), and the tag
 * picker while it is open. `name` is how labels name the paragraph: "paragraph 3", or
 * "paragraph 3 of “…”" where several releases are on the page.
 */
import { TagPicker } from '../../components/TagPicker'
import type { TagRecord } from '../../db/records'
import { navigate } from '../../app/use-route'
import { TagChips } from './TagChips'

export function ParagraphTools({
  n,
  releaseId,
  name,
  shortcut,
  tags,
  isPickerOpen,
  onTagButton,
  onClosePicker,
  onSetTag,
}: {
  /** The paragraph's number (1-based). */
  n: number
  releaseId: string
  name: string
  /** The key that opens the picker, shown in the tag button's tooltip. */
  shortcut?: string
  tags: readonly TagRecord[]
  isPickerOpen: boolean
  onTagButton(): void
  onClosePicker(): void
  onSetTag(tag: TagRecord, on: boolean): void
}) {
  return (
    <>
      <button
        type="button"
        className="paragraph-tag-button"
        aria-label={`Tag ${name}`}
        title={`Tag paragraph ${n}${shortcut ? ` (${shortcut})` : ''}`}
        aria-expanded={isPickerOpen}
        onClick={() => (isPickerOpen ? onClosePicker() : onTagButton())}
      >
        <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
          <path
            d="M2 2h5.6l6.4 6.4-5.6 5.6L2 7.6V2zm3 2a1 1 0 1 0 0 2 1 1 0 0 0 0-2z"
            fill="currentColor"
          />
        </svg>
      </button>
      <button
        type="button"
        className="paragraph-similar-button"
        aria-label={`Paragraphs like ${name}`}
        title={`Paragraphs like paragraph ${n}`}
        onClick={() =>
          navigate({
            view: 'search',
            query: '',
            mode: 'paragraph',
            like: { releaseId, paragraph: n },
          })
        }
      />
      {tags.length > 0 && (
        <TagChips
          className="paragraph-tags"
          tags={tags}
          label={`Tags of ${name}`}
          onRemove={(tag) => onSetTag(tag, false)}
        />
      )}
      {isPickerOpen && (
        <div
          className="paragraph-tag-popover"
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation()
              onClosePicker()
            }
          }}
        >
          <TagPicker
            label={`Tag paragraph ${n}`}
            autoFocus
            exclude={tags.map((t) => t.id)}
            onPick={(tag) => onSetTag(tag, true)}
          />
          <button type="button" onClick={onClosePicker}>
            Done
          </button>
        </div>
      )}
    </>
  )
}
