/**
 * Organisations and countries mentioned in a release, as canonical names
 * from the gazetteer, unique and in order of first mention (title first).
 *
 * Matching has to stay fast over a whole archive (it runs in a worker on
 * every import), so the gazetteer is compiled once, on first use, into two
 * regular expressions whose alternatives are arranged as a character trie:
 * at each position of the text the engine follows one branch instead of
 * trying a thousand names in turn. A match is then resolved back to its
 * gazetteer row.
 *
 * Rules:
 * - Latin and Cyrillic names need a letter or digit boundary on both sides
 *   (JS `\b` is ASCII-only, so the boundaries are `\p{L}` lookarounds);
 *   Chinese names are plain substrings. At one position the longest name
 *   wins ("Republic of Korea" inside "Democratic People's Republic of Korea").
 * - Acronyms are case-sensitive and are ignored inside shouted text (an
 *   all-caps heading where "US" or "WHO" is an ordinary word).
 * - Country adjectives that are also languages or domestic groups
 *   ("Russian", "Chinese", "Indian", "American") count only before a
 *   diplomatic noun ("the Chinese side"); "in Russian" is not China's or
 *   Russia's mention. Russian adjective stems do not count before "язык".
 * - Ambiguous names ("Georgia") count only with a cue in the same text.
 * - An acronym the text defines, "Regional Anti-Terrorist Structure (RATS)",
 *   is learned as an organisation for this text when its long form looks
 *   like an organisation (Organisation, Mission, Office, Forces, Fund...).
 */
import {
  AMBIGUOUS_COUNTRY_CUES,
  COUNTRIES,
  DIPLOMATIC_NOUNS,
  NOT_COUNTRIES,
  ORGANISATIONS,
} from './gazetteer'

export type EntityKind = 'country' | 'organisation'

/** One recognised name in a text. `id` is the canonical name. */
export type EntityMention = {
  kind: EntityKind
  id: string
  start: number
  end: number
  text: string
}

type Rule = 'plain' | 'languageAdjective' | 'ambiguous' | 'acronym' | 'russianAdjective'

type Form = {
  kind: EntityKind
  /** null for phrases that only block a country name ("Indian Ocean"). */
  id: string | null
  rule: Rule
  /** Sticky regex that checks the whole form at a position. */
  pattern: RegExp
  /** Characters of the form before its first letter ("«" in «Группа двадцати»). */
  lead: number
}

