import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  bestCyrillicCodePage,
  decodeBytes,
  lowerCaseCyrillicShare,
  normaliseCharset,
  sniffUtf16,
  WINDOWS_1252_80_TO_9F,
} from './decode'

const CORPUS = join(__dirname, '../../../../shared/corpus')
const BAD = join(CORPUS, 'bad')

type Expectation = { outcome: string; encoding?: string; title?: string }
const expected = JSON.parse(readFileSync(join(BAD, 'expected.json'), 'utf8')) as Record<
  string,
  Expectation
>

const read = (path: string) => new Uint8Array(readFileSync(path))
const utf8 = (text: string) => new TextEncoder().encode(text)

/** Zero-width characters and NBSP differences are not part of what a title says. */
const normalise = (text: string) =>
  text
    .replace(/[\u200b-\u200d\u2060\ufeff\u00ad]/g, '')
    .replace(/\s+/g, ' ')
    .trim()

/** A charset label from an HTML meta tag, read the way a browser pre-scans the head. */
const metaCharset = (bytes: Uint8Array) =>
  /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(
    String.fromCharCode(...bytes.subarray(0, 1024)),
  )?.[1]

/**
 * Encoder for a legacy encoding, built by decoding every byte or byte pair
 * with it. Characters the code page lacks are dropped, as a "save as" with
 * that encoding would; `text` is what the bytes still say.
 */
function encoderFor(encoding: string): (text: string) => { bytes: Uint8Array; text: string } {
  const table = new Map<string, number[]>()
  const add = (bytes: number[], ch: string) => {
    if ([...ch].length === 1 && ch !== '\uFFFD' && !table.has(ch)) table.set(ch, bytes)
  }
  for (let b = 0; b < 0x80; b++) add([b], String.fromCharCode(b))
  if (encoding === 'windows-1252') {
    for (let b = 0x80; b < 256; b++) {
      add([b], String.fromCharCode(b < 0xa0 ? WINDOWS_1252_80_TO_9F[b - 0x80]! : b))
    }
  } else if (encoding === 'gb18030' || encoding === 'big5') {
    const decoder = new TextDecoder(encoding)
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        add([lead, trail], decoder.decode(new Uint8Array([lead, trail])))
      }
    }
  } else {
    const decoder = new TextDecoder(encoding)
    for (let b = 0x80; b < 256; b++) add([b], decoder.decode(new Uint8Array([b])))
  }
  return (text) => {
    const kept = [...text].filter((ch) => table.has(ch))
    return { bytes: new Uint8Array(kept.flatMap((ch) => table.get(ch)!)), text: kept.join('') }
  }
}

function strictUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes)
  } catch {
    return null
  }
}

function titles(folder: string, count: number): string[] {
  return readFileSync(join(CORPUS, `${folder}.manifest.jsonl`), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { title?: string }).title ?? '')
    .filter(Boolean)
    .slice(0, count)
}

function corpusFiles(): { folder: string; path: string }[] {
  return readdirSync(CORPUS)
    .filter((folder) => statSync(join(CORPUS, folder)).isDirectory())
    .flatMap((folder) =>
      readdirSync(join(CORPUS, folder))
        .filter((name) => name !== 'expected.json')
        .map((name) => ({ folder, path: join(CORPUS, folder, name) })),
    )
}

