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
 */
import { foldWord } from '../text/fold'
import { queryTokens } from '../text/tokens'
import { emptyOccurrences, unionOccurrences, type Occurrences } from './postings'
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
  docs: ReadonlyMap<number, SearchDoc>
  /** Sums of `length` and of paragraph lengths over `docs`, and the paragraph count. */
  totals: { length: number; paragraphs: number }
  /** Each term's occurrences in the index (documents not in `docs` may be among them). */
  occurrences(terms: readonly string[]): Promise<Map<string, Occurrences>>
  /** The releases tagged with the tag at `path` or a tag under it; null when no tag has the path. */
  releasesTagged(path: string): Promise<Set<string> | null>
  /** Releases with at least one annotation, or with a note. */
  releasesWith(what: 'annotation' | 'note'): Promise<Set<string>>
}

export type SearchMode = 'release' | 'paragraph'

export type SearchOptions = { mode: SearchMode; ignoreDiacritics: boolean }

export type SearchHit = {
  doc: SearchDoc
  /** The paragraph the hit is (paragraph results) or shows (release results); 0 is the title. */
  paragraph: number
  score: number
}

export type SearchOutcome =
  | {
      ok: true
      hits: SearchHit[]
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

type Scores = Map<number, number>
type Value =
  { kind: 'hits'; scores: Scores } | { kind: 'filter'; test: (doc: SearchDoc) => boolean }

/** Runs `root` (null: nothing to search) and returns its hits in rank order. */
export async function search(
  source: SearchSource,
  root: QueryNode | null,
  options: SearchOptions,
): Promise<SearchOutcome> {
  const query = root && withoutEmptyWords(root)
  if (!query) return { ok: true, hits: [], terms: [], releaseCount: 0 }
  const run = new Run(source, options)
  try {
    const value = await run.evaluate(query)
    const scores = value.kind === 'hits' ? value.scores : run.universe(value.test)
    return run.rank(scores)
  } catch (error) {
    if (error instanceof QueryError) return { ok: false, message: error.message }
    throw error
  }
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

class Run {
  /** Terms matched by positive words, for highlighting and for choosing a release's paragraph. */
  readonly matched = new Set<string>()
  /** Occurrences of positive words and phrases, for choosing the paragraph a release shows. */
  private readonly shown: Occurrences[] = []
  private hasScores = false

  constructor(
    private readonly source: SearchSource,
    private readonly options: SearchOptions,
  ) {}

  private get isParagraphs(): boolean {
    return this.options.mode === 'paragraph'
  }

  async evaluate(node: QueryNode, negated = false): Promise<Value> {
    switch (node.kind) {
      case 'and':
        return this.and(node.children, negated)
      case 'or': {
        const values = await Promise.all(node.children.map((c) => this.evaluate(c, negated)))
        const union: Scores = new Map()
        for (const value of values) {
          const scores = value.kind === 'hits' ? value.scores : this.universe(value.test)
          for (const [key, score] of scores) union.set(key, (union.get(key) ?? 0) + score)
        }
        return { kind: 'hits', scores: union }
      }
      case 'not': {
        const inner = await this.evaluate(node.child, !negated)
        return this.complement(inner)
      }
      case 'word':
      case 'phrase':
        return { kind: 'hits', scores: await this.text(node, negated) }
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

  private async and(children: readonly QueryNode[], negated: boolean): Promise<Value> {
    const positives: Scores[] = []
    const filters: ((doc: SearchDoc) => boolean)[] = []
    const exclusions: Value[] = []
    const values = await Promise.all(
      children.map((child) =>
        child.kind === 'not'
          ? this.evaluate(child.child, !negated).then((v) => ({ v, excluded: true }))
          : this.evaluate(child, negated).then((v) => ({ v, excluded: false })),
      ),
    )
    for (const { v, excluded } of values) {
      if (excluded) exclusions.push(v)
      else if (v.kind === 'hits') positives.push(v.scores)
      else filters.push(v.test)
    }
    const passes = (doc: SearchDoc) => filters.every((test) => test(doc))
    if (positives.length === 0) {
      const test = (doc: SearchDoc) =>
        passes(doc) && exclusions.every((e) => e.kind === 'filter' && !e.test(doc))
      if (exclusions.every((e) => e.kind === 'filter')) return { kind: 'filter', test }
      const scores = this.universe(passes)
      return { kind: 'hits', scores: this.subtract(scores, exclusions) }
    }
    positives.sort((a, b) => a.size - b.size)
    let result: Scores = new Map()
    const [smallest, ...rest] = positives
    for (const [key, score] of smallest!) {
      let total = score
      let inAll = true
      for (const other of rest) {
        const s = other.get(key)
        if (s === undefined) {
          inAll = false
          break
        }
        total += s
      }
      if (!inAll) continue
      if (filters.length > 0 && !passes(this.docOfKey(key)!)) continue
      result.set(key, total)
    }
    result = this.subtract(result, exclusions)
    return { kind: 'hits', scores: result }
  }

  private subtract(scores: Scores, exclusions: readonly Value[]): Scores {
    if (exclusions.length === 0) return scores
    const out: Scores = new Map()
    for (const [key, score] of scores) {
      const doc = this.docOfKey(key)!
      const excluded = exclusions.some((e) =>
        e.kind === 'filter' ? e.test(doc) : e.scores.has(this.isParagraphs ? key : doc.docNo),
      )
      if (!excluded) out.set(key, score)
    }
    return out
  }

  private complement(value: Value): Value {
    if (value.kind === 'filter') return { kind: 'filter', test: (doc) => !value.test(doc) }
    const all = this.universe(() => true)
    for (const key of value.scores.keys()) all.delete(key)
    return { kind: 'hits', scores: all }
  }

  /** Every release (or paragraph) passing `test`, scored 0. */
  universe(test: (doc: SearchDoc) => boolean): Scores {
    const scores: Scores = new Map()
    for (const doc of this.source.docs.values()) {
      if (!test(doc)) continue
      if (!this.isParagraphs) {
        scores.set(doc.docNo, 0)
        continue
      }
      for (let p = 0; p < doc.paragraphLengths.length; p++) {
        if (doc.paragraphLengths[p]! > 0) scores.set(doc.docNo * PARAGRAPH_SPAN + p, 0)
      }
    }
    return scores
  }

  private docOfKey(key: number): SearchDoc | undefined {
    return this.source.docs.get(this.isParagraphs ? Math.floor(key / PARAGRAPH_SPAN) : key)
  }

  /** A word or phrase: its occurrences, scored. */
  private async text(
    node: QueryNode & { kind: 'word' | 'phrase' },
    negated: boolean,
  ): Promise<Scores> {
    const tokens = queryTokens(node.text)
    if (tokens.length === 0) return new Map()
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
    if (alternatives.some((a) => a.length === 0)) return new Map()
    const occurrences = await this.source.occurrences([...new Set(alternatives.flat())])
    const lists = alternatives.map((terms) =>
      unionOccurrences(terms.map((t) => occurrences.get(t) ?? emptyOccurrences())),
    )
    const found =
      lists.length === 1
        ? lists[0]!
        : phraseOccurrences(
            lists,
            tokens.map((t) => t.offset),
          )
    if (!negated) {
      for (const terms of alternatives) for (const term of terms) this.matched.add(term)
      this.shown.push(found)
      this.hasScores = true
    }
    return this.score(found)
  }

  private score(found: Occurrences): Scores {
    const docs = this.source.docs
    const frequency = new Map<number, number>()
    for (let i = 0; i < found.docOf.length; i++) {
      const doc = docs.get(found.docOf[i]!)
      if (!doc) continue
      const count = found.positionStart[i + 1]! - found.positionStart[i]!
      const weighted = found.paragraph[i] === 0 ? count * TITLE_WEIGHT : count
      const key = this.isParagraphs ? doc.docNo * PARAGRAPH_SPAN + found.paragraph[i]! : doc.docNo
      frequency.set(key, (frequency.get(key) ?? 0) + weighted)
    }
    const units = this.isParagraphs ? this.source.totals.paragraphs : docs.size
    const averageLength = Math.max(
      1,
      this.source.totals.length /
        Math.max(1, this.isParagraphs ? this.source.totals.paragraphs : docs.size),
    )
    const n = frequency.size
    const idf = Math.log(1 + (units - n + 0.5) / (n + 0.5))
    const scores: Scores = new Map()
    for (const [key, tf] of frequency) {
      const doc = this.docOfKey(key)!
      const length = this.isParagraphs
        ? (doc.paragraphLengths[key % PARAGRAPH_SPAN] ?? averageLength)
        : doc.length
      scores.set(key, (idf * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * length) / averageLength)))
    }
    return scores
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
        return { kind: 'filter', test: (doc) => doc.lang === wanted }
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

  rank(scores: Scores): SearchOutcome {
    const docs = this.source.docs
    const keys = [...scores.keys()]
    if (this.hasScores) {
      keys.sort((a, b) => scores.get(b)! - scores.get(a)! || a - b)
    } else {
      // Conditions only: newest first, then in import order.
      keys.sort((a, b) => {
        const da = this.docOfKey(a)!.date ?? ''
        const db = this.docOfKey(b)!.date ?? ''
        return da < db ? 1 : da > db ? -1 : a - b
      })
    }
    const hits: SearchHit[] = []
    const releases = new Set<number>()
    for (const key of keys) {
      const doc = this.docOfKey(key)
      if (!doc) continue
      releases.add(doc.docNo)
      hits.push({
        doc,
        paragraph: this.isParagraphs ? key % PARAGRAPH_SPAN : -1,
        score: scores.get(key)!,
      })
    }
    if (!this.isParagraphs) this.chooseParagraphs(hits)
    void docs
    return { ok: true, hits, terms: [...this.matched], releaseCount: releases.size }
  }

  /** For release results: the paragraph with the most matched words, else the first. */
  private chooseParagraphs(hits: SearchHit[]): void {
    const counts = new Map<number, Map<number, number>>()
    for (const found of this.shown) {
      for (let i = 0; i < found.docOf.length; i++) {
        const doc = found.docOf[i]!
        let perParagraph = counts.get(doc)
        if (!perParagraph) counts.set(doc, (perParagraph = new Map()))
        const p = found.paragraph[i]!
        perParagraph.set(p, (perParagraph.get(p) ?? 0) + 1)
      }
    }
    for (const hit of hits) {
      const perParagraph = counts.get(hit.doc.docNo)
      let best = hit.doc.paragraphLengths.length > 1 ? 1 : 0
      let bestCount = 0
      if (perParagraph) {
        for (const [p, count] of perParagraph) {
          // The title is shown anyway: a body paragraph that matches as much is preferred.
          const weight = p === 0 ? count - 0.5 : count
          if (weight > bestCount || (weight === bestCount && p < best)) {
            best = p
            bestCount = weight
          }
        }
      }
      hit.paragraph = best
    }
  }
}

/**
 * The paragraphs where the tokens occur at their offsets from one another, with the positions
 * of the first token of each match.
 */
export function phraseOccurrences(
  lists: readonly Occurrences[],
  offsets: readonly number[],
): Occurrences {
  const out = emptyOccurrences()
  const cursors = lists.map(() => 0)
  const first = lists[0]!
  for (let i = 0; i < first.docOf.length; i++) {
    const doc = first.docOf[i]!
    const paragraph = first.paragraph[i]!
    let inAll = true
    for (let l = 1; l < lists.length; l++) {
      const list = lists[l]!
      let c = cursors[l]!
      while (
        c < list.docOf.length &&
        (list.docOf[c]! < doc || (list.docOf[c] === doc && list.paragraph[c]! < paragraph))
      ) {
        c++
      }
      cursors[l] = c
      if (c >= list.docOf.length || list.docOf[c] !== doc || list.paragraph[c] !== paragraph) {
        inAll = false
      }
    }
    if (!inAll) continue
    const sets = lists.map((list, l) => {
      const c = l === 0 ? i : cursors[l]!
      return new Set(list.positions.slice(list.positionStart[c]!, list.positionStart[c + 1]!))
    })
    const matches: number[] = []
    for (const start of sets[0]!) {
      const at = start - offsets[0]!
      if (sets.every((set, l) => set.has(at + offsets[l]!))) matches.push(start)
    }
    if (matches.length === 0) continue
    out.docOf.push(doc)
    out.paragraph.push(paragraph)
    out.positions.push(...matches)
    out.positionStart.push(out.positions.length)
  }
  return out
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

/** The docNo and paragraph of a paragraph key (for tests and the UI). */
export function splitParagraphKey(key: number): { docNo: number; paragraph: number } {
  return { docNo: Math.floor(key / PARAGRAPH_SPAN), paragraph: key % PARAGRAPH_SPAN }
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
      if (
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
  const occurrences = await source.occurrences(candidates.map(([t]) => t))
  const total = Math.max(1, source.docs.size)
  const weighted = candidates.flatMap(([term, tf]) => {
    const docs = new Set(occurrences.get(term)?.docOf ?? [])
    // A word found in no other release cannot lead to one.
    if (docs.size < 2) return []
    return [{ term, weight: tf * Math.log(total / docs.size) }]
  })
  const chosen = weighted.sort((a, b) => b.weight - a.weight).slice(0, SIMILAR_TERMS)
  if (chosen.length === 0) return { ok: true, hits: [], terms: [], releaseCount: 0 }
  const root: QueryNode = {
    kind: 'or',
    children: chosen.map(({ term }) => ({ kind: 'word', text: term, prefix: false, exact: true })),
  }
  const outcome = await search(source, root, options)
  if (!outcome.ok) return outcome
  const hits = outcome.hits.filter((h) => h.doc.releaseId !== excludeReleaseId)
  return {
    ok: true,
    hits,
    terms: outcome.terms,
    releaseCount: new Set(hits.map((h) => h.doc.releaseId)).size,
  }
}
