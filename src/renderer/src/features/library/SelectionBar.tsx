/**
 * What can be done with the releases selected in the library: put a tag on
 * all of them, take one off, export their annotations, compare two to four
 * side by side (in the order they were selected), or clear the selection.
 * Each tagging is one edit on the undo stack.
 */
import { useEffect, useState, type KeyboardEvent } from 'react'
import { useDb, useEdit } from '../../app/app-context'
import { navigate } from '../../app/use-route'
import { MAX_COMPARED } from '../../../../shared/compare/compare-rows'
import { TagPicker } from '../../components/TagPicker'
import { plural } from '../../components/format'
import type { TagRecord } from '../../db/records'
import { listTags, setReleasesTag } from '../../db/repositories/tags-repo'
import { messageOf, useLiveResult } from '../../components/use-live-result'
import { tagsOnReleases } from '../../db/repositories/library-repo'
import { EMPTY_SELECTION, type LibrarySelection } from './selection'
import type { SelectionUpdate } from './LibraryList'

type Props = {
  selection: LibrarySelection
  onSelectionChange: SelectionUpdate
  /** Opens the export view with the selection as its scope. */
  onExport: () => void
}

type Mode = 'tag' | 'untag' | null

/** How long "Tagged 3 releases …" stays. */
const MESSAGE_MS = 6000

export function SelectionBar({ selection, onSelectionChange, onExport }: Props) {
  const edit = useEdit()
  const [mode, setMode] = useState<Mode>(null)
  // What was done, for the selection it was done to; it goes when the selection changes.
  const [done, setDone] = useState<{ text: string; ids: ReadonlySet<string> } | null>(null)
  const [error, setError] = useState<string | null>(null)
  // What is being written, while it is: "Tagging 100,000 releases “Threats”…".
  const [working, setWorking] = useState<string | null>(null)
  const isBusy = working !== null
  const size = selection.ids.size
  const message = done && done.ids === selection.ids ? done.text : null

  useEffect(() => {
    if (!done) return
    const timer = setTimeout(() => setDone(null), MESSAGE_MS)
    return () => clearTimeout(timer)
  }, [done])

  const apply = async (tag: TagRecord, on: boolean) => {
    const ids = [...selection.ids]
    setWorking(
      on
        ? `Tagging ${plural(ids.length, 'release')} “${tag.path}”…`
        : `Removing “${tag.path}” from ${plural(ids.length, 'release')}…`,
    )
    setError(null)
    setDone(null)
    try {
      await edit((db) => setReleasesTag(db, ids, tag.id, on))
      setDone({
        text: on
          ? `Tagged ${plural(ids.length, 'release')} “${tag.path}”.`
          : `Removed “${tag.path}” from the selected releases.`,
        ids: selection.ids,
      })
      setMode(null)
    } catch (e) {
      setError(
        on
          ? `“${tag.path}” could not be put on the selection: ${messageOf(e)}`
          : `“${tag.path}” could not be taken off the selection: ${messageOf(e)}`,
      )
    } finally {
      setWorking(null)
    }
  }

  const open = (next: Mode) => {
    setDone(null)
    setError(null)
    setMode(mode === next ? null : next)
  }

  const closeOnEscape = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.stopPropagation()
      setMode(null)
    }
  }

  return (
    <div className="selection-bar" role="region" aria-label="Selection">
      <div className="selection-line">
        <span className="selection-count">{size.toLocaleString()} selected</span>
        <button
          type="button"
          className="link-button"
          onClick={() => {
            setMode(null)
            onSelectionChange(() => EMPTY_SELECTION)
          }}
        >
          Clear
        </button>
      </div>
      <div className="selection-actions">
        <button
          type="button"
          aria-expanded={mode === 'tag'}
          disabled={isBusy}
          onClick={() => open('tag')}
        >
          Tag…
        </button>
        <button
          type="button"
          aria-expanded={mode === 'untag'}
          disabled={isBusy}
          onClick={() => open('untag')}
        >
          Remove tag…
        </button>
        <button type="button" onClick={onExport}>
          Export annotations…
        </button>
        <button
          type="button"
          disabled={size < 2 || size > MAX_COMPARED}
          title={
            size < 2 || size > MAX_COMPARED
              ? `Select 2 to ${MAX_COMPARED} releases to compare them`
              : undefined
          }
          onClick={() => navigate({ view: 'compare', releaseIds: [...selection.ids] })}
        >
          Compare
        </button>
      </div>
      {mode !== null && (
        <div className="selection-panel" onKeyDown={closeOnEscape}>
          {mode === 'tag' ? (
            <AddTag selection={selection.ids} onPick={(tag) => void apply(tag, true)} />
          ) : (
            <RemoveTag
              selection={selection.ids}
              isBusy={isBusy}
              onRemove={(tag) => void apply(tag, false)}
            />
          )}
          <button type="button" className="link-button" onClick={() => setMode(null)}>
            Cancel
          </button>
        </div>
      )}
      {working && <p className="selection-note">{working}</p>}
      <p className="selection-note" role="status">
        {message}
      </p>
      {error && (
        <p className="library-error" role="alert">
          {error}
        </p>
      )}
    </div>
  )
}

