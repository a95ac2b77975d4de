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
const ORDINAL_SUFFIXES = new Set(['st', 'nd', 'rd', 'th'])
const ED = `\\d{1,2}(?:${[...ORDINAL_SUFFIXES].join('|')})?`
const EY = '\\d{4}'
const EDASH = '\\s*(?:[-‐‑‒–—―]|\\bto\\b|\\buntil\\b|\\bthrough\\b)\\s*'
const B = '(?<![\\p{L}\\p{N}])'
const NOTNUM = '(?![\\p{N}])'

const RM = `(?:${alternation(Object.keys(RU_MONTHS))})(?![\\p{L}])`
const RY_WORD = '(?:\\s*(?:(?:года|году|год)(?![\\p{L}])|г\\.))?'
// "5-7 июня", and "с 5 по 7 июня" or "с 5 до 7 июня": the prepositions are words of their own
// (\b would only see ASCII word characters).
const RDASH = '(?:\\s*[-‐‑‒–—―]\\s*|\\s+(?:по|до)\\s+)'

const CN_DIGIT = '〇○零一二三四五六七八九'
const ZY = `(?:\\d{4}|[${CN_DIGIT}]{4})`
const ZN = '(?:\\d{1,2}|[一二三四五六七八九十]{1,3})'
const ZDASH = '\\s*(?:至|到|[-－–—~～])\\s*'

type Groups = { d1?: string; m1?: string; y1?: string; d2?: string; m2?: string; y2?: string }

/**
 * Where a rule's match can begin, so that a rule is only tried at those few places instead of
 * being run over the whole text (see `startsOf`). A digit run opens a day when it has one or
 * two digits, a year when it has four.
 * - 'day': a day before a month name or a dash ("5 May", "5th of", "5-6 April", "5 to 6");
 * - 'yearAfterSpace': a year after a space ("in 2015");
 * - 'yearInBrackets': a year in brackets ("(1948)");
 * - 'yearBeforeDash': a year right before a dash ("2017-2018", "2019-06-14");
 * - 'ruDay', 'ruYear': a day or a year before a Cyrillic letter or a dash ("5 мая",
 *   "5–6 апреля", "2017 году");
 * - 'enMonth': an English month name before a day or a year ("May 5", "June, 2017");
 * - 'ruMonth': a Russian month name before spaces and a year ("мае 2024 г.");
 * - 'zhMonth': a Chinese year before 年 or month before 月 ("2017年4月5日", "4月5日");
 * - 'zhYear': a Chinese year before 年 ("2017年", "一九五八年").
 */
const STARTS = [
  'day',
  'yearAfterSpace',
  'yearInBrackets',
  'yearBeforeDash',
  'ruDay',
  'ruYear',
  'enMonth',
  'ruMonth',
  'zhMonth',
  'zhYear',
] as const
type Start = (typeof STARTS)[number]

type Rule = {
  re: RegExp
  lang: 'en' | 'ru' | 'zh' | 'iso'
  start: Start
  /** The rule's place in RULES: of two equal matches at one place, the earlier rule's wins. */
  order: number
}

let rules = 0
/** Rules are sticky: each is tried only at the places its `start` allows. */
function rule(lang: Rule['lang'], start: Start, source: string, flags = ''): Rule {
  return { lang, start, re: new RegExp(source, `uy${flags}`), order: rules++ }
}

const g = (name: keyof Groups, body: string): string => `(?<${name}>${body})`

