/**
 * Other documents a release refers to: UN Security Council and General
 * Assembly resolutions, treaties, agreements, declarations, memoranda,
 * protocols, conventions and charters, with their dates where the text gives
 * them ("the Minsk agreements of 12 February 2015").
 *
 * Rules:
 * - A Security Council resolution is a number with its year in brackets
 *   ("resolution 2254 (2015)", "S/RES/868 (1993)"), a number after "Security
 *   Council resolution", or "Resolution N" in a text that mentions the
 *   Security Council. Lists ("resolutions 1267 (1999) and 1989 (2011)") give
 *   one reference each. Label: "UN Security Council Resolution 2254"; the
 *   bracketed year becomes the date (year precision).
 * - A General Assembly resolution is labelled by its number (67/289) or its
 *   quoted title or its "on ..." subject.
 * - A named instrument is a capitalised title that starts with (or ends in)
 *   a document word: "Treaty on the Non-Proliferation of Nuclear Weapons",
 *   "Joint Declaration on Cooperation between ...", "SCO Convention on
 *   Countering Extremism", "Minsk agreements". A bare "the Agreement" is not
 *   a reference.
 * - Well-known documents have one label in every language (Устав ООН and
 *   联合国宪章 are the "UN Charter").
 * - References are unique by label; the first one with a date keeps it.
 * Dates are parsed here (day month year, month day year, Russian genitive
 * months), independently of the general date extraction.
 */
import type { DateMention, Reference, ReferenceKind } from './types'

const EN_MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
]
const RU_MONTHS = [
  'январ',
  'феврал',
  'март',
  'апрел',
  'ма',
  'июн',
  'июл',
  'август',
  'сентябр',
  'октябр',
  'ноябр',
  'декабр',
]

const DATE =
  /(\d{1,2})\s+([A-Za-z]+|[а-яё]+)\s*,?\s+(\d{4})(?:\s+(?:года|г\.))?|([A-Z][a-z]+)\s+(\d{1,2}),\s+(\d{4})/uy

function monthNumber(word: string): number {
  const lower = word.toLowerCase()
  const en = EN_MONTHS.indexOf(lower)
  if (en >= 0) return en + 1
  if (/^[а-яё]+$/u.test(lower)) {
    // Russian months in the genitive: января, мая, марта...
    for (let i = RU_MONTHS.length - 1; i >= 0; i--) {
      const stem = RU_MONTHS[i] ?? ''
      if (lower.startsWith(stem) && lower.length - stem.length <= 2) return i + 1
    }
  }
  return 0
}

const pad = (n: number) => String(n).padStart(2, '0')

/** A date written at `at` ("12 February 2015", "April 2, 2025", "8 мая 2025 года"), or null. */
export function parseDateAt(text: string, at: number): DateMention | null {
  DATE.lastIndex = at
  const m = DATE.exec(text)
  if (!m) return null
  const [day, month, year] = m[1] ? [m[1], m[2] ?? '', m[3]] : [m[5], m[4] ?? '', m[6]]
  const monthNo = monthNumber(month)
  const dayNo = Number(day)
  if (monthNo === 0 || dayNo < 1 || dayNo > 31) return null
  return { iso: `${year}-${pad(monthNo)}-${pad(dayNo)}`, end: null, text: m[0], inferred: false }
}

/** The date right after a reference: "of 12 February 2015", "от 5 апреля 2010 года", "dated ...". */
function dateAfter(text: string, end: number): { date: DateMention; end: number } | null {
  const lead = /\s*,?\s*(?:of|dated|signed on|signed in \p{Lu}\p{Ll}+ on|adopted on|от|от\s+)\s+/uy
  lead.lastIndex = end
  const m = lead.exec(text)
  if (!m) return null
  const date = parseDateAt(text, end + m[0].length)
  return date ? { date, end: end + m[0].length + date.text.length } : null
}

function yearDate(year: string, text: string): DateMention {
  return { iso: year, end: null, text, inferred: false }
}

// Finding matches cheaply ----------------------------------------------------------
//
// Most paragraphs mention no document at all, and scanning every paragraph with the long
// patterns below costs far more than finding the few words that every match must contain
// (see "Cue words" below). So each pattern is compiled sticky and tried only at the positions
// where, given such a word, a match can start; taking those positions in text order gives the
// same matches as scanning the whole paragraph.

