/**
 * The tag manager: the tag tree with each tag's colour, description and use,
 * which together are the project's codebook. Tags are created by path,
 * renamed, recoloured, described, moved, merged and deleted here; merging and
 * deleting ask first, saying what they will change. Every change is one edit
 * on the undo stack, and a refused one says why.
 */
import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react'
import { useDb, useEdit } from '../../app/app-context'
import { hrefFor } from '../../app/use-route'
import { plural } from '../../components/format'
import type { ArchiveDb } from '../../db/archive-db'
import type { Edit } from '../../db/edits'
import type { TagRecord } from '../../db/records'
import {
  deleteTag,
  ensureTag,
  listTags,
  mergeTag,
  moveTag,
  renameTag,
  subtreeUsage,
  tagCounts,
  updateTag,
  type TagUsage,
} from '../../db/repositories/tags-repo'
import { messageOf, useLiveResult } from '../../components/use-live-result'
import { ConfirmDialog } from './ConfirmDialog'
import {
  buildTagTree,
  deleteQuestion,
  descendantIds,
  mergeQuestion,
  NO_USAGE,
  otherTags,
  usageLine,
  type TagNode,
} from './tag-tree'
import './tags.css'

/** Colours offered for a new tag, in turn; any other can be picked. */
const NEW_TAG_COLOURS = [
  '#2b5a84',
  '#9b2c20',
  '#3f7f4c',
  '#8a5a00',
  '#6b4c9a',
  '#1f7a7a',
  '#a3456b',
]

type Panel = { tagId: string; kind: 'rename' | 'describe' | 'move' | 'merge' }

/** The actions that open a panel under a tag, in the order of their buttons. */
const ACTIONS: readonly { kind: Panel['kind']; label: string }[] = [
  { kind: 'rename', label: 'Rename' },
  { kind: 'describe', label: 'Describe' },
  { kind: 'move', label: 'Move…' },
  { kind: 'merge', label: 'Merge…' },
]

type Dialog =
  | { kind: 'delete'; tag: TagRecord; subTags: number; usage: TagUsage }
  | { kind: 'merge'; from: TagRecord; into: TagRecord; usage: TagUsage }

/** What a tag row needs from the manager. */
type RowContext = {
  tags: readonly TagRecord[]
  usageOf: (id: string) => TagUsage
  collapsed: ReadonlySet<string>
  toggle: (id: string) => void
  panel: Panel | null
  setPanel: (panel: Panel | null) => void
  rowError: { tagId: string; message: string } | null
  run: (tag: TagRecord, done: string, write: (db: ArchiveDb) => Promise<Edit>) => Promise<boolean>
  askDelete: (tag: TagRecord) => Promise<void>
  askMerge: (from: TagRecord, into: TagRecord) => void
}

