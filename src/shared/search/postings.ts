/**
 * The search index's postings: for each term, the documents, paragraphs and positions it
 * occurs at, in a compact byte form.
 *
 * The index is written in segments, one per indexing step (up to 1,000 releases, search-repo
 * SEGMENT_SIZE). The terms of a segment are spread over BUCKET_COUNT buckets by a hash, and
 * each bucket is two rows:
 *
 * - the head row (key `[bucket, segment]`): per term, its documents with their counts;
 * - the positions row (key `[bucket + BUCKET_COUNT, segment]`): per term, the paragraphs and
 *   positions in each of its documents.
 *
 * A term is looked up by reading its bucket's head rows of every segment, one contiguous key
 * range `[bucket, 0]..[bucket, ∞]`, and its positions rows only when a phrase or paragraph
 * results need them: a word searched over releases reads a few bytes per document, not every
 * position of a word in most of the archive (IndexedDB reads about 100 MB a second here, so
 * bytes read are most of a search's time). Writing a segment is a fixed number of rows, however
 * many terms it has. Each segment is a row more to read per term, so the indexer merges them
 * ten at a time (search-repo `mergeSegments`, with `mergeBucketRows` below).
 *
 * Head of one term in one segment, as unsigned LEB128 varints:
 *   docCount, then per document: docNo - previous docNo (the first: docNo), the term's
 *   occurrences in the document, those in its title, the paragraph where it occurs most (the
 *   first such, a body paragraph before the title), and the byte length of the document's
 *   block in the positions row.
 * Positions of one term in one segment: the blocks of its documents, in order, each:
 *   paragraphCount, then per paragraph: paragraph - previous paragraph - 1 (the first:
 *   paragraph), positionCount, then positions as differences (the first: position).
 * Paragraph 0 is the title; paragraph k is the release's k-th paragraph.
 *
 * A head row: termCount, then per term (in code-unit order): UTF-8 byte length, UTF-8 bytes,
 * head byte length, positions byte length; then the heads of each term, in the same order. A
 * positions row: the positions of each term, in the same order.
 *
 * Common-word pairs (after Lucene's CommonGrams): besides its words, a paragraph is indexed
 * with every pair of adjacent words whose first is a very common word ("and security", "of
 * the"), as the term "and security" at the common word's position. A phrase then reads the
 * pair, about as rare as its other word, instead of every position of "and" in the archive
 * ("international peace and security" is international, peace, "and security").
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
 * WARNING: persisted (the pair terms in every index). The most common words, as folded: the
 * most frequent English and Russian function words. In the corpus's English the fifteen are
 * about a quarter of all words ("the" alone 6.7 %).
 */
export const COMMON_WORDS: ReadonlySet<string> = new Set([
  // English
  'a',
  'and',
  'as',
  'at',
  'by',
  'for',
  'from',
  'in',
  'is',
  'of',
  'on',
  'that',
  'the',
  'to',
  'with',
  // Russian
  'в',
  'для',
  'и',
  'к',
  'на',
  'не',
  'о',
  'по',
  'с',
  'что',
])

/**
 * Whether the index has a pair term for the adjacent words `first` and `second`: when the first
 * is a common word (one pair per common word keeps the index about 40 % larger rather than
 * twice the size; a phrase's common word is read as the pair with the word after it).
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
 * them as bucket rows.
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
      head.varint(block.length)
      entry.positions.append(block.bytes.subarray(0, block.length))
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
   * BUCKET_COUNT), and its words (pair terms left out).
   */
  build(): { buckets: Map<number, Uint8Array>; terms: string[] } {
    const byBucket = new Map<number, string[]>()
    for (const term of this.writers.keys()) {
      const bucket = bucketOf(term)
      const list = byBucket.get(bucket)
      if (list) list.push(term)
      else byBucket.set(bucket, [term])
    }
    const buckets = new Map<number, Uint8Array>()
    for (const [bucket, terms] of byBucket) {
      terms.sort()
      const directory = new ByteWriter(terms.length * 16)
      directory.varint(terms.length)
      const heads = new ByteWriter()
      const positions = new ByteWriter()
      for (const term of terms) {
        const entry = this.writers.get(term)!
        const start = heads.length
        heads.varint(entry.docs)
        heads.append(entry.head.bytes.subarray(0, entry.head.length))
        const name = UTF8_ENCODER.encode(term)
        directory.varint(name.length)
        directory.append(name)
        directory.varint(heads.length - start)
        directory.varint(entry.positions.length)
        positions.append(entry.positions.bytes.subarray(0, entry.positions.length))
      }
      directory.append(heads.bytes.subarray(0, heads.length))
      buckets.set(bucket, directory.result())
      buckets.set(bucket + BUCKET_COUNT, positions.result())
    }
    return { buckets, terms: [...this.writers.keys()].filter((t) => !isPairTerm(t)) }
  }
}

