/**
 * What the facet panel and the timeline show for a set of search hits: how many releases have
 * each tag, type, organisation, country, place, year and language, and how many fall in each
 * year or month.
 *
 * Both count releases, not hits: in paragraph results one release can be several hits, and it
 * counts once. A release is identified by its releaseId.
 */
import type { SearchDoc, SearchHit } from './engine'

export type FacetField = 'tag' | 'type' | 'org' | 'country' | 'place' | 'year' | 'lang'

export type FacetValue = { value: string; count: number }

export type Facets = Record<FacetField, FacetValue[]>

/** The facet fields in the order the panel shows them. */
export const FACET_FIELDS: readonly FacetField[] = [
  'tag',
  'type',
  'org',
  'country',
  'place',
  'year',
  'lang',
]

const DEFAULT_LIMIT = 12

/**
 * Counts the releases per value (each release once: pass `HitList.releases()` or `releasesOf`
 * paragraph hits, where several hits of one release must count once). Sorted
 * by count desc, then value asc (year: by year desc). At most `limit` values per field (default
 * 12); tag values are tag paths.
 *
 * Years are cut after sorting, so the `limit` most recent years are kept. A tag counts only the
 * releases `tagsOf` names it for: tags under it are not added to it.
 */
export function computeFacets(
  releases: readonly SearchDoc[],
  tagsOf: (releaseId: string) => readonly string[],
  limit: number = DEFAULT_LIMIT,
): Facets {
  const counts: Record<FacetField, Map<string, number>> = {
    tag: new Map(),
    type: new Map(),
    org: new Map(),
    country: new Map(),
    place: new Map(),
    year: new Map(),
    lang: new Map(),
  }
  const add = (field: FacetField, values: Iterable<string | null>): void => {
    // A value repeated within one release still counts that release once.
    const seen = new Set<string>()
    for (const value of values) {
      if (value === null || value === '' || seen.has(value)) continue
      seen.add(value)
      const map = counts[field]
      map.set(value, (map.get(value) ?? 0) + 1)
    }
  }

  for (const doc of releases) {
    add('tag', tagsOf(doc.releaseId))
    add('type', [doc.type])
    add('org', doc.organisations)
    add('country', doc.countries)
    add('place', [doc.place])
    add('year', [parseDate(doc.date)?.year ?? null])
    add('lang', [doc.lang])
  }

  const max = Math.max(0, Math.floor(limit))
  const facets = {} as Facets
  for (const field of FACET_FIELDS) {
    const values = [...counts[field]].map(([value, count]) => ({ value, count }))
    values.sort(field === 'year' ? byValueDesc : byCountThenValue)
    facets[field] = values.slice(0, max)
  }
  return facets
}

export type TimelineBin = {
  /** 'YYYY' or 'YYYY-MM'. */
  key: string
  /** '2017' or 'Jun 2017'. */
  label: string
  count: number
  /** Inclusive ISO day bounds of the bin: '2017-06-01' and '2017-06-30'. */
  from: string
  to: string
}

export type Timeline = { bins: TimelineBin[]; granularity: 'year' | 'month'; undated: number }

/** Most months 'auto' draws month by month; a longer span is drawn by year. */
const AUTO_MONTH_SPAN = 36

const MONTH_NAMES = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
] as const

/**
 * The releases given (each once) per year or month; bins are continuous from the first
 * to the last date with zero-count bins filled in. granularity 'auto' = month when the dated
 * releases span at most 36 months, else year. Undated releases are counted separately.
 *
 * A date of a year only ('2017') counts in that year, and in month bins in January of that
 * year: it has to go somewhere, and the start of its span is where a `year:` filter starts too.
 * A date that is not ISO (YYYY, YYYY-MM, YYYY-MM-DD with a real month) counts as undated.
 * With no dated releases, there are no bins and 'auto' answers 'year'.
 */
export function timelineBins(
  releases: readonly SearchDoc[],
  granularity: 'auto' | 'year' | 'month',
): Timeline {
  let undated = 0
  /** Releases per month index (year * 12 + month - 1). */
  const perMonth = new Map<number, number>()
  let first = Infinity
  let last = -Infinity
  for (const doc of releases) {
    const date = parseDate(doc.date)
    if (!date) {
      undated += 1
      continue
    }
    const index = Number(date.year) * 12 + (date.month ?? 1) - 1
    perMonth.set(index, (perMonth.get(index) ?? 0) + 1)
    if (index < first) first = index
    if (index > last) last = index
  }

  const chosen =
    granularity !== 'auto'
      ? granularity
      : perMonth.size > 0 && last - first + 1 <= AUTO_MONTH_SPAN
        ? 'month'
        : 'year'
  if (perMonth.size === 0) return { bins: [], granularity: chosen, undated }

  const bins: TimelineBin[] = []
  if (chosen === 'month') {
    for (let index = first; index <= last; index++) {
      const year = Math.floor(index / 12)
      const month = (index % 12) + 1
      const key = `${pad(year, 4)}-${pad(month, 2)}`
      bins.push({
        key,
        label: `${MONTH_NAMES[month - 1] ?? ''} ${pad(year, 4)}`,
        count: perMonth.get(index) ?? 0,
        from: `${key}-01`,
        to: `${key}-${pad(daysInMonth(year, month), 2)}`,
      })
    }
  } else {
    const perYear = new Map<number, number>()
    for (const [index, count] of perMonth) {
      const year = Math.floor(index / 12)
      perYear.set(year, (perYear.get(year) ?? 0) + count)
    }
    for (let year = Math.floor(first / 12); year <= Math.floor(last / 12); year++) {
      const key = pad(year, 4)
      bins.push({
        key,
        label: key,
        count: perYear.get(year) ?? 0,
        from: `${key}-01-01`,
        to: `${key}-12-31`,
      })
    }
  }
  return { bins, granularity: chosen, undated }
}

/** The releases among the hits, each once, in the order they first appear. */
export function releasesOf(hits: Iterable<SearchHit>): SearchDoc[] {
  const docs = new Map<string, SearchDoc>()
  for (const hit of hits) {
    if (!docs.has(hit.doc.releaseId)) docs.set(hit.doc.releaseId, hit.doc)
  }
  return [...docs.values()]
}

const ISO_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/

/** The year (as 'YYYY') and month of an ISO date; null for null or a date that is not ISO. */
function parseDate(date: string | null): { year: string; month: number | null } | null {
  if (date === null) return null
  const match = ISO_DATE.exec(date.trim())
  if (!match?.[1]) return null
  const month = match[2] === undefined ? null : Number(match[2])
  if (month !== null && (month < 1 || month > 12)) return null
  return { year: match[1], month }
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0')
}

/** Case-insensitive, then code-point order: the same on every machine, whatever its locale. */
function compareText(a: string, b: string): number {
  return compareCodePoints(a.toLowerCase(), b.toLowerCase()) || compareCodePoints(a, b)
}

function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

function byCountThenValue(a: FacetValue, b: FacetValue): number {
  return b.count - a.count || compareText(a.value, b.value)
}

function byValueDesc(a: FacetValue, b: FacetValue): number {
  return compareText(b.value, a.value)
}
