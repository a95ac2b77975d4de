/**
 * The search box's query language: what a researcher types, parsed into a tree for ./engine.
 *
 *   query    := or
 *   or       := and ("OR" and)*             OR in capitals only; "or" is an ordinary word
 *   and      := unary*                      words side by side must all match
 *   unary    := "-"+ (group | term)         a leading minus excludes; a lone "-" is ignored
 *             | group | term
 *   group    := "(" or ")"?                 an unclosed "(" closes at the end of the query
 *   term     := quoted | field | word
 *   quoted   := "…" | “…” | «…» | 「…」     an unclosed quote runs to the end of the query
 *   field    := name ":" (quoted | value)   name is a FieldName, in any case
 *   word     := any run of characters up to whitespace, a bracket or an opening quote;
 *               a trailing "*" makes it a prefix
 *
 * Decisions that are not obvious from the grammar:
 * - Results show while the user types, so an unfinished phrase or group is read as if closed
 *   rather than refused. What cannot be guessed (a stray ")", an OR without two sides, a bad
 *   field value) is an error with a plain message and the index where it is.
 * - "One word" means no whitespace. The engine's tokeniser may still split a word into several
 *   tokens ("counter-terrorism", "上海合作组织") and matches those at consecutive positions, so
 *   the parser need not know where Chinese words end.
 * - `foo:bar` with a name that is not a field stays a word: releases contain "10:30" and "URL:".
 * - Words are kept as typed; folding case and diacritics is ../text's job, at search time.
 * - `(a b) c` and `(a OR b) OR c` flatten into one and/or node, so the engine and
 *   formatQuery see a single normal form of each query.
 * - Repeated minus signs (`--x`) count as one: a doubled key is a typo, not a double negative.
 */

export type FieldName =
  'tag' | 'type' | 'org' | 'country' | 'place' | 'person' | 'lang' | 'year' | 'date' | 'has'

export type QueryNode =
  | { kind: 'and'; children: QueryNode[] }
  | { kind: 'or'; children: QueryNode[] }
  | { kind: 'not'; child: QueryNode }
  | { kind: 'word'; text: string; prefix: boolean; exact: boolean }
  /** Quoted text of two or more words, as typed between the quotes (less outer whitespace). */
  | { kind: 'phrase'; text: string }
  | { kind: 'field'; field: Exclude<FieldName, 'year' | 'date' | 'has'>; value: string }
  /** Inclusive ISO day bounds, null for an open end; `text` is the value as typed. */
  | { kind: 'dates'; field: 'year' | 'date'; from: string | null; to: string | null; text: string }
  | { kind: 'has'; what: 'annotation' | 'note' }

export type ParsedQuery =
  /** root is null for a query with nothing to search for. */
  | { ok: true; root: QueryNode | null }
  /** at is the UTF-16 index in the input where the problem is. */
  | { ok: false; message: string; at: number }

const FIELD_AT = /(tag|type|org|country|place|person|lang|year|date|has):/iy

/** Opening quote mark → its closing mark. The typographic pairs are what Word and IMEs type. */
const QUOTES: Readonly<Record<string, string>> = {
  '"': '"',
  '“': '”',
  '«': '»',
  '「': '」',
}

/** Characters that end an unquoted word or value. */
const BREAKS = new Set(['(', ')', ...Object.keys(QUOTES)])

/** Deep enough for any real query; bounded so a pasted "((((…" cannot overflow the stack. */
const MAX_DEPTH = 100

const OR_MESSAGE = '“OR” needs a word on each side'

const LANGUAGE_NAMES: Readonly<Record<string, string>> = {
  english: 'en',
  russian: 'ru',
  chinese: 'zh',
}

function isSpace(c: string): boolean {
  return /\s/.test(c)
}

function isBreak(c: string): boolean {
  return isSpace(c) || BREAKS.has(c)
}

type Outcome = { ok: true; node: QueryNode } | { ok: false; message: string; at: number }

type TermToken = {
  type: 'term'
  start: number
  end: number
  isNegated: boolean
  /** The field a `name:value` term names, even when its value is bad. */
  field: FieldName | null
  /** A field's value as typed, without quotes. */
  value: string | null
  outcome: Outcome
}

type Token =
  | TermToken
  | { type: '('; start: number; end: number; isNegated: boolean }
  | { type: ')'; start: number; end: number }
  | { type: 'or'; start: number; end: number }