/** Counts of the selected releases carrying each tag, with every tag. */
function useTagsOnSelection(selection: ReadonlySet<string>) {
  const db = useDb()
  return useLiveResult(async () => {
    const tags = await listTags(db)
    const counts = await tagsOnReleases(
      db,
      selection,
      tags.map((t) => t.id),
    )
    return { tags, counts }
  }, [db, selection])
}

function AddTag({
  selection,
  onPick,
}: {
  selection: ReadonlySet<string>
  onPick: (tag: TagRecord) => void
}) {
  const onSelection = useTagsOnSelection(selection)
  // A tag every selected release already carries is not offered.
  const exclude =
    onSelection.status === 'ready'
      ? [...onSelection.value.counts].filter(([, n]) => n === selection.size).map(([id]) => id)
      : []
  return (
    <TagPicker
      label={`Tag ${plural(selection.size, 'selected release')}`}
      autoFocus
      exclude={exclude}
      onPick={onPick}
    />
  )
}

function RemoveTag({
  selection,
  isBusy,
  onRemove,
}: {
  selection: ReadonlySet<string>
  isBusy: boolean
  onRemove: (tag: TagRecord) => void
}) {
  const onSelection = useTagsOnSelection(selection)
  const [chosen, setChosen] = useState('')
  if (onSelection.status === 'loading') return <p className="selection-note">Reading tags…</p>
  if (onSelection.status === 'error') {
    return (
      <p className="library-error" role="alert">
        The tags of the selection could not be read: {onSelection.error}
      </p>
    )
  }
  const { tags, counts } = onSelection.value
  const present = tags.filter((t) => counts.has(t.id))
  if (present.length === 0) {
    return <p className="selection-note">No selected release carries a tag.</p>
  }
  const tag = present.find((t) => t.id === chosen) ?? present[0]
  return (
    <form
      className="remove-tag"
      onSubmit={(e) => {
        e.preventDefault()
        if (tag) onRemove(tag)
      }}
    >
      <label htmlFor="remove-tag-choice">Tag to remove</label>
      <select
        id="remove-tag-choice"
        // The list opens where the user asked for it; choosing is what comes next.
        autoFocus
        value={tag?.id}
        onChange={(e) => setChosen(e.target.value)}
      >
        {present.map((t) => (
          <option key={t.id} value={t.id}>
            {`${t.path} (on ${(counts.get(t.id) ?? 0).toLocaleString()} of ${selection.size.toLocaleString()})`}
          </option>
        ))}
      </select>
      <button type="submit" disabled={isBusy}>
        Remove
      </button>
    </form>
  )
}
