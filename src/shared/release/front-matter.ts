/**
 * YAML front matter at the start of a Markdown (or plain-text) release.
 *
 * Rules:
 * - Front matter is a block that opens with a `---` line as the very first line of the text
 *   and closes with the next `---` (or YAML's `...`) line. LF and CRLF are both accepted.
 * - The block must parse as a YAML mapping without errors. Anything else (malformed YAML, a
 *   scalar, a list, no closing line) means there is no front matter: the whole text is the body,
 *   and nothing throws, because a plain text that happens to start with a rule must still import.
 * - Keys are matched case-insensitively: `title`; `date`; `place`, `location`, `city` or `venue`
 *   (first one present wins, in that order).
 * - Only ISO dates are accepted (`2019-06-14`, `2019-06`, `2019`, or an ISO timestamp whose date
 *   part is kept exactly as written). Free-form dates ("14 June 2019") are ignored here; the
 *   metadata extractor reads such dates from the body instead.
 * - YAML is parsed with the YAML 1.2 core schema, so `2019-06-14` stays a string and no time zone
 *   can shift it; a Date object (from an explicit `!!timestamp` tag) is read in UTC, which is how
 *   the YAML library builds it.
 */

import { parseDocument } from 'yaml'
import type { DeclaredMetadata } from './metadata/types'

export type FrontMatterSplit = {
  declared: DeclaredMetadata
  body: string
  hadFrontMatter: boolean
}

const OPENING = /^---[ \t]*\r?\n/
const CLOSING = /^(?:---|\.\.\.)[ \t]*$/
const PLACE_KEYS = ['place', 'location', 'city', 'venue']
/** Front matter this long is not front matter; it keeps a stray `---` from swallowing a book. */
const MAX_FRONT_MATTER_CHARS = 64 * 1024

export function splitFrontMatter(text: string): FrontMatterSplit {
  const none: FrontMatterSplit = { declared: {}, body: text, hadFrontMatter: false }
  const opening = OPENING.exec(text)
  if (!opening) return none

  const start = opening[0].length
  let lineStart = start
  let yamlEnd = -1
  let bodyStart = -1
  while (lineStart <= text.length && lineStart - start <= MAX_FRONT_MATTER_CHARS) {
    const newline = text.indexOf('\n', lineStart)
    const lineEnd = newline === -1 ? text.length : newline
    const line = text.slice(lineStart, lineEnd).replace(/\r$/, '')
    if (CLOSING.test(line)) {
      yamlEnd = lineStart
      bodyStart = newline === -1 ? text.length : newline + 1
      break
    }
    if (newline === -1) break
    lineStart = newline + 1
  }
  if (yamlEnd === -1) return none

  const fields = parseYamlMapping(text.slice(start, yamlEnd))
  if (!fields) return none

  const declared: DeclaredMetadata = {}
  const title = scalarText(fields.get('title'))
  if (title) declared.title = title
  const date = declaredDate(fields.get('date'))
  if (date) declared.date = date
  for (const key of PLACE_KEYS) {
    const place = scalarText(fields.get(key))
    if (place) {
      declared.place = place
      break
    }
  }

  const body = text.slice(bodyStart).replace(/^(?:[ \t]*\r?\n)+/, '')
  return { declared, body, hadFrontMatter: true }
}

/** The mapping's entries with lower-cased keys, or null when the YAML is not a clean mapping. */
function parseYamlMapping(source: string): Map<string, unknown> | null {
  let value: unknown
  try {
    const doc = parseDocument(source, { schema: 'core', prettyErrors: false })
    if (doc.errors.length > 0) return null
    value = doc.toJS({ maxAliasCount: 50 })
  } catch {
    return null
  }
  if (value === null || value === undefined) return new Map()
  if (typeof value !== 'object' || Array.isArray(value) || value instanceof Date) return null
  const fields = new Map<string, unknown>()
  for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
    const lower = key.trim().toLowerCase()
    if (!fields.has(lower)) fields.set(lower, entry)
  }
  return fields
}

function scalarText(value: unknown): string | null {
  if (typeof value === 'string') {
    const text = value.replace(/\s+/g, ' ').trim()
    return text.length > 0 ? text : null
  }
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  return null
}

function declaredDate(value: unknown): string | null {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return null
    const year = String(value.getUTCFullYear()).padStart(4, '0')
    const month = String(value.getUTCMonth() + 1).padStart(2, '0')
    const day = String(value.getUTCDate()).padStart(2, '0')
    return `${year}-${month}-${day}`
  }
  if (typeof value === 'number' && Number.isInteger(value))
    return isoDateFromDeclared(String(value))
  if (typeof value === 'string') return isoDateFromDeclared(value)
  return null
}

const ISO_DATE =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:\s*(?:Z|[+-]\d{2}(?::?\d{2})?))?)?)?)?$/i

/**
 * `YYYY-MM-DD`, `YYYY-MM` or `YYYY` from an ISO date or timestamp as written, or null.
 * The date part of a timestamp is kept as written: "2019-06-14T23:30:00-05:00" is the 14th,
 * the day the source meant, not the 15th in UTC.
 */
export function isoDateFromDeclared(value: string): string | null {
  const match = ISO_DATE.exec(value.trim())
  if (!match) return null
  const [, year = '', month, day] = match
  const y = Number(year)
  if (y < 1000) return null
  if (month === undefined) return year
  const m = Number(month)
  if (m < 1 || m > 12) return null
  if (day === undefined) return `${year}-${month}`
  const d = Number(day)
  const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate()
  if (d < 1 || d > daysInMonth) return null
  return `${year}-${month}-${day}`
}