export function TagManager() {
  const db = useDb()
  const edit = useEdit()
  const tags = useLiveResult(() => listTags(db), [db])
  const counts = useLiveResult(() => tagCounts(db), [db])
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set())
  const [panel, setPanel] = useState<Panel | null>(null)
  const [dialog, setDialog] = useState<Dialog | null>(null)
  const [status, setStatus] = useState<string | null>(null)
  const [rowError, setRowError] = useState<{ tagId: string; message: string } | null>(null)

  const all = useMemo(() => (tags.status === 'ready' ? tags.value : []), [tags])
  const roots = useMemo(() => buildTagTree(all), [all])
  const usageOf = (id: string) =>
    (counts.status === 'ready' ? counts.value.get(id) : undefined) ?? NO_USAGE

  const run: RowContext['run'] = async (tag, done, write) => {
    setStatus(null)
    setRowError(null)
    try {
      await edit(write)
      setStatus(done)
      return true
    } catch (e) {
      setRowError({ tagId: tag.id, message: messageOf(e) })
      return false
    }
  }

  const context: RowContext = {
    tags: all,
    usageOf,
    collapsed,
    toggle: (id) =>
      setCollapsed((c) => {
        const next = new Set(c)
        if (next.has(id)) next.delete(id)
        else next.add(id)
        return next
      }),
    panel,
    setPanel: (next) => {
      setRowError(null)
      setPanel(next)
    },
    rowError,
    run,
    askDelete: async (tag) => {
      setRowError(null)
      try {
        const usage = await subtreeUsage(db, tag.id)
        setDialog({ kind: 'delete', tag, subTags: descendantIds(all, tag.id).size, usage })
      } catch (e) {
        setRowError({
          tagId: tag.id,
          message: `What “${tag.path}” is on could not be counted: ${messageOf(e)}`,
        })
      }
    },
    askMerge: (from, into) => setDialog({ kind: 'merge', from, into, usage: usageOf(from.id) }),
  }

  return (
    <section className="tag-manager" aria-labelledby="tag-manager-title">
      <header className="tag-manager-header">
        <h2 id="tag-manager-title">Tags</h2>
        <p className="fine-print">
          The codebook: every tag with its description and how often it is used on releases,
          paragraphs and passages. {tags.status === 'ready' && `${plural(all.length, 'tag')}. `}
          <a href={hrefFor({ view: 'export' })}>Export the codebook</a>
        </p>
      </header>

      <NewTagForm
        nextColour={NEW_TAG_COLOURS[all.length % NEW_TAG_COLOURS.length] as string}
        onCreated={setStatus}
      />

      <p className="tags-status" role="status">
        {status}
      </p>
      {tags.status === 'error' && (
        <p className="tags-error" role="alert">
          Tags could not be read: {tags.error}
        </p>
      )}
      {counts.status === 'error' && (
        <p className="tags-error" role="alert">
          How often tags are used could not be counted: {counts.error}
        </p>
      )}
      {tags.status === 'ready' && all.length === 0 && (
        <p className="tags-empty">No tags yet. Create the first one above.</p>
      )}
      {roots.length > 0 && (
        <ul className="tag-tree" aria-label="Tag tree">
          {roots.map((node) => (
            <TagItem key={node.tag.id} node={node} context={context} />
          ))}
        </ul>
      )}

      {dialog?.kind === 'delete' && (
        <ConfirmDialog
          title={`Delete “${dialog.tag.path}”`}
          message={deleteQuestion(dialog.tag.path, dialog.subTags, dialog.usage)}
          confirmLabel="Delete"
          isDanger
          onClose={() => setDialog(null)}
          onConfirm={async () => {
            const { tag } = dialog
            await edit((db) => deleteTag(db, tag.id))
            setStatus(`Deleted “${tag.path}”.`)
          }}
        />
      )}
      {dialog?.kind === 'merge' && (
        <ConfirmDialog
          title={`Merge “${dialog.from.path}”`}
          message={mergeQuestion(dialog.from.path, dialog.usage, dialog.into.path)}
          confirmLabel="Merge"
          onClose={() => setDialog(null)}
          onConfirm={async () => {
            const { from, into } = dialog
            await edit((db) => mergeTag(db, from.id, into.id))
            setPanel(null)
            setStatus(`Merged “${from.path}” into “${into.path}”.`)
          }}
        >
          <p className="fine-print">
            Everything tagged “{dialog.from.path}” will carry “{dialog.into.path}” instead, its
            sub-tags move under “{dialog.into.path}”, and “{dialog.from.path}” is deleted. Undo
            brings it back.
          </p>
        </ConfirmDialog>
      )}
    </section>
  )
}

