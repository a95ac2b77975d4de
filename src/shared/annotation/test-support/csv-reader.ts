/**
 * A strict RFC 4180 reader, to read the exports back as a spreadsheet would:
 * records end with CRLF, a field with a comma, a quote or a line break is
 * quoted, and a quote inside a quoted field is doubled. Anything else (a bare
 * CR or LF outside quotes, a quote inside an unquoted field, an unclosed
 * quote) throws, so a sloppy file fails the test that reads it.
 */
export function readCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let i = 0
  while (i < text.length) {
    let field = ''
    if (text[i] === '"') {
      i++
      for (;;) {
        if (i >= text.length) throw new Error('a quoted field is not closed')
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"'
            i += 2
            continue
          }
          i++
          break
        }
        field += text[i]
        i++
      }
    } else {
      while (i < text.length && !',\r\n'.includes(text[i] as string)) {
        if (text[i] === '"') throw new Error(`a quote inside an unquoted field at ${i}`)
        field += text[i]
        i++
      }
    }
    row.push(field)
    if (text[i] === ',') {
      i++
    } else if (text.startsWith('\r\n', i)) {
      rows.push(row)
      row = []
      i += 2
    } else if (i < text.length) {
      throw new Error(`a bare line break or stray character at ${i}`)
    }
  }
  if (row.length > 0) throw new Error('the last record does not end with CRLF')
  return rows
}
