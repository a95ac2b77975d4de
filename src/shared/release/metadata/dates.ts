/**
 * Dates mentioned in a release, and the one most likely to be the date of the event.
 *
 * Recognised forms (day, month and year precision; ranges keep their end):
 * - English: "22 January 2014", "January 22, 2014", "5-6 April", "8-9 June, 2017",
 *   "June 8-9, 2017", "30 March – 2 April 2025", "1 January 1977 to 31 December 1981",
 *   "June 2017", ISO "2019-06-14"; years alone only after a preposition ("in 2015",
 *   "for 2017-2018"), in parentheses ("resolution 46 (1948)") or as a span "2017-2018".
 * - Russian: "8 мая 2025 года", "5–6 апреля", "30 марта – 2 апреля 2025 г.", "в мае 2025 года",
 *   years only with the word "год" ("в 2017 году", "2017–2018 годах"); genitive, nominative
 *   and prepositional month names.
 * - Chinese: "2017年4月5日", "2017年4月5日至6日", "2017年4月", "4月5日", "2017年", with ASCII,
 *   full-width or Chinese digits ("一九五八年十月").
 *
 * A date written without its year takes the year inferred from the rest of the text and is
 * marked `inferred`. The rule: the most frequent year among dates that do carry a year (day or
 * month precision; ties go to the latest year, since a release mostly looks back at events of
 * its own year and earlier); when there are none, the most frequent year-only mention ("in
 * 2017"), ties again to the latest. Without any year in the text such a date is dropped: an
 * ISO date cannot be written without one.
 *
 * Only calendar-valid dates between 1900 and 2100 are kept.
 */

import type { DateMention } from './types'

const MIN_YEAR = 1900
const MAX_YEAR = 2100

const EN_MONTHS: Record<string, number> = {}
;[
  ['January', 'Jan'],
  ['February', 'Feb'],
  ['March', 'Mar'],
  ['April', 'Apr'],
  ['May'],
  ['June', 'Jun'],
  ['July', 'Jul'],
  ['August', 'Aug'],
  ['September', 'Sept', 'Sep'],
  ['October', 'Oct'],
  ['November', 'Nov'],
  ['December', 'Dec'],
].forEach((names, i) => names.forEach((name) => (EN_MONTHS[name.toLowerCase()] = i + 1)))

const RU_MONTHS: Record<string, number> = {}
;[
  ['января', 'январь', 'январе'],
  ['февраля', 'февраль', 'феврале'],
  ['марта', 'март', 'марте'],
  ['апреля', 'апрель', 'апреле'],
  ['мая', 'май', 'мае'],
  ['июня', 'июнь', 'июне'],
  ['июля', 'июль', 'июле'],
  ['августа', 'август', 'августе'],
  ['сентября', 'сентябрь', 'сентябре'],
  ['октября', 'октябрь', 'октябре'],
  ['ноября', 'ноябрь', 'ноябре'],
  ['декабря', 'декабрь', 'декабре'],
].forEach((names, i) => names.forEach((name) => (RU_MONTHS[name] = i + 1)))

/** Longest names first so that "Sept" is not read as "Sep" followed by a stray "t". */
function alternation(names: string[]): string {
  return [...names].sort((a, b) => b.length - a.length).join('|')
}

const EN_MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'Jun',
  'Jul',
  'Aug',
  'Sept',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
]

// English month names are matched case-sensitively: "may" and "march" are common words.
const EM = `(?:${alternation(EN_MONTH_NAMES.slice(0, 12))}|(?:${alternation(EN_MONTH_NAMES.slice(12))})\\.?)(?![A-Za-z])`
const ED = '\\d{1,2}(?:st|nd|rd|th)?'
const EY = '\\d{4}'
const EDASH = '\\s*(?:[-‐‑‒–—―]|\\bto\\b|\\buntil\\b|\\bthrough\\b)\\s*'
const B = '(?<![\\p{L}\\p{N}])'
const NOTNUM = '(?![\\p{N}])'

