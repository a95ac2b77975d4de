/**
 * Splits a decoded plain-text release into a title and paragraphs.
 *
 * Rules:
 * - CR and CRLF line endings become LF.
 * - The title is the first non-empty line; it is not a numbered paragraph.
 * - In the body, a blank line (empty or whitespace only) separates paragraphs,
 *   and the lines of one paragraph are joined with a space.
 * - Runs of spaces, tabs and no-break spaces become one space.
 * - A body with no blank line at all has one paragraph per line: many
 *   releases are published that way (the SCO 2014 release is).
 */

export type ParsedRelease = {
  title: string
  paragraphs: string[]
}

const BLANK_LINE = /^[ \t\u00a0\u3000]*$/

function normaliseLineEndings(text: string): string {
  return text.replace(/\r\n?/g, '\n')
}

export function parseRelease(text: string): ParsedRelease {
  const lines = normaliseLineEndings(text).split('\n')
  const titleIndex = lines.findIndex((line) => !BLANK_LINE.test(line))
  if (titleIndex === -1) return { title: '', paragraphs: [] }

  const title = collapseSpaces(lines[titleIndex] ?? '')
  const body = lines.slice(titleIndex + 1)
  const firstContent = body.findIndex((line) => !BLANK_LINE.test(line))
  if (firstContent === -1) return { title, paragraphs: [] }

  const content = trimTrailingBlankLines(body.slice(firstContent))
  const hasBlankLine = content.some((line) => BLANK_LINE.test(line))

  const paragraphs = hasBlankLine ? splitOnBlankLines(content) : content.map(collapseSpaces)
  return { title, paragraphs: paragraphs.filter((p) => p.length > 0) }
}

function splitOnBlankLines(lines: string[]): string[] {
  const paragraphs: string[] = []
  let current: string[] = []
  for (const line of lines) {
    if (BLANK_LINE.test(line)) {
      if (current.length > 0) paragraphs.push(collapseSpaces(current.join(' ')))
      current = []
    } else {
      current.push(line)
    }
  }
  if (current.length > 0) paragraphs.push(collapseSpaces(current.join(' ')))
  return paragraphs
}

function trimTrailingBlankLines(lines: string[]): string[] {
  let end = lines.length
  while (end > 0 && BLANK_LINE.test(lines[end - 1] ?? '')) end--
  return lines.slice(0, end)
}

/**
 * Trims and collapses runs of spaces and tabs. No-break spaces (U+00A0, U+202F)
 * become ordinary spaces: in releases they are typesetting residue that would
 * otherwise glue words together at line ends. The original text is kept apart.
 */
function collapseSpaces(text: string): string {
  return text.replace(/[ \t\u00a0\u202f]+/g, ' ').trim()
}
