/**
 * Runs a parsed query (./query) over the index: which releases or paragraphs match, in what
 * order, and what the facet panel and the timeline count.
 *
 * Matching rules:
 * - A word without quotes matches its other forms (same stem, ./vocabulary); in quotes, the word
 *   as written (after folding). `terror*` matches every word starting so.
 * - A phrase, or a word the tokeniser splits ("counter-terrorism", "上海合作组织"), matches
 *   its tokens at consecutive positions within one paragraph (or the title).
 * - Words must all be in the release (release results) or all in the paragraph (paragraph
 *   results). Field conditions are about the release.
 * - Diacritics are ignored unless the setting says to match them; case, width, look-alike
 *   letters and ё/е always are (../text/fold).
 *
 * Ranking is BM25 (k1 = 1.2, b = 0.75) over releases or paragraphs, a title occurrence counting
 * three times. A query of conditions only lists releases newest first.
 *
 * Speed: a set of matches is two arrays sorted by key (a docNo, or a paragraph key), so AND, OR
 * and NOT are merges; a word over releases reads only each document's counts from its postings,
 * and paragraphs and positions are decoded only where a phrase, paragraph results or a shown
 * result need them.
 */
import { foldWord } from '../text/fold'
import { queryTokens } from '../text/tokens'
import type { DocTable } from './doc-table'
import { HitList } from './hit-list'
import { COMMON_WORDS, TermDocs, isIndexedPair, pairTerm } from './postings'
import type { QueryNode } from './query'
import type { Vocabulary } from './vocabulary'

/** What the engine knows of a release, without reading it. */
export type SearchDoc = {
  docNo: number
  releaseId: string
  title: string
  /** ISO date of the event (YYYY, YYYY-MM or YYYY-MM-DD), or null. */
  date: string | null
  lang: string | null
  type: string | null
  place: string | null
  organisations: string[]
  countries: string[]
  persons: string[]
  /** Tokens in the release. */
  length: number
  /** Tokens per paragraph, the title first. */
  paragraphLengths: number[]
}

/** Where the engine reads from: the archive's index, or a test's. */
export type SearchSource = {
  vocabulary: Vocabulary
  /** The indexed releases, by docNo. */
  docs: DocTable
  /** Sums of `length` and of paragraph lengths over `docs`, and the paragraph count. */
  totals: { length: number; paragraphs: number }
  /**
   * Each term's documents in the index (documents not in `docs` may be among them), with the
   * paragraphs and positions in each when `positions` is true.
   */
  termDocs(terms: readonly string[], positions: boolean): Promise<Map<string, TermDocs>>
  /**
   * How many documents each term is in, as `termDocs` would list them, when the source can
   * tell without reading the documents (the archive's index reads only the counts).
   */
  docCounts?(terms: readonly string[]): Promise<Map<string, number>>
  /** The releases tagged with the tag at `path` or a tag under it; null when no tag has the path. */
  releasesTagged(path: string): Promise<Set<string> | null>
  /** Releases with at least one annotation, or with a note. */
  releasesWith(what: 'annotation' | 'note'): Promise<Set<string>>
}

export type SearchMode = 'release' | 'paragraph'

export type SearchOptions = { mode: SearchMode; ignoreDiacritics: boolean }

export type SearchHit = {
  doc: SearchDoc
  /**
   * The paragraph the hit is (paragraph results) or shows (release results, found when first
   * read); 0 is the title.
   */
  readonly paragraph: number
  score: number
}

export type SearchOutcome =
  | {
      ok: true
      /** In rank order, made as they are read. */
      hits: HitList
      /** Every term the query matched, for highlighting. */
      terms: string[]
      /** Releases among the hits (the same as hits.length for release results). */
      releaseCount: number
    }
  | { ok: false; message: string }

/** A plain message for a query the engine cannot answer; never thrown past `search`. */
export class QueryError extends Error {}

const K1 = 1.2
const B = 0.75
const TITLE_WEIGHT = 3
/** Paragraph keys: docNo * PARAGRAPH_SPAN + paragraph. */
const PARAGRAPH_SPAN = 2 ** 20

/** Matches: keys ascending (docNos, or paragraph keys), with a score each. */
type Units = { keys: Float64Array; scores: Float64Array }
/** Whether a release passes a condition; `docNo` is the document's, for column reads. */
type Filter = (doc: SearchDoc, docNo: number) => boolean
type Value = { kind: 'units'; units: Units } | { kind: 'filter'; test: Filter }

const NO_UNITS: Units = { keys: new Float64Array(0), scores: new Float64Array(0) }

/** A word or phrase matched: its documents (ascending), counts, and paragraphs on demand. */
type TextMatch = {
  docs: Int32Array
  counts: Int32Array
  titleCounts: Int32Array
  /** Whether `paragraphs` can answer (the positions were read). */
  hasPositions: boolean
  paragraphs(i: number): { paragraph: number; count: number }[]
  /** The paragraph with the most occurrences in the i-th document (the first such). */
  best(i: number): number
}

