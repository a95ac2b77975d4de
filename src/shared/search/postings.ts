/**
 * The search index's postings: for each term, the documents, paragraphs and positions it
 * occurs at, in a compact byte form.
 *
 * The index is written in segments, one per indexing step (up to 1,000 releases, search-repo
 * SEGMENT_SIZE). In a segment, each term has two entries:
 *
 * - its head: its documents with their counts, all a word searched over releases reads;
 * - its positions: its documents with the paragraphs and positions in each, all a phrase or
 *   paragraph results read (without the head).
 *
 * The terms of a segment are spread over BUCKET_COUNT buckets by a hash. A bucket is two rows,
 * the head row (key `[bucket, segment]`) and the positions row (key `[bucket + BUCKET_COUNT,
 * segment]`), holding the entries of its small terms one after another. A term whose entries
 * come to OWN_ROW_BYTES or more has rows of its own (keys `[ownRowKey(term, …), segment]`), and
 * the bucket's head row lists it without bytes. A term is read as its bucket's rows of every
 * segment (one key range each) and its own rows (one more): the bucket rows hold only small
 * terms, so a word never reads the postings of a common word that shares its bucket.
 * IndexedDB reads about 100 MB a second here, so bytes read are most of a search's time.
 * Each segment is a row more to read per term, so the indexer merges them ten at a time
 * (search-repo `mergeSegments`, with `mergeBucketRows` below).
 *
 * Head of one term in one segment, as unsigned LEB128 varints:
 *   docCount, then per document: docNo - previous docNo (the first: docNo), the term's
 *   occurrences in the document, those in its title, and the paragraph where it occurs most
 *   (the first such, a body paragraph before the title).
 * Positions of one term in one segment:
 *   docCount, then per document: docNo - previous docNo (as in the head), the byte length of
 *   its block, and the block: paragraphCount, then per paragraph: paragraph - previous
 *   paragraph - 1 (the first: paragraph), positionCount, then positions as differences (the
 *   first: position).
 * Paragraph 0 is the title; paragraph k is the release's k-th paragraph.
 *
 * A head row: termCount, then per term (in code-unit order): UTF-8 byte length, UTF-8 bytes,
 * head byte length, positions byte length; for a term with its own rows, 0 and its document
 * count instead (so counting a common word's documents reads its bucket's row, not its own
 * rows; rows written before the count was kept have 0 there, and a count then reads the own
 * head row); then the heads of each term, in the same order. A positions row: the positions of each term, in the
 * same order. A term's own rows hold its head, and its positions.
 *
 * Common-word pairs (after Lucene's CommonGrams): besides its words, a paragraph is indexed
 * with every pair of adjacent words whose first is a common word ("and security", "of the",
 * "international peace"), as the term "and security" at the common word's position. A phrase
 * then reads the pair, about as rare as its other word, instead of every position of "and" in
 * the archive ("international peace and security" is "international peace", "and security").
 */
import { forEachToken } from '../text/tokens'

/**
 * WARNING: persisted. Changing it needs every archive's index rebuilt (a schema version).
 * A word reads its bucket in every segment: with 4,096 buckets, about a quarter of what 1,024
 * read, which made the bench's queries at 10k about twice as fast (bench/search).
 */
export const BUCKET_COUNT = 4096

/** FNV-1a over the UTF-16 code units of a term, reduced to a bucket. */
export function bucketOf(term: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < term.length; i++) {
    hash ^= term.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return (hash >>> 0) % BUCKET_COUNT
}

/**
 * A term whose head and positions in a segment come to this many bytes has rows of its own.
 * Below it, reading a bucket's neighbours costs less than a row more (about 0.1 ms a row and
 * 10 ms a MB here); above it, a common word's postings would be read with every rare word of
 * its bucket. Not persisted: each segment's head rows say which of their terms have own rows.
 */
export const OWN_ROW_BYTES = 2048

