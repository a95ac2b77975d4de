/**
 * The codebook: every tag with where it is used, for a methods appendix or
 * another tool. Counts are the tag's own uses (a parent's count does not
 * include its children's): releases tagged as a whole, paragraphs tagged,
 * and annotated passages.
 */
import { toCsv } from '../text/csv'
import { compareTagPaths } from './order'
import type { ExchangeData, ExchangeTag } from './types'

export type CodebookCounts = { releases: number; paragraphs: number; passages: number }

export type CodebookRow = {
  path: string
  name: string
  /** The parent's path, or '' for a top-level tag. */
  parentPath: string
  color: string
  description: string
  counts: CodebookCounts
}

export type CodebookNode = {
  path: string
  name: string
  color: string
  description: string
  counts: CodebookCounts
  children: CodebookNode[]
}

export const CODEBOOK_CSV_COLUMNS = [
  'Path',
  'Name',
  'Parent',
  'Colour',
  'Description',
  'Releases',
  'Paragraphs',
  'Passages',
] as const

/** One row per tag, in path order (a parent before its children). */
export function codebookRows(data: ExchangeData): CodebookRow[] {
  const counts = countUses(data)
  const byId = new Map(data.tags.map((tag) => [tag.id, tag]))
  return [...data.tags].sort(compareTagPaths).map((tag) => ({
    path: tag.path,
    name: tag.name,
    parentPath: (tag.parentId !== null ? byId.get(tag.parentId)?.path : undefined) ?? '',
    color: tag.color,
    description: tag.description,
    counts: counts.get(tag.id) ?? { releases: 0, paragraphs: 0, passages: 0 },
  }))
}

export function codebookCsv(data: ExchangeData): string {
  return toCsv([
    [...CODEBOOK_CSV_COLUMNS],
    ...codebookRows(data).map((row) => [
      row.path,
      row.name,
      row.parentPath,
      row.color,
      row.description,
      row.counts.releases,
      row.counts.paragraphs,
      row.counts.passages,
    ]),
  ])
}

/** The tags as a tree, each level in path order. A tag whose parent is missing is a root. */
export function codebookJson(data: ExchangeData): CodebookNode[] {
  const counts = countUses(data)
  const ids = new Set(data.tags.map((tag) => tag.id))
  const children = new Map<string | null, ExchangeTag[]>()
  for (const tag of data.tags) {
    const parent = tag.parentId !== null && ids.has(tag.parentId) ? tag.parentId : null
    const siblings = children.get(parent) ?? []
    siblings.push(tag)
    children.set(parent, siblings)
  }
  // A parent chain that loops back never reaches a root: such tags are listed at the top,
  // cut where the loop comes round, rather than lost.
  const visited = new Set<string>()
  const node = (tag: ExchangeTag): CodebookNode => {
    visited.add(tag.id)
    return {
      path: tag.path,
      name: tag.name,
      color: tag.color,
      description: tag.description,
      counts: counts.get(tag.id) ?? { releases: 0, paragraphs: 0, passages: 0 },
      children: build(tag.id),
    }
  }
  const build = (parent: string | null): CodebookNode[] =>
    (children.get(parent) ?? [])
      .filter((tag) => !visited.has(tag.id))
      .sort(compareTagPaths)
      .map(node)
  const roots = build(null)
  for (const tag of [...data.tags].sort(compareTagPaths)) {
    if (!visited.has(tag.id)) roots.push(node(tag))
  }
  return roots
}

function countUses(data: ExchangeData): Map<string, CodebookCounts> {
  const counts = new Map<string, CodebookCounts>()
  const add = (tagIds: readonly string[], field: keyof CodebookCounts) => {
    // A tag listed twice on one item is one use.
    for (const id of new Set(tagIds)) {
      let entry = counts.get(id)
      if (entry === undefined) {
        entry = { releases: 0, paragraphs: 0, passages: 0 }
        counts.set(id, entry)
      }
      entry[field]++
    }
  }
  for (const release of data.releases) add(release.tagIds, 'releases')
  // One paragraph may come in more than one entry; its tags count once.
  const paragraphs = new Map<string, Set<string>>()
  for (const entry of data.paragraphTags) {
    const key = `${entry.releaseId}\u0000${entry.paragraphKey}`
    const tags = paragraphs.get(key) ?? new Set<string>()
    for (const id of entry.tagIds) tags.add(id)
    paragraphs.set(key, tags)
  }
  for (const tags of paragraphs.values()) add([...tags], 'paragraphs')
  for (const annotation of data.annotations) add(annotation.tagIds, 'passages')
  return counts
}