/** Runs `root` (null: nothing to search) and returns its hits in rank order. */
export async function search(
  source: SearchSource,
  root: QueryNode | null,
  options: SearchOptions,
  /** A release (its docNo) left out of the results: "More like this" leaves out its own. */
  leaveOut: number | null = null,
): Promise<SearchOutcome> {
  const query = root && withoutEmptyWords(root)
  if (!query) return { ok: true, hits: HitList.EMPTY, terms: [], releaseCount: 0 }
  const run = new Run(source, options)
  try {
    const value = await run.evaluate(query, false)
    const units = value.kind === 'units' ? value.units : run.universe(value.test)
    return run.rank(
      leaveOut === null ? units : withoutDoc(units, leaveOut, options.mode === 'paragraph'),
    )
  } catch (error) {
    if (error instanceof QueryError) return { ok: false, message: error.message }
    throw error
  }
}

/** The units without those of document `docNo` (its release, or its paragraphs). Keys ascend. */
function withoutDoc(units: Units, docNo: number, paragraphs: boolean): Units {
  const first = paragraphs ? docNo * PARAGRAPH_SPAN : docNo
  const end = paragraphs ? (docNo + 1) * PARAGRAPH_SPAN : docNo + 1
  const from = lowerBound(units.keys, first)
  const to = lowerBound(units.keys, end)
  if (from === to) return units
  const keep = (values: Float64Array) => {
    const out = new Float64Array(values.length - (to - from))
    out.set(values.subarray(0, from))
    out.set(values.subarray(to), from)
    return out
  }
  return { keys: keep(units.keys), scores: keep(units.scores) }
}

/** The first index of ascending `keys` holding `value` or more. */
function lowerBound(keys: Float64Array, value: number): number {
  let lo = 0
  let hi = keys.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (keys[mid]! < value) lo = mid + 1
    else hi = mid
  }
  return lo
}

/**
 * The query without words that have nothing to search for ("&", "—" between words): they are
 * left out, as a lone "-" is, rather than matching nothing and emptying an AND.
 */
function withoutEmptyWords(node: QueryNode): QueryNode | null {
  switch (node.kind) {
    case 'word':
    case 'phrase':
      return queryTokens(node.text).length > 0 ? node : null
    case 'not': {
      const child = withoutEmptyWords(node.child)
      return child && { kind: 'not', child }
    }
    case 'and':
    case 'or': {
      const children = node.children.flatMap((c) => withoutEmptyWords(c) ?? [])
      if (children.length === 0) return null
      return children.length === 1 ? children[0]! : { kind: node.kind, children }
    }
    default:
      return node
  }
}

function intersect(a: Units, b: Units): Units {
  const n = Math.min(a.keys.length, b.keys.length)
  const keys = new Float64Array(n)
  const scores = new Float64Array(n)
  let i = 0
  let j = 0
  let k = 0
  while (i < a.keys.length && j < b.keys.length) {
    const x = a.keys[i]!
    const y = b.keys[j]!
    if (x < y) i++
    else if (x > y) j++
    else {
      keys[k] = x
      scores[k++] = a.scores[i++]! + b.scores[j++]!
    }
  }
  return { keys: keys.subarray(0, k), scores: scores.subarray(0, k) }
}

function union(a: Units, b: Units): Units {
  const keys = new Float64Array(a.keys.length + b.keys.length)
  const scores = new Float64Array(keys.length)
  let i = 0
  let j = 0
  let k = 0
  while (i < a.keys.length || j < b.keys.length) {
    const x = i < a.keys.length ? a.keys[i]! : Infinity
    const y = j < b.keys.length ? b.keys[j]! : Infinity
    if (x < y) {
      keys[k] = x
      scores[k++] = a.scores[i++]!
    } else if (x > y) {
      keys[k] = y
      scores[k++] = b.scores[j++]!
    } else {
      keys[k] = x
      scores[k++] = a.scores[i++]! + b.scores[j++]!
    }
  }
  return { keys: keys.subarray(0, k), scores: scores.subarray(0, k) }
}

/** `a` without the keys of `b`. */
function subtract(a: Units, b: Units): Units {
  const keys = new Float64Array(a.keys.length)
  const scores = new Float64Array(a.keys.length)
  let j = 0
  let k = 0
  for (let i = 0; i < a.keys.length; i++) {
    const x = a.keys[i]!
    while (j < b.keys.length && b.keys[j]! < x) j++
    if (j < b.keys.length && b.keys[j] === x) continue
    keys[k] = x
    scores[k++] = a.scores[i]!
  }
  return { keys: keys.subarray(0, k), scores: scores.subarray(0, k) }
}