const RULES: Rule[] = [
  // English
  rule(
    'en',
    'day',
    `${B}${g('d1', ED)}\\s+${g('m1', EM)}(?:,?\\s*${g('y1', EY)})?${EDASH}${g('d2', ED)}\\s+${g('m2', EM)}(?:,?\\s*${g('y2', EY)})?${NOTNUM}`,
  ),
  rule(
    'en',
    'day',
    `${B}${g('d1', ED)}${EDASH}${g('d2', ED)}\\s+${g('m2', EM)}(?:,?\\s*${g('y2', EY)})?${NOTNUM}`,
  ),
  rule('en', 'day', `${B}${g('d1', ED)}\\s+${g('m1', EM)}(?:,?\\s*${g('y1', EY)})?${NOTNUM}`),
  rule(
    'en',
    'enMonth',
    `${B}${g('m1', EM)}\\s*${g('d1', ED)}(?:,?\\s*${g('y1', EY)})?${EDASH}${g('m2', EM)}\\s*${g('d2', ED)}(?:,?\\s*${g('y2', EY)})?${NOTNUM}`,
  ),
  rule(
    'en',
    'enMonth',
    `${B}${g('m1', EM)}\\s*${g('d1', ED)}${EDASH}${g('d2', ED)}(?:,\\s*${g('y2', EY)})?${NOTNUM}`,
  ),
  rule('en', 'enMonth', `${B}${g('m1', EM)}\\s*${g('d1', ED)}(?:,?\\s*${g('y1', EY)})?${NOTNUM}`),
  rule('en', 'enMonth', `${B}${g('m1', EM)},?\\s*(?:of\\s+)?${g('y1', EY)}${NOTNUM}`),
  // Year alone: only where the wording makes it a date rather than a number.
  rule(
    'en',
    'yearAfterSpace',
    `(?<=\\b(?:[Ii]n|[Ss]ince|[Bb]y|[Oo]f|[Ff]or|[Dd]uring|[Uu]ntil|[Ff]rom|[Bb]efore|[Aa]fter|[Tt]hroughout|[Yy]ear)\\s)${g('y1', EY)}(?:[-–—]${g('y2', EY)})?${NOTNUM}(?![-‐‑/.]\\d)`,
  ),
  rule('en', 'yearInBrackets', `(?<=\\()${g('y1', EY)}(?=\\))`),
  rule('en', 'yearBeforeDash', `${B}${g('y1', EY)}[-–—]${g('y2', EY)}${NOTNUM}`),
  // ISO
  rule(
    'iso',
    'yearBeforeDash',
    `${B}${g('y1', '\\d{4}')}-${g('m1', '\\d{2}')}-${g('d1', '\\d{2}')}${NOTNUM}(?![-‐‑]\\d)`,
  ),
  // Russian
  rule(
    'ru',
    'ruDay',
    `${B}${g('d1', '\\d{1,2}')}\\s+${g('m1', RM)}(?:\\s*${g('y1', '\\d{4}')}${RY_WORD})?${RDASH}${g('d2', '\\d{1,2}')}\\s+${g('m2', RM)}(?:\\s*${g('y2', '\\d{4}')}${RY_WORD})?${NOTNUM}`,
    'i',
  ),
  rule(
    'ru',
    'ruDay',
    `${B}${g('d1', '\\d{1,2}')}${RDASH}${g('d2', '\\d{1,2}')}\\s+${g('m2', RM)}(?:\\s*${g('y2', '\\d{4}')}${RY_WORD})?${NOTNUM}`,
    'i',
  ),
  rule(
    'ru',
    'ruDay',
    `${B}${g('d1', '\\d{1,2}')}\\s+${g('m1', RM)}(?:\\s*${g('y1', '\\d{4}')}${RY_WORD})?${NOTNUM}`,
    'i',
  ),
  rule('ru', 'ruMonth', `${B}${g('m1', RM)}\\s+${g('y1', '\\d{4}')}${RY_WORD}${NOTNUM}`, 'i'),
  rule(
    'ru',
    'ruYear',
    `${B}${g('y1', '\\d{4}')}(?:\\s*[-–—]\\s*${g('y2', '\\d{4}')})?\\s*(?:годы|годах|годов|годам|года|году|год|гг\\.|г\\.)`,
    'i',
  ),
  // Chinese
  rule(
    'zh',
    'zhMonth',
    `(?:${g('y1', ZY)}\\s*年\\s*)?${g('m1', ZN)}\\s*月\\s*${g('d1', ZN)}\\s*[日号]${ZDASH}(?:${g('m2', ZN)}\\s*月\\s*)?${g('d2', ZN)}\\s*[日号]`,
  ),
  rule(
    'zh',
    'zhMonth',
    `(?:${g('y1', ZY)}\\s*年\\s*)?${g('m1', ZN)}\\s*月\\s*${g('d1', ZN)}\\s*[日号]`,
  ),
  rule('zh', 'zhYear', `${g('y1', ZY)}\\s*年\\s*${g('m1', ZN)}\\s*月(?![份度]?[${CN_DIGIT}十\\d])`),
  rule('zh', 'zhYear', `${g('y1', ZY)}\\s*年${ZDASH}${g('y2', ZY)}\\s*年`),
  rule('zh', 'zhYear', `${g('y1', ZY)}\\s*年`),
]

/** The rules of each kind of start, by the kind's index in STARTS. */
const RULES_BY_START = STARTS.map((start) => RULES.filter((r) => r.start === start))

// "〇" (U+3007) and "○" (U+25CB, often typed instead) are both zero in years like "二〇一七".
const CN_VALUES: Record<string, number> = Object.fromEntries(
  [...CN_DIGIT].map((c, i) => [c, Math.max(0, i - 2)]),
)

