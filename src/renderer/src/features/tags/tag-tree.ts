/**
 * The tag tree as the tag manager and the library's sidebar show it, built
 * from the flat list of tags, and the words used about a tag's use.
 */
import { plural } from '../../components/format'
import type { TagRecord } from '../../db/records'
import type { TagUsage } from '../../db/repositories/tags-repo'

export type TagNode = { tag: TagRecord; depth: number; children: TagNode[] }

/**
 * The tags as a tree, siblings in alphabetical order of name. A tag whose
 * parent is missing, or that would make a cycle, is shown at the top level
 * rather than lost.
 */
export function buildTagTree(tags: readonly TagRecord[]): TagNode[] {
  const byId = new Map(tags.map((tag) => [tag.id, tag]))
  const childrenOf = new Map<string | null, TagRecord[]>()
  for (const tag of tags) {
    const parent = tag.parentId !== null && byId.has(tag.parentId) ? tag.parentId : null
    const list = childrenOf.get(parent) ?? []
    list.push(tag)
    childrenOf.set(parent, list)
  }
  const placed = new Set<string>()
  const build = (parent: string | null, depth: number): TagNode[] =>
    (childrenOf.get(parent) ?? [])
      .filter((tag) => !placed.has(tag.id))
      .sort(byName)
      .map((tag) => {
        placed.add(tag.id)
        return { tag, depth, children: build(tag.id, depth + 1) }
      })
  const roots = build(null, 0)
  // Tags in a parent cycle are reached from no root: each comes up at the top with what is below it.
  for (const tag of [...tags].sort(byName)) {
    if (!placed.has(tag.id)) {
      placed.add(tag.id)
      roots.push({ tag, depth: 0, children: build(tag.id, 1) })
    }
  }
  return roots
}

function byName(a: TagRecord, b: TagRecord): number {
  return (
    a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }) || a.id.localeCompare(b.id)
  )
}

/** The nodes a reader meets going down the tree, skipping the children of collapsed nodes. */
export function visibleNodes(roots: readonly TagNode[], collapsed: ReadonlySet<string>): TagNode[] {
  const out: TagNode[] = []
  const walk = (nodes: readonly TagNode[]) => {
    for (const node of nodes) {
      out.push(node)
      if (!collapsed.has(node.tag.id)) walk(node.children)
    }
  }
  walk(roots)
  return out
}

/** The ids of every tag below `id`, not counting itself. */
export function descendantIds(tags: readonly TagRecord[], id: string): Set<string> {
  const childrenOf = new Map<string, string[]>()
  for (const tag of tags) {
    if (tag.parentId === null) continue
    const list = childrenOf.get(tag.parentId) ?? []
    list.push(tag.id)
    childrenOf.set(tag.parentId, list)
  }
  const found = new Set<string>()
  const queue = [...(childrenOf.get(id) ?? [])]
  while (queue.length > 0) {
    const next = queue.pop() as string
    if (found.has(next) || next === id) continue
    found.add(next)
    queue.push(...(childrenOf.get(next) ?? []))
  }
  return found
}

/**
 * Where a tag may go, or be merged into: every tag but itself and the tags
 * below it, ordered by path.
 */
export function otherTags(tags: readonly TagRecord[], id: string): TagRecord[] {
  const below = descendantIds(tags, id)
  return tags
    .filter((tag) => tag.id !== id && !below.has(tag.id))
    .sort((a, b) => a.path.localeCompare(b.path))
}

export const NO_USAGE: TagUsage = { releases: 0, paragraphs: 0, passages: 0 }

/** "3 releases · 2 paragraphs · 5 passages". */
export function usageLine(usage: TagUsage): string {
  return [
    plural(usage.releases, 'release'),
    plural(usage.paragraphs, 'paragraph'),
    plural(usage.passages, 'passage'),
  ].join(' · ')
}

/** "3 releases, 2 paragraphs and 5 passages", leaving out what is none; null when nothing. */
function usageList(usage: TagUsage): string | null {
  const parts = [
    usage.releases > 0 ? plural(usage.releases, 'release') : null,
    usage.paragraphs > 0 ? plural(usage.paragraphs, 'paragraph') : null,
    usage.passages > 0 ? plural(usage.passages, 'passage') : null,
  ].filter((part): part is string => part !== null)
  if (parts.length === 0) return null
  if (parts.length === 1) return parts[0] as string
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`
}

/**
 * What deleting a tag does, as the confirmation asks it: "Delete “Threats”
 * and its 2 sub-tags? It is on 3 releases, 2 paragraphs and 5 passages; they
 * keep everything else." `usage` covers the tag and its sub-tags.
 */
export function deleteQuestion(path: string, subTags: number, usage: TagUsage): string {
  const what =
    subTags > 0
      ? `Delete “${path}” and its ${subTags === 1 ? 'sub-tag' : `${subTags.toLocaleString()} sub-tags`}?`
      : `Delete “${path}”?`
  const list = usageList(usage)
  return list
    ? `${what} It is on ${list}; they keep everything else.`
    : `${what} It is not on any release, paragraph or passage.`
}

/** "Merge “A” (3 releases, 2 paragraphs, 5 passages) into “B”?" */
export function mergeQuestion(fromPath: string, usage: TagUsage, intoPath: string): string {
  const counts = [
    plural(usage.releases, 'release'),
    plural(usage.paragraphs, 'paragraph'),
    plural(usage.passages, 'passage'),
  ].join(', ')
  return `Merge “${fromPath}” (${counts}) into “${intoPath}”?`
}