/** The first part of the key of a term's own head or positions row (`[key, segment]`). */
export function ownRowKey(term: string, part: 'head' | 'positions'): string {
  return `${part === 'head' ? 'h' : 'p'}:${term}`
}

/** A row's key in the postings table, less its segment: a bucket's rows, or a term's own. */
export type RowKey = number | string

/** A growable byte buffer written as varints. */
export class ByteWriter {
  bytes: Uint8Array
  length = 0

  constructor(capacity = 16) {
    this.bytes = new Uint8Array(capacity)
  }

  private ensure(extra: number): void {
    if (this.length + extra <= this.bytes.length) return
    let capacity = this.bytes.length * 2
    while (capacity < this.length + extra) capacity *= 2
    const grown = new Uint8Array(capacity)
    grown.set(this.bytes.subarray(0, this.length))
    this.bytes = grown
  }

  varint(value: number): void {
    this.ensure(8)
    let v = value
    while (v >= 0x80) {
      this.bytes[this.length++] = (v % 0x80) | 0x80
      v = Math.floor(v / 0x80)
    }
    this.bytes[this.length++] = v
  }

  append(bytes: Uint8Array): void {
    this.ensure(bytes.length)
    this.bytes.set(bytes, this.length)
    this.length += bytes.length
  }

  result(): Uint8Array {
    return this.bytes.slice(0, this.length)
  }
}

export class ByteReader {
  at: number

  constructor(
    readonly bytes: Uint8Array,
    start = 0,
    readonly end = bytes.length,
  ) {
    this.at = start
  }

  varint(): number {
    let value = 0
    let scale = 1
    for (;;) {
      if (this.at >= this.end)
        throw new Error('the search index is damaged: a number runs past its end')
      const byte = this.bytes[this.at++]!
      value += (byte & 0x7f) * scale
      if (byte < 0x80) return value
      scale *= 0x80
    }
  }
}

const UTF8_ENCODER = new TextEncoder()
const UTF8_DECODER = new TextDecoder()

/**
 * WARNING: persisted (the pair terms in every index). The words indexed paired with the word
 * after them, as folded. First the most frequent English and Russian function words (in the
 * corpus's English the fifteen are about 29 % of all words, "the" alone 6.7 %). Then every other
 * word that is at least 0.2 % of the English or of the Russian words of ../shared/corpus (its
 * paragraphs and titles as the bench pool holds them: 1,734,917 English words, 54,328 Russian;
 * numbers left out). A phrase with any of them reads a pair, far rarer than the word: in 3,000
 * bench releases "international" has 29 KB of positions, "international peace" 3 KB. The same
 * segment is 20.2 MB without pairs, 28.7 MB with the function words' and 33.3 MB with all.
 */
export const COMMON_WORDS: ReadonlySet<string> = new Set([
  // English function words
  ...['a', 'and', 'as', 'at', 'by', 'for', 'from', 'in', 'is', 'of', 'on', 'that', 'the', 'to'],
  'with',
  // Russian function words
  ...['в', 'для', 'и', 'к', 'на', 'не', 'о', 'по', 'с', 'что'],
  // English at 0.2 % or more, most frequent first ("we" 1.02 %, "been" 0.21 %)
  ...['we', 'it', 'i', 's', 'this', 'our', 'are', 'be', 'have', 'united', 'will', 'which'],
  ...['all', 'you', 'has', 'nations', 'their', 'not', 'its', 'president', 'an', 'international'],
  ...['states', 'world', 'people', 'they', 'but', 'countries', 'more', 'security', 'so', 'was'],
  ...['peace', 'been'],
  // Russian at 0.2 % or more ("это" 1.16 %, "было" 0.21 %)
  ...['это', 'мы', 'я', 'у', 'а', 'путин', 'то', 'как', 'нас', 'все', 'за', 'но', 'года'],
  ...['очень', 'которые', 'есть', 'владимир', 'вы', 'чтобы', 'уже', 'конечно', 'владимирович'],
  ...['сейчас', 'из', 'они', 'году', 'сегодня', 'бы', 'так', 'их', 'еще', 'том', 'этом', 'было'],
])