class Run {
  /** Terms matched by positive words, for highlighting. */
  readonly matched = new Set<string>()
  /** Positive words and phrases, for choosing the paragraph a release shows. */
  private readonly shown: TextMatch[] = []
  private hasScores = false

  constructor(
    private readonly source: SearchSource,
    private readonly options: SearchOptions,
  ) {}

  private get isParagraphs(): boolean {
    return this.options.mode === 'paragraph'
  }

  async evaluate(node: QueryNode, negated: boolean): Promise<Value> {
    switch (node.kind) {
      case 'and':
        return this.and(node.children, negated)
      case 'or': {
        const values = await Promise.all(node.children.map((c) => this.evaluate(c, negated)))
        let all = NO_UNITS
        for (const value of values) all = union(all, this.unitsOf(value))
        return { kind: 'units', units: all }
      }
      case 'not': {
        const inner = await this.evaluate(node.child, !negated)
        if (inner.kind === 'filter')
          return { kind: 'filter', test: (doc, docNo) => !inner.test(doc, docNo) }
        return {
          kind: 'units',
          units: subtract(
            this.universe(() => true),
            inner.units,
          ),
        }
      }
      case 'word':
      case 'phrase':
        return { kind: 'units', units: this.score(await this.text(node, negated)) }
      case 'field':
        return this.field(node.field, node.value)
      case 'dates':
        return { kind: 'filter', test: dateTest(node.from, node.to) }
      case 'has': {
        const releases = await this.source.releasesWith(node.what)
        return { kind: 'filter', test: (doc) => releases.has(doc.releaseId) }
      }
    }
  }

  private unitsOf(value: Value): Units {
    return value.kind === 'units' ? value.units : this.universe(value.test)
  }

  private async and(children: readonly QueryNode[], negated: boolean): Promise<Value> {
    const values = await Promise.all(
      children.map(async (child) =>
        child.kind === 'not'
          ? { value: await this.evaluate(child.child, !negated), excluded: true }
          : { value: await this.evaluate(child, negated), excluded: false },
      ),
    )
    const positives: Units[] = []
    const filters: Filter[] = []
    const exclusions: Value[] = []
    for (const { value, excluded } of values) {
      if (excluded) exclusions.push(value)
      else if (value.kind === 'units') positives.push(value.units)
      else filters.push(value.test)
    }
    const excludedFilters = exclusions.flatMap((e) => (e.kind === 'filter' ? [e.test] : []))
    const excludedUnits = exclusions.flatMap((e) => (e.kind === 'units' ? [e.units] : []))
    const passes: Filter =
      filters.length === 1 && excludedFilters.length === 0
        ? filters[0]!
        : (doc, docNo) =>
            filters.every((test) => test(doc, docNo)) &&
            !excludedFilters.some((test) => test(doc, docNo))
    if (positives.length === 0 && excludedUnits.length === 0)
      return { kind: 'filter', test: passes }
    let result: Units
    if (positives.length === 0) {
      result = this.universe(passes)
    } else {
      positives.sort((a, b) => a.keys.length - b.keys.length)
      result = positives[0]!
      for (const other of positives.slice(1)) result = intersect(result, other)
      if (filters.length > 0 || excludedFilters.length > 0)
        result = this.filterUnits(result, passes)
    }
    for (const units of excludedUnits) result = subtract(result, units)
    return { kind: 'units', units: result }
  }

  private filterUnits(units: Units, test: Filter): Units {
    const keys = new Float64Array(units.keys.length)
    const scores = new Float64Array(units.keys.length)
    let k = 0
    for (let i = 0; i < units.keys.length; i++) {
      const key = units.keys[i]!
      const docNo = this.isParagraphs ? (key / PARAGRAPH_SPAN) | 0 : key | 0
      const doc = this.source.docs.get(docNo)
      if (!doc || !test(doc, docNo)) continue
      keys[k] = units.keys[i]!
      scores[k++] = units.scores[i]!
    }
    return { keys: keys.subarray(0, k), scores: scores.subarray(0, k) }
  }

  /** Every release (or paragraph) passing `test`, scored 0. */
  universe(test: Filter): Units {
    const keys: number[] = []
    for (const doc of this.source.docs.values()) {
      if (!test(doc, doc.docNo)) continue
      if (!this.isParagraphs) {
        keys.push(doc.docNo)
        continue
      }
      for (let p = 0; p < doc.paragraphLengths.length; p++) {
        if (doc.paragraphLengths[p]! > 0) keys.push(doc.docNo * PARAGRAPH_SPAN + p)
      }
    }
    return { keys: Float64Array.from(keys), scores: new Float64Array(keys.length) }
  }

  private docOfKey(key: number): SearchDoc | undefined {
    // As a small integer: an array read at a float index takes V8's slow path.
    return this.source.docs.get(this.isParagraphs ? (key / PARAGRAPH_SPAN) | 0 : key | 0)
  }

