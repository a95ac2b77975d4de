/**
 * Organisations and countries mentioned in a release, as canonical names
 * from the gazetteer, unique and in order of first mention (title first).
 *
 * Matching has to stay fast over a whole archive (it runs in a worker on
 * every import), so the gazetteer is compiled once, on first use, into
 * lookup tables. Latin and Cyrillic names are looked up only where a word
 * starts with the first two letters of some name: a regex finds such word
 * starts, and a trie of the names filed under those two letters follows the
 * text from there, so that names sharing a start ("United Nations ...") are
 * read once. Chinese names are looked up by their first two characters.
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
import { charClassTable } from '../../text/char-classes'
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
  /**
   * Sticky regex that checks the whole form at a position; null where the head is the whole
   * form, so that a match needs only a letter boundary after it, and for Chinese forms.
   */
  pattern: RegExp | null
  /** Characters of the form before its first letter ("«" in «Группа двадцати»). */
  lead: number
  /**
   * The fixed start of the form, one character per pair of code units: the two characters
   * allowed there (the same one twice for a plain character, "Nn" for a folded initial, "её"
   * for a class). Up to the first part that is not one fixed character (a declension ending).
   */
  head: Uint16Array
}

/** A form tried at a word start, with its rank: of two equally long matches the lower wins. */
type Candidate = { form: Form; rank: number }

/**
 * A node of a head trie while it is built (see `HeadTrie`): the forms whose head ends here,
 * and edges that each take one or more characters, each either of two code units (pairs as in
 * `Form.head`).
 */
type TrieNode = { ends: Candidate[]; edges: { codes: number[]; node: TrieNode }[] }

/** Numbers per edge in `HeadTrie.edges`. */
const EDGE_SIZE = 5

/**
 * The heads of the Latin and Cyrillic forms as tries, one per bucket (see `Matcher`), past
 * the bucket's two characters: matching follows the text through the shared start of many
 * names ("United Nations ...") once, instead of once per name. A chain of nodes with one way
 * on and no form ending is one edge, and the nodes and edges are numbers in typed arrays, so
 * that a walk reads a few nearby cache lines.
 */
type HeadTrie = {
  /** Per node, four numbers: its first edge, its edge count, its first end, its end count. */
  nodes: Int32Array
  /**
   * Per edge, `EDGE_SIZE` numbers: the two code units of its first character (most edges are
   * ruled out there, without a look at `codes`), its first pair in `codes`, its number of
   * pairs, its node.
   */
  edges: Int32Array
  codes: Uint16Array
  /** The forms whose head ends at a node, node after node. */
  ends: Candidate[]
}

/** The lookup of the Latin and Cyrillic forms. */
type LatinTables = {
  /**
   * Forms are filed by the first two characters of their key (the first two to four letters
   * of their first word), in bucket `firstIndex[first] * bucketWidth + secondIndex[second]`.
   * Of two equally long matches at a word the form of lower rank wins: forms with a two-letter
   * key rank first, then three, then four, each in gazetteer order.
   */
  bucketWidth: number
  /** Per code unit, 1 + its index among the first characters of keys, or 0. */
  firstIndex: Uint16Array
  /** Per code unit, 1 + its index among the second characters of keys, or 0. */
  secondIndex: Uint16Array
  /** Per bucket, the root node of its forms in `trie`, or -1 for an empty bucket. */
  roots: Int32Array
  trie: HeadTrie
  /** Per bucket, forms with characters before the word («Группа двадцати»), tried in turn. */
  leading: (Candidate[] | undefined)[]
  /**
   * Finds the next first two characters of a key after a character that may end a word (see
   * `latinTables`): the regex engine skips the rest of the text faster than a loop in script.
   */
  keyStart: RegExp
  /** `keyStart`, or a CJK character (the `CJK` ranges), whichever comes first. */
  keyStartOrCjk: RegExp
}

type ChineseForm = { text: string; form: Form }

/**
 * The lookup of the Chinese forms (all two characters or longer) by their first two
 * characters, longest first:
 * `cjkForms[cjkPairs[cjkFirstIndex[first] * cjkWidth + cjkSecondIndex[second]] - 1]`.
 * The indexes are 1 + a character's index among the first (second) characters, or 0.
 */
type ChineseTables = {
  cjkFirstIndex: Uint16Array
  cjkSecondIndex: Uint16Array
  cjkWidth: number
  cjkPairs: Uint16Array
  cjkForms: ChineseForm[][]
}

type Matcher = LatinTables & ChineseTables & { acronyms: Set<string> }

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/

// Character classes of UTF-16 code units, as bits (see `codeClasses`).
const WORD_CHAR = 1 // \p{L} or \p{N}: part of a token
const LETTER = 2 // \p{L}
const SURROGATE = 4

