/**
 * The release's annotations beside its text, in reading order: each with its
 * colour, the passage, the note and the tags; choosing one scrolls the text
 * to it. Each can be edited (note, colour, tags) or deleted; both go on the
 * undo stack. Annotations whose passage could not be found again after the
 * text changed are listed apart, under "Needs review", to be deleted or
 * placed on a passage the user selects.
 *
 * A note is saved a moment after typing stops, when the field loses the
 * focus, and when the editor closes, so a note is not lost to a closed
 * panel or a switch to another release.
 */
import { useEffect, useId, useLayoutEffect, useRef, useState } from 'react'
import { useDb, useEdit } from '../../app/app-context'
import { trackUnsaved } from '../../app/leaving'
import { TagPicker } from '../../components/TagPicker'
import type { AnnotationRecord, TagRecord } from '../../db/records'
import { updateAnnotation } from '../../db/repositories/annotations-repo'
import { HIGHLIGHT_COLOURS, colourName, safeColour } from './colours'
import { excerpt } from './ParagraphText'
import { TagChips, tagsFor } from './TagChips'
import { messageOf, type LiveResult } from '../../components/use-live-result'

/** How long typing must pause before a note is saved. */
const SAVE_DELAY_MS = 400

export type EditRequest = { id: string; token: number }

export function AnnotationPanel({
  annotations,
  paragraphNumber,
  tagsById,
  selected,
  editing,
  onGoTo,
  onSelect,
  onEdit,
  onDelete,
  onPlace,
}: {
  annotations: LiveResult<AnnotationRecord[]>
  /** The number (1-based) of the paragraph an annotation is on, when known. */
  paragraphNumber: (annotation: AnnotationRecord) => number | null
  tagsById: ReadonlyMap<string, TagRecord>
  selected: string | null
  editing: EditRequest | null
  onGoTo(annotation: AnnotationRecord): void
  onSelect(id: string): void
  onEdit(request: EditRequest | null): void
  onDelete(annotation: AnnotationRecord): void
  onPlace(annotation: AnnotationRecord): void
}) {
  const headingId = useId()
  const reviewId = useId()
  const all = annotations.status === 'ready' ? annotations.value : []
  const placed = all
    .filter((a) => !a.needsReview)
    .sort((a, b) => a.position.start - b.position.start)
  const review = all.filter((a) => a.needsReview)

  return (
    <section className="annotation-panel" aria-labelledby={headingId}>
      <h3 id={headingId} className="panel-heading">
        Annotations{placed.length > 0 && <span className="panel-count"> {placed.length}</span>}
      </h3>
      {annotations.status === 'error' && (
        <p className="panel-error" role="alert">
          Annotations could not be read: {annotations.error}
        </p>
      )}
      {annotations.status === 'loading' && <p className="panel-empty">Reading annotations…</p>}
      {annotations.status === 'ready' && placed.length === 0 && (
        <p className="panel-empty">
          No annotations yet. Select words in a paragraph to highlight them, add a note or tag them.
        </p>
      )}
      {placed.length > 0 && (
        <ol className="annotation-list">
          {placed.map((a) => (
            <AnnotationCard
              key={a.id}
              annotation={a}
              number={paragraphNumber(a)}
              tagsById={tagsById}
              isSelected={a.id === selected}
              editToken={editing?.id === a.id ? editing.token : null}
              onGoTo={() => onGoTo(a)}
              onSelect={() => onSelect(a.id)}
              onEdit={(on) => onEdit(on ? { id: a.id, token: Date.now() } : null)}
              onDelete={() => onDelete(a)}
            />
          ))}
        </ol>
      )}
      {review.length > 0 && (
        <section className="needs-review" aria-labelledby={reviewId}>
          <h3 id={reviewId} className="panel-heading">
            Needs review <span className="panel-count">{review.length}</span>
          </h3>
          <p className="fine-print">
            The text changed and these passages could not be found again with confidence. Select the
            passage in a paragraph, then choose “Place on selected text”.
          </p>
          <ul className="annotation-list">
            {review.map((a) => (
              <li key={a.id} className="annotation-card is-review" style={cardStyle(a.color)}>
                <blockquote className="annotation-quote">
                  “{excerpt(a.quote.exact, 200)}”
                </blockquote>
                {a.note && <p className="annotation-note">{a.note}</p>}
                <p className="review-reason">
                  {a.reviewReason || 'The passage could not be placed in the changed text.'}
                </p>
                <div className="annotation-actions">
                  <button
                    type="button"
                    // Keeps the page's selection, which is what the annotation is placed on.
                    onMouseDown={(e) => e.preventDefault()}
                    onClick={() => onPlace(a)}
                  >
                    Place on selected text
                  </button>
                  <button type="button" onClick={() => onDelete(a)}>
                    Delete
                  </button>
                </div>
              </li>
            ))}
          </ul>
        </section>
      )}
    </section>
  )
}

