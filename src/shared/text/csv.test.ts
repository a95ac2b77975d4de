import { describe, expect, it } from 'vitest'
import { csvCell, toCsv } from './csv'

describe('toCsv', () => {
  it('starts with a BOM and ends rows with CRLF', () => {
    expect(
      toCsv([
        ['file', 'outcome'],
        ['a.txt', 'imported'],
      ]),
    ).toBe('\uFEFFfile,outcome\r\na.txt,imported\r\n')
  })

  it('quotes commas, quotes and line breaks, and nothing else', () => {
    expect(csvCell('too large (12.0 MB; the limit is 10.0 MB)')).toBe(
      'too large (12.0 MB; the limit is 10.0 MB)',
    )
    expect(csvCell('duplicate of “A, B”')).toBe('"duplicate of “A, B”"')
    expect(csvCell('say "hi"')).toBe('"say ""hi"""')
    expect(csvCell('two\nlines')).toBe('"two\nlines"')
  })

  it('keeps Cyrillic and Chinese as they are', () => {
    expect(csvCell('Заявление для прессы — ШОС 2017 ✓.txt')).toBe(
      'Заявление для прессы — ШОС 2017 ✓.txt',
    )
  })

  it('defuses cells a spreadsheet would run as formulas', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`)
    expect(csvCell('+1')).toBe("'+1")
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)")
  })
})
