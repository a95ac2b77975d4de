import { describe, expect, it } from 'vitest'
import { dateStamp, exportFileName, exportScopeFor, scopeSlug, slug } from './export-scope'

// Noon local time, so the date is the same in every time zone the tests run in.
const NOV_22 = new Date(2026, 10, 22, 12, 0, 0).getTime()

describe('export scope', () => {
  const context = { selection: new Set(['r1', 'r2']), releaseId: 'r9' }

  it('turns each choice into the scope the archive exports', () => {
    expect(exportScopeFor({ kind: 'archive', tagId: null }, context)).toEqual({ kind: 'archive' })
    expect(exportScopeFor({ kind: 'selection', tagId: null }, context)).toEqual({
      kind: 'releases',
      releaseIds: ['r1', 'r2'],
    })
    expect(exportScopeFor({ kind: 'release', tagId: null }, context)).toEqual({
      kind: 'release',
      releaseId: 'r9',
    })
    expect(exportScopeFor({ kind: 'tag', tagId: 't1' }, context)).toEqual({
      kind: 'tag',
      tagId: 't1',
    })
  })

  it('has no scope for a choice with nothing to refer to', () => {
    const none = { selection: new Set<string>(), releaseId: null }
    expect(exportScopeFor({ kind: 'selection', tagId: null }, none)).toBeNull()
    expect(exportScopeFor({ kind: 'release', tagId: null }, none)).toBeNull()
    expect(exportScopeFor({ kind: 'tag', tagId: null }, none)).toBeNull()
  })
})

describe('export file names', () => {
  it('names each format with the date of the export', () => {
    expect(exportFileName('jsonld', null, NOV_22)).toBe('communique-annotations-2026-11-22.jsonld')
    expect(exportFileName('csv', null, NOV_22)).toBe('communique-annotations-2026-11-22.csv')
    expect(exportFileName('markdown', null, NOV_22)).toBe('communique-report-2026-11-22.md')
    expect(exportFileName('codebook-csv', null, NOV_22)).toBe('communique-codebook-2026-11-22.csv')
    expect(exportFileName('codebook-json', null, NOV_22)).toBe(
      'communique-codebook-2026-11-22.json',
    )
  })

  it('names the scope when it is not the whole archive', () => {
    const tag = scopeSlug({ kind: 'tag', tagId: 't' }, { tagPath: 'Threats/Terrorism' })
    expect(exportFileName('jsonld', tag, NOV_22)).toBe(
      'communique-annotations-threats-terrorism-2026-11-22.jsonld',
    )
    expect(scopeSlug({ kind: 'releases', releaseIds: ['a', 'b', 'c'] }, {})).toBe('3-releases')
    expect(scopeSlug({ kind: 'releases', releaseIds: ['a'] }, {})).toBe('1-release')
    expect(scopeSlug({ kind: 'archive' }, {})).toBeNull()
    expect(scopeSlug({ kind: 'release', releaseId: 'r' }, { releaseTitle: '***' })).toBe('release')
  })

  it('keeps letters of every script and drops what a file system may refuse', () => {
    expect(slug('Заявление МИД России: о ситуации')).toBe('заявление-мид-россии-о-ситуации')
    expect(slug('外交部发言人答记者问')).toBe('外交部发言人答记者问')
    expect(slug('../etc/passwd')).toBe('etc-passwd')
    expect(slug('a'.repeat(39) + ' b c')).toBe('a'.repeat(39))
    expect(slug('?!')).toBeNull()
  })

  it('dates files in local time', () => {
    expect(dateStamp(new Date(2026, 0, 5, 23, 59).getTime())).toBe('2026-01-05')
  })
})