  /** A word or phrase: where it is. */
  private async text(
    node: QueryNode & { kind: 'word' | 'phrase' },
    negated: boolean,
  ): Promise<TextMatch> {
    const tokens = queryTokens(node.text)
    const ignore = this.options.ignoreDiacritics
    const vocabulary = this.source.vocabulary
    const single = tokens.length === 1 && !tokens[0]!.paired
    const alternatives = tokens.map((token) => {
      if (token.single) return vocabulary.withPrefix(token.term, ignore)
      if (node.kind === 'word' && single) {
        if (node.prefix) return vocabulary.withPrefix(token.term, ignore)
        if (!node.exact) return vocabulary.sameStem(token.term, ignore)
      }
      return vocabulary.sameWord(token.term, ignore)
    })
    if (node.kind === 'word' && node.prefix && !single) {
      // "counter-terr*": the last token of the word is the prefix.
      const last = tokens.length - 1
      alternatives[last] = vocabulary.withPrefix(tokens[last]!.term, ignore)
    }
    if (alternatives.some((a) => a.length === 0)) return NO_MATCH
    let found: TextMatch
    if (alternatives.length === 1) {
      const termDocs = await this.source.termDocs(alternatives[0]!, this.isParagraphs)
      found = wordMatch(alternatives[0]!.map((t) => termDocs.get(t) ?? TermDocs.EMPTY))
    } else {
      const elements = withPairs(tokens, alternatives)
      const terms = [...new Set(elements.flatMap((e) => e.terms))]
      const termDocs = await this.source.termDocs(terms, true)
      found = phraseMatch(
        elements.map((e) => e.terms.map((t) => termDocs.get(t) ?? TermDocs.EMPTY)),
        elements.map((e) => e.offset),
      )
    }
    if (!negated) {
      for (const terms of alternatives) for (const term of terms) this.matched.add(term)
      this.shown.push(found)
      this.hasScores = true
    }
    return found
  }

  private score(found: TextMatch): Units {
    const docs = this.source.docs
    const size = found.docs.length
    let keys: Float64Array
    let frequencies: Float64Array
    let lengths: Float64Array
    let n = 0
    if (!this.isParagraphs) {
      keys = new Float64Array(size)
      frequencies = new Float64Array(size)
      lengths = new Float64Array(size)
      for (let i = 0; i < size; i++) {
        const docNo = found.docs[i]!
        const length = docs.lengthOf(docNo)
        if (length < 0) continue
        keys[n] = docNo
        frequencies[n] = found.counts[i]! + (TITLE_WEIGHT - 1) * found.titleCounts[i]!
        lengths[n++] = length
      }
    } else {
      const keyList: number[] = []
      const frequencyList: number[] = []
      const lengthList: number[] = []
      for (let i = 0; i < size; i++) {
        const doc = docs.get(found.docs[i]!)
        if (!doc) continue
        for (const { paragraph, count } of found.paragraphs(i)) {
          keyList.push(doc.docNo * PARAGRAPH_SPAN + paragraph)
          frequencyList.push(paragraph === 0 ? count * TITLE_WEIGHT : count)
          lengthList.push(doc.paragraphLengths[paragraph] ?? -1)
        }
      }
      keys = Float64Array.from(keyList)
      frequencies = Float64Array.from(frequencyList)
      lengths = Float64Array.from(lengthList)
      n = keys.length
    }
    const units = this.isParagraphs ? this.source.totals.paragraphs : docs.size
    const averageLength = Math.max(1, this.source.totals.length / Math.max(1, units))
    const idf = Math.log(1 + (units - n + 0.5) / (n + 0.5))
    // The frequencies' array becomes the scores'.
    const scores = frequencies
    const norm = (K1 * B) / averageLength
    for (let i = 0; i < n; i++) {
      const tf = frequencies[i]!
      const length = lengths[i]! < 0 ? averageLength : lengths[i]!
      scores[i] = (idf * tf * (K1 + 1)) / (tf + K1 * (1 - B) + norm * length)
    }
    return { keys: keys.subarray(0, n), scores: scores.subarray(0, n) }
  }

  private async field(
    field: 'tag' | 'type' | 'org' | 'country' | 'place' | 'person' | 'lang',
    value: string,
  ): Promise<Value> {
    if (field === 'tag') {
      const releases = await this.source.releasesTagged(value)
      if (!releases) throw new QueryError(`There is no tag “${value}”.`)
      return { kind: 'filter', test: (doc) => releases.has(doc.releaseId) }
    }
    const wanted = foldField(value)
    const matches = (candidate: string | null) =>
      candidate !== null && fieldMatches(foldField(candidate), wanted)
    switch (field) {
      case 'type':
        return { kind: 'filter', test: (doc) => matches(doc.type) }
      case 'lang':
        return this.langFilter(wanted)
      case 'place':
        return { kind: 'filter', test: (doc) => matches(doc.place) }
      case 'org':
        return { kind: 'filter', test: (doc) => doc.organisations.some(matches) }
      case 'country':
        return { kind: 'filter', test: (doc) => doc.countries.some(matches) }
      case 'person':
        return { kind: 'filter', test: (doc) => doc.persons.some(matches) }
    }
  }

