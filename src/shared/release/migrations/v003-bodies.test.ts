import { describe, expect, it } from 'vitest'
import { bandNumbers } from '../band-table'
import { decodeBody } from '../body'
import { fingerprint } from '../similarity'
import { LOG_CHUNK_SIZE, logChunksV3, upgradeReleaseToV3 } from './v003-bodies'

const paragraphs = ['The ministers met in Bishkek on 14 June 2019.', 'They agreed on a plan.']
const fp = fingerprint('Joint Statement', paragraphs)
const row = {
  id: 'rabc',
  title: 'Joint Statement',
  contentHash: 'abc',
  tagIds: ['t1'],
  lsh: fp.lsh,
}

describe('upgradeReleaseToV3', () => {
  it('moves the paragraphs, in position order, their keys and the original into the body', () => {
    const { row: upgraded } = upgradeReleaseToV3(
      row,
      [
        { id: 'rabc:p2x', n: 2, text: paragraphs[1]! },
        { id: 'rabc:p1x', n: 1, text: paragraphs[0]! },
      ],
      'Joint Statement\r\n\r\nThe ministers met…',
    )
    expect(decodeBody(upgraded.body)).toEqual({
      paragraphs,
      keys: ['p1x', 'p2x'],
      original: 'Joint Statement\r\n\r\nThe ministers met…',
    })
  })

  it('keeps every other field, and takes the band keys off the row as numbers', () => {
    const { row: upgraded, bands } = upgradeReleaseToV3(row, [], 'x')
    expect(upgraded).toMatchObject({ id: 'rabc', contentHash: 'abc', tagIds: ['t1'] })
    expect('lsh' in upgraded).toBe(false)
    expect([...bands]).toEqual([...bandNumbers(fp.lsh)])
  })

  it('keeps version-1 positional paragraph ids as they were', () => {
    const { row: upgraded } = upgradeReleaseToV3(
      row,
      [{ id: 'rabc:1', n: 1, text: paragraphs[0]! }],
      undefined,
    )
    const body = decodeBody(upgraded.body)
    expect(body.keys).toEqual(['1'])
    expect(body.original).toBe(`Joint Statement\n\n${paragraphs[0]}`)
  })
})

describe('logChunksV3', () => {
  it('keeps every file in the order it was logged, a batch of files per chunk', () => {
    const rows = Array.from({ length: LOG_CHUNK_SIZE + 3 }, (_, i) => ({
      seq: 1000 - i,
      batchId: 'imp',
      at: 5,
      fileName: `f${LOG_CHUNK_SIZE + 2 - i}.txt`,
      outcome: 'imported',
      message: '',
      releaseId: `r${i}`,
    }))
    const chunks = logChunksV3('imp', rows)
    expect(chunks.map((c) => [c.importId, c.chunk, c.entries.length])).toEqual([
      ['imp', 0, LOG_CHUNK_SIZE],
      ['imp', 1, 3],
    ])
    const names = chunks.flatMap((c) => c.entries.map((e) => e.fileName))
    expect(names.slice(0, 2)).toEqual(['f0.txt', 'f1.txt'])
    expect(chunks[0]!.entries[0]).toEqual({
      fileName: 'f0.txt',
      outcome: 'imported',
      message: '',
      releaseId: `r${LOG_CHUNK_SIZE + 2}`,
      mixedScriptWords: 0,
    })
  })
})