function NewTagForm({
  nextColour,
  onCreated,
}: {
  nextColour: string
  onCreated: (message: string) => void
}) {
  const edit = useEdit()
  const [path, setPath] = useState('')
  const [colour, setColour] = useState<string | null>(null)
  const [description, setDescription] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [isBusy, setBusy] = useState(false)

  const create = async () => {
    const wanted = path.trim()
    if (!wanted) return
    setBusy(true)
    setError(null)
    try {
      const created: { tag?: TagRecord } = {}
      const done = await edit(async (db) => {
        const result = await ensureTag(db, wanted, {
          color: colour ?? nextColour,
          description: description.trim(),
        })
        created.tag = result.tag
        return result.edit
      })
      const name = created.tag?.path ?? wanted
      onCreated(done.changes.length > 0 ? `Created “${name}”.` : `“${name}” already exists.`)
      setPath('')
      setColour(null)
      setDescription('')
    } catch (e) {
      setError(`“${wanted}” could not be created: ${messageOf(e)}`)
    } finally {
      setBusy(false)
    }
  }

  return (
    <form
      className="new-tag"
      aria-labelledby="new-tag-title"
      onSubmit={(e) => {
        e.preventDefault()
        void create()
      }}
    >
      <h3 id="new-tag-title">New tag</h3>
      <div className="new-tag-fields">
        <label htmlFor="new-tag-path">Path</label>
        <input
          id="new-tag-path"
          type="text"
          value={path}
          required
          placeholder="Threats/Terrorism"
          aria-describedby="new-tag-help"
          onChange={(e) => setPath(e.target.value)}
        />
        <label htmlFor="new-tag-colour">Colour</label>
        <input
          id="new-tag-colour"
          type="color"
          value={colour ?? nextColour}
          onChange={(e) => setColour(e.target.value)}
        />
        <label htmlFor="new-tag-description">Description</label>
        <textarea
          id="new-tag-description"
          rows={2}
          value={description}
          placeholder="What the tag means, and when to use it"
          onChange={(e) => setDescription(e.target.value)}
        />
      </div>
      <p id="new-tag-help" className="fine-print">
        A slash makes a sub-tag: “Threats/Terrorism” creates “Threats” too when it is missing.
      </p>
      <button type="submit" className="primary" disabled={isBusy || path.trim() === ''}>
        Create tag
      </button>
      {error && (
        <p className="tags-error" role="alert">
          {error}
        </p>
      )}
    </form>
  )
}

function TagItem({ node, context }: { node: TagNode; context: RowContext }) {
  const { tag } = node
  const hasChildren = node.children.length > 0
  const isOpen = hasChildren && !context.collapsed.has(tag.id)
  const panel = context.panel?.tagId === tag.id ? context.panel.kind : null
  const error = context.rowError?.tagId === tag.id ? context.rowError.message : null
  const Heading = (['h3', 'h4', 'h5', 'h6'] as const)[Math.min(node.depth, 3)] ?? 'h6'
  const row = useRef<HTMLDivElement>(null)
  const open = (kind: Panel['kind']) =>
    context.setPanel(panel === kind ? null : { tagId: tag.id, kind })
  // A closed form hands the focus back to the button that opened it.
  const close = () => {
    const kind = panel
    context.setPanel(null)
    requestAnimationFrame(() =>
      row.current?.querySelector<HTMLButtonElement>(`button[data-action="${kind}"]`)?.focus(),
    )
  }

  return (
    <li>
      <div className="tag-row" ref={row}>
        {hasChildren ? (
          <button
            type="button"
            className="tree-toggle"
            aria-expanded={isOpen}
            aria-label={`Sub-tags of ${tag.path}`}
            onClick={() => context.toggle(tag.id)}
          >
            <span aria-hidden="true">{isOpen ? '▾' : '▸'}</span>
          </button>
        ) : (
          <span className="tree-toggle" aria-hidden="true" />
        )}
        <ColourInput
          value={tag.color}
          label={`Colour of ${tag.path}`}
          onCommit={(color) =>
            context.run(tag, `Changed the colour of “${tag.path}”.`, (db) =>
              updateTag(db, tag.id, { color }),
            )
          }
        />
        <div className="tag-main">
          {panel === 'rename' ? (
            <RenameForm tag={tag} context={context} onDone={close} />
          ) : (
            <Heading className="tag-name">{tag.name}</Heading>
          )}
          <p className="tag-counts">{usageLine(context.usageOf(tag.id))}</p>
          {panel === 'describe' ? (
            <DescriptionForm tag={tag} context={context} onDone={close} />
          ) : (
            <p className={`tag-description${tag.description ? '' : ' is-empty'}`}>
              {tag.description || 'No description.'}
            </p>
          )}
          {panel === 'move' && <MoveForm tag={tag} context={context} onDone={close} />}
          {panel === 'merge' && <MergeForm tag={tag} context={context} onDone={close} />}
          {error && (
            <p className="tags-error" role="alert">
              {error}
            </p>
          )}
        </div>
        <div className="tag-actions" role="group" aria-label={`Actions for ${tag.path}`}>
          {ACTIONS.map(({ kind, label }) => (
            <ActionButton
              key={kind}
              label={label}
              tag={tag}
              isOpen={panel === kind}
              action={kind}
              onClick={() => open(kind)}
            />
          ))}
          <button
            type="button"
            className="danger-text"
            aria-label={`Delete ${tag.path}…`}
            onClick={() => void context.askDelete(tag)}
          >
            Delete…
          </button>
        </div>
      </div>
      {isOpen && (
        <ul>
          {node.children.map((child) => (
            <TagItem key={child.tag.id} node={child} context={context} />
          ))}
        </ul>
      )}
    </li>
  )
}