  /** Ranks the units, which are all of indexed releases (scored or drawn from `docs`). */
  /** `lang:` through the language column (the filter runs once per result). */
  private langFilter(wanted: string): Value {
    const { codes, ids } = this.source.docs.column('lang', (doc) => doc.lang)
    const id = ids.get(wanted)
    if (id === undefined) return { kind: 'filter', test: () => false }
    return { kind: 'filter', test: (_doc, docNo) => codes[docNo] === id }
  }

  rank(units: Units): SearchOutcome {
    const n = units.keys.length
    let order: Uint32Array | undefined
    if (!this.hasScores) {
      // Conditions only: newest first, then in import order.
      const dates = Array.from(units.keys, (key) => this.docOfKey(key)!.date ?? '')
      order = new Uint32Array(n)
      for (let i = 0; i < n; i++) order[i] = i
      order.sort((a, b) => (dates[a]! < dates[b]! ? 1 : dates[a]! > dates[b]! ? -1 : a - b))
    }
    const choose = (doc: SearchDoc) => this.chooseParagraph(doc)
    const docOfKey = (key: number) => this.docOfKey(key)!
    const paragraphs = this.isParagraphs
    const hits = HitList.ranked(
      {
        count: n,
        hit: (i) => {
          const key = units.keys[i]!
          const doc = docOfKey(key)
          const score = units.scores[i]!
          return paragraphs
            ? { doc, paragraph: key % PARAGRAPH_SPAN, score }
            : new ReleaseHit(doc, score, choose)
        },
        *releases() {
          for (let i = 0; i < n; i++) yield docOfKey(units.keys[i]!)
        },
      },
      this.hasScores ? units.scores : null,
      order,
    )
    return { ok: true, hits, terms: [...this.matched], releaseCount: this.releaseCount(units) }
  }

  /** Releases among the units, whose keys ascend (so a release's paragraphs are together). */
  private releaseCount(units: Units): number {
    if (!this.isParagraphs) return units.keys.length
    let count = 0
    let last = -1
    for (let i = 0; i < units.keys.length; i++) {
      const docNo = Math.floor(units.keys[i]! / PARAGRAPH_SPAN)
      if (docNo === last) continue
      last = docNo
      count++
    }
    return count
  }

  /** For release results: the paragraph with the most matched words, else the first. */
  chooseParagraph(doc: SearchDoc): number {
    const counts = new Map<number, number>()
    for (const found of this.shown) {
      const i = binaryIndex(found.docs, doc.docNo)
      if (i < 0) continue
      if (!found.hasPositions) {
        // A word over releases reads no positions: its own best paragraph gets its vote.
        const paragraph = found.best(i)
        counts.set(paragraph, (counts.get(paragraph) ?? 0) + 1)
        continue
      }
      for (const { paragraph, count } of found.paragraphs(i)) {
        counts.set(paragraph, (counts.get(paragraph) ?? 0) + count)
      }
    }
    let best = doc.paragraphLengths.length > 1 ? 1 : 0
    let bestCount = 0
    for (const [p, count] of counts) {
      // The title is shown anyway: a body paragraph that matches as much is preferred.
      const weight = p === 0 ? count - 0.5 : count
      if (weight > bestCount || (weight === bestCount && p < best)) {
        best = p
        bestCount = weight
      }
    }
    return best
  }
}

/** A release result, whose paragraph to show is found when it is first read. */
class ReleaseHit implements SearchHit {
  private chosen = -1

  constructor(
    readonly doc: SearchDoc,
    public score: number,
    private readonly choose: (doc: SearchDoc) => number,
  ) {}

  get paragraph(): number {
    if (this.chosen < 0) this.chosen = this.choose(this.doc)
    return this.chosen
  }
}

function binaryIndex(sorted: ArrayLike<number>, value: number): number {
  let low = 0
  let high = sorted.length - 1
  while (low <= high) {
    const mid = (low + high) >>> 1
    const at = sorted[mid]!
    if (at === value) return mid
    if (at < value) low = mid + 1
    else high = mid - 1
  }
  return -1
}

const NO_MATCH: TextMatch = {
  docs: new Int32Array(0),
  counts: new Int32Array(0),
  titleCounts: new Int32Array(0),
  hasPositions: true,
  paragraphs: () => [],
  best: () => 0,
}