type Scan = {
  tokens: Token[]
  /** The closing mark an unclosed quote at the end of the input is waiting for. */
  openQuote: string | null
}

/** Reads quoted text from the opening mark at `at`; without its closing mark it runs to the end. */
function readQuoted(input: string, at: number): { text: string; end: number; isClosed: boolean } {
  const closer = QUOTES[input[at]!]!
  const close = input.indexOf(closer, at + 1)
  if (close < 0) return { text: input.slice(at + 1), end: input.length, isClosed: false }
  return { text: input.slice(at + 1, close), end: close + 1, isClosed: true }
}

function wordEnd(input: string, from: number): number {
  let end = from
  while (end < input.length && !isBreak(input[end]!)) end++
  return end
}

function quotedNode(raw: string): QueryNode | null {
  const text = raw.trim()
  if (text === '') return null
  if (/\s/.test(text)) return { kind: 'phrase', text }
  return { kind: 'word', text, prefix: false, exact: true }
}

function scan(input: string): Scan {
  const tokens: Token[] = []
  let openQuote: string | null = null
  let i = 0
  while (i < input.length) {
    const c = input[i]!
    if (isSpace(c)) {
      i++
      continue
    }
    if (c === ')') {
      tokens.push({ type: ')', start: i, end: i + 1 })
      i++
      continue
    }
    const start = i
    while (input[i] === '-') i++
    const isNegated = i > start
    if (i >= input.length || isSpace(input[i]!) || input[i] === ')') continue
    const d = input[i]!
    if (d === '(') {
      tokens.push({ type: '(', start, end: i + 1, isNegated })
      i++
      continue
    }
    if (QUOTES[d] !== undefined) {
      const quoted = readQuoted(input, i)
      if (!quoted.isClosed) openQuote = QUOTES[d]!
      i = quoted.end
      const node = quotedNode(quoted.text)
      if (node !== null) {
        const outcome: Outcome = { ok: true, node }
        tokens.push({ type: 'term', start, end: i, isNegated, field: null, value: null, outcome })
      }
      continue
    }
    FIELD_AT.lastIndex = i
    const field = FIELD_AT.exec(input)
    if (field !== null) {
      const name = field[1]!.toLowerCase() as FieldName
      const nameAt = i
      const valueStart = i + field[0].length
      let value: string
      let valueAt: number
      if (QUOTES[input[valueStart] ?? ''] !== undefined) {
        const quoted = readQuoted(input, valueStart)
        if (!quoted.isClosed) openQuote = QUOTES[input[valueStart]!]!
        value = quoted.text.trim()
        valueAt = valueStart + 1 + quoted.text.length - quoted.text.trimStart().length
        i = quoted.end
      } else {
        i = wordEnd(input, valueStart)
        value = input.slice(valueStart, i)
        valueAt = valueStart
      }
      const outcome: Outcome =
        value === ''
          ? { ok: false, message: `Give a value after ${name}:`, at: nameAt }
          : fieldOutcome(name, value, valueAt)
      tokens.push({ type: 'term', start, end: i, isNegated, field: name, value, outcome })
      continue
    }
    const wordStart = i
    i = wordEnd(input, i)
    const raw = input.slice(wordStart, i)
    if (raw === 'OR' && !isNegated) {
      tokens.push({ type: 'or', start, end: i })
      continue
    }
    tokens.push({
      type: 'term',
      start,
      end: i,
      isNegated,
      field: null,
      value: null,
      outcome: wordOutcome(raw, wordStart),
    })
  }
  return { tokens, openQuote }
}

function wordOutcome(raw: string, at: number): Outcome {
  const text = raw.replace(/\*+$/, '')
  const prefix = text.length < raw.length
  // A one-letter prefix would fetch a large part of the vocabulary and find nothing useful.
  if (prefix && [...text].length < 2) {
    return { ok: false, message: 'Add at least two letters before *', at }
  }
  return { ok: true, node: { kind: 'word', text, prefix, exact: false } }
}