const ASCII_NUMBER = /^\d+$/
const FULL_WIDTH_DIGIT = /[０-９]/g

/** Full-width digits to ASCII ones: one UTF-16 unit each, so positions do not move. */
function toAsciiDigits(text: string): string {
  return text.replace(FULL_WIDTH_DIGIT, (c) => String(c.charCodeAt(0) - 0xff10))
}

/** ASCII, full-width or Chinese numerals ("一九五八", "十二", "二十三") to a number. */
function parseNumber(text: string): number {
  if (ASCII_NUMBER.test(text)) return Number(text)
  const ascii = toAsciiDigits(text)
  if (ASCII_NUMBER.test(ascii)) return Number(ascii)
  if (!text.includes('十')) return Number([...text].map((c) => CN_VALUES[c] ?? 0).join(''))
  const [tens, units] = text.split('十')
  return (tens ? (CN_VALUES[tens] ?? 0) : 1) * 10 + (units ? (CN_VALUES[units] ?? 0) : 0)
}

function parseMonth(text: string, lang: Rule['lang']): number {
  if (lang === 'en')
    return EN_MONTHS[(text.endsWith('.') ? text.slice(0, -1) : text).toLowerCase()] ?? 0
  if (lang === 'ru') return RU_MONTHS[text.toLowerCase()] ?? 0
  return parseNumber(text)
}

function parseDay(text: string): number {
  return parseNumber(ORDINAL_SUFFIXES.has(text.slice(-2)) ? text.slice(0, -2) : text)
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
  const y1 = groups.y1 !== undefined ? parseNumber(groups.y1) : null
  const y2 = groups.y2 !== undefined ? parseNumber(groups.y2) : null
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

/**
 * Digits, ASCII or full-width, and the 年 and 月 of Chinese dates: every date has one. A
 * single native scan for them is the only pass over the whole text. (Written as alternatives
 * rather than one class, which the engine scans faster.)
 */
const ANCHORS = /(?:[0-9０-９]|年|月)+/g
const YEAR_CHAR = '年'.charCodeAt(0)
const MONTH_CHAR = '月'.charCodeAt(0)

const EN_MONTH_PREFIXES = new Set(EN_MONTH_NAMES.map((name) => name.slice(0, 3)))
/** Whether an ASCII code is the capital an English month name begins with. */
const EN_MONTH_INITIAL = new Uint8Array(0x80)
for (const name of EN_MONTH_NAMES) EN_MONTH_INITIAL[name.charCodeAt(0)] = 1
const EN_MONTH_LENGTHS = EN_MONTH_NAMES.map((name) => name.length)
const EN_MONTH_MIN = Math.min(...EN_MONTH_LENGTHS)
/** One more for the full stop after an abbreviation ("Sept."). */
const EN_MONTH_MAX = Math.max(...EN_MONTH_LENGTHS) + 1

const RU_MONTH_LENGTHS = Object.keys(RU_MONTHS).map((name) => name.length)
const RU_MONTH_MIN = Math.min(...RU_MONTH_LENGTHS)
const RU_MONTH_MAX = Math.max(...RU_MONTH_LENGTHS)
/**
 * Letters that the case-insensitive Russian rules can match: the Cyrillic blocks, and the
 * historic forms (U+1C80–U+1C88) that case-fold to ordinary Cyrillic letters.
 */
const isCyrillic = (c: number): boolean =>
  (c >= 0x400 && c <= 0x52f) || (c >= 0x1c80 && c <= 0x1c88)
/** Every letter a Russian month name can begin with, in any case. */
const RU_MONTH_INITIAL = new Set<number>()
{
  const initial = new RegExp(
    `^[${Object.keys(RU_MONTHS)
      .map((name) => name[0])
      .join('')}]$`,
    'iu',
  )
  for (let c = 0; c < 0x10000; c++) {
    if (isCyrillic(c) && initial.test(String.fromCharCode(c))) RU_MONTH_INITIAL.add(c)
  }
}

const codes = (chars: string): Set<number> => new Set([...chars].map((c) => c.charCodeAt(0)))
/** The dashes of English and Russian ranges ("5-6 April", "5–6 апреля", "2017—2018"). */
const isDash = (c: number): boolean => c === 0x2d /* - */ || (c >= 0x2010 && c <= 0x2015)
/** Chinese numerals of a year ("一九五八"), and of a month or day ("十二"). */
const ZH_YEAR_DIGITS = codes(CN_DIGIT)
const ZH_MONTH_DIGITS = codes('一二三四五六七八九十')

const isFullWidthDigit = (c: number): boolean => c >= 0xff10 && c <= 0xff19
const isDigit = (c: number): boolean => (c >= 0x30 && c <= 0x39) || isFullWidthDigit(c)

/** The characters `\s` matches in a regular expression. */
function isSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d)
  if (c < 0xa0) return false
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  )
}