function cardStyle(colour: string) {
  return { ['--annotation-colour' as string]: safeColour(colour) }
}

function AnnotationCard({
  annotation,
  number,
  tagsById,
  isSelected,
  editToken,
  onGoTo,
  onSelect,
  onEdit,
  onDelete,
}: {
  annotation: AnnotationRecord
  number: number | null
  tagsById: ReadonlyMap<string, TagRecord>
  isSelected: boolean
  editToken: number | null
  onGoTo(): void
  onSelect(): void
  onEdit(on: boolean): void
  onDelete(): void
}) {
  const cardRef = useRef<HTMLLIElement>(null)
  const tags = tagsFor(annotation.tagIds, tagsById)
  const isEditing = editToken !== null

  useEffect(() => {
    if (isSelected || isEditing) cardRef.current?.scrollIntoView({ block: 'nearest' })
  }, [isSelected, isEditing, editToken])

  return (
    <li
      ref={cardRef}
      className={`annotation-card${isSelected ? ' is-selected' : ''}`}
      style={cardStyle(annotation.color)}
      aria-current={isSelected ? 'true' : undefined}
    >
      <button
        type="button"
        className="annotation-quote annotation-go"
        title="Show this passage in the text"
        onClick={() => {
          onSelect()
          onGoTo()
        }}
      >
        {number !== null && <span className="annotation-where">¶ {number}</span>}“
        {excerpt(annotation.quote.exact, 200)}”
      </button>
      {!isEditing && annotation.note && <p className="annotation-note">{annotation.note}</p>}
      {!isEditing && <TagChips tags={tags} label="Tags of this passage" />}
      {isEditing ? (
        <AnnotationEditor
          key={annotation.id}
          annotation={annotation}
          tags={tags}
          focusToken={editToken}
          onDone={() => onEdit(false)}
        />
      ) : (
        <div className="annotation-actions">
          <button type="button" onClick={() => onEdit(true)}>
            Edit
          </button>
          <button type="button" onClick={onDelete}>
            Delete
          </button>
        </div>
      )}
    </li>
  )
}

type SaveState =
  { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'failed'; error: string }

