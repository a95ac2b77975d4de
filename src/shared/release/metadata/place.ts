/**
 * The city or venue where the reported meeting took place.
 *
 * Only names from the gazetteer (places-data.ts) are returned, found in one of these ways, in
 * this order:
 * 1. A news dateline: the date and time of publication followed by the place, as on
 *    kremlin.ru ("24 февраля 2025 года 16:25 Москва, Кремль В.Путин: …"). When such a
 *    dateline exists it is the source's own answer: if no known place follows the time, the
 *    item has no place (telephone calls, messages) and nothing else in the text is guessed.
 * 2. A paragraph opening with "Place, date" ("Bishkek, 14 June 2019", "BEIJING, June 14").
 * 3. A place after words that report a meeting ("held in Astana", "took place at the Kremlin",
 *    "in Astana on 5-6 April", "состоялась в Москве", "在北京举行"), skipping sentences about
 *    a meeting still to come ("to be held in Astana on 8-9 June").
 * 4. A ministry, government or parliament of a country as the host ("held at the Ministry of
 *    Foreign Affairs of the Russian Federation"): that country's capital.
 *
 * The name is returned in the language of the text (Moscow, Москва, 莫斯科) when the
 * gazetteer has it, else as matched.
 */

import { detectLanguage } from './language'
import {
  CAPITAL_ROWS,
  CITY_ROWS,
  KRAI_ROWS,
  OBLAST_ROWS,
  REGION_ROWS,
  VENUE_ROWS,
} from './places-data'

type Lang = 'en' | 'ru' | 'zh'

type Place = Record<Lang, string[]>

const split = (field: string | undefined): string[] =>
  (field ?? '')
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean)

// Capitals that are also common first names would turn "Виктория Абрамченко" into a place.
const AMBIGUOUS = new Set(['Victoria', 'Виктория'])

const COUNTRY_CAPITAL = new Map<string, Place>()
const PLACES: Place[] = []

for (const row of CAPITAL_ROWS) {
  const [countries, en, ru, zh, countriesRu] = row.split('|')
  const place = { en: split(en), ru: split(ru), zh: split(zh) }
  for (const c of [...split(countries), ...split(countriesRu)])
    COUNTRY_CAPITAL.set(c.toLowerCase(), place)
  PLACES.push({
    en: place.en.filter((n) => !AMBIGUOUS.has(n)),
    ru: place.ru.filter((n) => !AMBIGUOUS.has(n)),
    zh: place.zh,
  })
}
for (const row of [...CITY_ROWS, ...VENUE_ROWS]) {
  const [en, ru, zh] = row.split('|')
  PLACES.push({ en: split(en), ru: split(ru), zh: split(zh) })
}
for (const row of OBLAST_ROWS) {
  const [en, ru] = row.split('|')
  PLACES.push({ en: [`${en} Region`, `${en} Oblast`], ru: [`${ru} область`], zh: [] })
}
for (const row of KRAI_ROWS) {
  const [en, ru] = row.split('|')
  PLACES.push({ en: [`${en} Territory`, `${en} Krai`], ru: [`${ru} край`], zh: [] })
}
for (const row of REGION_ROWS) {
  const [en, ru] = row.split('|')
  PLACES.push({ en: split(en), ru: split(ru), zh: [] })
}

/** "ё" is often written "е"; both spellings of a name must match. */
const fold = (s: string): string => s.replace(/ё/g, 'е').replace(/Ё/g, 'Е')

/**
 * The Russian prepositional case ("в Москве", "в Кремле", "в Курской области"), built by the
 * regular endings; irregular names simply are not found in this form.
 */
function ruLocative(name: string): string | null {
  const words = name.split(' ')
  const [head = '', kind] = words
  if (words.length === 2 && /ая$/.test(head) && kind === 'область')
    return `${head.replace(/ая$/, 'ой')} области`
  if (words.length === 2 && /ий$/.test(head) && kind === 'край')
    return `${head.replace(/ий$/, 'ом')} крае`
  if (head === 'Республика') return ['Республике', ...words.slice(1)].join(' ')
  if (words.length > 1) return null
  if (/ия$/.test(name)) return name.replace(/ия$/, 'ии')
  if (/[ое]во$|ёво$/.test(name)) return name.replace(/о$/, 'е')
  if (/[ая]$/.test(name)) return name.replace(/[ая]$/, 'е')
  if (/ль$/.test(name)) return name.replace(/ь$/, 'е')
  if (/ь$/.test(name)) return name.replace(/ь$/, 'и')
  if (/[бвгджзклмнпрстфхцчшщ]$/.test(name)) return `${name}е`
  return name // indeclinable: Баку, Сочи, Душанбе
}