describe('decodeBytes on the hostile corpus files', () => {
  const withEncoding = Object.entries(expected).filter(([, e]) => e.encoding)

  it.each(withEncoding)('%s decodes as its expected encoding with its title', (name, e) => {
    const bytes = read(join(BAD, name))
    const decoded = decodeBytes(bytes, { declaredCharset: metaCharset(bytes) })
    expect(decoded.encoding).toBe(e.encoding)
    expect(decoded.replacements).toBe(0)
    if (e.title) expect(normalise(decoded.text)).toContain(normalise(e.title))
    if (!name.endsWith('.html') && e.title) {
      expect(normalise(decoded.text.split(/\r\n|\r|\n/)[0]!)).toBe(normalise(e.title))
    }
  })

  it('decodes the UTF-16 copy of the 2017 SCO release to the same text as the original', () => {
    const copy = decodeBytes(read(join(BAD, 'utf16le-bom.txt')))
    const original = decodeBytes(read(join(CORPUS, 'sco', '000_5b5391892682d1ae.txt')))
    expect(copy).toMatchObject({ encoding: 'utf-16le', hadBom: true, replacements: 0 })
    expect(copy.text).toBe(original.text)
  })

  it('reports the legacy code pages as detected, and the BOM files as not', () => {
    for (const name of ['windows-1251-ru.txt', 'koi8-r-ru.txt', 'gb18030-zh.txt']) {
      expect(decodeBytes(read(join(BAD, name))).detected, name).toBe(true)
    }
    expect(decodeBytes(read(join(BAD, 'utf8-bom.txt')))).toMatchObject({
      hadBom: true,
      detected: false,
    })
    expect(decodeBytes(read(join(BAD, 'utf16le-nobom.txt')))).toMatchObject({
      encoding: 'utf-16le',
      hadBom: false,
    })
  })

  it('decodes Russian and Chinese legacy files to readable words', () => {
    expect(decodeBytes(read(join(BAD, 'windows-1251-ru.txt'))).text).toContain('Министром')
    expect(decodeBytes(read(join(BAD, 'koi8-r-ru.txt'))).text).toContain('Совета Безопасности')
    expect(decodeBytes(read(join(BAD, 'gb18030-zh.txt'))).text).toContain('国务院')
    expect(decodeBytes(read(join(BAD, 'windows-1252-curly-quotes.txt'))).text).toMatch(
      /^\u201cSecurity and stability\u201d \u2014 joint statement/,
    )
  })

  it('keeps nearly valid UTF-8 as UTF-8 and counts the broken sequences', () => {
    const invalid = decodeBytes(read(join(BAD, 'invalid-utf8-bytes.txt')))
    expect(invalid).toMatchObject({ encoding: 'utf-8', replacements: 3, detected: false })
    expect(invalid.text).toContain('\u2019') // the file's well-formed curly apostrophes survive
    const truncated = decodeBytes(read(join(BAD, 'truncated-multibyte-at-end.txt')))
    expect(truncated).toMatchObject({ encoding: 'utf-8', replacements: 1 })
    expect(truncated.text.endsWith('\uFFFD')).toBe(true)
    for (const [name, decoded] of [
      ['invalid-utf8-bytes.txt', invalid],
      ['truncated-multibyte-at-end.txt', truncated],
    ] as const) {
      expect(normalise(decoded.text.split('\n')[0]!)).toBe(normalise(expected[name]!.title!))
    }
  })

  it('returns an empty file as empty UTF-8 text', () => {
    expect(decodeBytes(new Uint8Array())).toEqual({
      text: '',
      encoding: 'utf-8',
      hadBom: false,
      replacements: 0,
      detected: false,
    })
  })
})