/**
 * The class bits of every code unit, built once from the Unicode property regexes so that the
 * scans below need one table lookup per character. A surrogate is only marked as one: the code
 * point it belongs to is tested directly where it matters (rare in these texts).
 */
function codeClasses(): Uint8Array {
  const table = charClassTable([
    [/[\p{L}\p{N}]+/gu, WORD_CHAR],
    [/\p{L}+/gu, LETTER],
  ])
  table.fill(SURROGATE, 0xd800, 0xe000)
  return table
}

const classes = codeClasses()

const WORD_CODE_POINT = /^[\p{L}\p{N}]/u
const WORD_CODE_POINT_BEFORE = /[\p{L}\p{N}]$/u

/** Whether a letter or digit starts at `at`, as a `(?![\p{L}\p{N}])` lookahead sees it. */
function wordCharAt(text: string, at: number): boolean {
  const bits = classes[text.charCodeAt(at)] ?? 0
  if ((bits & SURROGATE) === 0) return (bits & WORD_CHAR) !== 0
  return WORD_CODE_POINT.test(text.slice(at, at + 2))
}

/** Whether a letter or digit ends at `at`, as a `(?<![\p{L}\p{N}])` lookbehind sees it. */
function wordCharBefore(text: string, at: number): boolean {
  const bits = classes[text.charCodeAt(at - 1)] ?? 0
  if ((bits & SURROGATE) === 0) return (bits & WORD_CHAR) !== 0
  return at >= 2 && WORD_CODE_POINT_BEFORE.test(text.slice(at - 2, at))
}

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
 * A gazetteer form as a regex source, its lookup key (the first two to four letters of its
 * first word, as written), its lead, and its fixed head (see `Form`).
 */
function toPattern(
  form: string,
  foldInitials: boolean,
): { source: string; key: string; lead: number; head: number[]; headIsWhole: boolean } {
  let source = ''
  let key = ''
  let keyOpen = true
  let lead = 0
  let wordStart = true
  let wordIndex = 0
  const head: number[] = []
  let headOpen = true
  /** Adds one position to the head: either of two code units. */
  const extendHead = (first: string, second: string = first) => {
    if (headOpen) head.push(first.charCodeAt(0), second.charCodeAt(0))
  }
  for (let i = 0; i < form.length; i++) {
    const ch = form[i] ?? ''
    const isLetter = /[\p{L}\p{N}]/u.test(ch)
    if (ch === '[') {
      const close = form.indexOf(']', i)
      const members = form.slice(i + 1, close)
      source += form.slice(i, close + 1)
      if (/^[^\\\-^\]\ud800-\udfff]{1,2}$/.test(members))
        extendHead(members[0] ?? '', members.at(-1))
      else headOpen = false
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
      headOpen = false
      continue
    }
    if (isLetter && keyOpen && key.length < 4) key += ch
    else if (!isLetter) {
      if (key.length === 0) lead++
      else keyOpen = false
    }
    if (ch === ' ') {
      source += ' '
      extendHead(' ')
      wordStart = true
      wordIndex++
      continue
    }
    if (ch === "'" || ch === '’') {
      source += "['’]"
      extendHead("'", '’')
    } else if (foldInitials && wordStart && wordIndex > 0 && /[A-Z]/.test(ch)) {
      source += `[${ch}${ch.toLowerCase()}]`
      extendHead(ch, ch.toLowerCase())
    } else {
      source += escapeChar(ch)
      extendHead(ch)
    }
    wordStart = false
  }
  return { source, key, lead, head, headIsWhole: headOpen }
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

/** A regex character class body (without brackets) for a set of code units, as ranges. */
function classBody(codes: number[]): string {
  const sorted = [...new Set(codes)].sort((a, b) => a - b)
  const hex = (code: number) => `\\u${code.toString(16).padStart(4, '0')}`
  let body = ''
  for (let i = 0; i < sorted.length; i++) {
    const from = sorted[i] ?? 0
    while (i + 1 < sorted.length && sorted[i + 1] === (sorted[i] ?? 0) + 1) i++
    const to = sorted[i] ?? 0
    body += from === to ? hex(from) : `${hex(from)}-${hex(to)}`
  }
  return body
}

/** Adds a form to a trie from position `from` (a code unit offset times two) of its head. */
function addToTrie(root: TrieNode, head: Uint16Array, from: number, candidate: Candidate): void {
  let node = root
  for (let k = from; k < head.length; k += 2) {
    const first = head[k] ?? 0
    const second = head[k + 1] ?? 0
    let edge = node.edges.find((e) => e.codes[0] === first && e.codes[1] === second)
    if (!edge) {
      edge = { codes: [first, second], node: { ends: [], edges: [] } }
      node.edges.push(edge)
    }
    node = edge.node
  }
  node.ends.push(candidate)
}

