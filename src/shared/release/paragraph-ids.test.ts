import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { decodeBytes } from './decode'
import { hashText, paragraphKeys } from './paragraph-ids'
import { parseRelease } from './parse-release'

const CORPUS = join(__dirname, '../../../../shared/corpus')
const read = (folder: string, name: string) =>
  decodeBytes(new Uint8Array(readFileSync(join(CORPUS, folder, name)))).text

describe('hashText', () => {
  it('is an 11-character base-36 string, the same for the same text', () => {
    expect(hashText('The Security Council,')).toMatch(/^[0-9a-z]{11}$/)
    expect(hashText('The Security Council,')).toBe(hashText('The Security Council,'))
    expect(hashText('')).toMatch(/^[0-9a-z]{11}$/)
  })

  it('differs for texts that differ by one character', () => {
    expect(hashText('Member States')).not.toBe(hashText('Мember States'))
    expect(hashText('a')).not.toBe(hashText('b'))
  })
})

describe('paragraphKeys', () => {
  it('numbers repeated paragraphs by occurrence', () => {
    const keys = paragraphKeys(['Thank you.', 'Text.', 'Thank you.', 'Thank you.'])
    expect(keys[0]).toBe(`p${hashText('Thank you.')}`)
    expect(keys[2]).toBe(`${keys[0]}-2`)
    expect(keys[3]).toBe(`${keys[0]}-3`)
    expect(new Set(keys).size).toBe(4)
  })

  it('keeps the other keys when a paragraph is inserted, removed or moved', () => {
    const paragraphs = parseRelease(read('sco', '000_5b5391892682d1ae.txt')).paragraphs
    const keys = paragraphKeys(paragraphs)
    const inserted = [...paragraphs.slice(0, 5), 'A new paragraph.', ...paragraphs.slice(5)]
    const insertedKeys = paragraphKeys(inserted)
    expect(insertedKeys.filter((_, i) => i !== 5)).toEqual(keys)
    expect(paragraphKeys(paragraphs.slice(1))).toEqual(keys.slice(1))
    expect(paragraphKeys([...paragraphs].reverse())).toEqual([...keys].reverse())
  })

  it('gives the new version of a release new keys only where its text changed', () => {
    const old = paragraphKeys(parseRelease(read('sco', '000_5b5391892682d1ae.txt')).paragraphs)
    const next = paragraphKeys(parseRelease(read('bad', 'new-version-of-seed.txt')).paragraphs)
    const kept = next.filter((key) => old.includes(key))
    expect(kept.length).toBeGreaterThanOrEqual(old.length - 4)
    expect(kept.length).toBeLessThan(old.length)
  })

  it('is the same on every run', () => {
    const paragraphs = parseRelease(read('sco', '003_e372a3fb9bb542ce.txt')).paragraphs
    expect(paragraphKeys(paragraphs)).toEqual(paragraphKeys([...paragraphs]))
  })
})

describe('key values are fixed forever', () => {
  // Annotations point at these keys, so the same text must always give the same key.
  it('matches the keys the first implementation gave', () => {
    expect(paragraphKeys(['Alpha', 'Beta', 'Alpha', 'Ünïcödé 中文 𠀀', ''])).toEqual([
      'p01loolxkw4t',
      'p0buez92xbkw',
      'p01loolxkw4t-2',
      'p28ujdkz729w',
      'p0wvjl67o803',
    ])
  })
})