/**
 * Whether the index has a pair term for the adjacent words `first` and `second`: when the first
 * is a common word (one pair per common word rather than per word keeps the index about 65 %
 * larger rather than twice the size; a phrase's common word is read as the pair with the word
 * after it).
 */
export function isIndexedPair(first: string, _second: string): boolean {
  return COMMON_WORDS.has(first)
}

/** The term a pair of adjacent words is indexed as (words never contain a space). */
export function pairTerm(first: string, second: string): string {
  return `${first} ${second}`
}

/** Whether a term is a pair of words rather than a word (not in the vocabulary). */
export function isPairTerm(term: string): boolean {
  return term.includes(' ')
}

/** What indexing one release gives: its token counts, for ranking. */
export type IndexedDocument = {
  docNo: number
  /** Tokens in the title and every paragraph. */
  length: number
  /** Tokens per paragraph, the title first. */
  paragraphLengths: number[]
}

/**
 * Collects the postings of a segment's documents, added in increasing docNo order, and writes
 * them as rows.
 */
export class SegmentBuilder {
  private readonly writers = new Map<
    string,
    { head: ByteWriter; positions: ByteWriter; lastDoc: number; docs: number }
  >()
  private lastDocNo = -1
  private readonly block = new ByteWriter(256)

  /** Indexes one document: `parts[0]` is the title, then the paragraphs. */
  addDocument(docNo: number, parts: readonly string[]): IndexedDocument {
    if (docNo <= this.lastDocNo) throw new Error('documents must be added in increasing order')
    this.lastDocNo = docNo
    // term → flat [paragraph, position, paragraph, position, ...], in order.
    const occurrences = new Map<string, number[]>()
    const add = (term: string, paragraph: number, position: number) => {
      const list = occurrences.get(term)
      if (list) list.push(paragraph, position)
      else occurrences.set(term, [paragraph, position])
    }
    const paragraphLengths: number[] = []
    let length = 0
    parts.forEach((text, paragraph) => {
      let previous = ''
      let previousPosition = -2
      const used = forEachToken(text, (term, _start, _end, position) => {
        add(term, paragraph, position)
        if (previousPosition === position - 1 && isIndexedPair(previous, term))
          add(pairTerm(previous, term), paragraph, previousPosition)
        previous = term
        previousPosition = position
      })
      paragraphLengths.push(used)
      length += used
    })
    const block = this.block
    for (const [term, list] of occurrences) {
      let entry = this.writers.get(term)
      if (!entry) {
        entry = { head: new ByteWriter(), positions: new ByteWriter(), lastDoc: 0, docs: 0 }
        this.writers.set(term, entry)
      }
      block.length = 0
      let paragraphCount = 0
      let titleCount = 0
      for (let i = 0; i < list.length; i += 2) {
        if (i === 0 || list[i] !== list[i - 2]) paragraphCount++
        if (list[i] === 0) titleCount++
      }
      block.varint(paragraphCount)
      let previousParagraph = -1
      let best = 0
      let bestWeight = -1
      for (let i = 0; i < list.length;) {
        const paragraph = list[i]!
        let j = i
        while (j < list.length && list[j] === paragraph) j += 2
        block.varint(paragraph - previousParagraph - 1)
        previousParagraph = paragraph
        const count = (j - i) / 2
        // The title is shown anyway: a body paragraph with as many is preferred to it.
        const weight = paragraph === 0 ? count - 0.5 : count
        if (weight > bestWeight) {
          best = paragraph
          bestWeight = weight
        }
        block.varint(count)
        let previousPosition = 0
        for (let k = i; k < j; k += 2) {
          block.varint(list[k + 1]! - previousPosition)
          previousPosition = list[k + 1]!
        }
        i = j
      }
      const head = entry.head
      head.varint(docNo - entry.lastDoc)
      head.varint(list.length / 2)
      head.varint(titleCount)
      head.varint(best)
      const positions = entry.positions
      positions.varint(docNo - entry.lastDoc)
      positions.varint(block.length)
      positions.append(block.bytes.subarray(0, block.length))
      entry.lastDoc = docNo
      entry.docs += 1
    }
    return { docNo, length, paragraphLengths }
  }