/**
 * The first match at or after `from` of a sticky `pattern` that reads one of `prefixes`
 * followed by "[Rr]esolution", given where each "[Rr]esolution" starts. None of the prefixes
 * contains "esolution", so trying them longest first for each "[Rr]esolution" in turn tries
 * the possible starts in text order.
 */
function resolutionMatch(
  text: string,
  from: number,
  pattern: RegExp,
  prefixes: readonly string[],
  resolutions: readonly number[],
): RegExpExecArray | null {
  for (const at of resolutions) {
    if (at < from) continue
    for (const prefix of prefixes) {
      const start = at - prefix.length
      if (start < from || !text.startsWith(prefix, start)) continue
      pattern.lastIndex = start
      const m = pattern.exec(text)
      if (m) return m
    }
  }
  return null
}

/**
 * Where a run of up to `words` words, each followed by one space, can start before the word
 * at `at`: the start of the word containing `at`, then back over whole space-separated words.
 * Never later for a later `at`, which keeps the tried positions in order.
 */
function wordsBefore(text: string, at: number, words: number): number {
  let start = at
  while (start > 0 && text.charCodeAt(start - 1) > 32) start--
  for (let n = 0; n < words && start > 0 && text.charCodeAt(start - 1) === 32; n++) {
    start--
    while (start > 0 && text.charCodeAt(start - 1) > 32) start--
  }
  return start
}

/**
 * False where no title can start: at a lowercase ASCII letter, a space or the second half of a
 * surrogate pair, or right after an ASCII letter.
 */
function canOpenTitle(text: string, at: number): boolean {
  const code = text.charCodeAt(at)
  if (code <= 32 || (code >= 97 && code <= 122) || (code >= 0xdc00 && code <= 0xdfff)) return false
  const before = at > 0 ? text.charCodeAt(at - 1) | 32 : 32
  return before < 97 || before > 122
}

/**
 * The first match at or after `from` of a sticky `pattern` made of up to `words` words, each
 * followed by one space, and then a word found at one of `triggers` (sorted positions). A match
 * starts between wordsBefore and the trigger in its word, and these ranges are tried in order.
 */
function titleMatch(
  text: string,
  from: number,
  pattern: RegExp,
  triggers: readonly number[],
  words: number,
): RegExpExecArray | null {
  let tried = from
  for (const at of triggers) {
    if (at < from) continue
    for (let start = Math.max(tried, wordsBefore(text, at, words)); start <= at; start++) {
      if (!canOpenTitle(text, start)) continue
      pattern.lastIndex = start
      const m = pattern.exec(text)
      if (m) return m
    }
    tried = at + 1
  }
  return null
}

/** The release's paragraphs, and whether any mentions the Security Council once first asked. */
type ScContext = { paragraphs: string[]; mentioned?: boolean }

function councilMentioned(context: ScContext): boolean {
  context.mentioned ??= context.paragraphs.some((p) => SC_CONTEXT.test(p))
  return context.mentioned
}

// Security Council resolutions -------------------------------------------------

const SC_CONTEXT = /Security Council|Совет\p{L}* Безопасности|СБ ООН|安理会|安全理事会/u
// A list item is a number, its year in brackets, and optionally "of <date>".
const SC_ITEM = '\\d{1,4}(?:\\s*\\(\\d{4}\\))?(?:\\s+of\\s+\\d{1,2}\\s+\\p{L}+\\s+\\d{4})?'
const SC_LIST = new RegExp(
  `(?<![\\p{L}])(?:(?:UN |United Nations )?Security Council |its |the Council['’]s )?([Rr]esolutions?)\\s+((?:${SC_ITEM})(?:\\s*(?:,|and|,\\s*and|&)\\s*(?:${SC_ITEM}))*)`,
  'uy',
)
// What SC_LIST can read before "[Rr]esolution", longest first.
const SC_PREFIXES = [
  'United Nations Security Council ',
  'UN Security Council ',
  'Security Council ',
  "the Council's ",
  'the Council’s ',
  'its ',
  '',
]
const SC_RES = /S\/RES\/(\d{1,4})\s*\((\d{4})\)/gu
const RU_SC =
  /(?<![\p{L}])[Рр]езолюци\p{L}*\s+(?:(?:СБ ООН|Совета Безопасности ООН|Совета Безопасности)\s+)?(?:№\s*)?(\d{1,4})(?:\s+(?:СБ ООН|Совета Безопасности ООН|Совета Безопасности))?/gu
