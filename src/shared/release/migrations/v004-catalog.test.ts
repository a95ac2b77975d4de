import { describe, expect, it } from 'vitest'
import { bandNumbers } from '../band-table'
import { ReleaseCatalog } from '../catalog'
import { fingerprint, SIGNATURE_SIZE } from '../similarity'
import { catalogChunkV4 } from './v004-catalog'

const text = ['The ministers met in Bishkek on 14 June 2019.', 'They agreed on a plan for trade.']
const fp = fingerprint('Joint Statement', text)
const row = {
  id: 'rabc',
  title: 'Joint Statement',
  titleKey: fp.titleKey,
  signature: fp.signature,
  shingleCount: fp.shingleCount,
  sourceHashes: ['a'.repeat(64), 'b'.repeat(64)],
}

describe('catalogChunkV4', () => {
  it('carries title key, signature and shingle count over, and recomputes the import’s bands', () => {
    const chunk = catalogChunkV4([row])
    expect(chunk.releaseIds).toEqual(['rabc'])
    expect(chunk.titleKeys).toEqual(['joint statement'])
    expect([...chunk.shingleCounts]).toEqual([fp.shingleCount])
    expect([...chunk.signatures]).toEqual(fp.signature)
    expect([...chunk.bands]).toEqual([...bandNumbers(fp.lsh)])
  })

  it('lists every source file of every row', () => {
    const chunk = catalogChunkV4([row, { id: 'rdef', sourceHashes: ['c'.repeat(64)] }])
    expect(chunk.sources).toEqual([
      { releaseId: 'rabc', sha256: 'a'.repeat(64) },
      { releaseId: 'rabc', sha256: 'b'.repeat(64) },
      { releaseId: 'rdef', sha256: 'c'.repeat(64) },
    ])
  })

  it('gives a row without a fingerprint no bands and an empty signature, so it is never a candidate by text', () => {
    const chunk = catalogChunkV4([{ id: 'rbare' }])
    expect(chunk.signatures.length).toBe(SIGNATURE_SIZE)
    const catalog = new ReleaseCatalog()
    catalog.addChunk(chunk)
    expect(catalog.candidates({ titleKey: 'x', bands: bandNumbers(fp.lsh) })).toEqual([])
  })
})