  get termCount(): number {
    return this.writers.size
  }

  /**
   * The segment's rows by key (head rows at their bucket, positions rows at bucket +
   * BUCKET_COUNT, own rows at `ownRowKey`), and its words (pair terms left out).
   */
  build(ownRowBytes = OWN_ROW_BYTES): { rows: Map<RowKey, Uint8Array>; terms: string[] } {
    const byBucket = new Map<number, TermEntries[]>()
    for (const [term, entry] of this.writers) {
      const bucket = bucketOf(term)
      const withCount = (writer: ByteWriter) => {
        const out = new ByteWriter(writer.length + 4)
        out.varint(entry.docs)
        out.append(writer.bytes.subarray(0, writer.length))
        return out.result()
      }
      const entries = { term, head: withCount(entry.head), positions: withCount(entry.positions) }
      const list = byBucket.get(bucket)
      if (list) list.push(entries)
      else byBucket.set(bucket, [entries])
    }
    const rows = new Map<RowKey, Uint8Array>()
    for (const [bucket, entries] of byBucket) {
      const { head, positions, own } = bucketRows(entries, ownRowBytes)
      rows.set(bucket, head)
      rows.set(bucket + BUCKET_COUNT, positions)
      for (const entry of own) {
        rows.set(ownRowKey(entry.term, 'head'), entry.head)
        rows.set(ownRowKey(entry.term, 'positions'), entry.positions)
      }
    }
    return { rows, terms: [...this.writers.keys()].filter((t) => !isPairTerm(t)) }
  }
}

/** A term's head and positions in one segment. */
type TermEntries = { term: string; head: Uint8Array; positions: Uint8Array }

/**
 * A bucket's terms as its head and positions rows, less the terms that come to `ownRowBytes`,
 * which the head row lists without bytes and which get rows of their own.
 */
function bucketRows(
  entries: TermEntries[],
  ownRowBytes: number,
): { head: Uint8Array; positions: Uint8Array; own: TermEntries[] } {
  entries.sort((a, b) => (a.term < b.term ? -1 : a.term > b.term ? 1 : 0))
  const directory = new ByteWriter(entries.length * 16)
  directory.varint(entries.length)
  const heads = new ByteWriter()
  const positions = new ByteWriter()
  const own: TermEntries[] = []
  for (const entry of entries) {
    const name = UTF8_ENCODER.encode(entry.term)
    directory.varint(name.length)
    directory.append(name)
    if (entry.head.length + entry.positions.length >= ownRowBytes) {
      directory.varint(0)
      directory.varint(new ByteReader(entry.head).varint())
      own.push(entry)
      continue
    }
    directory.varint(entry.head.length)
    directory.varint(entry.positions.length)
    heads.append(entry.head)
    positions.append(entry.positions)
  }
  directory.append(heads.bytes.subarray(0, heads.length))
  return { head: directory.result(), positions: positions.result(), own }
}

/**
 * A head row's directory: each term's UTF-8 name, with its bytes in the head and positions
 * rows, or `own` when it has rows of its own.
 */
type Directory = {
  names: Uint8Array[]
  own: boolean[]
  headStarts: number[]
  headLengths: number[]
  positionsStarts: number[]
  positionsLengths: number[]
}