/**
 * Names are looked up only at a position a cue points to, never searched for through the whole
 * text, which keeps long speeches fast. They are grouped by first letter, each group a sticky
 * alternation tried longest name first, so that only the few names that can start at a position
 * are tried there, and only if one of them has the second letter found there (`seconds`, none
 * with a one-letter name). Letters are keyed by code (see keyCode).
 */
type NameGroup = { sticky: RegExp; seconds: Set<number> | null }
type Matcher = {
  byFirst: Map<number, NameGroup>
  byName: Map<string, Place>
}

/**
 * The code of the letter at `index` as the names are keyed: folded and lowercased (the first
 * unit of the lowercase), or -1 past the end.
 */
function keyCode(text: string, index: number): number {
  const code = text.charCodeAt(index)
  if (code < 128) return code >= 65 && code <= 90 ? code + 32 : code
  if (Number.isNaN(code)) return -1
  const lower = text.charAt(index).toLowerCase()
  return lower === 'ё' ? 0x435 : lower.charCodeAt(0)
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

function matcher(entries: [string, Place][], caseless: boolean, bounded: boolean): Matcher {
  const byName = new Map<string, Place>()
  for (const [name, place] of entries) {
    const key = fold(name).toLowerCase()
    if (!byName.has(key)) byName.set(key, place)
  }
  const groups = new Map<number, string[]>()
  for (const name of [...byName.keys()].sort((a, b) => b.length - a.length)) {
    const group = groups.get(keyCode(name, 0))
    if (group) group.push(name)
    else groups.set(keyCode(name, 0), [name])
  }
  const byFirst = new Map<number, NameGroup>()
  for (const [first, names] of groups) {
    const body = `(?:${names.map(escape).join('|')})`
    // The name is matched in a window that starts where it does (see placeAt), so nothing
    // precedes it there: only its end needs a boundary.
    const source = bounded ? `${body}(?![\\p{L}\\p{N}])` : body
    const sticky = new RegExp(source, `uy${caseless ? 'i' : ''}`)
    const seconds = names.some((name) => name.length < 2)
      ? null
      : new Set(names.map((name) => keyCode(name, 1)))
    byFirst.set(first, { sticky, seconds })
  }
  return { byFirst, byName }
}

// Names are matched case-insensitively so that datelines in capitals ("BEIJING, June 14") are
// found; in running text a hit must start with a capital letter.
const NOMINATIVE: Record<Lang, Matcher> = {
  en: matcher(
    PLACES.flatMap((p) => p.en.map((n) => [n, p] as [string, Place])),
    true,
    true,
  ),
  ru: matcher(
    PLACES.flatMap((p) => p.ru.map((n) => [n, p] as [string, Place])),
    true,
    true,
  ),
  zh: matcher(
    PLACES.flatMap((p) => p.zh.map((n) => [n, p] as [string, Place])),
    false,
    false,
  ),
}
const RU_LOCATIVE = matcher(
  PLACES.flatMap((p) =>
    p.ru.flatMap((n) => {
      const loc = ruLocative(n)
      return loc ? [[loc, p] as [string, Place]] : []
    }),
  ),
  true,
  true,
)

type Found = { place: Place; text: string; length: number }

/**
 * The known place that starts exactly at `at` in `text`, if any. Only the names whose first
 * two letters are those found there, lowercased, are tried. This finds what trying every name
 * would: a name that the case-insensitive match accepts through another letter (the long "ſ"
 * for "s") could not be looked up by its lowercase below anyway, and no two different letters
 * of the names match each other case-insensitively.
 */
function placeAt(text: string, at: number, m: Matcher): Found | null {
  const group = m.byFirst.get(keyCode(text, at))
  if (!group || group.seconds?.has(keyCode(text, at + 1)) === false) return null
  const sticky = group.sticky
  // Only a window is folded: no name in the gazetteer is longer than this.
  const slice = text.slice(at, at + 80)
  const window = slice.includes('ё') || slice.includes('Ё') ? fold(slice) : slice
  sticky.lastIndex = 0
  const hit = sticky.exec(window)
  if (!hit) return null
  const place = m.byName.get(hit[0].toLowerCase())
  return place ? { place, text: text.slice(at, at + hit[0].length), length: hit[0].length } : null
}

function nameIn(found: Found, lang: Lang): string {
  return found.place[lang][0] ?? found.text
}

// Date and time of publication: "… 2025 года 16:25 ", "June 14, 2019, 10:30 ".
const DATELINE = /\d{4}(?:\s*(?:года|г\.))?,?\s+\d{1,2}:\d{2}(?!\d)\s*/gu

const isDigit = (code: number) => code >= 48 && code <= 57

/** Whether `text` has a digit, a colon and two digits, as every DATELINE match does. */
function hasClockTime(text: string): boolean {
  for (let at = text.indexOf(':'); at >= 0; at = text.indexOf(':', at + 1)) {
    const digitBefore = isDigit(text.charCodeAt(at - 1))
    if (digitBefore && isDigit(text.charCodeAt(at + 1)) && isDigit(text.charCodeAt(at + 2)))
      return true
  }
  return false
}

function fromDateline(segments: string[], lang: Lang): { found: boolean; place: string | null } {
  for (const text of segments) {
    if (!hasClockTime(text)) continue
    for (const m of text.matchAll(DATELINE)) {
      const start = m.index + m[0].length
      const matcherFor = NOMINATIVE[lang]
      const first = placeAt(text, start, matcherFor)
      if (!first) return { found: true, place: null }
      const parts = [nameIn(first, lang)]
      const comma = /^\s*,\s*/.exec(text.slice(start + first.length))
      if (comma) {
        const second = placeAt(text, start + first.length + comma[0].length, matcherFor)
        if (second) parts.push(nameIn(second, lang))
      }
      return { found: true, place: parts.join(', ') }
    }
  }
  return { found: false, place: null }
}

const EN_MONTH =
  'January|February|March|April|May|June|July|August|September|October|November|December'

// What follows the place at the start of a paragraph: ", 14 June 2019", " — June 14".
const PLACE_THEN_DATE = new RegExp(`^\\s*(?:,|—|–|-)\\s*(?:\\d|\\(|(?:${EN_MONTH})\\b)`, 'iu')

function fromParagraphStart(paragraphs: string[], lang: Lang): string | null {
  for (const p of paragraphs.slice(0, 3)) {
    const found = placeAt(p, 0, NOMINATIVE[lang])
    if (found && PLACE_THEN_DATE.test(p.slice(found.length))) return nameIn(found, lang)
  }
  return null
}

// Sentences about a meeting that has not happened yet do not say where this one was.
const FUTURE =
  /\b(?:to be held|will be held|will take place|will meet|next|upcoming|forthcoming)\b|состоится|пройд[её]т|будет|将于|将在/iu

// Words that report the meeting, followed (within the same clause) by "in"/"at" or "в".
const EN_CUE =
  /\b(?:held|took place|takes place|convened|hosted|met|gathered|organi[sz]ed|signed|opened|meeting|summit|talks|consultations|conference|session|visit)\b[^.;:]{0,60}/giu
const EN_PREP = /\b(?:in|at)\s+(?:the\s+)?/giu
const EN_IN_ON = /^\s*,?\s+on\s+\d/u
const RU_CUE =
  /(?:состоял\p{L}*|прош(?:ёл|ел|ла|ло|ли)|провел\p{L}*|провёл|проходил\p{L}*|проведен\p{L}*|открыл\p{L}*|встретил\p{L}*|встреч\p{L}*|переговор\p{L}*|саммит\p{L}*|заседани\p{L}*)[^.;:]{0,60}/giu
const RU_PREP = /(?<![\p{L}])во?\s+/giu
const ZH_AT = /[在于]/gu
const ZH_AFTER = /^[^。，；]{0,12}?(?:举行|召开|举办|开幕|会晤|会谈|会见)/u

function sentenceBefore(text: string, index: number): string {
  const before = text.slice(Math.max(0, index - 200), index)
  const cut = Math.max(before.lastIndexOf('. '), before.lastIndexOf('。'), before.lastIndexOf('\n'))
  return before.slice(cut + 1)
}

const CAPITAL = /\p{Lu}/uy
const startsCapital = (text: string, at: number) => {
  CAPITAL.lastIndex = at
  return CAPITAL.test(text)
}

/** A place right at `at`, written with a capital, in a sentence not about a future meeting. */
function cuedPlace(text: string, at: number, m: Matcher, lang: Lang): string | null {
  if (lang !== 'zh' && !startsCapital(text, at)) return null
  const found = placeAt(text, at, m)
  if (!found) return null
  if (FUTURE.test(sentenceBefore(text, at))) return null
  return nameIn(found, lang)
}

const HOST =
  /\b(?:held|took place|hosted|convened)\b[^.;]{0,30}?\b(?:at|in|by)\s+the\s+(?:(?:Foreign\s+)?Ministry|Government|Parliament|Presidential\s+Administration|Office\s+of\s+the\s+President)\b[^.;]{0,80}/gu
// The words a HOST match can have right after "at the", "in the" or "by the": found anywhere,
// and right at a position.
const HOST_WORD = /Foreign|Ministry|Government|Parliament|Presidential|Office/
const HOST_WORD_AT = new RegExp(HOST_WORD.source, 'y')

/**
 * What in a paragraph can lead to the place: a known place written with a capital after
 * "in", "at", "in the" or "at the" ("в", "во" in Russian), which every place the cues find
 * is (`cueAt` is the first of them, or -1); an institution after "at the", "in the" or
 * "by the", which every HOST match names. Finding these takes one quick pass; the slower
 * searches for cues and hosts are run only on the paragraphs that have them.
 */
type Leads = { cueAt: number; host: boolean }

// A character that can be a capital letter (any outside ASCII), right after a preposition, its
// whitespace and maybe "the". In any case, and without the word boundary, which can only add
// candidates. The character comes first: scanning for it is much faster than for the
// preposition, and the lookbehind is only tried where it is found.
const EN_LEAD = /[A-Z\u0080-\uffff](?<=(?:[Ii][Nn]|[Aa][Tt]|by)\s+(?:[Tt][Hh][Ee]\s+)?[^])/g
// RU_PREP, to search whole paragraphs with apart from the cue windows that RU_PREP searches.
const RU_LEAD = new RegExp(RU_PREP.source, RU_PREP.flags)

const isKnownCapitalised = (text: string, at: number, m: Matcher) =>
  startsCapital(text, at) && placeAt(text, at, m) !== null

/**
 * The leads of the release's paragraphs, each found when first asked for: once the cues give
 * the place, the paragraphs after it are never searched.
 */
type LeadsByParagraph = { segments: string[]; lang: Lang; found: Leads[] }

function leadsAt(leads: LeadsByParagraph, index: number): Leads {
  leads.found[index] ??= leadsIn(leads.segments[index] ?? '', leads.lang)
  return leads.found[index]
}

function leadsIn(text: string, lang: Lang): Leads {
  const leads = { cueAt: -1, host: false }
  if (lang === 'en') {
    EN_LEAD.lastIndex = 0
    for (let p = EN_LEAD.exec(text); p !== null; p = EN_LEAD.exec(text)) {
      const at = p.index
      if (!leads.host) {
        HOST_WORD_AT.lastIndex = at
        leads.host = HOST_WORD_AT.test(text)
      }
      if (leads.cueAt < 0 && isKnownCapitalised(text, at, NOMINATIVE.en)) leads.cueAt = at
      if (leads.cueAt >= 0 && leads.host) break
    }
    return leads
  }
  // Other languages name hosts rarely enough that a look for the word alone will do.
  leads.host = HOST_WORD.test(text)
  if (lang === 'ru') {
    RU_LEAD.lastIndex = 0
    for (let p = RU_LEAD.exec(text); p !== null && leads.cueAt < 0; p = RU_LEAD.exec(text)) {
      const at = p.index + p[0].length
      if (isKnownCapitalised(text, at, RU_LOCATIVE)) leads.cueAt = at
    }
  }
  return leads
}

/**
 * Where the cue searches can start for a place no earlier than `at`: after the last ".", ";"
 * or ":" before it. No cue window nor "in" reaches across one of these, so the matches from
 * there on are the same as when searching from the start, and none before ends at a place.
 */
function clauseStart(text: string, at: number): number {
  if (at === 0) return 0
  const stop = Math.max(
    text.lastIndexOf('.', at - 1),
    text.lastIndexOf(';', at - 1),
    text.lastIndexOf(':', at - 1),
  )
  return stop + 1
}

const EN_IN = /\bin\s+/gu

// The loops below run each global pattern with exec, as matchAll would but without copying the
// pattern each time; the cue searches start from the clause of the first lead (see clauseStart).
function fromCues(segments: string[], leads: LeadsByParagraph, lang: Lang): string | null {
  for (let index = 0; index < segments.length; index++) {
    const text = segments[index] ?? ''
    if (lang === 'zh') {
      ZH_AT.lastIndex = 0
      for (let at = ZH_AT.exec(text); at !== null; at = ZH_AT.exec(text)) {
        const found = placeAt(text, at.index + 1, NOMINATIVE.zh)
        if (!found) continue
        if (!ZH_AFTER.test(text.slice(at.index + 1 + found.length))) continue
        const place = cuedPlace(text, at.index + 1, NOMINATIVE.zh, lang)
        if (place) return place
      }
      continue
    }
    const cueAt = leadsAt(leads, index).cueAt
    if (cueAt < 0) continue
    const from = clauseStart(text, cueAt)
    const [cue, prep, m] =
      lang === 'ru' ? [RU_CUE, RU_PREP, RU_LOCATIVE] : [EN_CUE, EN_PREP, NOMINATIVE.en]
    cue.lastIndex = from
    for (let c = cue.exec(text); c !== null; c = cue.exec(text)) {
      const window = c[0]
      prep.lastIndex = 0
      for (let p = prep.exec(window); p !== null; p = prep.exec(window)) {
        const place = cuedPlace(text, c.index + p.index + p[0].length, m, lang)
        if (place) return place
      }
    }
    if (lang === 'en') {
      // "in Astana on 5-6 April"
      EN_IN.lastIndex = from
      for (let p = EN_IN.exec(text); p !== null; p = EN_IN.exec(text)) {
        const at = p.index + p[0].length
        // cuedPlace below wants a capital: look no further without one.
        if (!startsCapital(text, at)) continue
        const found = placeAt(text, at, m)
        if (found && EN_IN_ON.test(text.slice(at + found.length, at + found.length + 20))) {
          const place = cuedPlace(text, at, m, lang)
          if (place) return place
        }
      }
    }
  }
  return null
}

function fromHost(segments: string[], leads: LeadsByParagraph, lang: Lang): string | null {
  for (let index = 0; index < segments.length; index++) {
    const text = segments[index] ?? ''
    if (!leadsAt(leads, index).host) continue
    for (const host of text.matchAll(HOST)) {
      // "the Ministry of Foreign Affairs of the Russian Federation": try every "of".
      for (const of of host[0].matchAll(/\bof\s+(?:the\s+)?/gu)) {
        const words = host[0].slice(of.index + of[0].length).split(/[\s,]+/)
        for (let n = Math.min(words.length, 6); n > 0; n--) {
          const capital = COUNTRY_CAPITAL.get(words.slice(0, n).join(' ').toLowerCase())
          if (capital) return capital[lang][0] ?? capital.en[0] ?? null
        }
      }
    }
  }
  return null
}

function asLang(language: string | null | undefined): Lang {
  return language === 'ru' || language === 'uk' ? 'ru' : language === 'zh' ? 'zh' : 'en'
}

/** City or venue of the meeting, in the language of the text, or null when none is given. */
export function extractPlace(
  paragraphs: string[],
  title?: string,
  language?: string | null,
): string | null {
  const segments = title ? [title, ...paragraphs] : paragraphs
  const lang = asLang(language ?? detectLanguage(segments.join('\n')))
  const dateline = fromDateline(segments, lang)
  if (dateline.found) return dateline.place
  const start = fromParagraphStart(paragraphs, lang)
  if (start !== null) return start
  const leads: LeadsByParagraph = { segments, lang, found: [] }
  return fromCues(segments, leads, lang) ?? fromHost(segments, leads, lang) ?? null
}