const ZH_SC = /(?:安理会|安全理事会)?第(\d{1,4})[（(]?(\d{4})?[)）]?号决议/gu

function scLabel(number: string): string {
  return `UN Security Council Resolution ${Number(number)}`
}

function securityCouncil(text: string, cues: Cues, sc: ScContext, out: Reference[]): void {
  for (
    let m = resolutionMatch(text, 0, SC_LIST, SC_PREFIXES, cues.resolutions);
    m !== null;
    m = resolutionMatch(text, m.index + m[0].length, SC_LIST, SC_PREFIXES, cues.resolutions)
  ) {
    const phrase = m[0]
    const explicit = /Security Council|S\/RES\//.test(phrase)
    const listText = m[2] ?? ''
    const listStart = m.index + phrase.length - listText.length
    // Each number, with or without its year.
    // Blank out "of 16 June 1993" so that its day and year are not read as numbers.
    const numbersOnly = listText.replace(/\s+of\s+\d{1,2}\s+\p{L}+\s+\d{4}/gu, (d) =>
      ' '.repeat(d.length),
    )
    const items = [...numbersOnly.matchAll(/(?<![\d\p{L}])(\d{1,4})(?!\d)(\s*\((\d{4})\))?/gu)]
    for (const item of items) {
      const number = item[1] ?? ''
      const year = item[3]
      // Without "Security Council" nearby, only "N (YYYY)" is a Council resolution,
      // or a capitalised "Resolution N" in a text about the Council.
      if (!explicit && !year && !(/^R/.test(m[1] ?? '') && councilMentioned(sc))) continue
      if (Number(number) < 1 || Number(number) > 3000) continue
      const itemStart = listStart + (item.index ?? 0)
      let date: DateMention | null = year ? yearDate(year, `(${year})`) : null
      const after = dateAfter(text, itemStart + item[0].length)
      if (after) date = after.date
      const written =
        items.length === 1 ? phrase.trim() : text.slice(itemStart, itemStart + item[0].length)
      out.push({ kind: 'resolution', label: scLabel(number), text: written, date })
    }
  }
  if (cues.words.has('S/RES/')) {
    SC_RES.lastIndex = 0
    for (let m = SC_RES.exec(text); m !== null; m = SC_RES.exec(text)) {
      out.push({
        kind: 'resolution',
        label: scLabel(m[1] ?? ''),
        text: m[0],
        date: yearDate(m[2] ?? '', `(${m[2]})`),
      })
    }
  }
  if (cues.words.has('езолюци')) {
    RU_SC.lastIndex = 0
    for (let m = RU_SC.exec(text); m !== null; m = RU_SC.exec(text)) {
      if (!/СБ|Совет/u.test(m[0]) && !councilMentioned(sc)) continue
      out.push({ kind: 'resolution', label: scLabel(m[1] ?? ''), text: m[0], date: null })
    }
  }
  if (cues.words.has('号决议')) {
    ZH_SC.lastIndex = 0
    for (let m = ZH_SC.exec(text); m !== null; m = ZH_SC.exec(text)) {
      if (!/安理会|安全理事会/u.test(m[0]) && !councilMentioned(sc)) continue
      out.push({
        kind: 'resolution',
        label: scLabel(m[1] ?? ''),
        text: m[0],
        date: m[2] ? yearDate(m[2], m[2]) : null,
      })
    }
  }
}

// General Assembly resolutions -------------------------------------------------