describe('decodeBytes rules', () => {
  it('removes a UTF-8 BOM and keeps a U+FEFF later in the text', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('Title\uFEFFx')])
    expect(decodeBytes(bytes)).toEqual({
      text: 'Title\uFEFFx',
      encoding: 'utf-8',
      hadBom: true,
      replacements: 0,
      detected: false,
    })
  })

  it('does not count a U+FFFD that was in the file as a replacement', () => {
    const bytes = new Uint8Array([...utf8('Сообщение \uFFFD № 1 — '), 0xff])
    const decoded = decodeBytes(bytes)
    expect(decoded.encoding).toBe('utf-8')
    expect(decoded.replacements).toBe(1)
  })

  it('trusts a declared charset only when it decodes without errors', () => {
    const cp1251 = encoderFor('windows-1251')('Заявление МИД России').bytes
    expect(decodeBytes(cp1251, { declaredCharset: 'cp1251' })).toMatchObject({
      text: 'Заявление МИД России',
      encoding: 'windows-1251',
      detected: false,
    })
    // Shift_JIS cannot decode these bytes, so the declaration is ignored.
    const gb = encoderFor('gb18030')('国务院关于加强政府工作的报告').bytes
    expect(decodeBytes(gb, { declaredCharset: 'Shift_JIS' })).toMatchObject({
      encoding: 'gb18030',
      detected: true,
      replacements: 0,
    })
  })

  it('prefers valid UTF-8 over a stale declaration', () => {
    const bytes = utf8('Заявление МИД России')
    expect(decodeBytes(bytes, { declaredCharset: 'windows-1251' })).toMatchObject({
      text: 'Заявление МИД России',
      encoding: 'utf-8',
    })
  })

  it('prefers nearly valid UTF-8 over a declared single-byte code page', () => {
    const bytes = new Uint8Array([...utf8('Заявление МИД России'), 0xd0])
    expect(decodeBytes(bytes, { declaredCharset: 'windows-1251' })).toMatchObject({
      text: 'Заявление МИД России\uFFFD',
      encoding: 'utf-8',
      replacements: 1,
    })
  })

  it('decodes UTF-16 without a BOM in either byte order', () => {
    const text = 'Совместное заявление 2024\nJoint statement, 15 June\n'
    const le = new Uint8Array(text.length * 2)
    const be = new Uint8Array(text.length * 2)
    for (let i = 0; i < text.length; i++) {
      const unit = text.charCodeAt(i)
      le[2 * i] = unit & 0xff
      le[2 * i + 1] = unit >> 8
      be[2 * i] = unit >> 8
      be[2 * i + 1] = unit & 0xff
    }
    expect(decodeBytes(le)).toMatchObject({ text, encoding: 'utf-16le', detected: true })
    expect(decodeBytes(be)).toMatchObject({ text, encoding: 'utf-16be', detected: true })
  })

  it('does not take legacy text or binary data with zero bytes for UTF-16', () => {
    expect(sniffUtf16(encoderFor('windows-1251')('Совещание с членами Совета').bytes)).toBeNull()
    // 16-bit little-endian integers: zeros in odd positions, but not text.
    const numbers = new Uint8Array(400)
    for (let i = 0; i < 200; i++) numbers[2 * i] = (i * 37) % 32
    expect(sniffUtf16(numbers)).toBeNull()
  })

  it('never loses bytes silently: undecodable input comes out as UTF-8 with counted replacements', () => {
    for (const name of ['binary-png-renamed.txt', 'gzip-renamed.txt']) {
      const decoded = decodeBytes(read(join(BAD, name)))
      if (decoded.encoding === 'utf-8') expect(decoded.replacements, name).toBeGreaterThan(0)
    }
  })
})

describe('normaliseCharset', () => {
  it.each([
    ['cp1251', 'windows-1251'],
    ['Windows-1251', 'windows-1251'],
    ['win-1251', 'windows-1251'],
    ['"windows-1251"', 'windows-1251'],
    ['utf8', 'utf-8'],
    ['UTF-8-SIG', 'utf-8'],
    ['utf-16-le', 'utf-16le'],
    ['KOI8-R', 'koi8-r'],
    ['GB2312', 'gb18030'],
    ['GBK', 'gb18030'],
    ['gb18030', 'gb18030'],
    ['Big5', 'big5'],
    ['ISO-8859-1', 'windows-1252'],
    ['cp866', 'ibm866'],
    ['IBM866', 'ibm866'],
    ['MacCyrillic', 'x-mac-cyrillic'],
  ])('%s → %s', (label, name) => {
    expect(normaliseCharset(label)).toBe(name)
  })

  it('returns null for labels no decoder exists for', () => {
    expect(normaliseCharset('')).toBeNull()
    expect(normaliseCharset('klingon-1')).toBeNull()
  })
})

