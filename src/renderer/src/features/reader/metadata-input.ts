/**
 * What the metadata editors accept, and how a release's fields are written
 * into them: a date as YYYY, YYYY-MM or YYYY-MM-DD; lists one item per line;
 * participants as "Name, role (Country)" per line; references as one label
 * per line. Errors say, in words, what to write instead.
 */
import type { Participant, Reference } from '../../../../shared/release/metadata/types'

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string }

const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/

/** An ISO date of year, month or day precision; an empty input means the date is not known. */
export function parseDateInput(input: string): Parsed<string | null> {
  const text = input.trim()
  if (text === '') return { ok: true, value: null }
  const m = DATE.exec(text)
  if (!m) {
    return {
      ok: false,
      error: `“${text}” is not a date this field takes: write YYYY, YYYY-MM or YYYY-MM-DD, for example 2017-04-13.`,
    }
  }
  const year = Number(m[1])
  if (year === 0) return { ok: false, error: 'There is no year 0000.' }
  if (m[2] !== undefined) {
    const month = Number(m[2])
    if (month < 1 || month > 12) {
      return { ok: false, error: `${m[2]} is not a month: months run from 01 to 12.` }
    }
    if (m[3] !== undefined) {
      const day = Number(m[3])
      const days = new Date(Date.UTC(year, month, 0)).getUTCDate()
      if (day < 1 || day > days) {
        return {
          ok: false,
          error: `${text} is not a day of the calendar: that month has ${days} days.`,
        }
      }
    }
  }
  return { ok: true, value: text }
}

/** One item per line: trimmed, empty lines dropped, each item once. */
export function parseLines(input: string): string[] {
  const seen = new Set<string>()
  const items: string[] = []
  for (const line of input.split(/\r\n|\r|\n/)) {
    const item = line.trim().replace(/\s+/gu, ' ')
    if (item === '' || seen.has(item)) continue
    seen.add(item)
    items.push(item)
  }
  return items
}

/** "Name, role (Country)"; the role and the country are left out when unknown. */
export function formatParticipant(p: Participant): string {
  return `${p.name}${p.role ? `, ${p.role}` : ''}${p.country ? ` (${p.country})` : ''}`
}

/**
 * Participants, one per line as "Name, role (Country)": the country is the
 * last parenthesised part, the name is what comes before the first comma,
 * the role is the rest. "Name" alone and "Name (Country)" are accepted.
 */
export function parseParticipants(input: string): Parsed<Participant[]> {
  const participants: Participant[] = []
  const lines = input.split(/\r\n|\r|\n/)
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).trim().replace(/\s+/gu, ' ')
    if (line === '') continue
    let rest = line
    let country: string | null = null
    const inParens = /^(.*?)\s*\(([^()]*)\)$/u.exec(line)
    if (inParens) {
      rest = (inParens[1] as string).trim()
      country = (inParens[2] as string).trim() || null
    }
    const comma = rest.indexOf(',')
    const name = (comma === -1 ? rest : rest.slice(0, comma)).trim()
    const role = comma === -1 ? null : rest.slice(comma + 1).trim() || null
    if (name === '') {
      return {
        ok: false,
        error: `Line ${i + 1} (“${line}”) has no name: write “Name, role (Country)”.`,
      }
    }
    participants.push({ name, role, country })
  }
  return { ok: true, value: participants }
}

/**
 * References, one label per line. A label the release already had keeps what
 * was extracted with it (its kind, its phrase, its date); a new one is a
 * document, its phrase the label itself.
 */
export function parseReferences(input: string, existing: readonly Reference[]): Reference[] {
  const byLabel = new Map(existing.map((r) => [r.label, r]))
  return parseLines(input).map(
    (label) => byLabel.get(label) ?? { kind: 'document', label, text: label, date: null },
  )
}