const GA =
  /(?<![\p{L}])(?:UN |United Nations )?(?:GA|General Assembly) [Rr]esolution(?:\s+(?:A\/RES\/)?(\d{1,3}\/\d{1,4}))?(?:\s+["“«]([^"”»]{3,160})["”»]|\s+(on [^,.;:()]{3,160}?)(?=,|\.|;| which| that| adopted|$))?/uy
// What GA reads before "[Rr]esolution", longest first.
const GA_PREFIXES = [
  'United Nations General Assembly ',
  'UN General Assembly ',
  'United Nations GA ',
  'General Assembly ',
  'UN GA ',
  'GA ',
]

function generalAssembly(text: string, cues: Cues, out: Reference[]): void {
  for (
    let m = resolutionMatch(text, 0, GA, GA_PREFIXES, cues.resolutions);
    m !== null;
    m = resolutionMatch(text, m.index + m[0].length, GA, GA_PREFIXES, cues.resolutions)
  ) {
    const [phrase, number, quoted, subject] = [m[0], m[1], m[2], m[3]]
    let label: string
    if (number) label = `UN General Assembly Resolution ${number}`
    else if (quoted) label = `UN General Assembly resolution "${quoted.trim()}"`
    else if (subject) label = `UN General Assembly resolution ${subject.trim()}`
    else continue
    const after = dateAfter(text, m.index + phrase.length)
    out.push({
      kind: 'resolution',
      label,
      text: after ? text.slice(m.index, after.end) : phrase,
      date: after?.date ?? null,
    })
  }
}

// Named instruments --------------------------------------------------------------

const DOC_WORDS: [RegExp, ReferenceKind][] = [
  [/^(?:Treaty|Treaties|Convention|Charter|Covenant|Pact)$/i, 'treaty'],
  [/^(?:Agreements?|Accords?|Memorandum|Memoranda|Protocol|Arrangement)$/i, 'agreement'],
  [/^(?:Declaration|Statement|Communiqu[eé])$/i, 'declaration'],
]
const DOC_HEAD =
  '(?:Joint |Final |Comprehensive |Framework |Political |Basic |Optional |Additional )?(?:Treaty|Convention|Charter|Covenant|Pact|Agreement|Accord|Memorandum of Understanding|Memorandum|Protocol|Declaration|Joint Statement|Communiqué)'
const TITLE_WORD =
  "(?:\\p{Lu}[\\p{L}\\p{N}’'-]*|\\d+|a|an|the|of|on|in|and|for|between|against|to|with|concerning|regarding|among|by|at|from|de)(?![\\p{L}\\p{N}])"
const NAMED = new RegExp(
  `(?<![\\p{L}])((?:(?:\\p{Lu}[\\p{L}’'-]*|UN) ){0,3})(${DOC_HEAD})((?: ${TITLE_WORD}){1,24})?`,
  'uy',
)
// How many words, each followed by a space, NAMED can read before the document word: three
// owners, a qualifier ("Joint") and "Joint" of "Joint Statement".
const NAMED_WORDS_BEFORE = 5
// A second instrument in the same list starts its own reference.
const LIST_SPLIT = new RegExp(` and (?:the )?(?:${DOC_HEAD})\\b`, 'u')
// "the Minsk agreements", "Oslo Accords", "Paris Agreement".
const PROPER_THEN_DOC =
  /(?<![\p{L}])((?:\p{Lu}\p{Ll}+ ){1,3})(agreements|accords|Agreements|Accords|Agreement|Accord|Protocol|Declaration|Charter|Treaty|Convention)(?![\p{L}])/uy
const PROPER_WORDS_BEFORE = 3
// The document words NAMED and PROPER_THEN_DOC read: each match contains one.
const TITLE_CUES = [
  'Treaty',
  'Convention',
  'Charter',
  'Covenant',
  'Pact',
  'Agreement',
  'agreements',
  'Accord',
  'accords',
  'Memorandum',
  'Protocol',
  'Declaration',
  'Statement',
  'Communiqué',
]

function kindOf(word: string): ReferenceKind {
  const last = word.split(' ').pop() ?? word
  for (const [re, kind] of DOC_WORDS) if (re.test(last)) return kind
  for (const [re, kind] of DOC_WORDS) if (re.test(word.split(' ')[0] ?? '')) return kind
  return 'document'
}

const LOWER_TAIL =
  /(?:\s+(?:a|an|the|of|on|in|and|for|between|against|to|with|concerning|regarding|among|by|at|from|de))+$/u

/** "Charter of the United Nations" and its translations are all the UN Charter. */
const KNOWN: [RegExp, string, ReferenceKind][] = [
  [
    /^(?:UN Charter|United Nations Charter|Charter of the United Nations|Charter of the UN)$/u,
    'UN Charter',
    'treaty',
  ],
  [
    /^(?:Treaty on the Non-Proliferation of Nuclear Weapons|Nuclear Non-Proliferation Treaty|Non-Proliferation Treaty)$/u,
    'Treaty on the Non-Proliferation of Nuclear Weapons',
    'treaty',
  ],
]

function canonical(label: string, kind: ReferenceKind): { label: string; kind: ReferenceKind } {
  for (const [re, known, knownKind] of KNOWN)
    if (re.test(label)) return { label: known, kind: knownKind }
  return { label, kind }
}

function named(text: string, triggers: readonly number[], out: Reference[]): void {
  let from = 0
  for (
    let m = titleMatch(text, from, NAMED, triggers, NAMED_WORDS_BEFORE);
    m !== null;
    m = titleMatch(text, from, NAMED, triggers, NAMED_WORDS_BEFORE)
  ) {
    const prefixWords = (m[1] ?? '').trim()
    const head = m[2] ?? ''
    let tail = m[3] ?? ''
    const split = LIST_SPLIT.exec(tail)
    if (split) tail = tail.slice(0, split.index)
    // "of 5 April 2010" is the date, not the title.
    const dateCut = / of \d{1,2} \p{L}+ \d{4}| of \p{Lu}\p{Ll}+ \d{1,2}, \d{4}/u.exec(tail)
    if (dateCut) tail = tail.slice(0, dateCut.index)
    tail = tail.replace(LOWER_TAIL, '')
    // Keep only prefixes that name an owner: acronyms and proper adjectives ("SCO", "UN").
    const prefix = prefixWords
      .split(' ')
      .filter((w) => w.length > 0)
      .filter((w) => !/^(?:The|A|An|This|That|These|Those|Its|Their|Our)$/u.test(w))
      .join(' ')
    const hasTitle =
      /^ (?:on|of|between|for|against|concerning|regarding|among|to|with|in) /u.test(tail) &&
      tail.length > 6
    if (!hasTitle && prefix.length === 0) {
      from = m.index + (m[1]?.length ?? 0) + head.length
      continue
    }
    const labelStart =
      prefix.length > 0 ? m.index + (m[1] ?? '').lastIndexOf(prefix) : m.index + (m[1] ?? '').length
    const labelEnd = m.index + (m[1] ?? '').length + head.length + tail.length
    const label = text.slice(labelStart, labelEnd).replace(/\s+/g, ' ').trim()
    if (!hasTitle && !/^(?:[A-ZА-Я]{2,}|UN)\b/u.test(prefix) && !/Charter/.test(head)) {
      from = labelEnd
      continue
    }
    const after = dateAfter(text, labelEnd)
    const { label: finalLabel, kind } = canonical(label, kindOf(head))
    out.push({
      kind,
      label: finalLabel,
      text: text.slice(labelStart, after ? after.end : labelEnd),
      date: after?.date ?? null,
    })
    from = Math.max(labelEnd, m.index + m[0].length - (m[3]?.length ?? 0) + tail.length)
  }

  for (
    let m = titleMatch(text, 0, PROPER_THEN_DOC, triggers, PROPER_WORDS_BEFORE);
    m !== null;
    m = titleMatch(text, m.index + m[0].length, PROPER_THEN_DOC, triggers, PROPER_WORDS_BEFORE)
  ) {
    const names = (m[1] ?? '').trim()
    // Only a place or owner name, not a sentence start or a title already taken.
    const firstWord = names.split(' ')[0] ?? ''
    if (
      /^(?:The|A|An|This|That|These|Those|Its|Their|Our|Joint|Final|Framework|Comprehensive|Political|Basic)$/u.test(
        firstWord,
      )
    ) {
      continue
    }
    const word = m[2] ?? ''
    const end = m.index + m[0].length
    // Part of a longer name: "Collective Security Treaty Organization".
    if (/^ \p{Lu}/u.test(text.slice(end, end + 2))) continue
    // "Minsk agreements" but not the start of a "Treaty on ..." already taken.
    const after = dateAfter(text, end)
    // "Agreement between ..." is a titled instrument, read above; "of <date>" is only its date.
    if (!after && /^ (?:on|of|between|for|concerning) /u.test(text.slice(end, end + 20))) continue
    const { label, kind } = canonical(`${names} ${word}`, kindOf(word))
    out.push({
      kind,
      label,
      text: text.slice(m.index, after ? after.end : end),
      date: after?.date ?? null,
    })
  }
}

// Russian and Chinese instruments ---------------------------------------------------

// Each with a word that all its matches contain (see "Cue words" below).
const RU_KNOWN: [RegExp, string, ReferenceKind, string][] = [
  [
    /(?<![\p{L}])Устав\p{L}* ООН|Устав\p{L}* Организации Объедин[её]нных Наций/gu,
    'UN Charter',
    'treaty',
    'Устав',
  ],
  [/(?<![\p{L}])[Мм]инск\p{L}* соглашени\p{L}*/gu, 'Minsk agreements', 'agreement', 'инск'],
  [
    /(?<![\p{L}])Договор\p{L}* о нераспространении ядерного оружия/gu,
    'Treaty on the Non-Proliferation of Nuclear Weapons',
    'treaty',
    'Договор',
  ],
]
const RU_NAMED =
  /(?<![\p{L}])(Договор|Соглашени|Конвенци|Деклараци|Меморандум|Протокол|Хартия)(\p{L}*) ((?:о|об|между|по|в области) [\p{L}\p{N} -]{3,120}?)(?=[.,;:!?()«»]|\s+(?:от|и|в|на|с|—|–)\s|$)/gu
// The words RU_NAMED starts from.
const RU_NAMED_CUES = [
  'Договор',
  'Соглашени',
  'Конвенци',
  'Деклараци',
  'Меморандум',
  'Протокол',
  'Хартия',
]
const RU_NOMINATIVE: Record<string, [string, ReferenceKind]> = {
  Договор: ['Договор', 'treaty'],
  Соглашени: ['Соглашение', 'agreement'],
  Конвенци: ['Конвенция', 'treaty'],
  Деклараци: ['Декларация', 'declaration'],
  Меморандум: ['Меморандум', 'agreement'],
  Протокол: ['Протокол', 'agreement'],
  Хартия: ['Хартия', 'treaty'],
}
const ZH_KNOWN: [RegExp, string, ReferenceKind, string][] = [
  [/联合国宪章/gu, 'UN Charter', 'treaty', '联合国宪章'],
  [/明斯克协议/gu, 'Minsk agreements', 'agreement', '明斯克协议'],
  [
    /不扩散核武器条约/gu,
    'Treaty on the Non-Proliferation of Nuclear Weapons',
    'treaty',
    '不扩散核武器条约',
  ],
]
const ZH_TITLED = /《([^》]{2,60}?(条约|公约|宪章|协定|协议|宣言|声明|备忘录|议定书|决议))》/gu
const ZH_KIND: Record<string, ReferenceKind> = {
  条约: 'treaty',
  公约: 'treaty',
  宪章: 'treaty',
  协定: 'agreement',
  协议: 'agreement',
  备忘录: 'agreement',
  议定书: 'agreement',
  宣言: 'declaration',
  声明: 'declaration',
  决议: 'resolution',
}

/** Documents known under one label, each found by its own pattern. */
function knownDocuments(
  text: string,
  cues: Cues,
  known: [RegExp, string, ReferenceKind, string][],
  out: Reference[],
): void {
  for (const [re, label, kind, cue] of known) {
    if (!cues.words.has(cue)) continue
    re.lastIndex = 0
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      const after = dateAfter(text, m.index + m[0].length)
      out.push({ kind, label, text: m[0], date: after?.date ?? null })
    }
  }
}