describe('statistical detection on short texts', () => {
  // Titles from the corpus manifests, saved in each legacy encoding: the
  // shortest texts an importer meets and the hardest to detect.
  const cases: [string, string[]][] = [
    ['windows-1251', titles('kremlin_ru_2025', 40)],
    ['koi8-r', titles('kremlin_ru_2025', 40)],
    ['ibm866', titles('kremlin_ru_2025', 40)],
    ['gb18030', titles('cn_gov_reports_zh', 40)],
    ['big5', titles('cn_gov_reports_zh', 40)],
    ['windows-1252', titles('wh_briefings', 400).filter((t) => /[\u2018-\u201d\u2014]/.test(t))],
  ]

  it.each(cases)('decodes corpus titles saved as %s', (encoding, sample) => {
    const encode = encoderFor(encoding)
    let right = 0
    let tested = 0
    for (const title of sample) {
      const { bytes, text } = encode(title)
      if (bytes.every((b) => b < 0x80)) continue
      tested++
      const decoded = decodeBytes(bytes)
      if (decoded.encoding === encoding && decoded.text === text) right++
    }
    expect(tested).toBeGreaterThanOrEqual(10)
    expect(right).toBe(tested)
  })
})

describe('bestCyrillicCodePage', () => {
  const paragraph = readFileSync(join(CORPUS, 'bad', 'windows-1251-ru.txt'))
  const text = new TextDecoder('windows-1251').decode(paragraph).slice(0, 600)

  it.each([
    ['koi8-r', 'windows-1251'],
    ['windows-1251', 'koi8-r'],
    ['ibm866', 'windows-1251'],
  ])('corrects a %s text guessed as %s', (encoding, wrongGuess) => {
    const { bytes } = encoderFor(encoding)(text)
    expect(bestCyrillicCodePage(bytes, wrongGuess)).toBe(encoding)
    expect(bestCyrillicCodePage(bytes, encoding)).toBe(encoding)
  })

  it('keeps the guess for short all-capital acronyms', () => {
    const { bytes } = encoderFor('windows-1251')('ФСБ и МВД РФ')
    expect(bestCyrillicCodePage(bytes, 'windows-1251')).toBe('windows-1251')
  })
})

describe('lowerCaseCyrillicShare', () => {
  it('scores Russian prose high and the same bytes in the wrong code page low', () => {
    const prose = 'Президент России провёл совещание с членами Совета Безопасности.'
    expect(lowerCaseCyrillicShare(prose)).toBeGreaterThan(0.8)
    const koi8 = encoderFor('koi8-r')(prose).bytes
    expect(lowerCaseCyrillicShare(new TextDecoder('windows-1251').decode(koi8))).toBeLessThan(0.2)
    expect(lowerCaseCyrillicShare(new TextDecoder('ibm866').decode(koi8))).toBeLessThan(0.5)
  })
})

describe('decodeBytes over the whole corpus', () => {
  const files = corpusFiles()

  it('reads every file that is valid UTF-8 as UTF-8, unchanged, and every good file without loss', () => {
    expect(files.length).toBeGreaterThan(3500)
    const problems: string[] = []
    for (const { folder, path } of files) {
      const bytes = read(path)
      const decoded = decodeBytes(bytes)
      const body = decoded.hadBom && decoded.encoding === 'utf-8' ? bytes.subarray(3) : bytes
      const strict = strictUtf8(body)
      // UTF-16 text of ASCII and Cyrillic is "valid UTF-8" full of NULs; NUL-free
      // valid UTF-8 must always be read as UTF-8.
      if (
        strict !== null &&
        !body.includes(0) &&
        (decoded.encoding !== 'utf-8' || decoded.text !== strict)
      ) {
        problems.push(`${path}: valid UTF-8 decoded as ${decoded.encoding}`)
      }
      if (folder !== 'bad' && decoded.replacements > 0) {
        problems.push(`${path}: ${decoded.replacements} replacements`)
      }
    }
    expect(problems).toEqual([])
  })
})
