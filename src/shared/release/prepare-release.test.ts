import { describe, expect, it } from 'vitest'
import { decodeBytes } from './decode'
import { prepareRelease } from './prepare-release'

const utf8 = (text: string) => new TextEncoder().encode(text)

describe('decodeBytes', () => {
  it('removes a UTF-8 BOM and keeps a U+FEFF later in the text', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('Title\uFEFFx')])
    expect(decodeBytes(bytes)).toEqual({
      text: 'Title\uFEFFx',
      encoding: 'utf-8',
      hadBom: true,
      replacements: 0,
    })
  })

  it('decodes UTF-16LE with a BOM', () => {
    const bytes = new Uint8Array([0xff, 0xfe, 0x4f, 0x04, 0x0a, 0x00])
    expect(decodeBytes(bytes)).toMatchObject({ text: 'я\n', encoding: 'utf-16le', hadBom: true })
  })

  it('counts invalid UTF-8 sequences instead of dropping them silently', () => {
    const bytes = new Uint8Array([...utf8('Caf'), 0xe9, ...utf8(' noir'), 0xff])
    const decoded = decodeBytes(bytes)
    expect(decoded.text).toBe('Caf\uFFFD noir\uFFFD')
    expect(decoded.replacements).toBe(2)
  })
})

describe('prepareRelease', () => {
  it('prepares a text file with its hash, title and paragraphs', async () => {
    const outcome = await prepareRelease('a.txt', utf8('Statement\n\nOne.\n\nTwo.\n'))
    expect(outcome.kind).toBe('ready')
    if (outcome.kind !== 'ready') return
    expect(outcome.release).toMatchObject({
      fileName: 'a.txt',
      title: 'Statement',
      paragraphs: ['One.', 'Two.'],
      encoding: 'utf-8',
      warnings: [],
      // sha256 of the exact bytes above, computed independently with `sha256sum`.
      contentHash: 'b18f7d477040e35d91e42142b9aae9dca53c00e17956b2fb04a88db0776c91aa',
    })
  })

  it.each([
    ['report.pdf', utf8('%PDF-1.7'), 'unsupported type'],
    ['blank.txt', utf8(' \n\t\r\n'), 'empty'],
    ['nul.txt', new Uint8Array([0x41, 0x00, 0x42]), 'binary'],
  ])('refuses %s as %s', async (name, bytes, reason) => {
    expect(await prepareRelease(name, bytes)).toEqual({ kind: 'rejected', fileName: name, reason })
  })

  it('refuses a file over the size limit and says how large it is', async () => {
    const outcome = await prepareRelease('big.txt', new Uint8Array(3 * 1024 * 1024).fill(65), {
      maxBytes: 1024 * 1024,
    })
    expect(outcome).toEqual({
      kind: 'rejected',
      fileName: 'big.txt',
      reason: 'too large (3.0 MB; the limit is 1.0 MB)',
    })
  })

  it('imports text with invalid bytes but warns how many were replaced', async () => {
    const outcome = await prepareRelease('latin1.txt', new Uint8Array([...utf8('Caf'), 0xe9]))
    expect(outcome.kind === 'ready' && outcome.release.warnings).toEqual([
      '1 invalid byte sequence was replaced with �',
    ])
  })
})
