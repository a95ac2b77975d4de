/**
 * People a release names, with the role and the country they speak for.
 *
 * Precision comes first: a wrong participant is worse than a missing one, so
 * a person is only taken where protocol prose makes the name unambiguous:
 * - English "<Role> of <Country> <Name>" ("Secretary of the Security Council
 *   of the Russian Federation Nikolai Patrushev"), "<Country adjective>
 *   <Role> <Name>" ("Chinese Vice Premier He Lifeng"), "<Role> <Name> of
 *   <Country>" and "<Name>, <Role> of <Country>". The name is the run of two
 *   to four capitalised words after the role that are not part of a country
 *   or organisation name; a single surname ("President Putin") is not enough.
 * - Russian reference cards as kremlin.ru prints them, "Рахмон Эмомали
 *   Шарипович Президент Республики Таджикистан" (surname, name, patronymic,
 *   role): the name is given in the nominative and becomes "Эмомали Рахмон".
 * - Russian role phrases "Президентом Таджикистана Эмомали Рахмоном": the
 *   name is kept as written (often in the instrumental case) unless a card or
 *   a nominative mention in the same text gives the dictionary form.
 * - Speaker labels "В.Путин:" resolve to the full name when the text has it.
 * - A Russian subject "Владимир Путин поздравил..." names a participant.
 * The country is the canonical gazetteer name found in the role, or null
 * (officials of organisations have none).
 */
import { findMentions, type EntityMention } from './entities'
import type { Participant } from './types'

const ROLE_WORDS =
  'President|Vice-President|Prime Minister|Premier|Vice Premier|Chancellor|Minister|Secretary-General|Secretary General|Secretary|Under-Secretary-General|Member|Director-General|Director General|Director|Chairman|Chairwoman|Chairperson|Chair|Head|Ambassador|Aide|Adviser|Advisor|Assistant|Representative|Envoy|Commissioner|Governor|Speaker|King|Queen|Emir|Amir|Sultan|Crown Prince|Leader|Spokesperson|Commander|Administrator|Coordinator|Counsellor|Counselor|Foreign Minister|High Representative|Chief'
const ROLE_PREFIX =
  '(?:(?:Presidential|Deputy|Vice|First|Acting|Special|Executive|Permanent|Senior|Foreign|Prime|State|Defence|Defense|Interior|Finance|National|Security|Trade|Chief|General|Federal|Principal)[ -])*'
/** A role at one position (sticky). */
const ROLE_START = new RegExp(`(?<![\\p{L}])${ROLE_PREFIX}(?:${ROLE_WORDS})(?![\\p{L}])`, 'uy')
/**
 * Where ROLE_START can match: the same words without the checks for letters
 * around them, which the engine finds faster without the `u` flag.
 */
const ROLE_TRIGGER = regexTrigger(new RegExp(`${ROLE_PREFIX}(?:${ROLE_WORDS})`, 'g'))
const ROLE_AT_START = new RegExp(`^${ROLE_PREFIX}(?:${ROLE_WORDS})(?![\\p{L}])`, 'u')