/** A row's action: its visible word, and the tag it acts on for those who hear it. */
function ActionButton({
  label,
  tag,
  isOpen,
  action,
  onClick,
}: {
  label: string
  tag: TagRecord
  isOpen: boolean
  action: Panel['kind']
  onClick: () => void
}) {
  const word = label.replace('…', '')
  return (
    <button
      type="button"
      data-action={action}
      aria-label={`${word} ${tag.path}${label.endsWith('…') ? '…' : ''}`}
      aria-expanded={isOpen}
      onClick={onClick}
    >
      {label}
    </button>
  )
}

/**
 * The tag's colour as a colour picker. Dragging through the picker changes
 * only what is shown; the colour is saved, as one edit, when the picker closes
 * on it (the input's `change` event, which React's onChange does not separate
 * from `input`).
 */
function ColourInput({
  value,
  label,
  onCommit,
}: {
  value: string
  label: string
  onCommit: (color: string) => Promise<boolean>
}) {
  const input = useRef<HTMLInputElement>(null)
  const [draft, setDraft] = useState<string | null>(null)
  const [shown, setShown] = useState(value)
  // A new colour from the archive (saved, undone, redone) replaces what was being picked.
  if (shown !== value) {
    setShown(value)
    setDraft(null)
  }
  const commit = useRef(onCommit)
  useEffect(() => {
    commit.current = onCommit
  })
  useEffect(() => {
    const element = input.current
    if (!element) return
    const onChange = () => {
      if (element.value === value) return
      void commit.current(element.value).then((ok) => {
        if (!ok) setDraft(null)
      })
    }
    element.addEventListener('change', onChange)
    return () => element.removeEventListener('change', onChange)
  }, [value])
  return (
    <input
      ref={input}
      type="color"
      className="tag-swatch"
      aria-label={label}
      value={draft ?? value}
      onChange={(e) => setDraft(e.target.value)}
    />
  )
}

/** Escape in an inline form closes it without saving. */
function escapeCloses(onDone: () => void) {
  return (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault()
      e.stopPropagation()
      onDone()
    }
  }
}

type FormProps = { tag: TagRecord; context: RowContext; onDone: () => void }

function InlineForm({
  className,
  onSubmit,
  onDone,
  children,
  submitLabel,
  canSubmit,
}: {
  className: string
  onSubmit: () => Promise<boolean>
  onDone: () => void
  children: ReactNode
  submitLabel: string
  canSubmit: boolean
}) {
  const [isBusy, setBusy] = useState(false)
  return (
    <form
      className={`tag-form ${className}`}
      onKeyDown={escapeCloses(onDone)}
      onSubmit={(e) => {
        e.preventDefault()
        setBusy(true)
        void onSubmit().then((ok) => {
          setBusy(false)
          if (ok) onDone()
        })
      }}
    >
      {children}
      <span className="tag-form-buttons">
        <button type="submit" className="primary" disabled={isBusy || !canSubmit}>
          {submitLabel}
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </span>
    </form>
  )
}