function otherLanguages(text: string, cues: Cues, out: Reference[]): void {
  knownDocuments(text, cues, RU_KNOWN, out)
  knownDocuments(text, cues, ZH_KNOWN, out)
  if (RU_NAMED_CUES.some((word) => cues.words.has(word))) {
    RU_NAMED.lastIndex = 0
    for (let m = RU_NAMED.exec(text); m !== null; m = RU_NAMED.exec(text)) {
      const [nominative, kind] = RU_NOMINATIVE[m[1] ?? ''] ?? ['', 'document']
      if (!nominative) continue
      const subject = (m[3] ?? '').trim()
      const end = m.index + m[0].length
      const after = dateAfter(text, end)
      out.push({ kind, label: `${nominative} ${subject}`, text: m[0], date: after?.date ?? null })
    }
  }
  if (cues.words.has('《')) {
    ZH_TITLED.lastIndex = 0
    for (let m = ZH_TITLED.exec(text); m !== null; m = ZH_TITLED.exec(text)) {
      const title = m[1] ?? ''
      if (ZH_KNOWN.some(([, , , name]) => title.includes(name))) continue
      out.push({ kind: ZH_KIND[m[2] ?? ''] ?? 'document', label: title, text: m[0], date: null })
    }
  }
}

// Cue words ---------------------------------------------------------------------