/** Capitalised words that belong to roles and institutions, never to a person's name. */
const INSTITUTION_WORDS = new Set(
  (
    'Council Committee Structure Organisation Organization Federation Republic Kingdom State States ' +
    'Ministry Affairs Office Department Government Assembly Parliament Congress Senate House Court ' +
    'Bank Union Nations Commission Agency Service Forces Staff Secretariat Cabinet Administration ' +
    'Presidium Duma People Peoples Islamic Democratic Socialist Arab United Executive Security ' +
    'National Foreign Defence Defense Interior Justice Finance Economy Economic Trade Development ' +
    'Cooperation Co-operation Health Education Energy Industry Agriculture Transport Culture ' +
    'Science Technology Labour Labor Environment Emergency Internal External Public Social Regional ' +
    'Central General Special Permanent Deputy Vice First Acting Chief Senior Director Secretary ' +
    'President Presidential Minister Prime Premier Chairman Chair Head Ambassador Aide Adviser ' +
    'Advisor Assistant Representative Envoy Commissioner Governor Speaker Member Leader ' +
    'Antiterrorist Anti-Terrorist Anti-terrorist Treasury Homeland Commerce Navy Army Air Armed ' +
    'Military Intelligence Police Customs Border Guard Affairs’ Majesty Highness Excellency ' +
    'Mr Mrs Ms Dr Sir H.E. His Her The This That These Those Today Tomorrow Yesterday And But ' +
    'January February March April May June July August September October November December ' +
    'Monday Tuesday Wednesday Thursday Friday Saturday Sunday Mission Program Programme Fund Center Centre ' +
    'Senator Representative Congressman Congresswoman Mayor Judge Justice Board Group School Team City ' +
    'Region Division Officer Resources Services Human Crisis Action Conference Meeting Leaders Party ' +
    'Call Plan Act Law Island Islands East West North South Pacific Atlantic Press Joint Climate ' +
    'Institute Leadership Operating Civil Natural Rescue After Before On In At With For To From By Of ' +
    'Statement Remarks Readout Fact Sheet Initiative Summit Forum Partnership Agreement Strategy ' +
    'Corporation Company Award Caucus Will Auditor'
  ).split(' '),
)
const PARTICLES = new Set([
  'bin',
  'ibn',
  'al',
  'Al',
  'el',
  'El',
  'de',
  'da',
  'van',
  'von',
  'der',
  'bin',
  'Bin',
  'Ben',
  'bint',
])
const NAME_WORD = /^(?:\p{Lu}[\p{Ll}’'-]*\p{Ll}|\p{Lu}\.)$/u
const CONNECTORS = new Set(['of', 'for', 'under', 'the', 'on', 'to', 'at', 'in', 'and', 'de'])

type Token = { text: string; start: number; end: number }

/**
 * The gazetteer mentions of one text, found on first use: finding them is
 * costly, and most texts have no candidate name that needs them.
 */
type Mentions = () => EntityMention[]

function lazyMentions(find: () => EntityMention[]): Mentions {
  let found: EntityMention[] | null = null
  return () => (found ??= find())
}

const TOKEN = /[\p{L}\p{N}][\p{L}\p{N}’'.-]*/gu
const INITIALS = /^(?:\p{Lu}\.)+$/u

function tokens(text: string, from: number, to: number): Token[] {
  const out: Token[] = []
  TOKEN.lastIndex = from
  for (let m = TOKEN.exec(text); m !== null && m.index < to; m = TOKEN.exec(text)) {
    let word = m[0]
    // A trailing full stop ends a sentence unless the token is an initial ("J.", "U.S.").
    if (word.endsWith('.') && !INITIALS.test(word)) word = word.slice(0, -1)
    out.push({ text: word, start: m.index, end: m.index + word.length })
  }
  return out
}

function covered(mentions: EntityMention[], start: number, end: number): EntityMention | null {
  return mentions.find((m) => m.start < end && m.end > start) ?? null
}

/** A capitalised word that may belong to a name, before looking at entity mentions. */
function looksLikeNameToken(token: Token): boolean {
  if (PARTICLES.has(token.text)) return true
  return NAME_WORD.test(token.text) && !INSTITUTION_WORDS.has(token.text)
}

function isNameToken(token: Token, mentions: Mentions): boolean {
  if (!looksLikeNameToken(token)) return false
  return PARTICLES.has(token.text) || covered(mentions(), token.start, token.end) === null
}

/** The name at the end of a list of tokens: 2-4 name words, particles not counted. */
function trailingName(list: Token[], mentions: Mentions): number {
  // Mentions only shorten the trailing run of name words, so a run that is
  // too short without them rules out a name before they are looked up.
  let words = 0
  for (let k = list.length - 1; k >= 0 && looksLikeNameToken(list[k] as Token); k--) {
    if (!PARTICLES.has((list[k] as Token).text)) words++
  }
  if (words < 2) return -1
  let first = list.length
  while (first > 0 && isNameToken(list[first - 1] as Token, mentions)) first--
  while (first < list.length && PARTICLES.has(list[first]?.text ?? '')) first++
  const nameWords = list.slice(first).filter((t) => !PARTICLES.has(t.text))
  if (nameWords.length < 2 || nameWords.length > 4) return -1
  // "Advisor on International Disability Rights": after a preposition the
  // capitalised words are what the role is about, not a person.
  if (first > 0 && CONNECTORS.has(list[first - 1]?.text ?? '')) return -1
  if (nameWords.some((t) => /['’]s$/u.test(t.text))) return -1
  if (/^\p{Lu}\.$/u.test(list[list.length - 1]?.text ?? '')) return -1
  return first
}

/** Country of a role: the first country in it, or the adjective just before it. */
function roleCountry(mentions: EntityMention[], start: number, end: number): EntityMention | null {
  return mentions.find((m) => m.kind === 'country' && m.start >= start && m.end <= end) ?? null
}

/** The role without the country it names ("Secretary of the Security Council"). */
function cleanRole(
  text: string,
  roleStart: number,
  roleEnd: number,
  country: EntityMention | null,
): string {
  let role = text.slice(roleStart, roleEnd)
  if (country && country.start >= roleStart && country.end <= roleEnd) {
    const before = text.slice(roleStart, country.start).replace(/\s*\b(?:of|of the|the)\s*$/u, '')
    const after = text.slice(country.end, roleEnd)
    role = `${before}${after}`
  }
  return role
    .replace(/[*<_[\]\\].*$/su, '')
    .replace(/\s+/g, ' ')
    .replace(/^(?:the|of|and)\s+/iu, '')
    .replace(/\s+(?:of|the|of the|and|for|under)$/u, '')
    .trim()
}

function englishRoleFirst(text: string, mentions: Mentions, out: Participant[]): void {
  let resume = 0
  const next = () => nextAtTrigger(text, resume, ROLE_TRIGGER, ROLE_START)
  for (let m = next(); m !== null; m = next()) {
    const roleStart = m.index
    // The phrase runs to the next punctuation mark or lowercase word.
    const rest = text.slice(roleStart)
    const stop =
      /[,;:()"“”«»—–]|\.(?:\s|$)|\s(?!(?:of|for|under|the|on|to|at|in|and|de|bin|al|el)\s)\p{Ll}/u.exec(
        rest,
      )
    const phraseEnd = roleStart + (stop ? stop.index : rest.length)
    const list = tokens(text, roleStart, phraseEnd)
    // Split at "and" when what comes before it already ends with a name.
    let partStart = 0
    let roleFrom = roleStart
    for (let i = 0; i <= list.length; i++) {
      const atAnd = i < list.length && list[i]?.text === 'and'
      if (!atAnd && i < list.length) continue
      const part = list.slice(partStart, i)
      let nameFrom = trailingName(part, mentions)
      let ofCountry: EntityMention | null = null
      if (nameFrom < 0) {
        // "<Role> <Name> of <Country>". The name is checked first: it is
        // rarely there, and the country needs the entity mentions.
        const ofIndex = part.findIndex((t, k) => t.text === 'of' && k > 0)
        const k = ofIndex > 0 ? trailingName(part.slice(0, ofIndex), mentions) : -1
        if (k > 0) {
          const tail = part.slice(ofIndex + 1)
          const tailStart = tail[0]?.start ?? 0
          const tailEnd = tail[tail.length - 1]?.end ?? 0
          const c = covered(mentions(), tailStart, tailEnd)
          if (c && c.kind === 'country' && c.start <= tailStart && c.end >= tailEnd) {
            nameFrom = k
            ofCountry = c
            part.length = ofIndex
          }
        }
      }
      if (nameFrom > 0) {
        const nameTokens = part.slice(nameFrom)
        const name = text.slice(
          nameTokens[0]?.start ?? 0,
          nameTokens[nameTokens.length - 1]?.end ?? 0,
        )
        const roleEnd = part[nameFrom - 1]?.end ?? roleFrom
        // An adjective or name right before the role: "Russian President ...".
        const before = mentions().find(
          (x) =>
            x.kind === 'country' && x.end <= roleFrom && /^\s?$/u.test(text.slice(x.end, roleFrom)),
        )
        const country = ofCountry ?? roleCountry(mentions(), roleFrom, roleEnd) ?? before ?? null
        const role = cleanRole(text, roleFrom, roleEnd, country)
        if (ROLE_AT_START.test(role) || role.length > 0) {
          out.push({ name, role: role || null, country: country?.id ?? null })
        }
        partStart = i + 1
        roleFrom = list[i + 1]?.start ?? phraseEnd
        if (i + 1 < list.length && !ROLE_AT_START.test(text.slice(roleFrom))) break
      }
    }
    resume = Math.max(m.index + m[0].length, phraseEnd)
  }
}

// Scanning ------------------------------------------------------------------
// The patterns here begin with Unicode property classes and lookbehinds, which
// a global scan tests slowly at every position of a text. Each pattern is
// compiled sticky instead and run only where a match can start: at a trigger
// (a cheap search that every match starts with), or in the run of word
// characters before a trigger that every match contains (", President", a
// patronymic ending, a past-tense "л"). The matches are the ones a global
// scan would find, in the same order.

/** The position of the first trigger at or after `from`, or -1. */
type NextTrigger = (text: string, from: number) => number

/** The first match of a global regex at or after `from`, as a NextTrigger. */
function regexTrigger(triggers: RegExp): NextTrigger {
  return (text, from) => {
    triggers.lastIndex = from
    return triggers.exec(text)?.index ?? -1
  }
}

/**
 * The first match of the sticky `pattern` at or after `from`, the one a global
 * scan would find, trying it only where a capitalised word may start within
 * the run of `isRunChar` characters before each trigger. Exact as long as
 * every match contains a trigger and has only run characters before it.
 */
function nextBeforeTrigger(
  text: string,
  from: number,
  nextTrigger: NextTrigger,
  isRunChar: (code: number) => boolean,
  pattern: RegExp,
): RegExpExecArray | null {
  // Every position before `tried` has been tried or cannot start a match.
  let tried = from
  // Overlapping triggers count too: the next one is looked for one character on.
  for (
    let trigger = nextTrigger(text, from);
    trigger >= 0;
    trigger = nextTrigger(text, trigger + 1)
  ) {
    if (trigger <= tried) continue
    let at = trigger
    while (at > tried && isRunChar(text.charCodeAt(at - 1))) at--
    tried = trigger
    for (; at < trigger; at++) {
      if (!mayStartCapitalised(text, at)) continue
      pattern.lastIndex = at
      const m = pattern.exec(text)
      if (m) return m
    }
  }
  return null
}

/**
 * The first match of the sticky `pattern` at or after `from`, the one a global
 * scan would find, for a pattern whose every match starts with a trigger.
 */
function nextAtTrigger(
  text: string,
  from: number,
  nextTrigger: NextTrigger,
  pattern: RegExp,
): RegExpExecArray | null {
  for (
    let trigger = nextTrigger(text, from);
    trigger >= 0;
    trigger = nextTrigger(text, trigger + 1)
  ) {
    pattern.lastIndex = trigger
    const m = pattern.exec(text)
    if (m) return m
  }
  return null
}

function isBasicLetter(code: number): boolean {
  return (
    (code >= 0x61 && code <= 0x7a) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x400 && code <= 0x45f)
  )
}

/**
 * Whether a capitalised word may start here: the character may be an
 * uppercase letter (Latin and Cyrillic are checked, other scripts are let
 * through) and does not follow a letter. Never inside a surrogate pair.
 */
function mayStartCapitalised(text: string, at: number): boolean {
  const code = text.charCodeAt(at)
  if (code < 0x80) {
    if (code < 0x41 || code > 0x5a) return false
  } else if ((code >= 0x430 && code <= 0x45f) || (code >= 0xdc00 && code <= 0xdfff)) {
    return false
  }
  return !isBasicLetter(text.charCodeAt(at - 1))
}

/** Letters, spaces and hyphens; every non-ASCII character is let through. */
function isWordRunChar(code: number): boolean {
  return code >= 0x80 || isBasicLetter(code) || code === 0x20 || code === 0x2d
}

/** What a name may contain: letters, spaces, apostrophes, hyphens, full stops. */
function isNameRunChar(code: number): boolean {
  return isWordRunChar(code) || code === 0x27 || code === 0x2e
}

// English, name first --------------------------------------------------------

/** "<Name>, <Role>" (sticky). */
const NAME_THEN_ROLE = new RegExp(
  `(?<![\\p{L}\\p{N}’'.-])((?:\\p{Lu}[\\p{Ll}’'-]*\\p{Ll}|\\p{Lu}\\.)(?: (?:\\p{Lu}[\\p{Ll}’'-]*\\p{Ll}|\\p{Lu}\\.|bin|al|de|van|von|ibn|el)){1,4}), (?:the )?(${ROLE_PREFIX}(?:${ROLE_WORDS})(?![\\p{L}])[^,;:()"“”.]*)`,
  'uy',
)
/** The trigger of NAME_THEN_ROLE: the comma before the role (sticky). */
const ROLE_AFTER_COMMA = new RegExp(`, (?:the )?${ROLE_PREFIX}(?:${ROLE_WORDS})(?![\\p{L}])`, 'uy')

function nextRoleComma(text: string, from: number): number {
  for (let comma = text.indexOf(', ', from); comma >= 0; comma = text.indexOf(', ', comma + 1)) {
    // Roles start with a capital letter; "the " may come first.
    const next = text.charCodeAt(comma + 2)
    if (next !== 0x74 && (next < 0x41 || next > 0x5a)) continue
    ROLE_AFTER_COMMA.lastIndex = comma
    if (ROLE_AFTER_COMMA.test(text)) return comma
  }
  return -1
}

function englishNameFirst(text: string, mentions: Mentions, out: Participant[]): void {
  const next = (from: number) =>
    nextBeforeTrigger(text, from, nextRoleComma, isNameRunChar, NAME_THEN_ROLE)
  for (let m = next(0); m !== null; m = next(m.index + m[0].length)) {
    const nameText = m[1] ?? ''
    const nameStart = m.index
    if (!/^[\p{L} .’'-]+$/u.test(nameText)) continue
    // The word before the name must not be capitalised (else the name is longer).
    if (/\p{Lu}[\p{L}]*\s$/u.test(text.slice(Math.max(0, nameStart - 30), nameStart))) continue
    const list = tokens(text, nameStart, nameStart + nameText.length)
    if (trailingName(list, mentions) !== 0) continue
    const roleText = (m[2] ?? '').replace(
      /\s+(?:and|who|which|said|has|have|was|were|is)\b.*$/u,
      '',
    )
    const roleStart = m.index + m[0].length - (m[2] ?? '').length
    const roleEnd = roleStart + roleText.length
    const country = roleCountry(mentions(), roleStart, roleEnd)
    out.push({
      name: nameText,
      role: cleanRole(text, roleStart, roleEnd, country) || null,
      country: country?.id ?? null,
    })
  }
}

// Russian ------------------------------------------------------------------

const RU_WORD = '\\p{Lu}\\p{Ll}+(?:-\\p{Lu}\\p{Ll}+)?'
const PATRONYMIC = '\\p{Lu}\\p{Ll}+(?:ович|евич|ич|овна|евна|ична|инична|оглы|кызы)'
const RU_ROLES =
  'Президент|Премьер-министр|Председател|Министр|Губернатор|Глав|Помощник|Секретар|Посол|Эмир|Корол|Наследн\\p{Ll}* принц|Канцлер|Спикер|Мэр|Директор|Руководител|Генеральн\\p{Ll}* секретар|Заместител|Первый заместител|Советник|Патриарх|Вице-президент|Вице-премьер|Султан|Верховн\\p{Ll}* лидер|Начальник|Командующ|Уполномоченн\\p{Ll}*|Пресс-секретар|Полпред|Полномочн\\p{Ll}* представител|Постоянн\\p{Ll}* представител|Генеральн\\p{Ll}* прокурор|Мэр|Спецпредставител'
/** A reference card (sticky): surname, name, patronymic and maybe the role. */
const CARD = new RegExp(
  `(?<![\\p{L}.])(${RU_WORD}) (${RU_WORD}) (${PATRONYMIC})(?: ((?:${RU_ROLES})\\p{Ll}*(?: [\\p{L}-]+){0,12}))?`,
  'uy',
)
/** What every patronymic ending contains. */
const PATRONYMIC_TRIGGER = regexTrigger(/ич|вна|оглы|кызы/g)
/** A role word and the words after it (sticky). */
const RU_ROLE_PHRASE = new RegExp(
  `(?<![\\p{L}])((?:${RU_ROLES})\\p{Ll}*(?:[ -]\\p{L}+){0,8})`,
  'iuy',
)
/**
 * Where RU_ROLE_PHRASE can start: the literal beginning of each role. Without
 * the `u` flag the case-insensitive match of these Cyrillic letters admits
 * every character the `iu` pattern does, and runs much faster.
 */
const RU_ROLE_TRIGGER = regexTrigger(
  new RegExp([...new Set(RU_ROLES.split('|').map((role) => role.split('\\')[0]))].join('|'), 'gi'),
)
/** A speaker label "В.Путин:" (sticky). */
const SPEAKER = /(?<![\p{L}.])(\p{Lu})\.\s?(\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?):/uy
/** "Владимир Путин поздравил", "Name Surname и Name Surname встретились" (sticky). */
const SUBJECT = new RegExp(
  `(?<![\\p{L}] ?)(${RU_WORD}) (${RU_WORD})(?: и (${RU_WORD}) (${RU_WORD}))? (\\p{Ll}+(?:л|ла|ли|лся|лась|лись))(?![\\p{L}])`,
  'uy',
)
/** The "л" of every past-tense ending SUBJECT accepts. */
const PAST_TENSE_TRIGGER = regexTrigger(/л(?:а|и|ся|ась|ись)?(?![\p{L}])/gu)
// Capitalised adjectives of place names ("Волгоградской области"), not first names.
const RU_ADJECTIVE_END =
  /(?:ск|цк|н|ь)(?:ой|ого|ая|ую|ий|ый|ое|ие|ые|ых|ом|ому|ым|ими|ыми|ей|его)$/u
// Capitalised verbs and words that start sentences, never names.
const RU_VERB_END = /(?:лся|лась|лись|лось|ется|ются|ится|ятся|ешь|ете)$/u
const RU_ROLE_WORD = new RegExp(`^(?:${RU_ROLES})`, 'iu')
const IS_PATRONYMIC = new RegExp(`^${PATRONYMIC}$`, 'u')
const RU_NOT_NAME = new Set(
  'Вскоре Безопасности Совета Суд Суда Флот Флота Флотом Думы Собрания Москва Кремль Встреча Россия Также Это Вот Все Так Как Когда Если Мы Вы Они Он Она Оно Но Или Тогда Здесь Сейчас Сегодня Спасибо Конечно Давайте Кстати Поэтому Однако Вопрос Уважаемая События Федерации Федерация Республики Республика Республикой Совета Совет Правительства Государственной Думы Собрания Российской Государства Государство Королевства Королевство Штатов Объединённых Арабских Эмиратов Владимир Владимирович Уважаемый Уважаемые Президент Министр Спасибо'.split(
    ' ',
  ),
)

/**
 * A card's role runs to a colon (a speaker's card), else to the end of the
 * first country it names ("Президент Республики Таджикистан"), else it is
 * only the role word and the capitalised words after it.
 */
function cardRole(
  text: string,
  start: number,
  candidate: string,
  mentions: EntityMention[],
): string {
  const colon = candidate.search(/\s?:/u)
  if (colon >= 0) return candidate.slice(0, colon).trim()
  const country = mentions.find(
    (m) => m.kind === 'country' && m.start >= start && m.end <= start + candidate.length,
  )
  if (country) return text.slice(start, country.end)
  const words = candidate.split(' ')
  let n = 1
  while (n < words.length && /^\p{Lu}/u.test(words[n] ?? '')) n++
  return words.slice(0, n).join(' ')
}

/** Case endings of role words and the nominative each one takes instead. */
const NOMINATIVE_FORMS: [RegExp, string][] = [
  [
    /^(Президент|Министр|Губернатор|Эмир|Премьер-министр|Канцлер|Спикер|Мэр|Директор|Помощник|Советник|Султан|Патриарх|Вице-президент|Вице-премьер|Начальник|Полпред)(?:а|у|ом|е)$/iu,
    '$1',
  ],
  [/^(Председател|Руководител|Заместител|Представител)(?:я|ю|ем|е)$/iu, '$1ь'],
  [/^(Секретар|Корол)(?:я|ю|ём|ем|е)$/iu, '$1ь'],
  [/^(Глав)(?:ы|е|у|ой)$/iu, '$1а'],
  [/^(Пос)л(?:а|у|ом|е)$/iu, '$1ол'],
]

/** The role word in the nominative: "Президентом Таджикистана" → "Президент Таджикистана". */
function nominativeRole(role: string): string {
  const [head = '', ...rest] = role.split(' ')
  let nominative = head
  for (const [re, to] of NOMINATIVE_FORMS) if (re.test(head)) nominative = head.replace(re, to)
  return [nominative, ...rest].join(' ')
}

type RuPerson = { surname: string; first: string; role: string | null }

function stem(word: string): string {
  return word.length > 4 ? word.slice(0, -1) : word
}

function russian(text: string, mentions: Mentions, out: Participant[]): void {
  const cards: RuPerson[] = []
  const nextCard = (from: number) =>
    nextBeforeTrigger(text, from, PATRONYMIC_TRIGGER, isWordRunChar, CARD)
  for (let m = nextCard(0); m !== null; m = nextCard(m.index + m[0].length)) {
    const [surname, first] = [m[1] ?? '', m[2] ?? '']
    if (RU_NOT_NAME.has(surname) || RU_NOT_NAME.has(first)) continue
    const roleStart = m[4] ? m.index + m[0].length - (m[4]?.length ?? 0) : -1
    const role = m[4] ? cardRole(text, roleStart, m[4], mentions()) : null
    const country = role ? roleCountry(mentions(), roleStart, roleStart + role.length) : null
    cards.push({ surname, first, role })
    out.push({ name: `${first} ${surname}`, role, country: country?.id ?? null })
  }
  const fromCard = (first: string, surname: string): RuPerson | null =>
    cards.find((c) => surname.startsWith(stem(c.surname)) && first.startsWith(stem(c.first))) ??
    null

  // Role phrases: "Президентом Таджикистана Эмомали Рахмоном".
  let resume = 0
  const nextRolePhrase = () => nextAtTrigger(text, resume, RU_ROLE_TRIGGER, RU_ROLE_PHRASE)
  for (let m = nextRolePhrase(); m !== null; m = nextRolePhrase()) {
    resume = m.index + m[0].length
    const list = tokens(text, m.index, m.index + (m[1]?.length ?? 0))
    // The name is the first run of 2-5 capitalised words not in an entity,
    // after at least the role word, ending at a lowercase word or the end.
    let i = 1
    while (i < list.length) {
      const t = list[i] as Token
      const isName =
        /^\p{Lu}\p{Ll}+$/u.test(t.text) &&
        !RU_ADJECTIVE_END.test(t.text) &&
        !RU_VERB_END.test(t.text) &&
        !RU_ROLE_WORD.test(t.text) &&
        !RU_NOT_NAME.has(t.text) &&
        covered(mentions(), t.start, t.end) === null
      // A place in the genitive ("мэр Москвы Сергей Собянин") is not a first name.
      if (isName && !/(?:ы|ии)$/u.test(t.text)) break
      i++
    }
    let j = i
    while (
      j < list.length &&
      /^(?:\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?|бен|ибн|аль|Аль|Бен|ад|ас)$/u.test(
        list[j]?.text ?? '',
      ) &&
      covered(mentions(), list[j]?.start ?? 0, list[j]?.end ?? 0) === null &&
      !RU_VERB_END.test(list[j]?.text ?? '') &&
      !RU_ROLE_WORD.test(list[j]?.text ?? '') &&
      !RU_NOT_NAME.has(list[j]?.text ?? '')
    ) {
      // A reference card starts here ("Белоусов Андрей Рэмович"): the name ends before it.
      if (j > i && IS_PATRONYMIC.test(list[j + 2]?.text ?? '')) break
      j++
    }
    // A card right at the name: take its nominative form.
    if (IS_PATRONYMIC.test(list[i + 2]?.text ?? '')) j = i + 2
    // The role starts at the last role word before the name
    // ("Президент ... направил послание главе ... государства Ахмеду Шараа").
    let roleIndex = 0
    for (let k = 1; k < i; k++) if (RU_ROLE_WORD.test(list[k]?.text ?? '')) roleIndex = k
    if (i - roleIndex > 5) continue
    // A verb between the role and the name means they are in different clauses.
    if (list.slice(roleIndex + 1, i).some((t) => /^\p{Ll}+(?:л|ла|ли|ло|лся|лась)$/u.test(t.text)))
      continue
    const nameTokens = list.slice(i, j)
    if (nameTokens.length < 2 || nameTokens.length > 5) continue
    // The role phrase must be unbroken up to the name.
    const roleStart = list[roleIndex]?.start ?? m.index
    const roleEnd = list[i - 1]?.end ?? m.index
    if (/[.,;:!?«»]/u.test(text.slice(roleStart, nameTokens[0]?.start ?? 0))) continue
    const cardHere = IS_PATRONYMIC.test(list[i + 2]?.text ?? '')
    const first = nameTokens[cardHere ? 1 : 0]?.text ?? ''
    const last = nameTokens[cardHere ? 0 : nameTokens.length - 1]?.text ?? ''
    const card = fromCard(first, last)
    const country = roleCountry(mentions(), roleStart, roleEnd)
    const written = text.slice(
      nameTokens[0]?.start ?? 0,
      nameTokens[nameTokens.length - 1]?.end ?? 0,
    )
    const roleWord = nominativeRole(text.slice(roleStart, roleEnd))
    out.push({
      name: card ? `${card.first} ${card.surname}` : written,
      role: card?.role ?? roleWord,
      country: country?.id ?? null,
    })
    // The next role phrase may start within this one, after the name.
    resume = nameTokens[nameTokens.length - 1]?.end ?? resume
  }

  // Nominative full names in the text, for resolving speaker labels.
  const nominative: { first: string; surname: string }[] = []
  const nextSubject = (from: number) =>
    nextBeforeTrigger(text, from, PAST_TENSE_TRIGGER, isWordRunChar, SUBJECT)
  for (let m = nextSubject(0); m !== null; m = nextSubject(m.index + m[0].length)) {
    const pairs: [string, string][] = [[m[1] ?? '', m[2] ?? '']]
    if (m[3] && m[4]) pairs.push([m[3], m[4]])
    for (const [first, surname] of pairs) {
      if (RU_NOT_NAME.has(first) && first !== 'Владимир') continue
      if (RU_NOT_NAME.has(surname) || /(?:ая|ое|ые|ий|ый|ой)$/u.test(surname)) continue
      if (/(?:ая|ое|ые|ый|ой)$/u.test(first) || first.length < 3 || surname.length < 3) continue
      if (RU_VERB_END.test(first) || RU_VERB_END.test(surname)) continue
      if (RU_ROLE_WORD.test(first) || RU_ROLE_WORD.test(surname)) continue
      // "Михаил Михайлович" is a form of address (name and patronymic), not a full name.
      if (IS_PATRONYMIC.test(surname)) continue
      const start = text.indexOf(`${first} ${surname}`, m.index)
      if (covered(mentions(), start, start + first.length + surname.length + 1)) continue
      nominative.push({ first, surname })
      const card = fromCard(first, surname)
      out.push({
        name: card ? `${card.first} ${card.surname}` : `${first} ${surname}`,
        role: card?.role ?? null,
        country: null,
      })
    }
  }

  // A label is resolved once per text: transcripts repeat the same few labels.
  const labelNames = new Map<string, string | null>()
  for (let m = nextSpeaker(text, 0); m !== null; m = nextSpeaker(text, m.index + m[0].length)) {
    const initial = m[1] ?? ''
    const surname = m[2] ?? ''
    const label = `${initial}.${surname}`
    let name = labelNames.get(label)
    if (name === undefined) {
      name = speakerName(text, initial, surname, cards, nominative)
      labelNames.set(label, name)
    }
    if (name !== null) out.push({ name, role: null, country: null })
  }
}

/**
 * The next speaker label at or after `from`, the one a global scan of SPEAKER
 * would find. A label ends at a colon, and its initial stands right before
 * the last full stop ahead of that colon.
 */
function nextSpeaker(text: string, from: number): RegExpExecArray | null {
  for (let colon = text.indexOf(':', from); colon >= 0; colon = text.indexOf(':', colon + 1)) {
    const stop = text.lastIndexOf('.', colon)
    // An initial outside the Basic Multilingual Plane takes two code units.
    const low = text.charCodeAt(stop - 1)
    const start = low >= 0xdc00 && low <= 0xdfff ? stop - 2 : stop - 1
    if (start < from) continue
    SPEAKER.lastIndex = start
    const m = SPEAKER.exec(text)
    if (m) return m
  }
  return null
}

/**
 * The full name behind a speaker label: null when a card names the speaker
 * (the card is already a participant), else the nominative full name the text
 * gives, else the first "<Initial>... <Surname>" in the text, else the label.
 */
function speakerName(
  text: string,
  initial: string,
  surname: string,
  cards: RuPerson[],
  nominative: { first: string; surname: string }[],
): string | null {
  if (cards.some((c) => c.surname === surname && c.first.startsWith(initial))) return null
  const known = nominative.find((n) => n.surname === surname && n.first.startsWith(initial))
  if (known) return `${known.first} ${known.surname}`
  const first = firstNameBefore(text, initial, surname)
  return first ? `${first} ${surname}` : `${initial}.${surname}`
}

/** A capitalised word that ends where the pattern is run (sticky) and follows no letter. */
const WORD_BEFORE = /(?<=(?<![\p{L}])(\p{Lu}\p{Ll}+))/uy
const NO_LETTER_AFTER = /(?![\p{L}])/uy

/**
 * The first name of the first "<Initial>... <Surname>" in the text: the
 * word starting with the initial right before the first occurrence of the
 * surname as a whole word that has one.
 */
function firstNameBefore(text: string, initial: string, surname: string): string | null {
  const needle = ` ${surname}`
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
    NO_LETTER_AFTER.lastIndex = at + needle.length
    if (!NO_LETTER_AFTER.test(text)) continue
    WORD_BEFORE.lastIndex = at
    const first = WORD_BEFORE.exec(text)?.[1]
    if (first?.startsWith(initial)) return first
  }
  return null
}

// ---------------------------------------------------------------------------

function nameKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^\p{L}]+/gu, ' ')
    .trim()
}

/** Keeps one entry per person, filling role and country from later mentions. */
function merge(list: Participant[]): Participant[] {
  const out: Participant[] = []
  const byKey = new Map<string, Participant>()
  for (const p of list) {
    const key = nameKey(p.name)
    const seen = byKey.get(key)
    if (seen) {
      seen.role ??= p.role
      seen.country ??= p.country
      continue
    }
    const copy = { ...p }
    byKey.set(key, copy)
    out.push(copy)
  }
  return out
}

function isTitleCase(text: string): boolean {
  const words = text.split(/\s+/u).filter((w) => /^\p{L}{4,}/u.test(w))
  const capitalised = words.filter((w) => /^\p{Lu}/u.test(w)).length
  return words.length >= 3 && capitalised / words.length > 0.6
}

const CYRILLIC = /[\u0400-\u04ff]/

/** Named people with their role and country, in order of first mention. */
export function extractParticipants(paragraphs: string[], title?: string): Participant[] {
  const texts = title ? [title, ...paragraphs] : paragraphs
  const found: Participant[] = []
  const cyrillic = texts.some((text) => CYRILLIC.test(text))
  if (cyrillic) {
    // Russian cards and labels refer across the whole page; read it as one text.
    const whole = texts.join('\n')
    russian(
      whole,
      lazyMentions(() => findMentions(whole)),
      found,
    )
  } else {
    // The whole text is only needed where entity mentions are looked up.
    let whole: string | null = null
    // A Title Case headline ("Remarks by President Biden After Meeting ...")
    // has no lowercase words to end a name; only the body is read.
    const body = title && isTitleCase(title) ? paragraphs : texts
    for (const text of body) {
      const mentions = lazyMentions(() => findMentions(text, (whole ??= texts.join('\n'))))
      englishRoleFirst(text, mentions, found)
      englishNameFirst(text, mentions, found)
    }
  }
  return merge(found)
}