function RenameForm({ tag, context, onDone }: FormProps) {
  const [name, setName] = useState(tag.name)
  const id = `rename-${tag.id}`
  const wanted = name.trim()
  return (
    <InlineForm
      className="rename-form"
      submitLabel="Rename"
      canSubmit={wanted !== '' && wanted !== tag.name}
      onDone={onDone}
      onSubmit={() =>
        context.run(tag, `Renamed “${tag.path}” to “${wanted}”.`, (db) =>
          renameTag(db, tag.id, wanted),
        )
      }
    >
      <label htmlFor={id} className="tags-sr-only">
        New name of {tag.path}
      </label>
      <input
        id={id}
        type="text"
        value={name}
        // The field opens where the user asked to rename; typing is what comes next.
        autoFocus
        onChange={(e) => setName(e.target.value)}
      />
    </InlineForm>
  )
}

function DescriptionForm({ tag, context, onDone }: FormProps) {
  const [text, setText] = useState(tag.description)
  const id = `describe-${tag.id}`
  return (
    <InlineForm
      className="describe-form"
      submitLabel="Save description"
      canSubmit={text.trim() !== tag.description}
      onDone={onDone}
      onSubmit={() =>
        context.run(tag, `Saved the description of “${tag.path}”.`, (db) =>
          updateTag(db, tag.id, { description: text.trim() }),
        )
      }
    >
      <label htmlFor={id}>Description of {tag.path}</label>
      <textarea
        id={id}
        rows={3}
        value={text}
        // The field opens where the user asked to describe; typing is what comes next.
        autoFocus
        onChange={(e) => setText(e.target.value)}
      />
    </InlineForm>
  )
}

function MoveForm({ tag, context, onDone }: FormProps) {
  const targets = otherTags(context.tags, tag.id)
  const [parent, setParent] = useState(tag.parentId ?? '')
  const id = `move-${tag.id}`
  const target = targets.find((t) => t.id === parent)
  return (
    <InlineForm
      className="move-form"
      submitLabel="Move"
      canSubmit={parent !== (tag.parentId ?? '')}
      onDone={onDone}
      onSubmit={() =>
        context.run(
          tag,
          target
            ? `Moved “${tag.name}” under “${target.path}”.`
            : `Moved “${tag.name}” to the top level.`,
          (db) => moveTag(db, tag.id, parent === '' ? null : parent),
        )
      }
    >
      <label htmlFor={id}>Move {tag.path} under</label>
      <select id={id} value={parent} autoFocus onChange={(e) => setParent(e.target.value)}>
        <option value="">Top level</option>
        {targets.map((t) => (
          <option key={t.id} value={t.id}>
            {t.path}
          </option>
        ))}
      </select>
    </InlineForm>
  )
}

function MergeForm({ tag, context, onDone }: FormProps) {
  const targets = otherTags(context.tags, tag.id)
  const [into, setInto] = useState('')
  const id = `merge-${tag.id}`
  const target = targets.find((t) => t.id === into) ?? targets[0]
  if (!target) {
    return (
      <p className="fine-print" onKeyDown={escapeCloses(onDone)}>
        There is no other tag to merge “{tag.path}” into.{' '}
        <button type="button" className="link-button" onClick={onDone}>
          Close
        </button>
      </p>
    )
  }
  return (
    <InlineForm
      className="merge-form"
      submitLabel="Merge…"
      canSubmit
      onDone={onDone}
      onSubmit={async () => {
        // The confirmation decides; the form stays open behind it.
        context.askMerge(tag, target)
        return false
      }}
    >
      <label htmlFor={id}>Merge {tag.path} into</label>
      <select id={id} value={target.id} autoFocus onChange={(e) => setInto(e.target.value)}>
        {targets.map((t) => (
          <option key={t.id} value={t.id}>
            {t.path}
          </option>
        ))}
      </select>
    </InlineForm>
  )
}