/** The node for `name:value`, value non-empty and as typed; `at` is where the value starts. */
function fieldOutcome(name: FieldName, value: string, at: number): Outcome {
  switch (name) {
    case 'year':
    case 'date':
      return datesOutcome(name, value, at)
    case 'has': {
      const what = value.toLowerCase().replace(/s$/, '')
      if (what === 'annotation' || what === 'note') return { ok: true, node: { kind: 'has', what } }
      return {
        ok: false,
        message: `has: can find annotations or notes, not “${value}”: use has:annotation or has:note`,
        at,
      }
    }
    case 'lang': {
      const lower = value.toLowerCase()
      const code = LANGUAGE_NAMES[lower] ?? lower
      if (/^[a-z]{2}$/.test(code))
        return { ok: true, node: { kind: 'field', field: name, value: code } }
      return {
        ok: false,
        message: `“${value}” is not a language: use a two-letter code such as en, ru or zh`,
        at,
      }
    }
    default:
      return { ok: true, node: { kind: 'field', field: name, value } }
  }
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}

/** First and last day of a YYYY (or, for date:, YYYY-MM or YYYY-MM-DD), or null when invalid. */
function dayBounds(field: 'year' | 'date', text: string): { first: string; last: string } | null {
  const match =
    field === 'year' ? /^(\d{4})()()$/.exec(text) : /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(text)
  if (match === null) return null
  const [, year, month, day] = match as unknown as [string, string, string?, string?]
  if (!month) return { first: `${year}-01-01`, last: `${year}-12-31` }
  const m = Number(month)
  if (m < 1 || m > 12) return null
  const length = [31, isLeapYear(Number(year)) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][
    m - 1
  ]!
  if (!day) return { first: `${year}-${month}-01`, last: `${year}-${month}-${length}` }
  const d = Number(day)
  if (d < 1 || d > length) return null
  return { first: text, last: text }
}

function datesOutcome(field: 'year' | 'date', text: string, at: number): Outcome {
  const bad = (side: string, sideAt: number): Outcome => ({
    ok: false,
    message:
      field === 'year'
        ? `“${side}” is not a year: use YYYY or a range such as 2014..2017`
        : `“${side}” is not a date: use YYYY, YYYY-MM or YYYY-MM-DD`,
    at: sideAt,
  })
  const dots = text.indexOf('..')
  if (dots < 0) {
    const bounds = dayBounds(field, text)
    if (bounds === null) return bad(text, at)
    return { ok: true, node: { kind: 'dates', field, from: bounds.first, to: bounds.last, text } }
  }
  const start = text.slice(0, dots)
  const end = text.slice(dots + 2)
  if (start === '' && end === '') {
    return {
      ok: false,
      message: `Give a ${field === 'year' ? 'year' : 'date'} on at least one side of ..`,
      at,
    }
  }
  let from: string | null = null
  let to: string | null = null
  if (start !== '') {
    const bounds = dayBounds(field, start)
    if (bounds === null) return bad(start, at)
    from = bounds.first
  }
  if (end !== '') {
    const bounds = dayBounds(field, end)
    if (bounds === null) return bad(end, at + dots + 2)
    to = bounds.last
  }
  if (from !== null && to !== null && from > to) {
    return { ok: false, message: `The range ${text} ends before it starts`, at }
  }
  return { ok: true, node: { kind: 'dates', field, from, to, text } }
}

/** An and/or of these children: nested ones of the same kind merged, one child left bare. */
function combine(kind: 'and' | 'or', children: readonly QueryNode[]): QueryNode | null {
  const flat: QueryNode[] = []
  for (const child of children) {
    if (child.kind === kind) flat.push(...(child as { children: QueryNode[] }).children)
    else flat.push(child)
  }
  if (flat.length === 0) return null
  if (flat.length === 1) return flat[0]!
  return { kind, children: flat }
}

/** Unwinds the recursive descent to parseQuery; never escapes it. */
class Refusal {
  constructor(
    readonly message: string,
    readonly at: number,
  ) {}
}