/** Where the spaces that end at `at` begin. */
function spacesBefore(text: string, at: number): number {
  while (at > 0 && isSpace(text.charCodeAt(at - 1))) at--
  return at
}

/** The first character from `at` on that is not a space (NaN at the end). */
function nextNonSpace(text: string, at: number): number {
  while (at < text.length && isSpace(text.charCodeAt(at))) at++
  return text.charCodeAt(at)
}

const numerically = (a: number, b: number): number => a - b

/** Where each kind of rule can start a match in one segment (see `Start`). */
class Starts {
  /** The places of each kind, by the kind's index in STARTS. */
  readonly places = new Array<number[] | undefined>(STARTS.length)
  empty = true
  /** Whether the segment has full-width digits, to be read as ASCII ones. */
  fullWidth = false

  add(start: Start, at: number): void {
    const kind = STARTS.indexOf(start)
    const places = this.places[kind]
    if (places) places.push(at)
    else this.places[kind] = [at]
    this.empty = false
  }

  /** Windows of neighbouring runs may overlap; each rule must see its places in order. */
  sort(start: Start): void {
    const kind = STARTS.indexOf(start)
    const places = this.places[kind]
    if (places && places.length > 1) this.places[kind] = [...new Set(places)].sort(numerically)
  }
}

/**
 * The places where a rule can begin in one segment. Every match of a rule begins at one of
 * its places, so trying the rule only there finds the same matches as running it over the
 * whole segment, at a fraction of the cost: most text holds no date. The characters around
 * each digit run, 年 and 月 tell which rules can start where. Null when there is none.
 */
function startsOf(text: string): Starts | null {
  ANCHORS.lastIndex = 0
  let m = ANCHORS.exec(text)
  if (m === null) return null
  const starts = new Starts()
  for (; m; m = ANCHORS.exec(text)) {
    const end = m.index + m[0].length
    for (let at = m.index; at < end;) {
      const c = text.charCodeAt(at)
      if (c === YEAR_CHAR) {
        chineseYearBefore(text, at, starts)
        at++
      } else if (c === MONTH_CHAR) {
        chineseMonthBefore(text, at, starts)
        at++
      } else {
        let runEnd = at + 1
        while (runEnd < end && isDigit(text.charCodeAt(runEnd))) runEnd++
        digitRun(text, at, runEnd, starts)
        at = runEnd
      }
    }
  }
  starts.sort('enMonth')
  starts.sort('ruMonth')
  starts.sort('zhYear')
  starts.sort('zhMonth')
  return starts
}

/** The rules that can start at the digit run from `at` to `end`, or at a month before it. */
function digitRun(text: string, at: number, end: number, starts: Starts): void {
  for (let i = at; i < end && !starts.fullWidth; i++) {
    starts.fullWidth = isFullWidthDigit(text.charCodeAt(i))
  }
  // A month name leads to a day, a year, or both run together ("Oct 131915").
  if (end - at <= 6) englishMonthsBefore(text, at, starts)
  // Day and year rules open with a whole digit run: they look behind for a non-digit.
  if (end - at <= 2) {
    const suffix = ORDINAL_SUFFIXES.has(text.slice(end, end + 2)) ? 2 : 0
    const next = nextNonSpace(text, end + suffix)
    const dash = isDash(next)
    // "5 May", "5-6 April", "5 to 6 May", "5 until".
    const month = next < 0x80 && EN_MONTH_INITIAL[next] === 1
    if (month || dash || next === 0x74 /* t */ || next === 0x75 /* u */) starts.add('day', at)
    if (dash || isCyrillic(next)) starts.add('ruDay', at)
  } else if (end - at === 4) {
    const before = text.charCodeAt(at - 1)
    if (isSpace(before)) starts.add('yearAfterSpace', at)
    if (before === 0x28 /* ( */) starts.add('yearInBrackets', at)
    if (isDash(text.charCodeAt(end))) starts.add('yearBeforeDash', at)
    const next = nextNonSpace(text, end)
    if (isDash(next) || isCyrillic(next)) starts.add('ruYear', at)
    russianMonthsBefore(text, at, starts)
  }
}

/**
 * English month names that may lead to the digit run at `at`: "May 5", "June 2017",
 * "June, 2017", "January of 2017".
 */