/** Where a term is in a head row: its head, and its bytes in the positions row. */
export type TermEntry = { head: Uint8Array; positionsStart: number; positionsLength: number }

/** A head row's directory: each term's UTF-8 name, with its bytes in the head and positions rows. */
type Directory = {
  names: Uint8Array[]
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
    headStarts: [],
    headLengths: [],
    positionsStarts: [],
    positionsLengths: [],
  }
  for (let i = 0; i < count; i++) {
    const nameLength = reader.varint()
    directory.names.push(row.subarray(reader.at, reader.at + nameLength))
    reader.at += nameLength
    directory.headLengths.push(reader.varint())
    directory.positionsLengths.push(reader.varint())
  }
  let head = reader.at
  let positions = 0
  for (let i = 0; i < count; i++) {
    directory.headStarts.push(head)
    directory.positionsStarts.push(positions)
    head += directory.headLengths[i]!
    positions += directory.positionsLengths[i]!
  }
  if (head !== row.length)
    throw new Error('the search index is damaged: a head row does not add up')
  return directory
}

/** The entry of `term` in a head row, or null when the segment does not have it. */
export function findPostings(row: Uint8Array, term: string): TermEntry | null {
  const directory = readDirectory(row)
  const wanted = UTF8_ENCODER.encode(term)
  const i = directory.names.findIndex((name) => sameBytes(name, wanted))
  if (i < 0) return null
  const headStart = directory.headStarts[i]!
  return {
    head: row.subarray(headStart, headStart + directory.headLengths[i]!),
    positionsStart: directory.positionsStarts[i]!,
    positionsLength: directory.positionsLengths[i]!,
  }
}

/**
 * A term's postings in one segment from its head row and, when given, its positions row; null
 * when the segment does not have the term.
 */
export function sliceOf(
  headRow: Uint8Array,
  positionsRow: Uint8Array | null,
  term: string,
  firstDocNo: number,
): PostingsSlice | null {
  const entry = findPostings(headRow, term)
  if (!entry) return null
  const positions =
    positionsRow &&
    positionsRow.subarray(entry.positionsStart, entry.positionsStart + entry.positionsLength)
  if (positions && positions.length !== entry.positionsLength)
    throw new Error('the search index is damaged: a positions row is shorter than its head says')
  return { head: entry.head, positions, firstDocNo }
}

