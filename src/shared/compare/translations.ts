/**
 * Which releases are translations of each other. The user may link any two (kept on both
 * releases, `translationIds`); without a link, two releases are taken for translations when
 * they report the same event: the same day, at least one organisation in common (organisations
 * are named the same in every language: "ШОС" and "SCO" are both the Shanghai Cooperation
 * Organisation), and different languages.
 */
import type { DocTable } from '../search/doc-table'
import type { SearchDoc } from '../search/engine'

/** What the rule reads of a release, as its record and its search document both have it. */
export type EventFacts = {
  date: string | null
  lang: string | null
  organisations: readonly string[]
}

/** How two releases are known to be translations, or null when they are not. */
export type TranslationLink = 'linked' | 'same event'

const FULL_DAY = /^\d{4}-\d\d-\d\d$/

/** Same day (a month or a year alone is too coarse), an organisation in common, other languages. */
export function isSameEvent(a: EventFacts, b: EventFacts): boolean {
  if (!a.date || a.date !== b.date || !FULL_DAY.test(a.date)) return false
  if (!a.lang || !b.lang || a.lang === b.lang) return false
  return a.organisations.some((o) => b.organisations.includes(o))
}

/** How release `b` is a translation of `a` (`a`'s links checked both ways), or null. */
export function translationLink(
  a: EventFacts & { id: string; translationIds?: readonly string[] },
  b: EventFacts & { id: string; translationIds?: readonly string[] },
): TranslationLink | null {
  if (a.translationIds?.includes(b.id) || b.translationIds?.includes(a.id)) return 'linked'
  return isSameEvent(a, b) ? 'same event' : null
}

/**
 * The indexed releases reporting the same event as `doc` in another language, by the index's
 * date column: one pass over an array of numbers, however large the archive.
 */
export function sameEventDocs(
  docs: DocTable,
  doc: EventFacts & { releaseId: string },
): SearchDoc[] {
  if (!doc.date || !FULL_DAY.test(doc.date)) return []
  const column = docs.column('date', (d) => d.date)
  const code = column.ids.get(doc.date)
  if (code === undefined) return []
  const out: SearchDoc[] = []
  column.codes.forEach((c, docNo) => {
    if (c !== code) return
    const other = docs.get(docNo)
    if (other && other.releaseId !== doc.releaseId && isSameEvent(doc, other)) out.push(other)
  })
  return out
}