/** One word, in any of its forms (several term lists, merged by document). */
function wordMatch(forms: readonly TermDocs[]): TextMatch {
  const present = forms.filter((f) => f.docs.length > 0)
  if (present.length === 0) return NO_MATCH
  const countsOf = (form: TermDocs, i: number) =>
    form.paragraphs(i).map(({ paragraph, positions }) => ({ paragraph, count: positions.length }))
  if (present.length === 1) {
    const only = present[0]!
    return {
      docs: only.docs,
      counts: only.counts,
      titleCounts: only.titleCounts,
      hasPositions: only.hasPositions,
      paragraphs: (i) => countsOf(only, i),
      best: (i) => only.best[i]!,
    }
  }
  const docs = mergeDocs(present.map((f) => f.docs))
  const counts = new Int32Array(docs.length)
  const titleCounts = new Int32Array(docs.length)
  for (const form of present) {
    const formDocs = form.docs
    const formCounts = form.counts
    const formTitleCounts = form.titleCounts
    let m = 0
    for (let i = 0; i < formDocs.length; i++) {
      const doc = formDocs[i]!
      while (docs[m]! < doc) m++
      counts[m] = counts[m]! + formCounts[i]!
      titleCounts[m] = titleCounts[m]! + formTitleCounts[i]!
    }
  }
  return {
    docs,
    counts,
    titleCounts,
    hasPositions: present.every((f) => f.hasPositions),
    best: (i) => {
      // The best paragraph of the form found most often in the document.
      let best = 0
      let most = -1
      for (const form of present) {
        const index = binaryIndex(form.docs, docs[i]!)
        if (index >= 0 && form.counts[index]! > most) {
          most = form.counts[index]!
          best = form.best[index]!
        }
      }
      return best
    },
    paragraphs: (i) => {
      const byParagraph = new Map<number, number>()
      for (const form of present) {
        const index = binaryIndex(form.docs, docs[i]!)
        if (index < 0) continue
        for (const { paragraph, count } of countsOf(form, index)) {
          byParagraph.set(paragraph, (byParagraph.get(paragraph) ?? 0) + count)
        }
      }
      return [...byParagraph]
        .sort((a, b) => a[0] - b[0])
        .map(([paragraph, count]) => ({ paragraph, count }))
    },
  }
}

/** Sorted, distinct numbers of several sorted lists (merged two at a time, smallest first). */
function mergeDocs(lists: readonly Int32Array[]): Int32Array {
  if (lists.length === 0) return new Int32Array(0)
  const pending = [...lists].sort((a, b) => a.length - b.length)
  let merged = pending[0]!
  for (const list of pending.slice(1)) merged = mergeTwo(merged, list)
  return merged
}

/** The sorted, distinct numbers of two sorted lists of distinct numbers. */
function mergeTwo(a: Int32Array, b: Int32Array): Int32Array {
  if (a.length === 0) return b
  if (b.length === 0) return a
  const out = new Int32Array(a.length + b.length)
  let i = 0
  let j = 0
  let n = 0
  while (i < a.length && j < b.length) {
    const x = a[i]!
    const y = b[j]!
    if (x < y) {
      out[n++] = x
      i++
    } else if (x > y) {
      out[n++] = y
      j++
    } else {
      out[n++] = x
      i++
      j++
    }
  }
  while (i < a.length) out[n++] = a[i++]!
  while (j < b.length) out[n++] = b[j++]!
  return out.subarray(0, n)
}

/** The numbers in both sorted lists. */
function intersectSorted(a: Int32Array, b: Int32Array): Int32Array {
  const out = new Int32Array(Math.min(a.length, b.length))
  let i = 0
  let j = 0
  let n = 0
  while (i < a.length && j < b.length) {
    if (a[i]! < b[j]!) i++
    else if (a[i]! > b[j]!) j++
    else {
      out[n++] = a[i]!
      i++
      j++
    }
  }
  return out.subarray(0, n)
}

/**
 * Position keys: paragraph × POSITION_SPAN + position, so that "the same paragraph, n tokens
 * later" is "key + n" and a phrase is an intersection of sorted keys. A paragraph of 2^26
 * tokens is far beyond any release.
 */
const POSITION_SPAN = 2 ** 26

/** A growable list of position keys. */
class Keys {
  values = new Float64Array(256)
  length = 0

  reserve(extra: number): void {
    if (this.length + extra <= this.values.length) return
    let capacity = this.values.length * 2
    while (capacity < this.length + extra) capacity *= 2
    const grown = new Float64Array(capacity)
    grown.set(this.values.subarray(0, this.length))
    this.values = grown
  }
}

/** One token's forms, read document by document in increasing order. */
class TokenCursor {
  private readonly cursors: Int32Array

  constructor(
    private readonly forms: readonly TermDocs[],
    private readonly offset: number,
  ) {
    this.cursors = new Int32Array(forms.length)
  }