function englishMonthsBefore(text: string, at: number, starts: Starts): void {
  const end = spacesBefore(text, at)
  englishMonthsEndingAt(text, end, starts)
  if (end < at && end >= 2 && text.startsWith('of', end - 2)) {
    englishMonthsEndingAt(text, spacesBefore(text, end - 2), starts)
  }
}

function englishMonthsEndingAt(text: string, end: number, starts: Starts): void {
  const last = text.charCodeAt(end - 1) === 0x2c /* , */ ? end - 1 : end
  for (let from = Math.max(0, last - EN_MONTH_MAX); from <= last - EN_MONTH_MIN; from++) {
    const c = text.charCodeAt(from)
    if (c < 0x80 && EN_MONTH_INITIAL[c] === 1) {
      if (EN_MONTH_PREFIXES.has(text.slice(from, from + 3))) starts.add('enMonth', from)
    }
  }
}

/** Russian month names that may lead, over spaces, to the year at `at`: "мае 2024". */
function russianMonthsBefore(text: string, at: number, starts: Starts): void {
  const end = spacesBefore(text, at)
  if (end === at || !isCyrillic(text.charCodeAt(end - 1))) return
  for (let from = Math.max(0, end - RU_MONTH_MAX); from <= end - RU_MONTH_MIN; from++) {
    if (RU_MONTH_INITIAL.has(text.charCodeAt(from))) starts.add('ruMonth', from)
  }
}

const isYearDigit = (c: number): boolean => ZH_YEAR_DIGITS.has(c)
const isMonthDigit = (c: number): boolean => ZH_MONTH_DIGITS.has(c)

/** The four numerals of a year before the 年 at `at` ("2017年", "一九五八年"). */
function chineseYearBefore(text: string, at: number, starts: Starts): void {
  const end = spacesBefore(text, at)
  if (end < 4) return
  if (numerals(text, end - 4, end, isDigit) || numerals(text, end - 4, end, isYearDigit)) {
    starts.add('zhYear', end - 4)
    // A day's date may open with its year ("2017年4月5日").
    starts.add('zhMonth', end - 4)
  }
}

/** The one or two numerals of a month before the 月 at `at` ("4月5日", "十二月三日"). */
function chineseMonthBefore(text: string, at: number, starts: Starts): void {
  const end = spacesBefore(text, at)
  for (let from = end - 1; from >= end - 3 && from >= 0; from--) {
    const digits = from >= end - 2 && numerals(text, from, end, isDigit)
    if (digits || numerals(text, from, end, isMonthDigit)) starts.add('zhMonth', from)
  }
}

/** Whether every character from `from` to `to` passes `test`. */
function numerals(text: string, from: number, to: number, test: (c: number) => boolean): boolean {
  for (let i = from; i < to; i++) if (!test(text.charCodeAt(i))) return false
  return true
}

/** Leftmost first; at one place, longest first; of equal matches, the earlier rule's first. */
function byPosition(a: { index: number; length: number; order: number }, b: typeof a): number {
  return a.index - b.index || b.length - a.length || a.order - b.order
}

/** Every date in one segment, leftmost-longest, without overlaps. */
function scanSegment(source: string, segment: number): LocatedDate[] {
  const starts = startsOf(source)
  if (starts === null || starts.empty) return []
  // Full-width digits (common in older Chinese documents) are read as ASCII; one UTF-16 unit
  // each, so positions still point into the original text.
  const normalised = starts.fullWidth ? toAsciiDigits(source) : source
  const found: (Omit<LocatedDate, 'start'> & { start: Part | null; order: number })[] = []
  for (let kind = 0; kind < STARTS.length; kind++) {
    const places = starts.places[kind]
    if (!places) continue
    for (const { re, lang, order } of RULES_BY_START[kind]!) {
      // Each rule's matches do not overlap one another, as when it runs over the whole text.
      let next = 0
      for (const at of places) {
        if (at < next) continue
        re.lastIndex = at
        const m = re.exec(normalised)
        if (!m) continue
        next = at + m[0].length
        // An impossible date ("31 April 2017") still claims its words, so that no shorter
        // reading ("April 2017") is made of them.
        const built = build((m.groups ?? {}) as Groups, lang)
        found.push({
          start: built?.start ?? null,
          end: built?.end ?? null,
          text: collapse(source.slice(at, next)),
          segment,
          index: at,
          length: m[0].length,
          source,
          order,
        })
      }
    }
  }
  found.sort(byPosition)
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
    const start = { year: startYear, month: d.start.month, day: d.start.day }
    if (!validPart(start)) continue
    if (d.end && endYear !== null) {
      if (!validPart({ year: endYear, month: d.end.month, day: d.end.day })) continue
    }
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