/** Merges every chain of nodes with one way on and no form ending into one edge. */
function compressTrie(node: TrieNode): void {
  for (const edge of node.edges) {
    let next = edge.node
    while (next.ends.length === 0 && next.edges.length === 1 && next.edges[0]) {
      edge.codes.push(...next.edges[0].codes)
      next = next.edges[0].node
    }
    edge.node = next
    compressTrie(next)
  }
}

/** Lays tries out in typed arrays, each node followed by its subtrees; returns their roots. */
function flattenTries(roots: (TrieNode | undefined)[]): { trie: HeadTrie; rootIds: Int32Array } {
  const nodes: number[] = []
  const edges: number[] = []
  const codes: number[] = []
  const ends: Candidate[] = []
  const place = (node: TrieNode): number => {
    const id = nodes.length / 4
    const firstEdge = edges.length / EDGE_SIZE
    nodes.push(firstEdge, node.edges.length, ends.length, node.ends.length)
    ends.push(...node.ends)
    for (const edge of node.edges) {
      edges.push(edge.codes[0] ?? 0, edge.codes[1] ?? 0, codes.length, edge.codes.length / 2, -1)
      codes.push(...edge.codes)
    }
    node.edges.forEach((edge, i) => {
      edges[(firstEdge + i) * EDGE_SIZE + 4] = place(edge.node)
    })
    return id
  }
  const rootIds = Int32Array.from(roots, (root) => (root ? place(root) : -1))
  const trie = {
    nodes: Int32Array.from(nodes),
    edges: Int32Array.from(edges),
    codes: Uint16Array.from(codes),
    ends,
  }
  return { trie, rootIds }
}

function compile(): Matcher {
  const { byKey, cjk, acronyms } = gazetteerForms()
  return { ...latinTables(byKey), ...chineseTables(cjk), acronyms }
}

/**
 * Every form of the gazetteer: Latin and Cyrillic ones by key, Chinese ones in gazetteer
 * order, and the acronyms.
 */