function AnnotationEditor({
  annotation,
  tags,
  focusToken,
  onDone,
}: {
  annotation: AnnotationRecord
  tags: readonly TagRecord[]
  focusToken: number | null
  onDone(): void
}) {
  const edit = useEdit()
  const noteId = useId()
  const statusId = useId()
  const textareaRef = useRef<HTMLTextAreaElement>(null)
  const [draft, setDraft] = useState(annotation.note)
  const [seenNote, setSeenNote] = useState(annotation.note)
  const [save, setSave] = useState<SaveState>({ kind: 'idle' })
  // A save held behind a read of the whole archive (Back Up Now) says so, as it may wait minutes.
  const db = useDb()
  const [isHeld, setHeld] = useState(false)
  const [isPicking, setPicking] = useState(false)
  const [error, setError] = useState<string | null>(null)

  // An undo, or another window, changed the note while nothing was being typed: show it.
  if (annotation.note !== seenNote) {
    setSeenNote(annotation.note)
    if (draft === seenNote) setDraft(annotation.note)
  }

  // The note as stored, the note as typed, and the text of the last save asked for, for
  // the saves that run after a pause or when the editor closes.
  const latest = useRef({ stored: annotation.note, draft, written: annotation.note })
  useLayoutEffect(() => {
    latest.current.stored = annotation.note
    latest.current.written = annotation.note
  }, [annotation.note])
  useLayoutEffect(() => {
    latest.current.draft = draft
  }, [draft])

  const persist = async (text: string): Promise<void> => {
    const known = latest.current
    if (text === known.stored || text === known.written) return
    known.written = text
    setHeld(false)
    setSave({ kind: 'saving' })
    try {
      await edit((db) => updateAnnotation(db, annotation.id, { note: text }))
      setSave({ kind: 'saved' })
    } catch (e) {
      known.written = known.stored
      setSave({ kind: 'failed', error: messageOf(e) })
    }
  }
  const persistRef = useRef(persist)
  useLayoutEffect(() => {
    persistRef.current = persist
  })

  useEffect(() => {
    if (save.kind !== 'saving') return
    const timer = setInterval(() => setHeld(db.writesWaiting().held), 500)
    return () => clearInterval(timer)
  }, [save.kind, db])

  // Save when typing pauses.
  useEffect(() => {
    if (draft === annotation.note) return
    const timer = setTimeout(() => void persistRef.current(draft), SAVE_DELAY_MS)
    return () => clearTimeout(timer)
  }, [draft, annotation.note])

  // Save what is left when the editor closes, or when the page is reloaded or closed while
  // typing (the write starts before the page goes).
  useEffect(() => {
    const known = latest.current
    const save = persistRef
    const saveLeft = () => {
      if (known.draft !== known.stored) void save.current(known.draft)
    }
    window.addEventListener('pagehide', saveLeft)
    // Counted as unsaved when the page asks whether it may go (a backup may be holding writes).
    const untrack = trackUnsaved({ isUnsaved: () => known.draft !== known.stored, save: saveLeft })
    return () => {
      untrack()
      window.removeEventListener('pagehide', saveLeft)
      saveLeft()
    }
  }, [])

  useEffect(() => {
    if (focusToken !== null) textareaRef.current?.focus()
  }, [focusToken])

  const write = async (patch: { color?: string; tagIds?: string[] }) => {
    setError(null)
    try {
      await edit((db) => updateAnnotation(db, annotation.id, patch))
    } catch (e) {
      setError(`Not changed: ${messageOf(e)}`)
    }
  }

  return (
    <div className="annotation-editor">
      <label htmlFor={noteId} className="editor-label">
        Note
      </label>
      <textarea
        id={noteId}
        ref={textareaRef}
        className="annotation-note-input"
        rows={4}
        value={draft}
        aria-describedby={statusId}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={() => void persist(draft)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault()
            void persist(draft).then(onDone)
          } else if (e.key === 'Escape') {
            e.stopPropagation()
            void persist(draft).then(onDone)
          }
        }}
      />
      <p
        id={statusId}
        className={`save-state${save.kind === 'failed' ? ' is-error' : ''}`}
        role="status"
      >
        {save.kind === 'saving'
          ? isHeld
            ? 'Saving… The archive is busy (a backup or an import is working on it); the note is saved as soon as it is free. Keep this window open.'
            : 'Saving…'
          : save.kind === 'saved'
            ? 'Saved'
            : save.kind === 'failed'
              ? `Not saved: ${save.error}. Your text is kept here; it is saved again when you type or leave the field.`
              : 'Saved as you type. Ctrl+Enter closes.'}
      </p>
      <div className="editor-row" role="group" aria-label="Highlight colour">
        {HIGHLIGHT_COLOURS.map((c) => (
          <button
            key={c.value}
            type="button"
            className="swatch"
            style={{ background: c.value }}
            aria-label={c.name}
            title={c.name}
            aria-pressed={safeColour(annotation.color) === c.value}
            onClick={() => void write({ color: c.value })}
          />
        ))}
        <span className="fine-print">{colourName(annotation.color)}</span>
      </div>
      <TagChips
        tags={tags}
        label="Tags of this passage"
        onRemove={(tag) => void write({ tagIds: annotation.tagIds.filter((id) => id !== tag.id) })}
      />
      {isPicking ? (
        <div
          className="editor-picker"
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation()
              setPicking(false)
            }
          }}
        >
          <TagPicker
            label="Tag this passage"
            autoFocus
            exclude={annotation.tagIds}
            onPick={(tag) => void write({ tagIds: [...annotation.tagIds, tag.id] })}
          />
        </div>
      ) : (
        <button type="button" className="link-button" onClick={() => setPicking(true)}>
          Add tag…
        </button>
      )}
      {error && (
        <p className="panel-error" role="alert">
          {error}
        </p>
      )}
      <div className="annotation-actions">
        <button type="button" onClick={() => void persist(draft).then(onDone)}>
          Done
        </button>
      </div>
    </div>
  )
}
