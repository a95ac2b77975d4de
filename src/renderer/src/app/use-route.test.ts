import { describe, expect, it } from 'vitest'
import { hrefFor, parseRoute, type Route } from './use-route'

describe('routes', () => {
  it('reads each view from its address', () => {
    expect(parseRoute('#/tags')).toEqual({ view: 'tags' })
    expect(parseRoute('#/export')).toEqual({ view: 'export' })
    expect(parseRoute('#/settings')).toEqual({ view: 'settings' })
    expect(parseRoute('#/release/rabc123')).toEqual({ view: 'release', releaseId: 'rabc123' })
    expect(parseRoute('#/import/i-42')).toEqual({ view: 'report', reportId: 'i-42' })
    expect(parseRoute('#/compare/r1,r2')).toEqual({ view: 'compare', releaseIds: ['r1', 'r2'] })
  })

  it('falls back to the library for an empty or unknown address', () => {
    expect(parseRoute('')).toEqual({ view: 'library' })
    expect(parseRoute('#/')).toEqual({ view: 'library' })
    expect(parseRoute('#/tags/extra')).toEqual({ view: 'library' })
    expect(parseRoute('#/release/<script>')).toEqual({ view: 'library' })
    // Two to four releases compare.
    expect(parseRoute('#/compare/r1')).toEqual({ view: 'library' })
    expect(parseRoute('#/compare/r1,r2,r3,r4,r5')).toEqual({ view: 'library' })
    expect(parseRoute('#/phrase?q=x&from=<script>')).toEqual({
      view: 'phrase',
      text: 'x',
      from: null,
    })
  })

  it('gives every route an address that reads back as the same route', () => {
    const routes: Route[] = [
      { view: 'library' },
      { view: 'release', releaseId: 'r0123456789abcdef01234567' },
      { view: 'report', reportId: 'import_1' },
      { view: 'settings' },
      { view: 'tags' },
      { view: 'export' },
      { view: 'release', releaseId: 'r1', paragraph: 12 },
      { view: 'search', query: '"central role" year:2017 тест #&?', mode: 'release', like: null },
      { view: 'search', query: '', mode: 'paragraph', like: { releaseId: 'r1', paragraph: 3 } },
      { view: 'search', query: '', mode: 'release', like: { releaseId: 'r1', paragraph: null } },
      { view: 'compare', releaseIds: ['r1', 'r2', 'r3', 'r4'] },
      { view: 'phrase', text: 'terrorism, separatism & "extremism"', from: 'r1' },
      { view: 'phrase', text: '上海合作组织', from: null },
    ]
    for (const route of routes) expect(parseRoute(hrefFor(route))).toEqual(route)
    expect(hrefFor({ view: 'tags' })).toBe('#/tags')
    expect(hrefFor({ view: 'export' })).toBe('#/export')
  })
})