export function parseQuery(input: string): ParsedQuery {
  const { tokens } = scan(input)
  let pos = 0

  const parseOr = (depth: number): QueryNode | null => {
    const operands: QueryNode[] = []
    let operand = parseAnd(depth)
    while (tokens[pos]?.type === 'or') {
      const or = tokens[pos++]!
      if (operand === null) throw new Refusal(OR_MESSAGE, or.start)
      operands.push(operand)
      operand = parseAnd(depth)
      if (operand === null) throw new Refusal(OR_MESSAGE, or.start)
    }
    if (operand !== null) operands.push(operand)
    return combine('or', operands)
  }

  const parseAnd = (depth: number): QueryNode | null => {
    const children: QueryNode[] = []
    for (let token = tokens[pos]; token !== undefined; token = tokens[pos]) {
      if (token.type === 'or' || token.type === ')') break
      pos++
      let node: QueryNode | null
      if (token.type === 'term') {
        if (!token.outcome.ok) throw new Refusal(token.outcome.message, token.outcome.at)
        node = token.outcome.node
      } else {
        if (depth >= MAX_DEPTH) {
          throw new Refusal(`Brackets go more than ${MAX_DEPTH} deep: use fewer`, token.start)
        }
        node = parseOr(depth + 1)
        if (tokens[pos]?.type === ')') pos++
      }
      if (node !== null) children.push(token.isNegated ? { kind: 'not', child: node } : node)
    }
    return combine('and', children)
  }

  try {
    const root = parseOr(0)
    const stray = tokens[pos]
    if (stray !== undefined) throw new Refusal('There is a “)” without a “(”', stray.start)
    return { ok: true, root }
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, message: error.message, at: error.at }
    throw error
  }
}

/** Quotes text with the first pair of marks whose closing mark it does not contain. */
export function quote(text: string): string {
  for (const [open, close] of Object.entries(QUOTES)) {
    if (!text.includes(close)) return open + text + close
  }
  // Text holding every closing mark cannot come from parseQuery (a quote ends at its own mark);
  // losing one mark is better than text that reads back differently.
  return `"${text.replaceAll('"', '”')}"`
}