/** Reads a head row's directory (the one reader of that format). */
function readDirectory(row: Uint8Array): Directory {
  const reader = new ByteReader(row)
  const count = reader.varint()
  const directory: Directory = {
    names: [],
    own: [],
    headStarts: [],
    headLengths: [],
    positionsStarts: [],
    positionsLengths: [],
  }
  for (let i = 0; i < count; i++) {
    const nameLength = reader.varint()
    directory.names.push(row.subarray(reader.at, reader.at + nameLength))
    reader.at += nameLength
    const headLength = reader.varint()
    directory.headLengths.push(headLength)
    directory.positionsLengths.push(reader.varint())
    // An entry always has its document count: only a term with own rows has no head here.
    directory.own.push(headLength === 0)
  }
  let head = reader.at
  let positions = 0
  for (let i = 0; i < count; i++) {
    directory.headStarts.push(head)
    directory.positionsStarts.push(positions)
    head += directory.headLengths[i]!
    // A term with own rows has its document count there, no bytes in the positions row.
    if (!directory.own[i]) positions += directory.positionsLengths[i]!
  }
  if (head !== row.length)
    throw new Error('the search index is damaged: a head row does not add up')
  return directory
}

/**
 * Where `term` is in a head row: its head, and its bytes in the positions row, or `own` when
 * it has rows of its own; null when the segment does not have it.
 */
export type TermEntry =
  | { own: false; head: Uint8Array; positionsStart: number; positionsLength: number }
  /** `docCount`: its documents in the segment, or null in rows written before it was kept. */
  | { own: true; docCount: number | null }

export function findPostings(row: Uint8Array, term: string): TermEntry | null {
  const directory = readDirectory(row)
  const wanted = UTF8_ENCODER.encode(term)
  const i = directory.names.findIndex((name) => sameBytes(name, wanted))
  if (i < 0) return null
  if (directory.own[i]) return { own: true, docCount: directory.positionsLengths[i]! || null }
  const headStart = directory.headStarts[i]!
  return {
    own: false,
    head: row.subarray(headStart, headStart + directory.headLengths[i]!),
    positionsStart: directory.positionsStarts[i]!,
    positionsLength: directory.positionsLengths[i]!,
  }
}

/** What one segment has for reading a term: its bucket's rows, and the term's own row. */
export type SegmentRows = {
  /** The bucket's head row. */
  head: Uint8Array
  /** The bucket's positions row (needed when reading positions). */
  positions?: Uint8Array | null
  /** The term's own head row (reading heads) or positions row (reading positions). */
  own?: Uint8Array | null
  firstDocNo: number
}

/**
 * A term's entry in one segment, its head or (`withPositions`) its positions; null when the
 * segment does not have the term.
 */
export function sliceOf(
  rows: SegmentRows,
  term: string,
  withPositions: boolean,
): PostingsSlice | null {
  const entry = findPostings(rows.head, term)
  if (!entry) return null
  if (entry.own) {
    if (!rows.own) throw new Error(`the search index is damaged: the rows of “${term}” are missing`)
    return { bytes: rows.own, firstDocNo: rows.firstDocNo }
  }
  if (!withPositions) return { bytes: entry.head, firstDocNo: rows.firstDocNo }
  if (!rows.positions)
    throw new Error('the search index is damaged: a segment has no positions row')
  const bytes = rows.positions.subarray(
    entry.positionsStart,
    entry.positionsStart + entry.positionsLength,
  )
  if (bytes.length !== entry.positionsLength)
    throw new Error('the search index is damaged: a positions row is shorter than its head says')
  return { bytes, firstDocNo: rows.firstDocNo }
}

/**
 * How many documents of a segment have `term`, from the segment's bucket head row alone: 0
 * when it has none, null when only the term's own head row can say (rows written before own
 * terms' counts were kept).
 */
export function docCountInRow(head: Uint8Array, term: string): number | null {
  const entry = findPostings(head, term)
  if (!entry) return 0
  if (entry.own) return entry.docCount
  return new ByteReader(entry.head).varint()
}

/** Every term of a head row. */
export function termsOfRow(row: Uint8Array): string[] {
  return readDirectory(row).names.map((name) => UTF8_DECODER.decode(name))
}

