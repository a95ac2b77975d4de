import { describe, expect, it } from 'vitest'
import type { TagRecord } from '../../db/records'
import {
  buildTagTree,
  deleteQuestion,
  descendantIds,
  mergeQuestion,
  otherTags,
  usageLine,
  visibleNodes,
} from './tag-tree'

function tag(id: string, path: string, parentId: string | null): TagRecord {
  const name = path.split('/').pop() as string
  return { id, name, path, parentId, color: '#336699', description: '', createdAt: 0 }
}

const tags = [
  tag('t', 'Threats', null),
  tag('tt', 'Threats/Terrorism', 't'),
  tag('ts', 'Threats/Separatism', 't'),
  tag('tsx', 'Threats/Separatism/Xinjiang', 'ts'),
  tag('c', 'Cooperation', null),
  tag('a', 'anniversaries', null),
]

const names = (nodes: { tag: TagRecord }[]) => nodes.map((n) => n.tag.name)

describe('tag tree', () => {
  it('nests tags under their parents, siblings in alphabetical order', () => {
    const roots = buildTagTree(tags)
    expect(names(roots)).toEqual(['anniversaries', 'Cooperation', 'Threats'])
    const threats = roots[2]
    expect(names(threats?.children ?? [])).toEqual(['Separatism', 'Terrorism'])
    expect(threats?.children[0]?.children[0]?.tag.path).toBe('Threats/Separatism/Xinjiang')
    expect(threats?.children[0]?.children[0]?.depth).toBe(2)
  })

  it('puts a tag whose parent is missing at the top instead of losing it', () => {
    const roots = buildTagTree([tag('x', 'Gone/Orphan', 'gone'), tag('c', 'Cooperation', null)])
    expect(names(roots)).toEqual(['Cooperation', 'Orphan'])
  })

  it('shows every tag once even when parents form a cycle', () => {
    const roots = buildTagTree([tag('p', 'P', 'q'), tag('q', 'Q', 'p'), tag('r', 'R', null)])
    const all = visibleNodes(roots, new Set())
    expect(all.map((n) => n.tag.id).sort()).toEqual(['p', 'q', 'r'])
  })

  it('hides the children of collapsed tags', () => {
    const roots = buildTagTree(tags)
    expect(names(visibleNodes(roots, new Set()))).toEqual([
      'anniversaries',
      'Cooperation',
      'Threats',
      'Separatism',
      'Xinjiang',
      'Terrorism',
    ])
    expect(names(visibleNodes(roots, new Set(['ts'])))).toEqual([
      'anniversaries',
      'Cooperation',
      'Threats',
      'Separatism',
      'Terrorism',
    ])
    expect(names(visibleNodes(roots, new Set(['t'])))).toEqual([
      'anniversaries',
      'Cooperation',
      'Threats',
    ])
  })

  it('finds every tag below a tag', () => {
    expect([...descendantIds(tags, 't')].sort()).toEqual(['ts', 'tsx', 'tt'])
    expect([...descendantIds(tags, 'tt')]).toEqual([])
  })

  it('offers as targets every tag but the tag itself and those below it', () => {
    expect(otherTags(tags, 'ts').map((t) => t.path)).toEqual([
      'anniversaries',
      'Cooperation',
      'Threats',
      'Threats/Terrorism',
    ])
  })
})

describe('words about a tag’s use', () => {
  it('counts releases, paragraphs and passages', () => {
    expect(usageLine({ releases: 3, paragraphs: 1, passages: 0 })).toBe(
      '3 releases · 1 paragraph · 0 passages',
    )
  })

  it('asks before deleting, naming sub-tags and what the tag is on', () => {
    expect(deleteQuestion('Threats', 2, { releases: 3, paragraphs: 2, passages: 5 })).toBe(
      'Delete “Threats” and its 2 sub-tags? It is on 3 releases, 2 paragraphs and 5 passages; they keep everything else.',
    )
    expect(
      deleteQuestion('Threats/Terrorism', 0, { releases: 1, paragraphs: 0, passages: 4 }),
    ).toBe(
      'Delete “Threats/Terrorism”? It is on 1 release and 4 passages; they keep everything else.',
    )
    expect(deleteQuestion('Unused', 1, { releases: 0, paragraphs: 0, passages: 0 })).toBe(
      'Delete “Unused” and its sub-tag? It is not on any release, paragraph or passage.',
    )
  })

  it('asks before merging, with the counts of the tag that goes', () => {
    expect(mergeQuestion('A', { releases: 3, paragraphs: 2, passages: 1 }, 'B')).toBe(
      'Merge “A” (3 releases, 2 paragraphs, 1 passage) into “B”?',
    )
  })
})
