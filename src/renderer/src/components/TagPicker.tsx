/**
 * Choosing a tag by typing part of its path: a combobox (the ARIA combobox
 * pattern with a list box of options) that suggests existing tags whose path
 * has a segment starting with, or containing, what was typed, ignoring case
 * and accents, and offers to create the typed path when no tag has it.
 * Creating "Threats/Terrorism" creates "Threats" too when it is missing, and
 * goes on the undo stack.
 *
 * Keys: Down and Up move through the options (Down opens the list), Enter
 * picks, Escape closes the list, then clears the text; an Escape with nothing
 * left to close reaches the parent, which may close the picker.
 */
import { useLiveQuery } from 'dexie-react-hooks'
import { useId, useMemo, useState, type KeyboardEvent } from 'react'
import { useDb, useHistory } from '../app/app-context'
import type { TagRecord } from '../db/records'
import { ensureTag, listTags } from '../db/repositories/tags-repo'

export type TagPickerProps = {
  onPick(tag: TagRecord): void
  /** Ids of tags not to offer (those already applied). */
  exclude?: string[]
  /** What the picker is for, shown as its label: "Tag this release". */
  label: string
  autoFocus?: boolean
}

/** At most this many suggestions are listed; typing more narrows them. */
const MAX_OPTIONS = 50

type Option = { kind: 'tag'; tag: TagRecord } | { kind: 'create'; path: string }

type TagList = { tags: TagRecord[] } | { error: string }