const RM = `(?:${alternation(Object.keys(RU_MONTHS))})(?![\\p{L}])`
const RY_WORD = '(?:\\s*(?:(?:года|году|год)(?![\\p{L}])|г\\.))?'
const RDASH = '\\s*(?:[-‐‑‒–—―]|\\bпо\\b|\\bдо\\b)\\s*'

const CN_DIGIT = '〇○零一二三四五六七八九'
const ZY = `(?:\\d{4}|[${CN_DIGIT}]{4})`
const ZN = '(?:\\d{1,2}|[一二三四五六七八九十]{1,3})'
const ZDASH = '\\s*(?:至|到|[-－–—~～])\\s*'

type Groups = { d1?: string; m1?: string; y1?: string; d2?: string; m2?: string; y2?: string }

type Rule = { re: RegExp; lang: 'en' | 'ru' | 'zh' | 'iso' }

function rule(lang: Rule['lang'], source: string, flags = ''): Rule {
  return { lang, re: new RegExp(source, `gu${flags}`) }
}

const g = (name: keyof Groups, body: string): string => `(?<${name}>${body})`

const RULES: Rule[] = [
  // English
  rule(
    'en',
    `${B}${g('d1', ED)}\\s+${g('m1', EM)}(?:,?\\s*${g('y1', EY)})?${EDASH}${g('d2', ED)}\\s+${g('m2', EM)}(?:,?\\s*${g('y2', EY)})?${NOTNUM}`,
  ),
  rule(
    'en',
    `${B}${g('d1', ED)}${EDASH}${g('d2', ED)}\\s+${g('m2', EM)}(?:,?\\s*${g('y2', EY)})?${NOTNUM}`,
  ),
  rule('en', `${B}${g('d1', ED)}\\s+${g('m1', EM)}(?:,?\\s*${g('y1', EY)})?${NOTNUM}`),
  rule(
    'en',
    `${B}${g('m1', EM)}\\s*${g('d1', ED)}(?:,?\\s*${g('y1', EY)})?${EDASH}${g('m2', EM)}\\s*${g('d2', ED)}(?:,?\\s*${g('y2', EY)})?${NOTNUM}`,
  ),
  rule(
    'en',
    `${B}${g('m1', EM)}\\s*${g('d1', ED)}${EDASH}${g('d2', ED)}(?:,\\s*${g('y2', EY)})?${NOTNUM}`,
  ),
  rule('en', `${B}${g('m1', EM)}\\s*${g('d1', ED)}(?:,?\\s*${g('y1', EY)})?${NOTNUM}`),
  rule('en', `${B}${g('m1', EM)},?\\s*(?:of\\s+)?${g('y1', EY)}${NOTNUM}`),
  // Year alone: only where the wording makes it a date rather than a number.
  rule(
    'en',
    `(?<=\\b(?:[Ii]n|[Ss]ince|[Bb]y|[Oo]f|[Ff]or|[Dd]uring|[Uu]ntil|[Ff]rom|[Bb]efore|[Aa]fter|[Tt]hroughout|[Yy]ear)\\s)${g('y1', EY)}(?:[-–—]${g('y2', EY)})?${NOTNUM}(?![-‐‑/.]\\d)`,
  ),
  rule('en', `(?<=\\()${g('y1', EY)}(?=\\))`),
  rule('en', `${B}${g('y1', EY)}[-–—]${g('y2', EY)}${NOTNUM}`),
  // ISO
  rule(
    'iso',
    `${B}${g('y1', '\\d{4}')}-${g('m1', '\\d{2}')}-${g('d1', '\\d{2}')}${NOTNUM}(?![-‐‑]\\d)`,
  ),
  // Russian
  rule(
    'ru',
    `${B}${g('d1', '\\d{1,2}')}\\s+${g('m1', RM)}(?:\\s*${g('y1', '\\d{4}')}${RY_WORD})?${RDASH}${g('d2', '\\d{1,2}')}\\s+${g('m2', RM)}(?:\\s*${g('y2', '\\d{4}')}${RY_WORD})?${NOTNUM}`,
    'i',
  ),
  rule(
    'ru',
    `${B}${g('d1', '\\d{1,2}')}${RDASH}${g('d2', '\\d{1,2}')}\\s+${g('m2', RM)}(?:\\s*${g('y2', '\\d{4}')}${RY_WORD})?${NOTNUM}`,
    'i',
  ),
  rule(
    'ru',
    `${B}${g('d1', '\\d{1,2}')}\\s+${g('m1', RM)}(?:\\s*${g('y1', '\\d{4}')}${RY_WORD})?${NOTNUM}`,
    'i',
  ),
  rule('ru', `${B}${g('m1', RM)}\\s+${g('y1', '\\d{4}')}${RY_WORD}${NOTNUM}`, 'i'),
  rule(
    'ru',
    `${B}${g('y1', '\\d{4}')}(?:\\s*[-–—]\\s*${g('y2', '\\d{4}')})?\\s*(?:годы|годах|годов|годам|года|году|год|гг\\.|г\\.)`,
    'i',
  ),
  // Chinese
  rule(
    'zh',
    `(?:${g('y1', ZY)}\\s*年\\s*)?${g('m1', ZN)}\\s*月\\s*${g('d1', ZN)}\\s*[日号]${ZDASH}(?:${g('m2', ZN)}\\s*月\\s*)?${g('d2', ZN)}\\s*[日号]`,
  ),
  rule('zh', `(?:${g('y1', ZY)}\\s*年\\s*)?${g('m1', ZN)}\\s*月\\s*${g('d1', ZN)}\\s*[日号]`),
  rule('zh', `${g('y1', ZY)}\\s*年\\s*${g('m1', ZN)}\\s*月(?![份度]?[${CN_DIGIT}十\\d])`),
  rule('zh', `${g('y1', ZY)}\\s*年${ZDASH}${g('y2', ZY)}\\s*年`),
  rule('zh', `${g('y1', ZY)}\\s*年`),
]

