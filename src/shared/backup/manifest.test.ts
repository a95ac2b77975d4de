import { describe, expect, it } from 'vitest'
import {
  backupFileName,
  BackupProblem,
  canonical,
  parseManifest,
  sha256OfStream,
  TableHasher,
} from './manifest'

const GOOD = {
  format: 'communique-backup',
  formatVersion: 1,
  createdAt: '2026-11-23T09:41:00.000Z',
  app: { name: 'Communiqué', version: '0.1.0' },
  database: { name: 'communique-archive', schemaVersion: 12 },
  tables: { releases: { rows: 2, sha256: 'a'.repeat(64) } },
  archive: { file: 'archive.json', bytes: 10, sha256: 'b'.repeat(64) },
}

describe('canonical', () => {
  it('gives the same text whatever order the keys were stored in', () => {
    expect(canonical({ b: 1, a: [true, null, 'x'] })).toBe(
      canonical({ a: [true, null, 'x'], b: 1 }),
    )
  })

  it('keeps binary data, so two postings rows that differ by one byte differ', () => {
    const one = canonical({ bytes: new Uint8Array([1, 2, 3]) })
    expect(one).toBe('{"bytes":Uint8Array<010203>}')
    expect(canonical({ bytes: new Uint8Array([1, 2, 4]) })).not.toBe(one)
    expect(canonical(new Uint32Array([1]))).not.toBe(canonical(new Uint8Array([1, 0, 0, 0])))
  })

  it('leaves out properties that hold undefined, which a restore may or may not keep', () => {
    expect(canonical({ a: 1, b: undefined })).toBe(canonical({ a: 1 }))
  })

  it('tells a string from a number and dates from numbers', () => {
    expect(canonical('1')).not.toBe(canonical(1))
    expect(canonical(new Date(5))).not.toBe(canonical(5))
  })
})

describe('TableHasher', () => {
  it('sums rows in order, and counts them', () => {
    const a = new TableHasher()
    a.add({ id: 1 })
    a.add({ id: 2 })
    const b = new TableHasher()
    b.add({ id: 2 })
    b.add({ id: 1 })
    expect(a.digest().rows).toBe(2)
    expect(a.digest().sha256).not.toBe(b.digest().sha256)
  })

  it('includes an outbound key, so the same value under another key differs', () => {
    const a = new TableHasher()
    a.add({ v: 1 }, ['k', 1])
    const b = new TableHasher()
    b.add({ v: 1 }, ['k', 2])
    expect(a.digest().sha256).not.toBe(b.digest().sha256)
  })
})

describe('sha256OfStream', () => {
  it('gives the standard SHA-256', async () => {
    const sum = await sha256OfStream(new Blob(['abc']).stream())
    expect(sum).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
  })
})

describe('parseManifest', () => {
  it('reads a good manifest', () => {
    expect(parseManifest(JSON.stringify(GOOD)).database.schemaVersion).toBe(12)
  })

  it.each([
    ['not JSON', '{', 'not readable JSON'],
    ['another format', JSON.stringify({ ...GOOD, format: 'zip' }), 'not a Communiqué backup'],
    ['a later format', JSON.stringify({ ...GOOD, formatVersion: 2 }), 'backup format 2'],
    [
      'a bad checksum',
      JSON.stringify({ ...GOOD, tables: { releases: { rows: 2, sha256: 'x' } } }),
      'table “releases”',
    ],
    ['no tables', JSON.stringify({ ...GOOD, tables: {} }), 'lists no tables'],
    [
      'no schema version',
      JSON.stringify({ ...GOOD, database: { name: 'x', schemaVersion: 0 } }),
      'schema version',
    ],
  ])('refuses %s', (_what, text, message) => {
    expect(() => parseManifest(text)).toThrow(BackupProblem)
    expect(() => parseManifest(text)).toThrow(message)
  })
})

describe('backupFileName', () => {
  it('names the file by local date and time', () => {
    expect(backupFileName(new Date(2026, 10, 3, 9, 5))).toBe(
      'communique-2026-11-03-0905.communique-backup',
    )
  })
})
