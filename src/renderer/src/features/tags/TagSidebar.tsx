/**
 * The tag tree under the library: each tag with its colour and how many
 * releases carry it. Choosing a tag shows only those releases; choosing it
 * again, or "Show all" above the list, shows every release. An ARIA tree:
 * arrow keys move and open and close branches, Enter or Space chooses.
 */
import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react'
import { useDb } from '../../app/app-context'
import { listTags, tagCounts } from '../../db/repositories/tags-repo'
import { useLiveResult } from '../../components/use-live-result'
import { buildTagTree, NO_USAGE, usageLine, visibleNodes, type TagNode } from './tag-tree'
import './tags.css'

type Props = {
  /** The tag the library is filtered by, if any. */
  activeTagId: string | null
  onFilter: (tagId: string | null) => void
}

export function TagSidebar({ activeTagId, onFilter }: Props) {
  const db = useDb()
  const tags = useLiveResult(() => listTags(db), [db])
  const counts = useLiveResult(() => tagCounts(db), [db])
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set())
  const [focusedId, setFocusedId] = useState<string | null>(null)
  const items = useRef(new Map<string, HTMLLIElement>())
  const moveFocus = useRef(false)

  const roots = useMemo(() => (tags.status === 'ready' ? buildTagTree(tags.value) : []), [tags])
  const visible = useMemo(() => visibleNodes(roots, collapsed), [roots, collapsed])
  // The one item in the tab order: the focused one, else the active filter, else the first.
  const tabId =
    visible.find((n) => n.tag.id === focusedId)?.tag.id ??
    visible.find((n) => n.tag.id === activeTagId)?.tag.id ??
    visible[0]?.tag.id

  useEffect(() => {
    if (!moveFocus.current || !focusedId) return
    moveFocus.current = false
    items.current.get(focusedId)?.focus()
  }, [focusedId, visible])

  const toggle = (id: string) => {
    setCollapsed((c) => {
      const next = new Set(c)
      if (next.has(id)) next.delete(id)
      else next.add(id)
      return next
    })
  }
  const choose = (id: string) => onFilter(id === activeTagId ? null : id)
  const focusOn = (node: TagNode | undefined) => {
    if (!node) return
    moveFocus.current = true
    setFocusedId(node.tag.id)
  }

  const onKeyDown = (e: KeyboardEvent<HTMLUListElement>) => {
    const at = visible.findIndex((n) => n.tag.id === tabId)
    const node = visible[at]
    if (!node) return
    const hasChildren = node.children.length > 0
    const isOpen = hasChildren && !collapsed.has(node.tag.id)
    let handled = true
    switch (e.key) {
      case 'ArrowDown':
        focusOn(visible[at + 1])
        break
      case 'ArrowUp':
        focusOn(visible[at - 1])
        break
      case 'Home':
        focusOn(visible[0])
        break
      case 'End':
        focusOn(visible[visible.length - 1])
        break
      case 'ArrowRight':
        if (hasChildren && !isOpen) toggle(node.tag.id)
        else if (isOpen) focusOn(node.children[0])
        break
      case 'ArrowLeft':
        if (isOpen) toggle(node.tag.id)
        else focusOn(visible.find((n) => n.tag.id === node.tag.parentId))
        break
      case 'Enter':
      case ' ':
        choose(node.tag.id)
        break
      default:
        handled = false
    }
    if (handled) {
      e.preventDefault()
      e.stopPropagation()
    }
  }

  const usageOf = (id: string) =>
    (counts.status === 'ready' ? counts.value.get(id) : undefined) ?? NO_USAGE

  const render = (nodes: readonly TagNode[]): ReactNode =>
    nodes.map((node) => {
      const { tag } = node
      const hasChildren = node.children.length > 0
      const isOpen = hasChildren && !collapsed.has(tag.id)
      const usage = usageOf(tag.id)
      const labelId = `sidebar-tag-${tag.id}`
      return (
        <li
          key={tag.id}
          ref={(el) => {
            if (el) items.current.set(tag.id, el)
            else items.current.delete(tag.id)
          }}
          role="treeitem"
          aria-level={node.depth + 1}
          aria-expanded={hasChildren ? isOpen : undefined}
          aria-selected={tag.id === activeTagId}
          aria-labelledby={labelId}
          tabIndex={tag.id === tabId ? 0 : -1}
          onFocus={(e) => {
            if (e.target === e.currentTarget) setFocusedId(tag.id)
          }}
          onClick={(e) => {
            e.stopPropagation()
            setFocusedId(tag.id)
            choose(tag.id)
          }}
        >
          <span
            className={`tree-row${tag.id === activeTagId ? ' is-active' : ''}`}
            style={{ paddingLeft: `${0.5 + node.depth * 0.9}rem` }}
          >
            <span
              className={`tree-twisty${hasChildren ? '' : ' is-leaf'}`}
              aria-hidden="true"
              onClick={(e) => {
                if (!hasChildren) return
                e.stopPropagation()
                toggle(tag.id)
              }}
            >
              {hasChildren ? (isOpen ? '▾' : '▸') : ''}
            </span>
            <span className="swatch-dot" style={{ background: tag.color }} aria-hidden="true" />
            <span id={labelId} className="tree-label" title={`${tag.path}: ${usageLine(usage)}`}>
              <span className="tree-name">{tag.name}</span>
              <span className="tree-count">
                {usage.releases.toLocaleString()}
                <span className="tags-sr-only">
                  {` ${usage.releases === 1 ? 'release' : 'releases'}`}
                </span>
              </span>
            </span>
          </span>
          {isOpen && <ul role="group">{render(node.children)}</ul>}
        </li>
      )
    })

  return (
    <section className="tag-sidebar" aria-labelledby="sidebar-tags-heading">
      <h2 id="sidebar-tags-heading" className="pane-heading">
        Tags
      </h2>
      {tags.status === 'error' && (
        <p className="tags-error" role="alert">
          Tags could not be read: {tags.error}
        </p>
      )}
      {counts.status === 'error' && (
        <p className="tags-error" role="alert">
          Tag counts could not be read: {counts.error}
        </p>
      )}
      {tags.status === 'ready' && tags.value.length === 0 && (
        <p className="tag-sidebar-empty">
          No tags yet. Select releases to tag them, or make tags under Tags at the top.
        </p>
      )}
      {roots.length > 0 && (
        <ul
          className="tag-tree-compact"
          role="tree"
          aria-label="Filter the library by tag"
          onKeyDown={onKeyDown}
        >
          {render(roots)}
        </ul>
      )}
    </section>
  )
}