function formatValue(value: string): string {
  return value === '' || /[\s()"“”«»「」]/.test(value) ? quote(value) : value
}

function format(node: QueryNode): string {
  switch (node.kind) {
    case 'and':
      return node.children
        .map((child) =>
          child.kind === 'or' || child.kind === 'and' ? `(${format(child)})` : format(child),
        )
        .filter((text) => text !== '' && text !== '()')
        .join(' ')
    case 'or':
      return node.children
        .map((child) => (child.kind === 'or' ? `(${format(child)})` : format(child)))
        .filter((text) => text !== '' && text !== '()')
        .join(' OR ')
    case 'not': {
      const child = node.child
      const isCompound = child.kind === 'and' || child.kind === 'or' || child.kind === 'not'
      return isCompound ? `-(${format(child)})` : `-${format(child)}`
    }
    case 'word':
      if (node.exact) return quote(node.text)
      return node.prefix ? `${node.text}*` : node.text
    case 'phrase':
      return quote(node.text)
    case 'field':
      return `${node.field}:${formatValue(node.value)}`
    case 'dates':
      return `${node.field}:${formatValue(node.text)}`
    case 'has':
      return `has:${node.what}`
  }
}

/** The query text for a node tree, such that parseQuery(formatQuery(root)) gives the same tree. */
export function formatQuery(root: QueryNode | null): string {
  return root === null ? '' : format(root)
}

/** Whether two field conditions select the same releases (dates by their bounds, not spelling). */
function isSameCondition(a: QueryNode, b: QueryNode): boolean {
  if (a.kind === 'field' && b.kind === 'field') return a.field === b.field && a.value === b.value
  if (a.kind === 'dates' && b.kind === 'dates') {
    return a.field === b.field && a.from === b.from && a.to === b.to
  }
  if (a.kind === 'has' && b.kind === 'has') return a.what === b.what
  return false
}

function matcher(field: FieldName, value?: string): (token: TermToken) => boolean {
  if (value === undefined) return (token) => token.field === field
  const wanted = value.trim()
  const outcome = wanted === '' ? null : fieldOutcome(field, wanted, 0)
  return (token) =>
    token.field === field &&
    (token.value === wanted ||
      (outcome !== null &&
        outcome.ok &&
        token.outcome.ok &&
        isSameCondition(token.outcome.node, outcome.node)))
}

/**
 * Adds (or replaces, for year/date) a field condition to query text, as a facet click does:
 * returns new query text. Keep the user's text as it is and append ` field:value` (quote the
 * value when it has spaces or special characters).
 *
 * The condition must apply to the whole query, so an unfinished phrase or group is closed first
 * and a query with OR at its top level is put in brackets (`a OR b` → `(a OR b) tag:x`), which
 * the plain append would have turned into `a OR (b tag:x)`. A condition already there is not
 * added twice.
 */
export function addCondition(input: string, field: FieldName, value: string): string {
  const wanted = value.trim()
  if (wanted === '') return input
  const text = field === 'year' || field === 'date' ? removeCondition(input, field) : input
  let base = text.trimEnd()
  const { tokens, openQuote } = scan(base)
  let depth = 0
  let hasTopOr = false
  let isPresent = false
  const isWanted = matcher(field, wanted)
  for (const token of tokens) {
    if (token.type === '(') depth++
    else if (token.type === ')') depth = Math.max(0, depth - 1)
    else if (token.type === 'or') hasTopOr ||= depth === 0
    else isPresent ||= depth === 0 && !token.isNegated && isWanted(token)
  }
  if (isPresent && !hasTopOr) return text
  if (openQuote !== null) base += openQuote
  base += ')'.repeat(depth)
  if (hasTopOr) base = `(${base})`
  const condition = `${field}:${formatValue(wanted)}`
  return base === '' ? condition : `${base} ${condition}`
}

/**
 * Removes conditions of that field with that value (or all of that field if value is omitted)
 * from the query text; returns new text.
 *
 * Excluded conditions (`-tag:x`) go too. The rest of the text stays as typed, except what the
 * removal would leave meaningless: an OR that lost one side and a group left empty.
 */
export function removeCondition(input: string, field: FieldName, value?: string): string {
  const { tokens } = scan(input)
  const isTarget = matcher(field, value)
  const isCut = tokens.map((token) => token.type === 'term' && isTarget(token))
  if (!isCut.includes(true)) return input

  // Items of one bracket level, each a run of tokens: a term, a whole group, or an OR.
  type Item = { isOr: boolean; first: number; last: number }
  const itemIsCut = (item: Item) => isCut.slice(item.first, item.last + 1).every(Boolean)

  /** Drops the ORs that lost a side; says whether the level is now empty because of removals. */
  const prune = (items: readonly Item[]): boolean => {
    const segments: Item[][] = [[]]
    const ors: Item[] = []
    for (const item of items) {
      if (item.isOr) {
        ors.push(item)
        segments.push([])
      } else segments.at(-1)!.push(item)
    }
    // A segment that was empty before is the user's own mistake: leave its ORs alone.
    const isGone = segments.map((segment) => segment.length > 0 && segment.every(itemIsCut))
    ors.forEach((or, k) => {
      const hasLeft = isGone.slice(0, k + 1).includes(false)
      if (isGone[k + 1] || !hasLeft) isCut[or.first] = true
    })
    return items.length > 0 && items.every(itemIsCut)
  }

  // An explicit stack rather than recursion: brackets may be nested arbitrarily deep.
  const levels: { open: number; items: Item[] }[] = [{ open: -1, items: [] }]
  const closeLevel = (last: number) => {
    const { open, items } = levels.pop()!
    if (prune(items)) isCut.fill(true, open, last + 1)
    levels.at(-1)!.items.push({ isOr: false, first: open, last })
  }
  tokens.forEach((token, index) => {
    if (token.type === '(') levels.push({ open: index, items: [] })
    else if (token.type === ')' && levels.length > 1) closeLevel(index)
    else levels.at(-1)!.items.push({ isOr: token.type === 'or', first: index, last: index })
  })
  while (levels.length > 1) closeLevel(tokens.length - 1)
  prune(levels[0]!.items)

  let mark = 0xe000
  while (input.includes(String.fromCharCode(mark))) mark++
  const cut = String.fromCharCode(mark)
  let joined = ''
  let from = 0
  tokens.forEach((token, index) => {
    if (!isCut[index]) return
    joined += input.slice(from, token.start) + cut
    from = token.end
  })
  joined += input.slice(from)
  // Where text was cut, leave one of the user's spaces, or none at an end or inside a bracket.
  return joined.replace(new RegExp(`\\s*(?:${cut}\\s*)+`, 'g'), (gap, at: number) => {
    const before = joined[at - 1]
    const after = joined[at + gap.length]
    if (before === undefined || after === undefined || before === '(' || after === ')') return ''
    return /\s/.exec(gap)?.[0] ?? ' '
  })
}