  /**
   * The phrase starts this token allows in `docNo`: the keys of its positions less its offset
   * in the phrase, ascending, into `out` (which it empties first).
   */
  load(docNo: number, out: Keys): void {
    out.length = 0
    let found = 0
    for (let k = 0; k < this.forms.length; k++) {
      const form = this.forms[k]!
      let c = this.cursors[k]!
      while (c < form.docs.length && form.docs[c]! < docNo) c++
      this.cursors[k] = c
      if (c >= form.docs.length || form.docs[c] !== docNo) continue
      found++
      out.reserve(form.positionsBound(c))
      out.length = form.keysInto(c, POSITION_SPAN, this.offset, out.values, out.length)
    }
    if (found > 1) out.values.subarray(0, out.length).sort()
  }
}

/** What a phrase reads: words and common-word pairs, each at its offset in the phrase. */
type PhraseElement = { terms: string[]; offset: number }

/** Pair terms for two tokens' forms beyond which a pair is not worth it. */
const MAX_PAIR_FORMS = 16

/**
 * A phrase's tokens as the elements to read: a common word and the word after it are read as
 * their pair, and a token is read on its own only when no pair covers it. A pair is rarer than
 * either of its words, so the postings of a very common word (a position in every other
 * sentence) are not read unless it ends the phrase. A phrase matches at a start exactly when
 * every element does: the index holds a pair at every position where its two words stand
 * together.
 */
export function withPairs(
  tokens: readonly { offset: number; paired: boolean; single: boolean }[],
  alternatives: readonly string[][],
): PhraseElement[] {
  const pairable = (i: number) => !tokens[i]!.paired && !tokens[i]!.single
  const pairOf = (i: number): string[] | null => {
    const first = alternatives[i]!
    const second = alternatives[i + 1]!
    if (!pairable(i) || !pairable(i + 1) || tokens[i + 1]!.offset !== tokens[i]!.offset + 1)
      return null
    if (first.length * second.length > MAX_PAIR_FORMS) return null
    const terms: string[] = []
    for (const a of first) {
      for (const b of second) {
        if (!isIndexedPair(a, b)) return null
        terms.push(pairTerm(a, b))
      }
    }
    return terms
  }
  const covered = new Set<number>()
  const elements: PhraseElement[] = []
  for (let i = 0; i + 1 < tokens.length; i++) {
    const terms = pairOf(i)
    if (!terms) continue
    elements.push({ terms, offset: tokens[i]!.offset })
    covered.add(i)
    covered.add(i + 1)
  }
  tokens.forEach((token, i) => {
    if (!covered.has(i)) elements.push({ terms: alternatives[i]!, offset: token.offset })
  })
  return elements
}

/**
 * Tokens at their offsets from one another within one paragraph. The documents having every
 * token come from the lists of documents alone; in each, the rarest token's positions give the
 * possible starts, and each further token keeps only the starts it continues (an intersection
 * of sorted keys), so a document is dropped as soon as no start is left.
 */
export function phraseMatch(
  lists: readonly (readonly TermDocs[])[],
  offsets: readonly number[],
): TextMatch {
  const tokenDocs = lists.map((forms) => mergeDocs(forms.map((f) => f.docs)))
  const order = lists.map((_, i) => i).sort((a, b) => tokenDocs[a]!.length - tokenDocs[b]!.length)
  let candidates = tokenDocs[order[0]!]!
  for (const t of order.slice(1)) candidates = intersectSorted(candidates, tokenDocs[t]!)
  const cursors = order.map((t) => new TokenCursor(lists[t]!, offsets[t]!))
  const docs = new Int32Array(candidates.length)
  const counts = new Int32Array(candidates.length)
  const titleCounts = new Int32Array(candidates.length)
  // The starts of every matching document, one after another: document i's from from[i] to
  // from[i + 1].
  const starts: number[] = []
  const from: number[] = [0]
  const current = new Keys()
  const next = new Keys()
  let n = 0
  for (let c = 0; c < candidates.length; c++) {
    const docNo = candidates[c]!
    cursors[0]!.load(docNo, current)
    for (let step = 1; step < cursors.length && current.length > 0; step++) {
      cursors[step]!.load(docNo, next)
      const a = current.values
      const b = next.values
      let i = 0
      let j = 0
      let kept = 0
      while (i < current.length && j < next.length) {
        if (a[i]! < b[j]!) i++
        else if (a[i]! > b[j]!) j++
        else {
          a[kept++] = a[i]!
          i++
          j++
        }
      }
      current.length = kept
    }
    if (current.length === 0) continue
    let title = 0
    for (let i = 0; i < current.length; i++) {
      const key = current.values[i]!
      if (key < POSITION_SPAN) title++
      starts.push(key)
    }
    from.push(starts.length)
    docs[n] = docNo
    counts[n] = current.length
    titleCounts[n++] = title
  }
  const paragraphs = (i: number) => {
    const out: { paragraph: number; count: number }[] = []
    for (let k = from[i]!; k < from[i + 1]!; k++) {
      const paragraph = Math.floor(starts[k]! / POSITION_SPAN)
      const last = out[out.length - 1]
      if (last?.paragraph === paragraph) last.count++
      else out.push({ paragraph, count: 1 })
    }
    return out
  }
  return {
    docs: docs.subarray(0, n),
    counts: counts.subarray(0, n),
    titleCounts: titleCounts.subarray(0, n),
    hasPositions: true,
    paragraphs,
    best: (i) => {
      let best = 0
      let most = 0
      for (const { paragraph, count } of paragraphs(i)) {
        if (count > most) {
          best = paragraph
          most = count
        }
      }
      return best
    },
  }
}