function gazetteerForms(): {
  byKey: Map<string, Form[]>
  cjk: ChineseForm[]
  acronyms: Set<string>
} {
  const byKey = new Map<string, Form[]>()
  const cjk: ChineseForm[] = []
  const acronyms = new Set<string>()
  const add = (kind: EntityKind, id: string | null, text: string, rule: Rule, fold = false) => {
    const { source, key, lead, head, headIsWhole } = toPattern(text, fold)
    const isCjk = CJK.test(text)
    const end = isCjk ? '' : '(?![\\p{L}\\p{N}])'
    const suffix = rule === 'russianAdjective' ? '\\p{L}*' : ''
    const form: Form = {
      kind,
      id,
      rule,
      lead,
      pattern:
        isCjk || (headIsWhole && suffix === '')
          ? null
          : new RegExp(`(?:${source})${suffix}${end}`, 'uy'),
      head: Uint16Array.from(head),
    }
    if (rule === 'acronym') acronyms.add(text)
    if (isCjk) {
      cjk.push({ text, form })
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

/** The lookup of the Latin and Cyrillic forms. */
function latinTables(byKey: Map<string, Form[]>): LatinTables {
  // A word is looked up by its first two, three and four letters, so a key shorter than two
  // letters never matches: such forms are left out. Shorter keys rank first.
  const groups = [...byKey].filter(([key]) => key.length >= 2)
  groups.sort(([a], [b]) => a.length - b.length)
  const firstIndex = new Uint16Array(0x10000)
  const secondIndex = new Uint16Array(0x10000)
  let firstCount = 0
  let secondCount = 0
  for (const [key] of groups) {
    firstIndex[key.charCodeAt(0)] ||= ++firstCount
    secondIndex[key.charCodeAt(1)] ||= ++secondCount
  }
  const width = secondCount + 1
  const tries = new Array<TrieNode | undefined>((firstCount + 1) * width).fill(undefined)
  const leading = new Array<Candidate[] | undefined>(tries.length).fill(undefined)
  const sizes = new Array<number>(tries.length).fill(0)
  for (const [key, forms] of groups) {
    const bucket =
      (firstIndex[key.charCodeAt(0)] ?? 0) * width + (secondIndex[key.charCodeAt(1)] ?? 0)
    const root = (tries[bucket] ??= { ends: [], edges: [] })
    for (const form of forms) {
      const candidate = { form, rank: sizes[bucket] ?? 0 }
      sizes[bucket] = candidate.rank + 1
      // The trie starts after the bucket's two characters (four code units of the head).
      if (form.lead > 0) (leading[bucket] ??= []).push(candidate)
      else addToTrie(root, form.head, 4, candidate)
    }
  }
  for (const root of tries) if (root) compressTrie(root)
  const { trie, rootIds } = flattenTries(tries)

  // A key starts a word: the character before it is not a letter or digit. The regex skips
  // to the next first and second characters of a key after anything but a letter or digit
  // below U+0500 (Latin, Greek, Cyrillic); other characters before it are checked in the scan.
  const wordCharsBelow0500: number[] = []
  for (let code = 0; code < 0x500; code++) {
    if ((classes[code] ?? 0) & WORD_CHAR) wordCharsBelow0500.push(code)
  }
  const notWordChar = `[^${classBody(wordCharsBelow0500)}]`
  const firsts = `[${classBody(groups.map(([key]) => key.charCodeAt(0)))}]`
  const seconds = `[${classBody(groups.map(([key]) => key.charCodeAt(1)))}]`
  // (The second character as a lookahead: as a third class it slows the regex engine down.)
  const keyStartSource = `${notWordChar}${firsts}(?=${seconds})`
  const keyStart = new RegExp(keyStartSource, 'g')
  const keyStartOrCjk = new RegExp(`${CJK.source}|${keyStartSource}`, 'g')
  return {
    bucketWidth: width,
    firstIndex,
    secondIndex,
    roots: rootIds,
    trie,
    leading,
    keyStart,
    keyStartOrCjk,
  }
}

/** The lookup of the Chinese forms. */
function chineseTables(forms: ChineseForm[]): ChineseTables {
  // At one position the longest form wins, and of equally long ones the first.
  const cjk = [...forms].sort((a, b) => b.text.length - a.text.length)
  const cjkFirstIndex = new Uint16Array(0x10000)
  const cjkSecondIndex = new Uint16Array(0x10000)
  let cjkFirsts = 0
  let cjkSeconds = 0
  for (const { text } of cjk) {
    if (text.length < 2) throw new Error(`Chinese gazetteer form too short: ${text}`)
    cjkFirstIndex[text.charCodeAt(0)] ||= ++cjkFirsts
    cjkSecondIndex[text.charCodeAt(1)] ||= ++cjkSeconds
  }
  const cjkWidth = cjkSeconds + 1
  const cjkPairs = new Uint16Array((cjkFirsts + 1) * cjkWidth)
  const cjkForms: ChineseForm[][] = []
  for (const entry of cjk) {
    const pair =
      (cjkFirstIndex[entry.text.charCodeAt(0)] ?? 0) * cjkWidth +
      (cjkSecondIndex[entry.text.charCodeAt(1)] ?? 0)
    cjkPairs[pair] ||= cjkForms.push([])
    cjkForms[(cjkPairs[pair] ?? 0) - 1]?.push(entry)
  }

  return { cjkFirstIndex, cjkSecondIndex, cjkWidth, cjkPairs, cjkForms }
}

let compiled: Matcher | null = null

function matcher(): Matcher {
  compiled ??= compile()
  return compiled
}

const NOUN_AFTER = new RegExp(
  `^(?:(?: and | or |, |-)\\p{Lu}\\p{Ll}+)* (?:${DIPLOMATIC_NOUNS})(?![\\p{L}])`,
  'u',
)

/** " язык" (a language) within the eight characters after a Russian adjective. */
const LANGUAGE_AFTER = /\s{1,4}язык/uy

/** How many characters either side of an acronym `isShouted` looks at. */
const SHOUT_WINDOW = 30

/**
 * Whether an acronym sits in shouted text: the word one to three non-letters before it, or
 * after it, within 30 characters, is all capitals, at least three letters long, and not itself
 * an acronym.
 */
function isShouted(text: string, start: number, end: number, acronyms: Set<string>): boolean {
  const before = wordBefore(text, start)
  if (before === undefined) return isShoutedAroundSurrogates(text, start, end, acronyms)
  if (before !== null && isShouting(text, before[0], before[1], acronyms)) return true
  const after = wordAfter(text, end)
  if (after === undefined) return isShoutedAroundSurrogates(text, start, end, acronyms)
  return after !== null && isShouting(text, after[0], after[1], acronyms)
}

/**
 * The run of letters that ends one to three non-letters before `at`, clipped to the window, as
 * [from, to); null if there is none; undefined if a surrogate is in the way (then the word is
 * made of code points, not code units, and the general test decides).
 */
function wordBefore(text: string, at: number): [number, number] | null | undefined {
  const windowStart = Math.max(0, at - SHOUT_WINDOW)
  let to = at
  for (; to > windowStart; to--) {
    const bits = classes[text.charCodeAt(to - 1)] ?? 0
    if (bits & SURROGATE) return undefined
    if (bits & LETTER) break
    if (at - to === 3) return null
  }
  if (to === at || to === windowStart) return null
  let from = to
  for (; from > windowStart; from--) {
    const bits = classes[text.charCodeAt(from - 1)] ?? 0
    if (bits & SURROGATE) return undefined
    if ((bits & LETTER) === 0) break
  }
  return [from, to]
}

/** Like `wordBefore`, for the letters that start one to three non-letters after `at`. */
function wordAfter(text: string, at: number): [number, number] | null | undefined {
  const windowEnd = Math.min(text.length, at + SHOUT_WINDOW)
  let from = at
  for (; from < windowEnd; from++) {
    const bits = classes[text.charCodeAt(from)] ?? 0
    if (bits & SURROGATE) return undefined
    if (bits & LETTER) break
    if (from - at === 3) return null
  }
  if (from === at || from === windowEnd) return null
  let to = from
  for (; to < windowEnd; to++) {
    const bits = classes[text.charCodeAt(to)] ?? 0
    if (bits & SURROGATE) return undefined
    if ((bits & LETTER) === 0) break
  }
  return [from, to]
}

function isShouting(text: string, from: number, to: number, acronyms: Set<string>): boolean {
  if (to - from < 3) return false
  // A lower-case ASCII letter: not all capitals, without building the word.
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i)
    if (code >= 0x61 && code <= 0x7a) return false
  }
  const word = text.slice(from, to)
  return word === word.toUpperCase() && /\p{Lu}/u.test(word) && !acronyms.has(word)
}

/** `isShouted` on code points, for the rare window with a surrogate in it. */
function isShoutedAroundSurrogates(
  text: string,
  start: number,
  end: number,
  acronyms: Set<string>,
): boolean {
  const before = /(\p{L}+)[^\p{L}]{1,3}$/u.exec(
    text.slice(Math.max(0, start - SHOUT_WINDOW), start),
  )?.[1]
  const after = /^[^\p{L}]{1,3}(\p{L}+)/u.exec(text.slice(end, end + SHOUT_WINDOW))?.[1]
  const shouting = (word: string | undefined) =>
    word !== undefined &&
    word.length >= 3 &&
    word === word.toUpperCase() &&
    /\p{Lu}/u.test(word) &&
    !acronyms.has(word)
  return shouting(before) || shouting(after)
}

function accept(
  form: Form,
  text: string,
  start: number,
  end: number,
  hasCue: (country: string) => boolean,
  acronyms: Set<string>,
): boolean {
  switch (form.rule) {
    case 'plain':
      return true
    case 'acronym':
      return !isShouted(text, start, end, acronyms)
    case 'languageAdjective': {
      // The noun phrase starts with a space, ", " or "-".
      const next = text.charCodeAt(end)
      if (next !== 0x20 && next !== 0x2c && next !== 0x2d) return false
      return NOUN_AFTER.test(text.slice(end, end + 160))
    }
    case 'russianAdjective':
      LANGUAGE_AFTER.lastIndex = end
      return !LANGUAGE_AFTER.test(text)
    case 'ambiguous':
      return hasCue(form.id ?? '')
  }
}

/** Where `form` matching at `start` ends once its head has matched there, or -1. */
function endAfterHead(form: Form, text: string, start: number): number {
  const pattern = form.pattern
  if (pattern === null) {
    const end = start + form.head.length / 2
    return wordCharAt(text, end) ? -1 : end
  }
  pattern.lastIndex = start
  return pattern.test(text) ? pattern.lastIndex : -1
}

/** The best match at one word start so far: the longest, and of equal ones the lowest rank. */
type Best = { form: Form | null; start: number; end: number; rank: number }

function offer(
  candidate: Candidate,
  text: string,
  start: number,
  headMatched: boolean,
  best: Best,
): void {
  const form = candidate.form
  if (!headMatched) {
    const head = form.head
    for (let k = 0, at = start; k < head.length; k += 2, at++) {
      const code = text.charCodeAt(at)
      if (code !== head[k] && code !== head[k + 1]) return
    }
  }
  const end = endAfterHead(form, text, start)
  if (end < 0 || end < best.end || (end === best.end && candidate.rank > best.rank)) return
  best.form = form
  best.start = start
  best.end = end
  best.rank = candidate.rank
}

/** Offers every form whose head the text follows from `at` down the trie from `node`. */
function walkHeads(
  trie: HeadTrie,
  node: number,
  text: string,
  from: number,
  start: number,
  best: Best,
): void {
  const { nodes, edges, codes, ends } = trie
  let at = from
  while (node >= 0) {
    const endsFrom = nodes[node * 4 + 2] ?? 0
    const endsTo = endsFrom + (nodes[node * 4 + 3] ?? 0)
    for (let end = endsFrom; end < endsTo; end++) {
      const candidate = ends[end]
      if (candidate) offer(candidate, text, start, true, best)
    }
    // Edges rarely overlap (only where a folded initial meets a plain letter): the walk goes
    // on down the first edge the text follows, and the others are walked on their own.
    let next = -1
    let nextAt = 0
    const first = text.charCodeAt(at)
    const edgesTo = ((nodes[node * 4] ?? 0) + (nodes[node * 4 + 1] ?? 0)) * EDGE_SIZE
    for (let edge = (nodes[node * 4] ?? 0) * EDGE_SIZE; edge < edgesTo; edge += EDGE_SIZE) {
      if (first !== edges[edge] && first !== edges[edge + 1]) continue
      // The first character matched; the rest of the edge from its second pair on.
      let pair = (edges[edge + 2] ?? 0) + 2
      const stop = (edges[edge + 2] ?? 0) + 2 * (edges[edge + 3] ?? 0)
      let after = at + 1
      for (; pair < stop; pair += 2, after++) {
        const code = text.charCodeAt(after)
        if (code !== codes[pair] && code !== codes[pair + 1]) break
      }
      if (pair < stop) continue
      const target = edges[edge + 4] ?? -1
      if (next < 0) {
        next = target
        nextAt = after
      } else walkHeads(trie, target, text, after, start, best)
    }
    node = next
    at = nextAt
  }
}

/**
 * Finds the longest form of a bucket matching at a word start (of equal ones the lowest rank),
 * into `best`.
 */
function longestAt(m: Matcher, bucket: number, text: string, wordStart: number, best: Best): void {
  best.form = null
  best.end = -1
  walkHeads(m.trie, m.roots[bucket] ?? -1, text, wordStart + 2, wordStart, best)
  const leading = m.leading[bucket]
  if (leading !== undefined) {
    for (const candidate of leading) {
      const start = wordStart - candidate.form.lead
      if (start >= 0) offer(candidate, text, start, false, best)
    }
  }
}

type Visit = (kind: EntityKind, id: string, start: number, end: number) => void

/**
 * Whether the release names one of a country's cues (`AMBIGUOUS_COUNTRY_CUES`) anywhere,
 * for one scan: `whole` gives the full text of the release, built and searched only when an
 * ambiguous name is found, once per country.
 */
function cueChecker(whole: () => string): (country: string) => boolean {
  const found = new Map<string, boolean>()
  let text: string | null = null
  return (country) => {
    let hasCue = found.get(country)
    if (hasCue === undefined) {
      const cueText = (text ??= whole())
      hasCue = (AMBIGUOUS_COUNTRY_CUES[country] ?? []).some((cue) => cueText.includes(cue))
      found.set(country, hasCue)
    }
    return hasCue
  }
}

/** Whether a code unit is in the CJK ranges (the `CJK` regex). */
function isCjkUnit(code: number): boolean {
  return (code >= 0x3400 && code <= 0x9fff) || (code >= 0xf900 && code <= 0xfaff)
}

function hasCjkBetween(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (isCjkUnit(text.charCodeAt(i))) return true
  return false
}

/** A CJK character anywhere from `lastIndex` on. */
const CJK_FROM = new RegExp(CJK.source, 'g')

/** Whether a code unit is a lower-case Cyrillic letter (а-я, ѐ-џ). */
function isLowerCyrillic(code: number): boolean {
  return code >= 0x0430 && code <= 0x045f
}

/**
 * The word starts of one text where a key may begin, in order, and whether the text has a
 * CJK character (the Chinese names are looked for only then).
 *
 * A regex finds the first two characters of a key after a character that may end a word: the
 * regex engine skips text much faster than a loop in script, which pays while such starts are
 * rare (capitalised words in English). In Russian nearly every word starts like a key (the
 * lower-case adjective stems: российск, китайск...), and a loop that looks at each character
 * once is faster than a regex call per word: from the first lower-case Cyrillic start on, the
 * scan goes on in script.
 */
class KeyStarts {
  hasCjk = false
  /** The regex in use: until the first CJK character it also stops at one. */
  private regex: RegExp
  private inScript = false
  /** Where the scan in script goes on. */
  private next = 0
  /** A key at the very start of the text (no character before it for the regex to find). */
  private atStart: boolean

  constructor(
    private readonly text: string,
    private readonly m: Matcher,
  ) {
    this.regex = m.keyStartOrCjk
    this.regex.lastIndex = 0
    this.atStart = (m.firstIndex[text.charCodeAt(0)] ?? 0) !== 0
  }

  /** The next word start whose first two characters may begin a key, or -1. */
  find(): number {
    if (this.atStart) {
      this.atStart = false
      return 0
    }
    if (this.inScript) return this.findInScript()
    const text = this.text
    while (this.regex.test(text)) {
      const at = this.regex.lastIndex - 1
      const code = text.charCodeAt(at)
      if (!this.hasCjk && isCjkUnit(code)) {
        this.hasCjk = true
        // At each position the regex tries a CJK character first, and a key never starts
        // with one; the CJK character may be the one before a key's start.
        this.regex = this.m.keyStart
        this.regex.lastIndex = at
        continue
      }
      if (wordCharBefore(text, at)) continue
      if (isLowerCyrillic(code)) {
        this.inScript = true
        this.next = at + 1
        if (!this.hasCjk) {
          CJK_FROM.lastIndex = at
          this.hasCjk = CJK_FROM.test(text)
        }
      }
      return at
    }
    return -1
  }

  /**
   * Goes on after a form matched text[from, to), which may span several words. Only a regex
   * form can take a CJK character (a Russian adjective's ending is any letters): the scan,
   * which skips the match, checks it for one.
   */
  skip(from: number, to: number, byRegex: boolean): void {
    if (this.inScript) {
      this.next = to
      return
    }
    if (byRegex && !this.hasCjk && hasCjkBetween(this.text, from, to)) {
      this.hasCjk = true
      this.regex = this.m.keyStart
    }
    this.regex.lastIndex = to
  }

  private findInScript(): number {
    const { text, next } = this
    const firstIndex = this.m.firstIndex
    let afterWordChar = wordCharBefore(text, next)
    for (let i = next; i < text.length; i++) {
      const code = text.charCodeAt(i)
      if (!afterWordChar && (firstIndex[code] ?? 0) !== 0) {
        this.next = i + 1
        return i
      }
      const bits = classes[code] ?? 0
      afterWordChar = bits & SURROGATE ? wordCharBefore(text, i + 1) : (bits & WORD_CHAR) !== 0
    }
    this.next = text.length
    return -1
  }
}

/**
 * Calls `visit` for every gazetteer mention in one string: the Latin and Cyrillic ones in
 * order, then the Chinese ones in order. `hasCue` tells whether the release has a cue for an
 * ambiguous country name (see `cueChecker`).
 *
 * Latin and Cyrillic names are looked up only where a word (a run of letters and digits)
 * starts with the first two characters of some key (see `KeyStarts`), and only among the
 * forms filed under them; at one word the longest match wins, and the scan goes on after it.
 */
function visitMentions(text: string, hasCue: (country: string) => boolean, visit: Visit): void {
  const m = matcher()
  const { bucketWidth, firstIndex, secondIndex, roots, acronyms } = m
  const best: Best = { form: null, start: 0, end: -1, rank: 0 }
  const starts = new KeyStarts(text, m)
  for (let at = starts.find(); at >= 0; at = starts.find()) {
    const bucket =
      (firstIndex[text.charCodeAt(at)] ?? 0) * bucketWidth +
      (secondIndex[text.charCodeAt(at + 1)] ?? 0)
    if ((roots[bucket] ?? -1) < 0 && m.leading[bucket] === undefined) continue
    longestAt(m, bucket, text, at, best)
    const { form, start, end } = best
    if (form === null) continue
    if (form.id !== null && accept(form, text, start, end, hasCue, acronyms)) {
      visit(form.kind, form.id, start, end)
    }
    starts.skip(at, end, form.pattern !== null)
  }

  if (!starts.hasCjk) return
  const { cjkFirstIndex, cjkSecondIndex, cjkWidth, cjkPairs, cjkForms } = m
  for (let at = 0; at < text.length; at++) {
    const first = cjkFirstIndex[text.charCodeAt(at)] ?? 0
    if (first === 0) continue
    const second = cjkSecondIndex[text.charCodeAt(at + 1)] ?? 0
    const pair = second === 0 ? 0 : (cjkPairs[first * cjkWidth + second] ?? 0)
    if (pair === 0) continue
    for (const { text: name, form } of cjkForms[pair - 1] ?? []) {
      if (!text.startsWith(name, at)) continue
      if (form.id !== null && accept(form, text, at, at + name.length, hasCue, acronyms)) {
        visit(form.kind, form.id, at, at + name.length)
      }
      at += name.length - 1
      break
    }
  }
}

/**
 * Every gazetteer mention in one string, in order. `whole` is the full text
 * of the release, used for cues that may sit in another paragraph.
 */
export function findMentions(text: string, whole: string = text): EntityMention[] {
  const out: EntityMention[] = []
  visitMentions(
    text,
    cueChecker(() => whole),
    (kind, id, start, end) => out.push({ kind, id, start, end, text: text.slice(start, end) }),
  )
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
const LONG_FORM_WORD = /[\p{L}&][\p{L}\p{N}'’&-]*/gu

type LearnedAcronym = { acronym: string; longStart: number }

const CAPITALISED = /^\p{Lu}/u

/**
 * The initials a word gives a long form: none for a connector, else the first letter of each
 * capitalised part, hyphenated parts counted separately ("Anti-Terrorist" → AT).
 */
function initialsOf(word: string): string {
  if (CONNECTORS.has(word)) return ''
  if (!word.includes('-')) return CAPITALISED.test(word) ? (word[0] ?? '') : ''
  let initials = ''
  for (const part of word.split('-')) if (CAPITALISED.test(part)) initials += part[0] ?? ''
  return initials
}

/** How far back the long form of an acronym is looked for. */
const LONG_FORM_WINDOW = 200
/** Most long forms fit in this many characters: their words are read first (see below). */
const LONG_FORM_GUESS = 80

/** Acronyms the text defines with an organisation-like long form before them. */
export function learnAcronyms(text: string): LearnedAcronym[] {
  const out: LearnedAcronym[] = []
  if (!text.includes('(')) return out
  DEFINED_ACRONYM.lastIndex = 0
  for (let match = DEFINED_ACRONYM.exec(text); match; match = DEFINED_ACRONYM.exec(text)) {
    const acronym = match[1] ?? ''
    if ((acronym.match(/[A-Z]/g)?.length ?? 0) < 2) continue
    const windowStart = Math.max(0, match.index - LONG_FORM_WINDOW)
    // Reading every word of the window costs most, and the long form is usually a few words:
    // the words after a boundary near the acronym are read first, and the whole window only
    // if the long form may reach back past them.
    const near = wordBoundaryBefore(text, windowStart, match.index - LONG_FORM_GUESS)
    let longStart = near > windowStart ? longFormStart(text, near, match.index, acronym) : undefined
    if (longStart === undefined) {
      longStart = longFormStart(text, windowStart, match.index, acronym, true)
    }
    if (longStart !== undefined && longStart !== null) out.push({ acronym, longStart })
  }
  return out
}

/**
 * The nearest position at or before `at`, and after `windowStart`, that follows a character
 * no long-form word can contain, so that the words after it are the same whether the window
 * is read from there or from its start; `windowStart` if there is none.
 */
function wordBoundaryBefore(text: string, windowStart: number, at: number): number {
  for (let p = at; p > windowStart; p--) {
    const code = text.charCodeAt(p - 1)
    const bits = classes[code] ?? 0
    if ((bits & (WORD_CHAR | SURROGATE)) === 0 && !"'’&-".includes(text[p - 1] ?? '')) return p
  }
  return windowStart
}

/**
 * The start of the long form of `acronym` among the words of text[from, to): the words
 * before the acronym, walking back over capitalised words and connectors, whose initials
 * spell it, if they name an organisation. null if there is none; undefined when the walk
 * took every word back to `from` and `from` is not the start of the window (`wholeWindow`):
 * the words before `from` may belong to the long form.
 */
function longFormStart(
  text: string,
  from: number,
  to: number,
  acronym: string,
  wholeWindow = false,
): number | null | undefined {
  const before = text.slice(from, to)
  const tokens: RegExpExecArray[] = []
  LONG_FORM_WORD.lastIndex = 0
  for (let token = LONG_FORM_WORD.exec(before); token; token = LONG_FORM_WORD.exec(before)) {
    tokens.push(token)
  }
  // Walk back over capitalised words and connectors.
  let first = tokens.length
  for (let i = tokens.length - 1; i >= 0; i--) {
    const word = tokens[i]?.[0] ?? ''
    const gap = before.slice(
      (tokens[i]?.index ?? 0) + word.length,
      i + 1 < tokens.length ? (tokens[i + 1]?.index ?? 0) : before.length,
    )
    if (!/^\s*$/.test(gap)) break
    if (!CAPITALISED.test(word) && !CONNECTORS.has(word)) break
    first = i
  }
  if (first === 0 && !wholeWindow) return undefined
  const words = tokens.slice(first).map((t) => t[0])
  // The shortest tail whose initials spell the acronym.
  let chosen = -1
  let initials = ''
  const spelt = acronym.toUpperCase()
  for (let i = words.length - 1; i >= 0; i--) {
    const word = words[i] ?? ''
    initials = initialsOf(word) + initials
    if (CONNECTORS.has(word)) continue
    if (initials.toUpperCase() === spelt) {
      chosen = i
      break
    }
  }
  if (chosen < 0) return null
  const longForm = words.slice(chosen).join(' ')
  if (!ORGANISATION_WORDS.test(longForm)) return null
  return from + (tokens[first + chosen]?.index ?? 0)
}

type Ranked = { id: string; at: number }

/** One scan of the text for both kinds: the gazetteer match is the costly part. */
function collectAll(paragraphs: string[], title: string | undefined): Record<EntityKind, Ranked[]> {
  const texts = title ? [title, ...paragraphs] : paragraphs
  const hasCue = cueChecker(() => texts.join('\n'))
  const found: Record<EntityKind, Ranked[]> = { organisation: [], country: [] }
  let offset = 0
  // Mentions go in unsorted (Latin and Cyrillic, then Chinese): `uniqueInOrder` sorts by
  // position, and keeps the order of equal positions.
  const visit: Visit = (kind, id, start) => found[kind].push({ id, at: offset + start })
  for (const text of texts) {
    visitMentions(text, hasCue, visit)
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
