/** The tags on the release as a whole, under its title: chips to remove, a picker to add. */
import { useRef, useState } from 'react'
import { useDb, useEdit } from '../../app/app-context'
import { TagPicker } from '../../components/TagPicker'
import type { ReleaseRecord, TagRecord } from '../../db/records'
import { tagsOfRelease } from '../../db/repositories/release-tags'
import { setReleasesTag } from '../../db/repositories/tags-repo'
import { TagChips, tagsFor } from './TagChips'
import { messageOf, useLiveResult, type LiveResult } from '../../components/use-live-result'

const NO_TAGS: string[] = []

export function ReleaseTags({
  release,
  tags,
}: {
  release: ReleaseRecord
  tags: LiveResult<ReadonlyMap<string, TagRecord>>
}) {
  const db = useDb()
  const edit = useEdit()
  const onRelease = useLiveResult(() => tagsOfRelease(db, release.id), [db, release.id])
  const tagIds = onRelease.status === 'ready' ? onRelease.value : NO_TAGS
  const [isPicking, setPicking] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const addRef = useRef<HTMLButtonElement>(null)
  const byId = tags.status === 'ready' ? tags.value : new Map<string, TagRecord>()
  const on = tagsFor(tagIds, byId)

  const set = async (tag: TagRecord, isOn: boolean) => {
    setError(null)
    try {
      await edit((db) => setReleasesTag(db, [release.id], tag.id, isOn))
    } catch (e) {
      setError(`Could not ${isOn ? 'add' : 'remove'} “${tag.path}”: ${messageOf(e)}`)
    }
  }

  const close = () => {
    setPicking(false)
    requestAnimationFrame(() => addRef.current?.focus())
  }

  return (
    <div className="release-tags">
      <TagChips tags={on} label="Tags of this release" onRemove={(tag) => void set(tag, false)} />
      {(tags.status === 'error' || onRelease.status === 'error') && (
        <span className="panel-error">
          Tags could not be read:{' '}
          {tags.status === 'error' ? tags.error : onRelease.status === 'error' && onRelease.error}
        </span>
      )}
      {isPicking ? (
        <div
          className="release-tag-picker"
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation()
              close()
            }
          }}
        >
          <TagPicker
            label="Tag this release"
            autoFocus
            exclude={tagIds}
            onPick={(tag) => {
              void set(tag, true)
              close()
            }}
          />
          <button type="button" onClick={close}>
            Cancel
          </button>
        </div>
      ) : (
        <button
          ref={addRef}
          type="button"
          className="add-tag-button"
          onClick={() => setPicking(true)}
        >
          {on.length > 0 ? '+ Tag' : '+ Tag this release'}
        </button>
      )}
      {error && (
        <p className="panel-error" role="alert">
          {error}
        </p>
      )}
    </div>
  )
}