/** Field values compare folded, without diacritics and with spaces collapsed. */
function foldField(value: string): string {
  return value
    .split(/\s+/u)
    .filter(Boolean)
    .map((w) => foldWord(w))
    .join(' ')
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
}

/** The whole value, or a run of whole words of it: "astana" matches "astana, kazakhstan". */
function fieldMatches(candidate: string, wanted: string): boolean {
  if (candidate === wanted) return true
  for (let at = candidate.indexOf(wanted); at >= 0; at = candidate.indexOf(wanted, at + 1)) {
    const before = at === 0 ? '' : candidate[at - 1]!
    const after = candidate[at + wanted.length] ?? ''
    if (!/[\p{L}\p{N}]/u.test(before) && !/[\p{L}\p{N}]/u.test(after)) return true
  }
  return false
}

/** A release dated within [from, to]; a release dated only by month or year counts by its start. */
function dateTest(from: string | null, to: string | null): (doc: SearchDoc) => boolean {
  return (doc) => {
    if (!doc.date) return false
    const start =
      doc.date.length === 4
        ? `${doc.date}-01-01`
        : doc.date.length === 7
          ? `${doc.date}-01`
          : doc.date
    if (from !== null && start < from) return false
    if (to !== null && start > to) return false
    return true
  }
}

/** The docNo of a release in the index (through its cached release column), or null. */
function docNoOf(docs: DocTable, releaseId: string): number | null {
  const { codes, ids } = docs.column('release', (doc) => doc.releaseId)
  const code = ids.get(releaseId)
  if (code === undefined) return null
  const docNo = codes.indexOf(code)
  return docNo < 0 ? null : docNo
}

/** Words "More like this" looks for: the most telling of the text's words. */
const SIMILAR_TERMS = 20
/** Candidates read from the index before choosing (the most frequent in the text). */
const SIMILAR_CANDIDATES = 80

/**
 * "More like this": releases (or paragraphs) sharing the most telling words of `parts` (a
 * release's title and paragraphs, or one paragraph): the words frequent in the text and rare
 * in the archive (tf × idf), looked for with OR and ranked as any search, the source release
 * left out.
 */
export async function searchSimilar(
  source: SearchSource,
  parts: readonly string[],
  options: SearchOptions,
  excludeReleaseId: string,
): Promise<SearchOutcome> {
  const frequency = new Map<string, number>()
  for (const part of parts) {
    queryTokens(part).forEach(({ term, single }) => {
      // Function words and the archive's most frequent words tell nothing, and their postings
      // are the longest to read.
      if (
        COMMON_WORDS.has(term) ||
        single ||
        /^\d+$/u.test(term) ||
        (term.length < 3 && !/[^\p{Script=Latin}\p{Script=Cyrillic}]/u.test(term))
      )
        return
      frequency.set(term, (frequency.get(term) ?? 0) + 1)
    })
  }
  const candidates = [...frequency]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, SIMILAR_CANDIDATES)
  const terms = candidates.map(([t]) => t)
  const counts = source.docCounts
    ? await source.docCounts(terms)
    : new Map([...(await source.termDocs(terms, false))].map(([t, d]) => [t, d.docs.length]))
  const total = Math.max(1, source.docs.size)
  const weighted = candidates.flatMap(([term, tf]) => {
    const docs = counts.get(term) ?? 0
    // A word found in no other release cannot lead to one.
    if (docs < 2) return []
    return [{ term, weight: tf * Math.log(total / docs) }]
  })
  const chosen = weighted.sort((a, b) => b.weight - a.weight).slice(0, SIMILAR_TERMS)
  if (chosen.length === 0) return { ok: true, hits: HitList.EMPTY, terms: [], releaseCount: 0 }
  const root: QueryNode = {
    kind: 'or',
    children: chosen.map(({ term }) => ({ kind: 'word', text: term, prefix: false, exact: true })),
  }
  return search(source, root, options, docNoOf(source.docs, excludeReleaseId))
}