export function TagPicker({ onPick, exclude, label, autoFocus }: TagPickerProps) {
  const db = useDb()
  const history = useHistory()
  const id = useId()
  const listId = `${id}-options`
  const hintId = `${id}-hint`
  const loaded = useLiveQuery(
    (): Promise<TagList> =>
      Promise.resolve()
        .then(() => listTags(db))
        .then(
          (tags) => ({ tags }),
          (error: unknown) => ({ error: error instanceof Error ? error.message : String(error) }),
        ),
    [db],
  )
  const [query, setQuery] = useState('')
  const [isOpen, setOpen] = useState(false)
  const [active, setActive] = useState(0)
  const [error, setError] = useState<string | null>(null)
  const [isBusy, setBusy] = useState(false)

  const tags = loaded && 'tags' in loaded ? loaded.tags : null
  const options = useMemo((): Option[] => {
    if (!tags) return []
    const found: Option[] = matchTags(tags, query, exclude ?? [])
      .slice(0, MAX_OPTIONS)
      .map((tag) => ({ kind: 'tag', tag }))
    const path = normaliseTagPath(query)
    if (path !== '' && !tags.some((t) => foldForMatch(t.path) === foldForMatch(path))) {
      found.push({ kind: 'create', path })
    }
    return found
  }, [tags, query, exclude])

  const showList = isOpen && options.length > 0
  const activeIndex = Math.min(active, options.length - 1)
  const optionId = (i: number) => `${id}-option-${i}`

  const pick = async (option: Option) => {
    setError(null)
    if (option.kind === 'tag') {
      setQuery('')
      setOpen(false)
      onPick(option.tag)
      return
    }
    setBusy(true)
    try {
      const created = await ensureTag(db, option.path)
      history.push(created.edit)
      setQuery('')
      setOpen(false)
      onPick(created.tag)
    } catch (e) {
      setError(`Could not create “${option.path}”: ${e instanceof Error ? e.message : String(e)}`)
    } finally {
      setBusy(false)
    }
  }

  const pickTyped = async (path: string) => {
    const same = (await listTags(db)).find((t) => foldForMatch(t.path) === foldForMatch(path))
    await pick(same ? { kind: 'tag', tag: same } : { kind: 'create', path })
  }

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault()
      e.stopPropagation()
      if (!showList) {
        setOpen(true)
        setActive(e.key === 'ArrowDown' ? 0 : Math.max(0, options.length - 1))
        return
      }
      const step = e.key === 'ArrowDown' ? 1 : -1
      setActive((activeIndex + step + options.length) % options.length)
    } else if (e.key === 'Enter') {
      e.preventDefault()
      e.stopPropagation()
      const option = options[activeIndex]
      if (isBusy) return
      if (option && (showList || query.trim() !== '')) void pick(option)
      // Typed and Enter pressed before the tags were read: the typed path, found or created.
      else if (!tags && normaliseTagPath(query) !== '') void pickTyped(normaliseTagPath(query))
    } else if (e.key === 'Escape') {
      if (showList) {
        e.preventDefault()
        e.stopPropagation()
        setOpen(false)
      } else if (query !== '') {
        e.preventDefault()
        e.stopPropagation()
        setQuery('')
      }
    } else if (e.key === 'Home' || e.key === 'End') {
      // Keys that move the caret stay with the text field.
      e.stopPropagation()
    }
  }

  return (
    <div className="tag-picker">
      <label className="tag-picker-label" htmlFor={`${id}-input`}>
        {label}
      </label>
      <input
        id={`${id}-input`}
        className="tag-picker-input"
        type="text"
        role="combobox"
        aria-expanded={showList}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={showList ? optionId(activeIndex) : undefined}
        aria-describedby={hintId}
        autoComplete="off"
        spellCheck={false}
        // The picker opens where the user asked for it; typing is what comes next.
        autoFocus={autoFocus}
        placeholder="Type a tag, e.g. Threats/Terrorism"
        value={query}
        // Read-only, not disabled, while a tag is created: disabling would take the focus away.
        readOnly={isBusy}
        aria-busy={isBusy}
        onChange={(e) => {
          setQuery(e.target.value)
          setActive(0)
          setOpen(true)
          setError(null)
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      <p id={hintId} className="tag-picker-hint">
        {loaded && 'error' in loaded
          ? `Tags could not be read: ${loaded.error}`
          : tags && tags.length === 0 && query === ''
            ? 'No tags yet: type a path to create one. A slash makes a child tag.'
            : 'Down arrow lists matching tags; Enter picks.'}
      </p>
      {showList && (
        <ul id={listId} role="listbox" aria-label={label} className="tag-picker-options">
          {options.map((option, i) => (
            <li
              key={option.kind === 'tag' ? option.tag.id : `create:${option.path}`}
              id={optionId(i)}
              role="option"
              aria-selected={i === activeIndex}
              className={`tag-picker-option${i === activeIndex ? ' is-active' : ''}`}
              // Keeps the focus in the text field, so the list stays open and Enter still works.
              onMouseDown={(e) => e.preventDefault()}
              onMouseEnter={() => setActive(i)}
              onClick={() => void pick(option)}
            >
              {option.kind === 'tag' ? (
                <>
                  <span
                    className="tag-dot"
                    style={{ background: option.tag.color }}
                    aria-hidden="true"
                  />
                  {option.tag.path}
                </>
              ) : (
                <>Create “{option.path}”</>
              )}
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p className="tag-picker-error" role="alert">
          {error}
        </p>
      )}
    </div>
  )
}

/** Lower case without accents: "Sécurité" and "securite" match. */
export function foldForMatch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase()
}

/** A typed path as a tag path: segments trimmed, inner spaces collapsed, empty segments dropped. */
export function normaliseTagPath(text: string): string {
  return text
    .split('/')
    .map((segment) => segment.trim().replace(/\s+/gu, ' '))
    .filter((segment) => segment !== '')
    .join('/')
}

/**
 * Tags whose path matches the typed text, best first: a path that starts
 * with it, then a segment that starts with it, then a segment (or, for text
 * with a slash, the path) that contains it; by path within each. Empty text
 * lists every tag by path. Excluded ids are left out.
 */
export function matchTags(
  tags: readonly TagRecord[],
  text: string,
  exclude: readonly string[] = [],
): TagRecord[] {
  const skip = new Set(exclude)
  const query = foldForMatch(normaliseTagPath(text))
  const ranked: { tag: TagRecord; rank: number }[] = []
  for (const tag of tags) {
    if (skip.has(tag.id)) continue
    if (query === '') {
      ranked.push({ tag, rank: 0 })
      continue
    }
    const path = foldForMatch(tag.path)
    const segments = path.split('/')
    let rank = -1
    if (path.startsWith(query)) rank = 0
    else if (segments.some((s) => s.startsWith(query))) rank = 1
    else if (segments.some((s) => s.includes(query)) || path.includes(query)) rank = 2
    if (rank >= 0) ranked.push({ tag, rank })
  }
  return ranked
    .sort((a, b) => a.rank - b.rank || a.tag.path.localeCompare(b.tag.path))
    .map((r) => r.tag)
}