/** The terms of a head row that have rows of their own. */
export function ownTermsOf(row: Uint8Array): string[] {
  const directory = readDirectory(row)
  return directory.names.flatMap((name, i) => (directory.own[i] ? [UTF8_DECODER.decode(name)] : []))
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

/** A term's head or positions in one segment, not yet decoded. */
export type PostingsSlice = { bytes: Uint8Array; firstDocNo: number }

/** How many documents a slice lists: the count that starts it, the rest not decoded. */
export function docCountOf(slice: PostingsSlice): number {
  return new ByteReader(slice.bytes).varint()
}

/** The paragraphs of one document where a term occurs, with its positions in each. */
export type ParagraphPositions = { paragraph: number; positions: number[] }[]

/** Per document: occurrences, those in the title, and the paragraph where most are. */
type Counts = { counts: Int32Array; titleCounts: Int32Array; best: Int32Array }

/** Where each document's block of positions is. */
type Blocks = {
  bytes: Uint8Array[]
  /** Per document: which of `bytes` holds its block, where the block starts, and its length. */
  slice: Uint16Array
  start: Int32Array
  length: Int32Array
}

/**
 * A term's documents in docNo order, with how often it occurs in each, in its title, and where
 * it occurs most, in typed arrays (a word in most of 100,000 releases is a few arrays, not
 * hundreds of thousands of numbers on the heap). Read from heads, it has those counts and no
 * positions (`hasPositions` false); read from positions, it has the paragraphs and positions of
 * each document, decoded when asked for, and counts it works out from them when first asked.
 */
export class TermDocs {
  private countsOf: Counts | null

  private constructor(
    readonly docs: Int32Array,
    counts: Counts | null,
    private readonly blocks: Blocks | null,
  ) {
    this.countsOf = counts
  }

  static readonly EMPTY = TermDocs.decode([], false)

  /** A term's heads (or, `withPositions`, its positions) of several segments, in docNo order. */
  static decode(slices: readonly PostingsSlice[], withPositions: boolean): TermDocs {
    let total = 0
    for (const { bytes } of slices) total += new ByteReader(bytes).varint()
    const docs = new Int32Array(total)
    if (withPositions) {
      const blocks: Blocks = {
        bytes: slices.map((s) => s.bytes),
        slice: new Uint16Array(total),
        start: new Int32Array(total),
        length: new Int32Array(total),
      }
      let d = 0
      slices.forEach(({ bytes, firstDocNo }, s) => {
        const reader = new ByteReader(bytes)
        const count = reader.varint()
        let at = reader.at
        let doc = firstDocNo
        // Once per document of the term (most of the archive for a common word): the two
        // varints are read here rather than through a reader. Past the end a byte reads as
        // undefined, which ends a number; the check after the loop then fails.
        for (let k = 0; k < count; k++, d++) {
          let byte = bytes[at++]!
          let gap = byte & 0x7f
          for (let scale = 0x80; byte >= 0x80; scale *= 0x80) {
            byte = bytes[at++]!
            gap += (byte & 0x7f) * scale
          }
          byte = bytes[at++]!
          let length = byte & 0x7f
          for (let scale = 0x80; byte >= 0x80; scale *= 0x80) {
            byte = bytes[at++]!
            length += (byte & 0x7f) * scale
          }
          doc += gap
          docs[d] = doc
          blocks.slice[d] = s
          blocks.start[d] = at
          blocks.length[d] = length
          at += length
        }
        if (at !== bytes.length)
          throw new Error('the search index is damaged: positions do not add up')
      })
      return new TermDocs(docs, null, blocks)
    }
    const counts: Counts = {
      counts: new Int32Array(total),
      titleCounts: new Int32Array(total),
      best: new Int32Array(total),
    }
    let d = 0
    for (const { bytes, firstDocNo } of slices) {
      const reader = new ByteReader(bytes)
      const count = reader.varint()
      let doc = firstDocNo
      for (let k = 0; k < count; k++, d++) {
        doc += reader.varint()
        docs[d] = doc
        counts.counts[d] = reader.varint()
        counts.titleCounts[d] = reader.varint()
        counts.best[d] = reader.varint()
      }
      if (reader.at !== bytes.length)
        throw new Error('the search index is damaged: a head does not add up')
    }
    return new TermDocs(docs, counts, null)
  }

  /** Whether `paragraphs` and `keysInto` can answer (the positions were read). */
  get hasPositions(): boolean {
    return this.blocks !== null
  }

  get counts(): Int32Array {
    return this.countsFromBlocks().counts
  }

  get titleCounts(): Int32Array {
    return this.countsFromBlocks().titleCounts
  }

  /** The paragraph where the term occurs most in each document (the first such). */
  get best(): Int32Array {
    return this.countsFromBlocks().best
  }

  private countsFromBlocks(): Counts {
    if (this.countsOf) return this.countsOf
    const n = this.docs.length
    const counts: Counts = {
      counts: new Int32Array(n),
      titleCounts: new Int32Array(n),
      best: new Int32Array(n),
    }
    for (let i = 0; i < n; i++) {
      let total = 0
      let bestWeight = -1
      for (const { paragraph, positions } of this.paragraphs(i)) {
        total += positions.length
        if (paragraph === 0) counts.titleCounts[i] = positions.length
        const weight = paragraph === 0 ? positions.length - 0.5 : positions.length
        if (weight > bestWeight) {
          counts.best[i] = paragraph
          bestWeight = weight
        }
      }
      counts.counts[i] = total
    }
    this.countsOf = counts
    return counts
  }

  private blockReader(i: number): ByteReader {
    const blocks = this.blocks
    if (!blocks) throw new Error('the positions of this term were not read')
    const start = blocks.start[i]!
    return new ByteReader(blocks.bytes[blocks.slice[i]!]!, start, start + blocks.length[i]!)
  }

  /** At least as many as the i-th document's positions (its block's byte length). */
  positionsBound(i: number): number {
    if (!this.blocks) throw new Error('the positions of this term were not read')
    return this.blocks.length[i]!
  }

  /** The index of `docNo` in `docs`, or -1. */
  indexOf(docNo: number): number {
    let low = 0
    let high = this.docs.length - 1
    while (low <= high) {
      const mid = (low + high) >>> 1
      const value = this.docs[mid]!
      if (value === docNo) return mid
      if (value < docNo) low = mid + 1
      else high = mid - 1
    }
    return -1
  }

  /**
   * The positions of the i-th document as keys (paragraph × span + position − offset), in
   * increasing order, written to `out` from `at`; returns where they end. `out` must have room
   * for `positionsBound(i)` more. A position before `offset` is left out: nothing starts before
   * a paragraph's first token.
   */
  keysInto(i: number, span: number, offset: number, out: Float64Array, at: number): number {
    const reader = this.blockReader(i)
    const count = reader.varint()
    let paragraph = -1
    let end = at
    for (let p = 0; p < count; p++) {
      paragraph += reader.varint() + 1
      const n = reader.varint()
      const base = paragraph * span - offset
      let position = 0
      for (let k = 0; k < n; k++) {
        position += reader.varint()
        if (position >= offset) out[end++] = base + position
      }
    }
    return end
  }

  /** The paragraphs and positions of the i-th document. */
  paragraphs(i: number): ParagraphPositions {
    const reader = this.blockReader(i)
    const count = reader.varint()
    const out: ParagraphPositions = []
    let paragraph = -1
    for (let p = 0; p < count; p++) {
      paragraph += reader.varint() + 1
      const n = reader.varint()
      const positions: number[] = []
      let position = 0
      for (let k = 0; k < n; k++) {
        position += reader.varint()
        positions.push(position)
      }
      out.push({ paragraph, positions })
    }
    return out
  }
}

/** One segment's rows of a bucket, with the own rows of its terms that have them, for merging. */
export type BucketRows = {
  head: Uint8Array
  positions: Uint8Array
  /** Term → its own head and positions rows, for every term the head row lists as own. */
  own: ReadonlyMap<string, { head: Uint8Array; positions: Uint8Array }>
  firstDocNo: number
}

/** A head row's terms with their head and positions bytes, from the bucket's or their own rows. */
function entriesOf(rows: BucketRows): Map<string, { head: Uint8Array; positions: Uint8Array }> {
  const directory = readDirectory(rows.head)
  const entries = new Map<string, { head: Uint8Array; positions: Uint8Array }>()
  let positionsEnd = 0
  directory.names.forEach((name, i) => {
    const term = UTF8_DECODER.decode(name)
    if (directory.own[i]) {
      const own = rows.own.get(term)
      if (!own) throw new Error(`the search index is damaged: the rows of “${term}” are missing`)
      entries.set(term, own)
      return
    }
    const head = directory.headStarts[i]!
    const positions = directory.positionsStarts[i]!
    positionsEnd = positions + directory.positionsLengths[i]!
    entries.set(term, {
      head: rows.head.subarray(head, head + directory.headLengths[i]!),
      positions: rows.positions.subarray(positions, positionsEnd),
    })
  })
  if (positionsEnd !== rows.positions.length)
    throw new Error('the search index is damaged: a positions row does not add up')
  return entries
}

/**
 * The rows of one bucket of several segments as the rows of one segment whose documents are
 * numbered from `firstDocNo` (own rows by term, for the terms that come to `ownRowBytes`):
 * each term's heads one after another (the first document of each part renumbered), its
 * positions likewise. `parts` must be in docNo order, their documents not overlapping.
 */
export function mergeBucketRows(
  parts: readonly BucketRows[],
  firstDocNo: number,
  ownRowBytes = OWN_ROW_BYTES,
): {
  head: Uint8Array
  positions: Uint8Array
  own: Map<string, { head: Uint8Array; positions: Uint8Array }>
} {
  const entries = parts.map(entriesOf)
  const terms = [...new Set(entries.flatMap((d) => [...d.keys()]))]
  const merged: TermEntries[] = terms.map((term) => {
    let docCount = 0
    for (const d of entries) {
      const entry = d.get(term)
      if (entry) docCount += new ByteReader(entry.head).varint()
    }
    const heads = new ByteWriter()
    const positions = new ByteWriter()
    heads.varint(docCount)
    positions.varint(docCount)
    // The last document written, numbered from firstDocNo (-1 before the first).
    let last = -1
    entries.forEach((d, k) => {
      const entry = d.get(term)
      if (!entry) return
      const head = new ByteReader(entry.head)
      const count = head.varint()
      let doc = head.varint()
      const headRest = head.at
      const position = new ByteReader(entry.positions)
      if (position.varint() !== count || position.varint() !== doc)
        throw new Error('the search index is damaged: positions do not match their head')
      const offset = parts[k]!.firstDocNo - firstDocNo
      if (offset + doc <= last) throw new Error('segments must be merged in docNo order')
      // A segment numbers its first document from 0, as a merged one does.
      const gap = offset + doc - Math.max(last, 0)
      heads.varint(gap)
      positions.varint(gap)
      // The rest is copied as it is; the head's documents are read only to know the part's
      // last.
      heads.append(entry.head.subarray(headRest))
      positions.append(entry.positions.subarray(position.at))
      for (let i = 0; i < count; i++) {
        if (i > 0) doc += head.varint()
        for (let field = 0; field < 3; field++) head.varint()
      }
      last = offset + doc
    })
    return { term, head: heads.result(), positions: positions.result() }
  })
  const { head, positions, own } = bucketRows(merged, ownRowBytes)
  return {
    head,
    positions,
    own: new Map(own.map((e) => [e.term, { head: e.head, positions: e.positions }])),
  }
}
