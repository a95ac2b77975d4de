import { describe, expect, it } from 'vitest'
import { bandNumbers } from './band-table'
import { ReleaseCatalog, catalogChunk, type CatalogEntry } from './catalog'
import { fingerprint, judge } from './similarity'

const paragraphs = Array.from(
  { length: 12 },
  (_, i) =>
    `The ministers discussed item ${i} of the agenda, regional security number ${i * 7}, and trade route ${i * 3} in detail.`,
)

function entry(id: string, title: string, text: readonly string[]): CatalogEntry {
  const fp = fingerprint(title, text)
  return { id, ...fp, bands: bandNumbers(fp.lsh) }
}

const sha = (n: number) => n.toString(16).padEnd(64, '0')

describe('ReleaseCatalog', () => {
  it('makes a revised text a candidate, with the signature judging needs', () => {
    const catalog = new ReleaseCatalog()
    catalog.add(entry('a', 'Joint statement', paragraphs))
    catalog.add(
      entry('b', 'Something else', ['An unrelated text about fisheries quotas in the north.']),
    )
    const revisedText = [...paragraphs.slice(0, 11), 'A new closing paragraph on culture.']
    const revised = { ...fingerprint('Press release', revisedText), contentHash: 'x' }
    const candidates = catalog.candidates({ ...revised, bands: bandNumbers(revised.lsh) })
    expect(candidates.map((c) => c.id)).toEqual(['a'])
    expect(judge(revised, candidates)).toMatchObject({ kind: 'version', of: { id: 'a' } })
  })

  it('makes a release with the same title a candidate even when no band is shared', () => {
    const catalog = new ReleaseCatalog()
    catalog.add(entry('a', 'Regular press conference', paragraphs))
    const other = fingerprint('Regular Press Conference', ['Nothing in common with the first one.'])
    const found = catalog.candidates({ ...other, bands: bandNumbers(other.lsh) })
    expect(found.map((c) => c.id)).toEqual(['a'])
    expect(judge({ ...other, contentHash: 'y' }, found)).toEqual({ kind: 'new' })
  })

  it('round-trips through a chunk, and adding a release twice adds it once', () => {
    const a = entry('a', 'Joint statement', paragraphs)
    const chunk = catalogChunk([a], [{ releaseId: 'a', sha256: sha(1) }])
    const catalog = new ReleaseCatalog()
    catalog.addChunk(chunk)
    catalog.addChunk(chunk)
    expect(catalog.size).toBe(1)
    const [found] = catalog.candidates({ titleKey: a.titleKey, bands: a.bands })
    expect(found?.shingleCount).toBe(a.shingleCount)
    expect(Array.from(found?.signature ?? [])).toEqual(Array.from(a.signature))
    expect(catalog.withSource(sha(1))).toEqual(['a'])
  })

  it('keeps signatures right as it grows past its first allocation', () => {
    const catalog = new ReleaseCatalog()
    const entries = Array.from({ length: 2_500 }, (_, i) =>
      entry(`r${i}`, `Title ${i}`, [
        `Paragraph number ${i} says ${i * 31} things about ${i % 17}.`,
      ]),
    )
    for (const e of entries) catalog.add(e)
    const probe = entries[7]!
    const [found] = catalog.candidates({ titleKey: probe.titleKey, bands: probe.bands })
    expect(found?.id).toBe('r7')
    expect(Array.from(found?.signature ?? [])).toEqual(Array.from(probe.signature))
  })

  it('finds the releases a file belongs to by its sha256, each once', () => {
    const catalog = new ReleaseCatalog()
    catalog.addSource('a', sha(0xabc))
    catalog.addSource('a', sha(0xabc))
    catalog.addSource('b', sha(0xabc))
    expect(catalog.withSource(sha(0xabc))).toEqual(['a', 'b'])
    expect(catalog.withSource(sha(0xabd))).toEqual([])
  })

  it('stops offering a forgotten release until it is added again', () => {
    const catalog = new ReleaseCatalog()
    const a = entry('a', 'Joint statement', paragraphs)
    catalog.add(a)
    catalog.addSource('a', sha(5))
    catalog.forget('a')
    expect(catalog.has('a')).toBe(false)
    expect(catalog.candidates({ titleKey: a.titleKey, bands: a.bands })).toEqual([])
    expect(catalog.withSource(sha(5))).toEqual([])
    catalog.add(a)
    expect(catalog.has('a')).toBe(true)
    expect(catalog.candidates({ titleKey: a.titleKey, bands: a.bands }).map((c) => c.id)).toEqual([
      'a',
    ])
  })
})