// "〇" (U+3007) and "○" (U+25CB, often typed instead) are both zero in years like "二〇一七".
const CN_VALUES: Record<string, number> = Object.fromEntries(
  [...CN_DIGIT].map((c, i) => [c, Math.max(0, i - 2)]),
)

/** ASCII, full-width or Chinese numerals ("一九五八", "十二", "二十三") to a number. */
function parseNumber(text: string): number {
  const ascii = text.replace(/[０-９]/g, (c) => String(c.charCodeAt(0) - 0xff10))
  if (/^\d+$/.test(ascii)) return Number(ascii)
  if (!text.includes('十')) return Number([...text].map((c) => CN_VALUES[c] ?? 0).join(''))
  const [tens, units] = text.split('十')
  return (tens ? (CN_VALUES[tens] ?? 0) : 1) * 10 + (units ? (CN_VALUES[units] ?? 0) : 0)
}

function parseMonth(text: string, lang: Rule['lang']): number {
  if (lang === 'en') return EN_MONTHS[text.replace(/\.$/, '').toLowerCase()] ?? 0
  if (lang === 'ru') return RU_MONTHS[text.toLowerCase()] ?? 0
  return parseNumber(text)
}

function parseDay(text: string): number {
  return parseNumber(text.replace(/(st|nd|rd|th)$/, ''))
}

function daysInMonth(year: number | null, month: number): number {
  if (month === 2) {
    if (year === null) return 29
    return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28
  }
  return [4, 6, 9, 11].includes(month) ? 30 : 31
}

type Part = { year: number | null; month: number | null; day: number | null }

/** A date as found, before a missing year is filled in. */
type LocatedDate = {
  start: Part
  end: Part | null
  text: string
  /** -1 for the title, else the paragraph's index. */
  segment: number
  index: number
  length: number
  /** The text of the segment, for looking at the words around the date. */
  source: string
}

