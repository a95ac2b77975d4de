/**
 * CSV that spreadsheet programs open correctly: RFC 4180 quoting, CRLF line
 * ends, and a UTF-8 byte order mark so Excel reads Cyrillic and Chinese.
 *
 * Cells come from imported files (names, titles), which are untrusted: a cell
 * starting with = + - @ or a tab would be run as a formula by a spreadsheet, so
 * it gets a leading apostrophe (the OWASP advice on CSV injection).
 */
const FORMULA_START = /^[=+\-@\t\r]/

export function csvCell(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? '' : String(value)
  if (FORMULA_START.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

export function toCsv(rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return '\uFEFF' + rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n'
}
