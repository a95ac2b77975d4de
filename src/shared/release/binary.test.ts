import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { binarySignature, isBinary } from './binary'
import { decodeBytes } from './decode'

const CORPUS = join(__dirname, '../../../../shared/corpus')
const BAD = join(CORPUS, 'bad')

type Expectation = { outcome: string; reason?: string }
const expected = JSON.parse(readFileSync(join(BAD, 'expected.json'), 'utf8')) as Record<
  string,
  Expectation
>

const read = (path: string) => new Uint8Array(readFileSync(path))
const ascii = (text: string) => Array.from(text, (ch) => ch.charCodeAt(0))
/** A signature followed by filler, as a real file of that type would be. */
const file = (...parts: (number | string)[]) =>
  new Uint8Array([
    ...parts.flatMap((part) => (typeof part === 'number' ? [part] : ascii(part))),
    ...Array.from({ length: 64 }, (_, i) => (i * 53 + 7) & 0xff),
  ])

describe('isBinary on the hostile corpus files', () => {
  const rejectedAsBinary = Object.entries(expected)
    .filter(([, e]) => e.reason === 'binary')
    .map(([name]) => name)

  it('finds the three binary files', () => {
    expect(rejectedAsBinary.sort()).toEqual([
      'binary-png-renamed.txt',
      'gzip-renamed.txt',
      'nul-in-middle.txt',
    ])
    for (const name of rejectedAsBinary) {
      const bytes = read(join(BAD, name))
      expect(isBinary(bytes, decodeBytes(bytes).encoding), name).toBe(true)
      expect(isBinary(bytes), name).toBe(true)
    }
  })

  it('recognises the renamed PNG and GZIP by their signatures', () => {
    expect(binarySignature(read(join(BAD, 'binary-png-renamed.txt')))).toBe('PNG')
    expect(binarySignature(read(join(BAD, 'gzip-renamed.txt')))).toBe('GZIP')
  })

  it('calls no other bad file binary, UTF-16 ones included', () => {
    // The PDF is rejected for its type before any decoding; it is binary too.
    expect(binarySignature(read(join(BAD, 'unsupported.pdf')))).toBe('PDF')
    const others = readdirSync(BAD).filter(
      (name) => !rejectedAsBinary.includes(name) && !name.endsWith('.pdf'),
    )
    expect(others.length).toBeGreaterThan(20)
    for (const name of others) {
      const bytes = read(join(BAD, name))
      expect(isBinary(bytes, decodeBytes(bytes).encoding), name).toBe(false)
      expect(isBinary(bytes), `${name} without an encoding`).toBe(false)
    }
  })
})

describe('isBinary on the rest of the corpus', () => {
  it('calls none of 200 files sampled from every folder binary', () => {
    const folders = readdirSync(CORPUS).filter(
      (folder) => folder !== 'bad' && statSync(join(CORPUS, folder)).isDirectory(),
    )
    const all = folders.flatMap((folder) =>
      readdirSync(join(CORPUS, folder))
        .sort()
        .map((name) => join(CORPUS, folder, name)),
    )
    // An even spread over the sorted list reaches every folder, small ones included.
    const sample = [
      ...folders.map((folder) => all.find((path) => path.startsWith(join(CORPUS, folder)))!),
      ...Array.from(
        { length: 200 - folders.length },
        (_, i) => all[Math.floor((i * all.length) / 200)]!,
      ),
    ]
    expect(new Set(sample).size).toBeGreaterThan(190)
    for (const path of sample) {
      const bytes = read(path)
      expect(isBinary(bytes, decodeBytes(bytes).encoding), path).toBe(false)
    }
  })
})

describe('binary signatures', () => {
  it.each([
    ['PNG', file(0x89, 'PNG', 0x0d, 0x0a, 0x1a, 0x0a)],
    ['GIF', file('GIF89a')],
    ['JPEG', file(0xff, 0xd8, 0xff, 0xe0)],
    ['PDF', file('%PDF-1.7\n')],
    ['ZIP', file('PK', 0x03, 0x04, 0x14, 0x00)],
    ['GZIP', file(0x1f, 0x8b, 0x08, 0x00)],
    ['7z', file('7z', 0xbc, 0xaf, 0x27, 0x1c)],
    ['RAR', file('Rar!', 0x1a, 0x07, 0x01, 0x00)],
    ['BZIP2', file('BZh91AY&SY')],
    ['ELF', file(0x7f, 'ELF', 0x02, 0x01)],
    ['Mach-O', file(0xcf, 0xfa, 0xed, 0xfe)],
    ['SQLite', file('SQLite format 3', 0x00)],
    ['WebAssembly', file(0x00, 'asm', 0x01, 0x00, 0x00, 0x00)],
    ['OLE compound file (doc, xls, msg)', file(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)],
    ['WebP', file('RIFF', 0x24, 0x00, 0x00, 0x00, 'WEBP')],
  ])('%s', (name, bytes) => {
    expect(binarySignature(bytes)).toBe(name)
    expect(isBinary(bytes)).toBe(true)
  })

  it('recognises a Windows executable by its PE header', () => {
    const exe = new Uint8Array(0x100).fill(0x41)
    exe.set(ascii('MZ'), 0)
    exe.set([0x80, 0, 0, 0], 0x3c)
    exe.set([0x50, 0x45, 0, 0], 0x80)
    expect(binarySignature(exe)).toBe('Windows executable')
  })

  it('does not mistake text that starts with the same letters for a binary', () => {
    for (const text of [
      'MZ Group statement on the 2019 results, issued in Bishkek by the foreign ministry.',
      'BZh. Press release of the Belarusian Foreign Ministry, 12 March.',
      'PK Mission statement: the Permanent Mission of Pakistan informs that...',
      'RIFF between the delegations was resolved at the second session of talks.',
      'GIF and other formats are not accepted by the registry.',
    ]) {
      const bytes = new TextEncoder().encode(text)
      expect(isBinary(bytes), text).toBe(false)
    }
  })
})

describe('NUL bytes', () => {
  const utf16le = (text: string) => {
    const bytes = new Uint8Array(text.length * 2)
    for (let i = 0; i < text.length; i++) {
      bytes[2 * i] = text.charCodeAt(i) & 0xff
      bytes[2 * i + 1] = text.charCodeAt(i) >> 8
    }
    return bytes
  }

  it('makes UTF-8 text binary', () => {
    const bytes = new TextEncoder().encode(
      'Statement by the Ministry\u0000\u0000 of Foreign Affairs',
    )
    expect(isBinary(bytes, 'utf-8')).toBe(true)
    expect(isBinary(bytes)).toBe(true)
  })

  it('does not make UTF-16 text binary, with or without the encoding given', () => {
    const bytes = utf16le('Заявление министерства иностранных дел, 12 марта 2019 года.\n')
    expect(isBinary(bytes, 'utf-16le')).toBe(false)
    expect(isBinary(bytes)).toBe(false)
    expect(isBinary(new Uint8Array([0xff, 0xfe, ...bytes]))).toBe(false)
  })

  it('makes a UTF-16 decoding irrelevant for a known signature', () => {
    expect(isBinary(file(0x1f, 0x8b, 0x08), 'utf-16le')).toBe(true)
  })
})