// Words every match of some pattern above contains. Most are looked for in two passes over a
// paragraph: capitalised and non-Latin words in one, lowercase ones in the other, since a set
// of rare first letters lets the regex engine skip through a text far faster than a set that
// mixes in common ones. The Russian words only in paragraphs with Russian letters.
const RESOLUTION_CUES = ['Resolution', 'resolution']
const CUE_WORDS = [
  ...RESOLUTION_CUES,
  ...TITLE_CUES,
  'S/RES/',
  '号决议',
  '《',
  ...ZH_KNOWN.map(([, , , word]) => word),
]
const RUSSIAN_CUES = ['езолюци', ...RU_KNOWN.map(([, , , word]) => word), ...RU_NAMED_CUES]
const TITLE_CUE_SET = new Set(TITLE_CUES)

/** Every Russian cue word contains "о", "и" or "а": without them a text has none. */
function hasRussianLetters(text: string): boolean {
  return text.includes('о') || text.includes('и') || text.includes('а')
}

const escapeRegExp = (word: string) => word.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
const startsLowercase = (word: string) => /^[a-z]/.test(word)
const CUE_SCANS = [
  CUE_WORDS.filter((word) => !startsLowercase(word)),
  CUE_WORDS.filter(startsLowercase),
].map((words) => new RegExp(words.map(escapeRegExp).join('|'), 'g'))

