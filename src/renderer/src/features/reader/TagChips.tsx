/**
 * Tags as chips: a dot of the tag's colour and the last segment of its path,
 * the whole path in the tooltip and in the accessible name, and a × to take
 * the tag off where that is allowed.
 */
import type { TagRecord } from '../../db/records'

export function TagChips({
  tags,
  label,
  onRemove,
  className,
}: {
  tags: readonly TagRecord[]
  /** Names the list for assistive technology: "Tags of this release". */
  label: string
  onRemove?: (tag: TagRecord) => void
  className?: string
}) {
  if (tags.length === 0) return null
  return (
    <ul className={`tag-chips${className ? ` ${className}` : ''}`} aria-label={label}>
      {tags.map((tag) => (
        <li key={tag.id} className="tag-chip" title={tag.path}>
          <span className="tag-dot" style={{ background: tag.color }} aria-hidden="true" />
          {/* The parent path is read out, not shown: the chip stays short. */}
          <span className="visually-hidden">{parentPath(tag.path)}</span>
          <span className="tag-chip-name">{lastSegment(tag.path)}</span>
          {onRemove && (
            <button
              type="button"
              className="tag-remove"
              aria-label={`Remove tag ${tag.path}`}
              title={`Remove tag ${tag.path}`}
              onClick={() => onRemove(tag)}
            >
              ×
            </button>
          )}
        </li>
      ))}
    </ul>
  )
}

export function lastSegment(path: string): string {
  const i = path.lastIndexOf('/')
  return i === -1 ? path : path.slice(i + 1)
}

/** "Threats/" of "Threats/Terrorism": the path up to and including the last slash. */
function parentPath(path: string): string {
  return path.slice(0, path.lastIndexOf('/') + 1)
}

/** The tags with these ids, in the order given, skipping ids no tag has (a tag being deleted). */
export function tagsFor(ids: readonly string[], byId: ReadonlyMap<string, TagRecord>): TagRecord[] {
  const found: TagRecord[] = []
  for (const id of ids) {
    const tag = byId.get(id)
    if (tag) found.push(tag)
  }
  return found
}