const pad = (n: number): string => String(n).padStart(2, '0')

function isoOf(part: Part, year: number): string {
  if (part.month === null) return String(year)
  if (part.day === null) return `${year}-${pad(part.month)}`
  return `${year}-${pad(part.month)}-${pad(part.day)}`
}

function validYear(y: number | null): boolean {
  return y === null || (y >= MIN_YEAR && y <= MAX_YEAR)
}

function validPart(p: Part): boolean {
  if (!validYear(p.year)) return false
  if (p.month === null) return p.day === null
  if (p.month < 1 || p.month > 12) return false
  return p.day === null || (p.day >= 1 && p.day <= daysInMonth(p.year, p.month))
}

function build(groups: Groups, lang: Rule['lang']): { start: Part; end: Part | null } | null {
  const num = (s?: string): number | null => (s === undefined ? null : parseNumber(s))
  const y1 = num(groups.y1)
  const y2 = num(groups.y2)
  const m1 = groups.m1 !== undefined ? parseMonth(groups.m1, lang) : null
  const m2 = groups.m2 !== undefined ? parseMonth(groups.m2, lang) : null
  const d1 = groups.d1 !== undefined ? parseDay(groups.d1) : null
  const d2 = groups.d2 !== undefined ? parseDay(groups.d2) : null
  const isRange = y2 !== null || m2 !== null || d2 !== null
  if (!isRange) {
    const start = { year: y1, month: m1, day: d1 }
    return validPart(start) ? { start, end: null } : null
  }
  const startMonth = m1 ?? m2
  const endMonth = m2 ?? m1
  const endYear = y2 ?? y1
  let startYear = y1 ?? y2
  // "30 December – 2 January 2025" starts in the year before the one written.
  if (y1 === null && startYear !== null && startMonth !== null && endMonth !== null) {
    if (startMonth > endMonth) startYear -= 1
  }
  const start = { year: startYear, month: startMonth, day: d1 }
  const end = { year: endYear, month: endMonth, day: d2 }
  if (!validPart(start) || !validPart(end)) return null
  if (start.year !== null && end.year !== null && start.year > end.year) return null
  // A year span like "2017-2018" must go forwards; "1990-2050" style tables are not dates.
  if (start.month === null && end.year !== null && start.year !== null) {
    if (end.year <= start.year || end.year - start.year > 50) return null
  }
  const ordered =
    start.month === null ||
    end.month === null ||
    start.year !== end.year ||
    start.month < end.month ||
    (start.month === end.month && (start.day ?? 0) < (end.day ?? 0))
  return ordered ? { start, end } : null
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

/** Every date in one segment, leftmost-longest, without overlaps. */
function scanSegment(source: string, segment: number): LocatedDate[] {
  // Full-width digits (common in older Chinese documents) are read as ASCII; one UTF-16 unit
  // each, so positions still point into the original text.
  const normalised = source.replace(/[０-９]/g, (c) => String(c.charCodeAt(0) - 0xff10))
  const found: (Omit<LocatedDate, 'start'> & { start: Part | null })[] = []
  // Rules of a script that does not occur in the segment cannot match; skipping them keeps
  // long speeches fast.
  const present = {
    en: /\d/.test(normalised),
    iso: /\d{4}-\d/.test(normalised),
    ru: /\d/.test(normalised) && /[а-яё]/i.test(normalised),
    zh: /[年月]/.test(normalised),
  }
  for (const { re, lang } of RULES) {
    if (!present[lang]) continue
    re.lastIndex = 0
    for (const m of normalised.matchAll(re)) {
      // An impossible date ("31 April 2017") still claims its words, so that no shorter
      // reading ("April 2017") is made of them.
      const built = build((m.groups ?? {}) as Groups, lang) ?? { start: null, end: null }
      const text = collapse(source.slice(m.index, m.index + m[0].length))
      found.push({ ...built, text, segment, index: m.index, length: m[0].length, source })
    }
  }
  found.sort((a, b) => a.index - b.index || b.length - a.length)
  const kept: LocatedDate[] = []
  let reach = 0
  for (const date of found) {
    if (date.index < reach) continue
    reach = date.index + date.length
    if (date.start) kept.push(date as LocatedDate)
  }
  return kept
}

function mostFrequentYear(years: number[]): number | null {
  const counts = new Map<number, number>()
  for (const y of years) counts.set(y, (counts.get(y) ?? 0) + 1)
  let best: number | null = null
  let bestCount = 0
  for (const [year, count] of counts) {
    if (count > bestCount || (count === bestCount && best !== null && year > best)) {
      best = year
      bestCount = count
    }
  }
  return best
}

/** The year a date written without one most likely belongs to (see the module comment). */
function inferYear(dates: LocatedDate[]): number | null {
  const full: number[] = []
  const bare: number[] = []
  for (const d of dates) {
    for (const part of d.end ? [d.start, d.end] : [d.start]) {
      if (part.year === null) continue
      ;(part.month !== null ? full : bare).push(part.year)
    }
  }
  return mostFrequentYear(full) ?? mostFrequentYear(bare)
}

type ResolvedDate = DateMention & { located: LocatedDate }

/** Every occurrence of a date with its position, repeats included. */
function locateDates(paragraphs: string[], title?: string): ResolvedDate[] {
  const located: LocatedDate[] = []
  if (title) located.push(...scanSegment(title, -1))
  paragraphs.forEach((p, i) => located.push(...scanSegment(p, i)))
  const fallback = inferYear(located)
  const out: ResolvedDate[] = []
  for (const d of located) {
    const inferred = d.start.year === null && (d.end === null || d.end.year === null)
    const startYear = d.start.year ?? fallback
    if (startYear === null) continue
    let endYear = d.end ? (d.end.year ?? startYear) : null
    if (d.end && d.end.year === null && d.end.month !== null && d.start.month !== null) {
      if (d.end.month < d.start.month) endYear = startYear + 1
    }
    // A date without a year is only valid once the year is known (29 February).
    const start = { ...d.start, year: startYear }
    if (!validPart(start)) continue
    if (d.end && endYear !== null && !validPart({ ...d.end, year: endYear })) continue
    const iso = isoOf(d.start, startYear)
    const end = d.end && endYear !== null ? isoOf(d.end, endYear) : null
    out.push({ iso, end, text: d.text, inferred, located: d })
  }
  return out
}

/** Every date mentioned in the title and paragraphs, in reading order, without repeats. */
export function extractDates(paragraphs: string[], title?: string): DateMention[] {
  const seen = new Set<string>()
  const out: DateMention[] = []
  for (const { iso, end, text, inferred } of locateDates(paragraphs, title)) {
    const key = keyOf({ iso, end, text })
    if (seen.has(key)) continue
    seen.add(key)
    out.push({ iso, end, text, inferred })
  }
  return out
}

function keyOf(d: Pick<DateMention, 'iso' | 'end' | 'text'>): string {
  return `${d.iso}|${d.end ?? ''}|${d.text}`
}

// Words before a date that say it is the date of the event being reported.
const EVENT_CUE =
  /(?:\b(?:held|took place|takes place|convened|hosted|met|meeting|adopted|signed|opened|on|issued)\b|состоял(?:ся|ась|ось|ись)|прош(?:ёл|ел|ла|ло|ли)|проходил[аои]?|в ходе|举行|召开|于|在)[\s,]*(?:[\p{L}\p{N}'’-]+[\s,]+){0,6}$/iu
// Words before a date that say the event is still to come: the release is not about it.
const FUTURE_CUE =
  /\b(?:to be held|will be held|will take place|will meet|next|upcoming|forthcoming|scheduled)\b|состоится|пройд[её]т|будет|将于|将在/iu
// "the Minsk agreements of 12 February 2015", "resolution 46 (1948) of 17 April 1948",
// "Указ … от 2 апреля 2025 года": the date of another document.
const DOCUMENT_CUE =
  /\b(?:agreements?|accords?|resolutions?|declarations?|treaty|treaties|conventions?|protocols?|memorandum|charter|decisions?|decrees?|orders?|letters?|statements?|communiqu[ée]s?|laws?|acts?|report|documents?)\b[^.;]{0,80}?\b(?:of|dated)\s*$|\bот\s*$|(?:Указ|Распоряжени|Закон|Соглашени|Договор|Резолюци|Декларац)[^.;]{0,80}$/iu
// A news dateline: the date followed by the time of publication ("24 февраля 2025 года 16:25").
const TIME_AFTER = /^[\s,]*(?:\d{1,2}[:.]\d{2})(?!\d)/

function isDateline(date: ResolvedDate): boolean {
  const { located } = date
  return TIME_AFTER.test(located.source.slice(located.index + located.length).slice(0, 12))
}

function precisionScore(iso: string): number {
  return iso.length === 10 ? 6 : iso.length === 7 ? 3 : 0
}

function score(date: ResolvedDate): number {
  const { located } = date
  const before = located.source.slice(Math.max(0, located.index - 120), located.index)
  let s = precisionScore(date.iso)
  // Earlier is better: the title and the opening paragraphs say when, the rest tells the story.
  if (located.segment === -1) s += 5
  else s += Math.max(0, 4 - located.segment) + Math.max(0, 2 - located.index / 400)
  if (isDateline(date)) s += 8
  const near = before.slice(-60)
  if (EVENT_CUE.test(near)) s += 2
  if (FUTURE_CUE.test(before.slice(-80))) s -= 6
  if (located.segment !== -1 && DOCUMENT_CUE.test(before)) s -= 7
  if (date.inferred) s -= 0.5
  return s
}

/**
 * The date most likely to be when the reported event happened: a date in the title or the
 * opening paragraphs, a news dateline with its time, a date next to "held", "on", "состоялся";
 * day precision before month before year; never a date that belongs to another document or
 * to an event still to come when anything better exists. Only dates in `dates` are chosen,
 * so a caller can pass a filtered list.
 */
export function bestDate(
  dates: DateMention[],
  paragraphs: string[],
  title?: string,
): DateMention | null {
  if (dates.length === 0) return null
  const wanted = new Set(dates.map(keyOf))
  const scored = locateDates(paragraphs, title)
    .filter((d) => wanted.has(keyOf(d)))
    // A bare year deep in the text is a target or a look back ("by 2030", "since 2008"),
    // not the date of the event; only the title and the opening paragraphs may give one.
    .filter((d) => d.iso.length > 4 || d.located.segment <= 1)
    .map((d) => ({ d, s: score(d) }))
  const pick = (list: typeof scored): ResolvedDate | null =>
    list.reduce<(typeof scored)[number] | null>((a, b) => (a && a.s >= b.s ? a : b), null)?.d ??
    null
  // A date in the title is the document's own date ("Resolution of 10 December 1946",
  // "2022年…政府工作报告"). The body can only sharpen it: "2022年" in the title and
  // "2022年3月5日" in the opening line agree, and the day is the better answer. A news
  // dateline beats a bare year in the title ("Лауреаты премии … за 2024 год").
  const inTitle = pick(scored.filter(({ d }) => d.located.segment === -1))
  let best = inTitle
  if (inTitle) {
    const sharper = pick(
      scored.filter(
        ({ d }) =>
          d.located.segment !== -1 &&
          d.iso.length > inTitle.iso.length &&
          (d.iso.startsWith(inTitle.iso) || (inTitle.iso.length === 4 && isDateline(d))),
      ),
    )
    if (sharper) best = sharper
  } else {
    best = pick(scored)
  }
  if (!best) return null
  const { iso, end, text, inferred } = best
  return { iso, end, text, inferred }
}
