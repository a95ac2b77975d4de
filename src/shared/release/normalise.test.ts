import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { decodeBytes } from './decode'
import { INVISIBLE_RE, NFC_STABLE_CHARS, normaliseText, SPACE_LIKE_RE } from './normalise'

const CORPUS = join(__dirname, '../../../../shared/corpus')
const read = (folder: string, name: string) =>
  decodeBytes(new Uint8Array(readFileSync(join(CORPUS, folder, name)))).text

describe('normaliseText', () => {
  it('turns CRLF, bare CR, NEL and LINE SEPARATOR into LF', () => {
    expect(normaliseText('a\r\nb\rc\u0085d\u2028e\n')).toBe('a\nb\nc\nd\ne\n')
  })

  it('turns a form feed or PARAGRAPH SEPARATOR into a paragraph break', () => {
    expect(normaliseText('end of page\fnext page')).toBe('end of page\n\nnext page')
    expect(normaliseText('one\u2029two')).toBe('one\n\ntwo')
  })

  it('turns no-break, narrow, figure, thin and ideographic spaces into spaces', () => {
    expect(normaliseText('a\u00a0b\u202fc\u2007d\u2009e\u3000f')).toBe('a b c d e f')
  })

  it('removes zero-width spaces, word joiners, soft hyphens and BOMs anywhere', () => {
    expect(
      normaliseText('\ufeffCOVID\u2060-\u206019 zero\u200bwidth soft\u00adhyphen a\ufeffb'),
    ).toBe('COVID-19 zerowidth softhyphen ab')
  })

  it('keeps ZWNJ and ZWJ, which change meaning in Persian and emoji', () => {
    expect(normaliseText('می\u200cخواهم 👩\u200d💻')).toBe('می\u200cخواهم 👩\u200d💻')
  })

  it('rejoins a word split by a soft hyphen at a line end', () => {
    expect(normaliseText('inter\u00ad\nnational')).toBe('international')
  })

  it('removes control characters but keeps tabs and line feeds', () => {
    expect(normaliseText('a\u0000b\u0007c\td\u001be\u009ff\ng')).toBe('abc\tdef\ng')
  })

  it('composes to NFC', () => {
    expect(normaliseText('Cafe\u0301 и\u0306')).toBe('Café й')
  })

  it('exports its character classes for search', () => {
    expect('a\u00a0b'.replace(SPACE_LIKE_RE, ' ')).toBe('a b')
    expect('a\u200bb'.replace(INVISIBLE_RE, '')).toBe('ab')
  })

  it('cleans a UN speech with a BOM and CR-only line endings', () => {
    // Decoded keeping the BOM, as a careless decoder would hand it over.
    const bytes = readFileSync(join(CORPUS, 'ungdc', 'BFA_46_1991.txt'))
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)
    const clean = normaliseText(text)
    expect(text).toMatch(/^\ufeff[^\n]*\r/)
    expect(clean).not.toMatch(/[\r\ufeff]/)
    expect(clean.split('\n').length).toBeGreaterThan(10)
  })

  it('keeps the title of a file with hidden characters readable', () => {
    const firstLine = normaliseText(read('bad', 'zero-width-and-nbsp-title.txt')).split('\n')[0]
    expect(firstLine).toBe('Joint Statement on Regional Security')
  })

  it('skips NFC only for texts that NFC leaves as they are', () => {
    // Every character listed as stable is NFC on its own and is no combining mark, which is
    // what makes any text of such characters NFC.
    const stable = new RegExp(`^[${NFC_STABLE_CHARS}]$`)
    for (let code = 0; code <= 0xffff; code++) {
      const char = String.fromCharCode(code)
      if (!stable.test(char)) continue
      expect(char.normalize('NFC'), code.toString(16)).toBe(char)
      expect(/\p{M}/u.test(char), code.toString(16)).toBe(false)
    }
    expect(normaliseText('“Quoted” — Москва 北京')).toBe('“Quoted” — Москва 北京')
    expect(normaliseText('“Cafe\u0301”')).toBe('“Café”')
    expect(normaliseText('\u212b \uf900')).toBe('\u212b \uf900'.normalize('NFC'))
  })
})
