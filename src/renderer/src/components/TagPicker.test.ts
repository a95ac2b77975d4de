import { describe, expect, it } from 'vitest'
import type { TagRecord } from '../db/records'
import { foldForMatch, matchTags, normaliseTagPath } from './TagPicker'

const tag = (id: string, path: string): TagRecord => ({
  id,
  path,
  name: path.split('/').pop() as string,
  parentId: null,
  color: '#888888',
  description: '',
  createdAt: 0,
})

const tags = [
  tag('t1', 'Threats'),
  tag('t2', 'Threats/Terrorism'),
  tag('t3', 'Threats/Drug trafficking'),
  tag('t4', 'Cooperation/Counter-terrorism'),
  tag('t5', 'Régions/Asie centrale'),
]
const paths = (found: TagRecord[]) => found.map((t) => t.path)

describe('matchTags', () => {
  it('lists every tag by path for empty text', () => {
    expect(paths(matchTags(tags, ''))).toEqual([
      'Cooperation/Counter-terrorism',
      'Régions/Asie centrale',
      'Threats',
      'Threats/Drug trafficking',
      'Threats/Terrorism',
    ])
  })

  it('matches any segment, path starts first, then segment starts, then contains', () => {
    expect(paths(matchTags(tags, 'terror'))).toEqual([
      'Threats/Terrorism',
      'Cooperation/Counter-terrorism',
    ])
    expect(paths(matchTags(tags, 'thr'))).toEqual([
      'Threats',
      'Threats/Drug trafficking',
      'Threats/Terrorism',
    ])
  })

  it('ignores case and accents', () => {
    expect(paths(matchTags(tags, 'REGIONS'))).toEqual(['Régions/Asie centrale'])
    expect(paths(matchTags(tags, 'asie CENTRALE'))).toEqual(['Régions/Asie centrale'])
  })

  it('matches a typed path against the whole path', () => {
    expect(paths(matchTags(tags, 'threats / drug'))).toEqual(['Threats/Drug trafficking'])
  })

  it('leaves out excluded tags', () => {
    expect(paths(matchTags(tags, 'threats', ['t1', 't2']))).toEqual(['Threats/Drug trafficking'])
  })
})

describe('normaliseTagPath', () => {
  it('trims segments and drops empty ones', () => {
    expect(normaliseTagPath('  Threats /  Terrorism  ')).toBe('Threats/Terrorism')
    expect(normaliseTagPath('Threats//Cyber   crime/')).toBe('Threats/Cyber crime')
    expect(normaliseTagPath(' / ')).toBe('')
  })

  it('folds for comparison', () => {
    expect(foldForMatch('Sécurité')).toBe('securite')
  })
})