type Matcher = {
  /** Latin and Cyrillic forms by the first two, three or four letters of their first word. */
  byKey: Map<string, Form[]>
  /** Chinese forms by first character, longest first. */
  cjk: Map<string, { text: string; form: Form }[]>
  acronyms: Set<string>
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/
const TOKEN = /[\p{L}\p{N}]+/gu

// Russian declension written as `~` (nouns: the stem as given plus a case
// ending) or `*` (adjectives). Stems ending in и are -ия nouns, stems ending
// in a vowel are -ея/-ай nouns (Корея, Китай); everything else is a
// consonant stem, masculine or feminine.
const NOUN_I = '(?:я|и|ю|ей|ею|е|ем|й)'
const NOUN_VOWEL = '(?:й|я|ю|и|ем|ей|е|ею)'
const NOUN_CONSONANT = '(?:а|я|у|ю|ом|ем|е|ы|и|о|ой|ою|ам|ами|ах|ов|ь|ью)?'
const ADJECTIVE =
  '(?:ая|ой|ую|ое|ого|ому|ом|ым|ые|ых|ыми|ий|ый|ие|их|ими|ей|ее|яя|юю|его|ему|ем|им)'

const REGEX_SPECIAL = /[.*+?^${}()|[\]\\/]/

function escapeChar(ch: string): string {
  return REGEX_SPECIAL.test(ch) ? `\\${ch}` : ch
}

/** British and American spellings of the same organisation name. */
function spellingVariants(form: string): string[] {
  const out = new Set([form])
  const swaps: [RegExp, string][] = [
    [/Organisation/g, 'Organization'],
    [/Programme/g, 'Program'],
    [/Centre/g, 'Center'],
    [/Defence/g, 'Defense'],
    [/Labour/g, 'Labor'],
    [/Co-operation/g, 'Cooperation'],
  ]
  for (const [from, to] of swaps) {
    for (const existing of [...out]) if (from.test(existing)) out.add(existing.replace(from, to))
  }
  return [...out]
}

/**
 * A gazetteer form as a regex source plus its lookup key (the first two to
 * four letters of its first word, as written).
 */
function toPattern(
  form: string,
  foldInitials: boolean,
): { source: string; key: string; lead: number } {
  let source = ''
  let key = ''
  let keyOpen = true
  let lead = 0
  let wordStart = true
  let wordIndex = 0
  for (let i = 0; i < form.length; i++) {
    const ch = form[i] ?? ''
    const isLetter = /[\p{L}\p{N}]/u.test(ch)
    if (ch === '[') {
      const close = form.indexOf(']', i)
      source += form.slice(i, close + 1)
      i = close
      keyOpen = false
      wordStart = false
      continue
    }
    if (ch === '~' || ch === '*') {
      const last = form[i - 1] ?? ''
      if (ch === '*') source += ADJECTIVE
      else if (last === 'и') source += NOUN_I
      else if (/[аоеэяуыё]/.test(last)) source += NOUN_VOWEL
      else source += NOUN_CONSONANT
      keyOpen = false
      continue
    }
    if (isLetter && keyOpen && key.length < 4) key += ch
    else if (!isLetter) {
      if (key.length === 0) lead++
      else keyOpen = false
    }
    if (ch === ' ') {
      source += ' '
      wordStart = true
      wordIndex++
      continue
    }
    if (ch === "'" || ch === '’') source += "['’]"
    else if (foldInitials && wordStart && wordIndex > 0 && /[A-Z]/.test(ch)) {
      source += `[${ch}${ch.toLowerCase()}]`
    } else source += escapeChar(ch)
    wordStart = false
  }
  return { source, key, lead }
}

/** Splits a gazetteer field on `|`, except inside a character class. */
function splitForms(field: string): string[] {
  const out: string[] = []
  let depth = 0
  let current = ''
  for (const ch of field) {
    if (ch === '(' || ch === '[') depth++
    else if (ch === ')' || ch === ']') depth--
    if (ch === '|' && depth === 0) {
      out.push(current)
      current = ''
    } else current += ch
  }
  out.push(current)
  return out.map((f) => f.trim()).filter((f) => f.length > 0)
}

function isAcronymForm(form: string): boolean {
  return /^[A-ZА-ЯЁ][A-ZА-ЯЁ0-9.+&-]*[A-ZА-ЯЁ0-9.+]$/.test(form) && !/[a-zа-я]/.test(form)
}

let compiled: Matcher | null = null

function compile(): Matcher {
  const byKey = new Map<string, Form[]>()
  const cjk = new Map<string, { text: string; form: Form }[]>()
  const acronyms = new Set<string>()
  const add = (kind: EntityKind, id: string | null, text: string, rule: Rule, fold = false) => {
    const { source, key, lead } = toPattern(text, fold)
    const isCjk = CJK.test(text)
    const end = isCjk ? '' : '(?![\\p{L}\\p{N}])'
    const suffix = rule === 'russianAdjective' ? '\\p{L}*' : ''
    const form: Form = {
      kind,
      id,
      rule,
      lead,
      pattern: new RegExp(`(?:${source})${suffix}${end}`, 'uy'),
    }
    if (rule === 'acronym') acronyms.add(text)
    if (isCjk) {
      const first = text[0] ?? ''
      const list = cjk.get(first) ?? []
      list.push({ text, form })
      list.sort((a, b) => b.text.length - a.text.length)
      cjk.set(first, list)
      return
    }
    const list = byKey.get(key) ?? []
    list.push(form)
    byKey.set(key, list)
  }

  for (const [id, english, acronymField, russian, chinese] of ORGANISATIONS) {
    for (const name of splitForms(english)) {
      for (const variant of spellingVariants(name)) {
        const rule = isAcronymForm(variant) ? 'acronym' : 'plain'
        add('organisation', id, variant, rule, variant.includes(' ') && rule === 'plain')
      }
    }
    for (const acronym of splitForms(acronymField)) add('organisation', id, acronym, 'acronym')
    for (const form of splitForms(russian)) {
      add('organisation', id, form, isAcronymForm(form) ? 'acronym' : 'plain')
    }
    for (const form of splitForms(chinese)) add('organisation', id, form, 'plain')
  }

  for (const [id, english, adjectives, russian, russianAdjectives, chinese] of COUNTRIES) {
    for (const name of splitForms(english)) {
      if (name.endsWith('?')) add('country', id, name.slice(0, -1), 'ambiguous')
      else add('country', id, name, isAcronymForm(name) ? 'acronym' : 'plain')
    }
    for (const adjective of splitForms(adjectives)) {
      if (adjective.startsWith('!')) add('country', id, adjective.slice(1), 'languageAdjective')
      else add('country', id, adjective, 'plain')
    }
    for (const form of splitForms(russian)) {
      add('country', id, form, isAcronymForm(form) ? 'acronym' : 'plain')
    }
    for (const stem of splitForms(russianAdjectives)) {
      add('country', id, stem, 'russianAdjective')
      add('country', id, (stem[0] ?? '').toUpperCase() + stem.slice(1), 'russianAdjective')
    }
    for (const form of splitForms(chinese)) add('country', id, form, 'plain')
  }
  for (const form of splitForms(NOT_COUNTRIES)) add('country', null, form, 'plain')
  return { byKey, cjk, acronyms }
}

function matcher(): Matcher {
  compiled ??= compile()
  return compiled
}

const NOUN_AFTER = new RegExp(
  `^(?:(?: and | or |, |-)\\p{Lu}\\p{Ll}+)* (?:${DIPLOMATIC_NOUNS})(?![\\p{L}])`,
  'u',
)

function isShouted(text: string, start: number, end: number): boolean {
  const before = /(\p{L}+)[^\p{L}]{1,3}$/u.exec(text.slice(Math.max(0, start - 30), start))?.[1]
  const after = /^[^\p{L}]{1,3}(\p{L}+)/u.exec(text.slice(end, end + 30))?.[1]
  const shouting = (word: string | undefined) =>
    word !== undefined &&
    word.length >= 3 &&
    word === word.toUpperCase() &&
    /\p{Lu}/u.test(word) &&
    !matcher().acronyms.has(word)
  return shouting(before) || shouting(after)
}

function accept(form: Form, text: string, start: number, end: number, whole: string): boolean {
  switch (form.rule) {
    case 'plain':
      return true
    case 'acronym':
      return !isShouted(text, start, end)
    case 'languageAdjective':
      return NOUN_AFTER.test(text.slice(end, end + 160))
    case 'russianAdjective':
      return !/^\s+язык/u.test(text.slice(end, end + 8))
    case 'ambiguous': {
      const cues = AMBIGUOUS_COUNTRY_CUES[form.id ?? ''] ?? []
      return cues.some((cue) => whole.includes(cue))
    }
  }
}

/** The longest form matching at `at`, or null. */
function longestAt(
  candidates: Form[],
  text: string,
  at: number,
): { form: Form; start: number; end: number } | null {
  let best: { form: Form; start: number; end: number } | null = null
  for (const form of candidates) {
    const start = at - form.lead
    if (start < 0) continue
    form.pattern.lastIndex = start
    const match = form.pattern.exec(text)
    if (!match) continue
    const end = start + match[0].length
    if (!best || end > best.end) best = { form, start, end }
  }
  return best
}

/**
 * Every gazetteer mention in one string, in order. `whole` is the full text
 * of the release, used for cues that may sit in another paragraph.
 */
export function findMentions(text: string, whole: string = text): EntityMention[] {
  const m = matcher()
  const out: EntityMention[] = []
  const push = (found: { form: Form; start: number; end: number }) => {
    const { form, start, end } = found
    if (form.id !== null && accept(form, text, start, end, whole)) {
      out.push({ kind: form.kind, id: form.id, start, end, text: text.slice(start, end) })
    }
  }

  // Latin and Cyrillic: only where a word starts, and only the forms whose
  // first letters the word shares.
  TOKEN.lastIndex = 0
  for (let token = TOKEN.exec(text); token !== null; token = TOKEN.exec(text)) {
    const word = token[0]
    let candidates: Form[] = []
    for (const length of [2, 3, 4]) {
      if (word.length < length) break
      const forms = m.byKey.get(word.slice(0, length))
      if (forms) candidates = candidates.concat(forms)
    }
    if (candidates.length === 0) continue
    const found = longestAt(candidates, text, token.index)
    if (!found) continue
    push(found)
    if (found.end > TOKEN.lastIndex) TOKEN.lastIndex = found.end
  }

  if (CJK.test(text)) {
    for (let i = 0; i < text.length; i++) {
      const list = m.cjk.get(text[i] ?? '')
      if (!list) continue
      const hit = list.find((entry) => text.startsWith(entry.text, i))
      if (!hit) continue
      push({ form: hit.form, start: i, end: i + hit.text.length })
      i += hit.text.length - 1
    }
  }
  return out.sort((a, b) => a.start - b.start)
}

// A long form that names an organisation: the acronym it defines is one.
const ORGANISATION_WORDS =
  /\b(?:Organi[sz]ations?|Structure|Mission|Office|Programme|Program|Council|Committee|Forces?|Agency|Fund|Bank|Union|Cent(?:er|re)|Commission|Assembly|Court|Treaty|Secretariat|Alliance|Association|Authority|Institute|Bureau|Service|Conference|Forum|Group|League|Community|Movement|Tribunal|Board)\b/
const CONNECTORS = new Set([
  'of',
  'on',
  'and',
  'for',
  'the',
  'in',
  'to',
  'against',
  'de',
  'des',
  'du',
  'la',
  '&',
])
const DEFINED_ACRONYM = /\(([A-Z][A-Za-z&]{1,9})\)/g

type LearnedAcronym = { acronym: string; longStart: number }

/** Initials of capitalised words, hyphenated parts counted separately ("Anti-Terrorist" → AT). */
function initialsOf(words: string[]): string {
  return words
    .filter((w) => !CONNECTORS.has(w))
    .flatMap((w) => w.split('-'))
    .filter((part) => /^\p{Lu}/u.test(part))
    .map((part) => part[0])
    .join('')
}

/** Acronyms the text defines with an organisation-like long form before them. */
export function learnAcronyms(text: string): LearnedAcronym[] {
  const out: LearnedAcronym[] = []
  for (const match of text.matchAll(DEFINED_ACRONYM)) {
    const acronym = match[1] ?? ''
    if ((acronym.match(/[A-Z]/g)?.length ?? 0) < 2) continue
    const before = text.slice(Math.max(0, match.index - 200), match.index)
    const tokens = [...before.matchAll(/[\p{L}&][\p{L}\p{N}'’&-]*/gu)]
    // Walk back over capitalised words and connectors.
    let first = tokens.length
    for (let i = tokens.length - 1; i >= 0; i--) {
      const word = tokens[i]?.[0] ?? ''
      const gap = before.slice(
        (tokens[i]?.index ?? 0) + word.length,
        i + 1 < tokens.length ? (tokens[i + 1]?.index ?? 0) : before.length,
      )
      if (!/^\s*$/.test(gap)) break
      if (!/^\p{Lu}/u.test(word) && !CONNECTORS.has(word)) break
      first = i
    }
    const words = tokens.slice(first).map((t) => t[0])
    // The shortest tail whose initials spell the acronym.
    let chosen = -1
    for (let i = words.length - 1; i >= 0; i--) {
      if (CONNECTORS.has(words[i] ?? '')) continue
      const initials = initialsOf(words.slice(i)).toUpperCase()
      if (initials === acronym.toUpperCase()) {
        chosen = i
        break
      }
    }
    if (chosen < 0) continue
    const longForm = words.slice(chosen).join(' ')
    if (!ORGANISATION_WORDS.test(longForm)) continue
    const longStart = Math.max(0, match.index - 200) + (tokens[first + chosen]?.index ?? 0)
    out.push({ acronym, longStart })
  }
  return out
}

type Ranked = { id: string; at: number }

/** One scan of the text for both kinds: the gazetteer match is the costly part. */
function collectAll(paragraphs: string[], title: string | undefined): Record<EntityKind, Ranked[]> {
  const texts = title ? [title, ...paragraphs] : paragraphs
  const whole = texts.join('\n')
  const found: Record<EntityKind, Ranked[]> = { organisation: [], country: [] }
  let offset = 0
  for (const text of texts) {
    for (const mention of findMentions(text, whole)) {
      found[mention.kind].push({ id: mention.id, at: offset + mention.start })
    }
    for (const learned of learnAcronyms(text)) {
      found.organisation.push({ id: learned.acronym, at: offset + learned.longStart })
    }
    offset += text.length + 1
  }
  return found
}

function collect(paragraphs: string[], title: string | undefined, kind: EntityKind): Ranked[] {
  return collectAll(paragraphs, title)[kind]
}

/** Organisations and countries together, from one scan of the text. */
export function extractEntities(
  paragraphs: string[],
  title?: string,
): { organisations: string[]; countries: string[] } {
  const found = collectAll(paragraphs, title)
  return {
    organisations: uniqueInOrder(found.organisation),
    countries: uniqueInOrder(found.country),
  }
}

function uniqueInOrder(ranked: Ranked[]): string[] {
  const seen = new Set<string>()
  const out: string[] = []
  for (const { id } of [...ranked].sort((a, b) => a.at - b.at)) {
    if (seen.has(id)) continue
    seen.add(id)
    out.push(id)
  }
  return out
}

/** Canonical organisation names (acronyms where they exist), in order of first mention. */
export function extractOrganisations(paragraphs: string[], title?: string): string[] {
  return uniqueInOrder(collect(paragraphs, title, 'organisation'))
}

/** Canonical English country names, in order of first mention. */
export function extractCountries(paragraphs: string[], title?: string): string[] {
  return uniqueInOrder(collect(paragraphs, title, 'country'))
}