/** Every term of a head row. */
export function termsOfRow(row: Uint8Array): string[] {
  return readDirectory(row).names.map((name) => UTF8_DECODER.decode(name))
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

/** A term's postings in one segment, not yet decoded; `positions` null when not read. */
export type PostingsSlice = { head: Uint8Array; positions: Uint8Array | null; firstDocNo: number }

/** The paragraphs of one document where a term occurs, with its positions in each. */
export type ParagraphPositions = { paragraph: number; positions: number[] }[]

const NO_BYTES = new Uint8Array(0)

/**
 * A term's documents in docNo order, with how often it occurs in each, in its title, and where
 * it occurs most, in typed arrays (a word in most of 100,000 releases is a few arrays, not
 * hundreds of thousands of numbers on the heap). The paragraphs and positions of a document
 * are decoded only when asked for, and only when they were read (`hasPositions`).
 */
export class TermDocs {
  private readonly blockBytes: Uint8Array[]
  /** Per document: which of `blockBytes` holds its block, and where the block starts. */
  private readonly blockSlice: Uint16Array
  private readonly blockStart: Int32Array

  private constructor(
    readonly docs: Int32Array,
    readonly counts: Int32Array,
    readonly titleCounts: Int32Array,
    /** The paragraph where the term occurs most in each document (the first such). */
    readonly best: Int32Array,
    readonly hasPositions: boolean,
    blockBytes: Uint8Array[],
    blockSlice: Uint16Array,
    blockStart: Int32Array,
  ) {
    this.blockBytes = blockBytes
    this.blockSlice = blockSlice
    this.blockStart = blockStart
  }

  static readonly EMPTY = TermDocs.decode([])

  static decode(slices: readonly PostingsSlice[]): TermDocs {
    let total = 0
    for (const { head } of slices) total += new ByteReader(head).varint()
    const docs = new Int32Array(total)
    const counts = new Int32Array(total)
    const titleCounts = new Int32Array(total)
    const best = new Int32Array(total)
    const blockSlice = new Uint16Array(total)
    const blockStart = new Int32Array(total)
    let d = 0
    slices.forEach(({ head, positions }, s) => {
      const reader = new ByteReader(head)
      const count = reader.varint()
      let doc = slices[s]!.firstDocNo
      let at = 0
      for (let k = 0; k < count; k++, d++) {
        doc += reader.varint()
        docs[d] = doc
        counts[d] = reader.varint()
        titleCounts[d] = reader.varint()
        best[d] = reader.varint()
        blockSlice[d] = s
        blockStart[d] = at
        at += reader.varint()
      }
      if (positions && at !== positions.length)
        throw new Error('the search index is damaged: positions do not add up to their head')
    })
    return new TermDocs(
      docs,
      counts,
      titleCounts,
      best,
      slices.every((s) => s.positions !== null),
      slices.map((s) => s.positions ?? NO_BYTES),
      blockSlice,
      blockStart,
    )
  }

  private blockReader(i: number): ByteReader {
    if (!this.hasPositions) throw new Error('the positions of this term were not read')
    return new ByteReader(this.blockBytes[this.blockSlice[i]!]!, this.blockStart[i]!)
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
   * for `counts[i]` more. A position before `offset` is left out: nothing starts before a
   * paragraph's first token.
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

/** One segment's two rows of a bucket, for merging. */
export type BucketRows = { head: Uint8Array; positions: Uint8Array; firstDocNo: number }

type DirectoryEntry = { head: Uint8Array; positions: Uint8Array }

/** A head row's terms with their head and positions bytes. */
function directoryOf(rows: BucketRows): Map<string, DirectoryEntry> {
  const directory = readDirectory(rows.head)
  const entries = new Map<string, DirectoryEntry>()
  directory.names.forEach((name, i) => {
    const head = directory.headStarts[i]!
    const positions = directory.positionsStarts[i]!
    entries.set(UTF8_DECODER.decode(name), {
      head: rows.head.subarray(head, head + directory.headLengths[i]!),
      positions: rows.positions.subarray(positions, positions + directory.positionsLengths[i]!),
    })
  })
  const last = directory.names.length - 1
  const positionsEnd =
    last < 0 ? 0 : directory.positionsStarts[last]! + directory.positionsLengths[last]!
  if (positionsEnd !== rows.positions.length)
    throw new Error('the search index is damaged: a positions row does not add up')
  return entries
}

/**
 * The rows of one bucket of several segments as the rows of one segment whose documents are
 * numbered from `firstDocNo`: each term's heads one after another (the first document of each
 * part renumbered), its positions likewise. `parts` must be in docNo order, their documents
 * not overlapping.
 */
export function mergeBucketRows(
  parts: readonly BucketRows[],
  firstDocNo: number,
): { head: Uint8Array; positions: Uint8Array } {
  const directories = parts.map(directoryOf)
  const terms = [...new Set(directories.flatMap((d) => [...d.keys()]))].sort()
  const directory = new ByteWriter(terms.length * 16)
  directory.varint(terms.length)
  const heads = new ByteWriter()
  const positions = new ByteWriter()
  for (const term of terms) {
    const start = heads.length
    let docCount = 0
    for (const d of directories) {
      const entry = d.get(term)
      if (entry) docCount += new ByteReader(entry.head).varint()
    }
    heads.varint(docCount)
    let positionsLength = 0
    // The last document written, numbered from firstDocNo (-1 before the first).
    let last = -1
    directories.forEach((d, k) => {
      const entry = d.get(term)
      if (!entry) return
      const reader = new ByteReader(entry.head)
      const count = reader.varint()
      const offset = parts[k]!.firstDocNo - firstDocNo
      let doc = reader.varint()
      const rest = reader.at
      if (offset + doc <= last) throw new Error('segments must be merged in docNo order')
      // A segment numbers its first document from 0, as a merged one does.
      heads.varint(offset + doc - Math.max(last, 0))
      // The rest of the first entry and every later one are copied as they are; their
      // documents are read only to know the part's last.
      for (let i = 0; i < count; i++) {
        if (i > 0) doc += reader.varint()
        for (let field = 0; field < 4; field++) reader.varint()
      }
      heads.append(entry.head.subarray(rest))
      positions.append(entry.positions)
      positionsLength += entry.positions.length
      last = offset + doc
    })
    const name = UTF8_ENCODER.encode(term)
    directory.varint(name.length)
    directory.append(name)
    directory.varint(heads.length - start)
    directory.varint(positionsLength)
  }
  directory.append(heads.bytes.subarray(0, heads.length))
  return { head: directory.result(), positions: positions.result() }
}