/** Where, in one paragraph, the cue words occur. */
type Cues = {
  /** Start of each "Resolution" or "resolution". */
  resolutions: number[]
  /** Start of each document word NAMED or PROPER_THEN_DOC reads. */
  titles: number[]
  /** The other cue words the paragraph contains ("S/RES/", "《", "Устав"...). */
  words: Set<string>
}

/** Records `word`, found at `at`, in `cues`. */
function noteCue(cues: Cues, word: string, at: number): void {
  if (RESOLUTION_CUES.includes(word)) cues.resolutions.push(at)
  else if (TITLE_CUE_SET.has(word)) cues.titles.push(at)
  else cues.words.add(word)
}

/** The cues of a paragraph; none for a paragraph without any, where no pattern can match. */
function cuesIn(text: string): Cues | undefined {
  let cues: Cues | undefined
  for (const scan of CUE_SCANS) {
    scan.lastIndex = 0
    for (let m = scan.exec(text); m !== null; m = scan.exec(text)) {
      cues ??= { resolutions: [], titles: [], words: new Set() }
      noteCue(cues, m[0], m.index)
    }
  }
  if (hasRussianLetters(text))
    for (const word of RUSSIAN_CUES)
      for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
        cues ??= { resolutions: [], titles: [], words: new Set() }
        noteCue(cues, word, at)
      }
  cues?.resolutions.sort((a, b) => a - b)
  cues?.titles.sort((a, b) => a - b)
  return cues
}

// ------------------------------------------------------------------------------

/** Documents the release refers to, unique by label, in order of first mention. */
export function extractReferences(paragraphs: string[]): Reference[] {
  const sc: ScContext = { paragraphs }
  const found: { ref: Reference; at: number }[] = []
  paragraphs.forEach((text, index) => {
    const cues = cuesIn(text)
    if (!cues) return
    const here: Reference[] = []
    securityCouncil(text, cues, sc, here)
    generalAssembly(text, cues, here)
    named(text, cues.titles, here)
    otherLanguages(text, cues, here)
    for (const ref of here) {
      const at = text.indexOf(ref.text)
      found.push({ ref, at: index * 1_000_000 + (at < 0 ? 0 : at) })
    }
  })
  found.sort((a, b) => a.at - b.at)
  const byLabel = new Map<string, Reference>()
  for (const { ref } of found) {
    const seen = byLabel.get(ref.label)
    if (!seen) byLabel.set(ref.label, { ...ref })
    else if (!seen.date && ref.date) seen.date = ref.date
  }
  return [...byLabel.values()]
}
