/**
 * The search index's postings: for each term, the documents, paragraphs and positions it
 * occurs at, in a compact byte form.
 *
 * The index is written in segments, one per indexing step (up to 1,000 releases, search-repo
 * SEGMENT_SIZE), each stored as BUCKET_COUNT rows: the terms of the segment are spread over the
 * buckets by a hash, and one bucket row holds the postings of all its terms. A term is looked up
 * by reading its bucket's rows of every segment, which is one contiguous key range
 * `[bucket, 0]..[bucket, ∞]`: one read, however many segments there are, and writing a segment
 * is a fixed number of rows, however many terms it has (a row per term would be hundreds of
 * thousands of writes per segment, at about 0.1 ms each in IndexedDB).
 *
 * Postings of one term in one segment, as unsigned LEB128 varints:
 *   docCount, then per document: docNo - previous docNo (the first: docNo), the term's
 *   occurrences in the document, those in its title, and the byte length of the document's
 *   paragraph block, then the block: paragraphCount, then per paragraph: paragraph - previous
 *   paragraph - 1 (the first: paragraph), positionCount, then positions as differences (the
 *   first: position).
 * Paragraph 0 is the title; paragraph k is the release's k-th paragraph. Counts come before the
 * block so that a search over releases reads a few numbers per document and skips its
 * positions, which only phrases and paragraph results need, and only for some documents.
 *
 * A bucket row: termCount, then per term (in code-unit order): UTF-8 byte length, UTF-8 bytes,
 * postings byte length; then the postings of each term, in the same order.
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
    { writer: ByteWriter; lastDoc: number; docs: number }
  >()
  private lastDocNo = -1

  /** Indexes one document: `parts[0]` is the title, then the paragraphs. */
  addDocument(docNo: number, parts: readonly string[]): IndexedDocument {
    if (docNo <= this.lastDocNo) throw new Error('documents must be added in increasing order')
    this.lastDocNo = docNo
    // term → flat [paragraph, position, paragraph, position, ...], in order.
    const occurrences = new Map<string, number[]>()
    const paragraphLengths: number[] = []
    let length = 0
    parts.forEach((text, paragraph) => {
      const used = forEachToken(text, (term, _start, _end, position) => {
        const list = occurrences.get(term)
        if (list) list.push(paragraph, position)
        else occurrences.set(term, [paragraph, position])
      })
      paragraphLengths.push(used)
      length += used
    })
    const block = new ByteWriter(256)
    for (const [term, list] of occurrences) {
      let entry = this.writers.get(term)
      if (!entry) {
        entry = { writer: new ByteWriter(), lastDoc: 0, docs: 0 }
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
      for (let i = 0; i < list.length;) {
        const paragraph = list[i]!
        let j = i
        while (j < list.length && list[j] === paragraph) j += 2
        block.varint(paragraph - previousParagraph - 1)
        previousParagraph = paragraph
        block.varint((j - i) / 2)
        let previousPosition = 0
        for (let k = i; k < j; k += 2) {
          block.varint(list[k + 1]! - previousPosition)
          previousPosition = list[k + 1]!
        }
        i = j
      }
      const w = entry.writer
      w.varint(docNo - entry.lastDoc)
      w.varint(list.length / 2)
      w.varint(titleCount)
      w.varint(block.length)
      w.append(block.bytes.subarray(0, block.length))
      entry.lastDoc = docNo
      entry.docs += 1
    }
    return { docNo, length, paragraphLengths }
  }

  get termCount(): number {
    return this.writers.size
  }

  /** The bucket rows of the segment, and its terms. */
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
      const head = new ByteWriter(terms.length * 16)
      head.varint(terms.length)
      const bodies: Uint8Array[] = []
      for (const term of terms) {
        const entry = this.writers.get(term)!
        const postings = new ByteWriter(entry.writer.length + 4)
        postings.varint(entry.docs)
        postings.append(entry.writer.bytes.subarray(0, entry.writer.length))
        const body = postings.result()
        const name = UTF8_ENCODER.encode(term)
        head.varint(name.length)
        head.append(name)
        head.varint(body.length)
        bodies.push(body)
      }
      for (const body of bodies) head.append(body)
      buckets.set(bucket, head.result())
    }
    return { buckets, terms: [...this.writers.keys()] }
  }
}

/** The postings of `term` in one bucket row, or null when the segment does not have it. */
export function findPostings(row: Uint8Array, term: string): Uint8Array | null {
  const reader = new ByteReader(row)
  const count = reader.varint()
  const wanted = UTF8_ENCODER.encode(term)
  let bodyOffset = 0
  let found = -1
  let foundLength = 0
  for (let i = 0; i < count; i++) {
    const nameLength = reader.varint()
    const nameStart = reader.at
    reader.at += nameLength
    const bodyLength = reader.varint()
    if (found < 0 && nameLength === wanted.length && sameBytes(row, nameStart, wanted)) {
      found = bodyOffset
      foundLength = bodyLength
    }
    bodyOffset += bodyLength
  }
  if (found < 0) return null
  return row.subarray(reader.at + found, reader.at + found + foundLength)
}

/** Every term of a bucket row. */
export function termsOfRow(row: Uint8Array): string[] {
  const reader = new ByteReader(row)
  const count = reader.varint()
  const terms: string[] = []
  for (let i = 0; i < count; i++) {
    const nameLength = reader.varint()
    terms.push(UTF8_DECODER.decode(row.subarray(reader.at, reader.at + nameLength)))
    reader.at += nameLength
    reader.varint()
  }
  return terms
}

function sameBytes(row: Uint8Array, at: number, wanted: Uint8Array): boolean {
  for (let i = 0; i < wanted.length; i++) if (row[at + i] !== wanted[i]) return false
  return true
}

/** A term's postings in one segment, not yet decoded. */
export type PostingsSlice = { bytes: Uint8Array; firstDocNo: number }

/** The paragraphs of one document where a term occurs, with its positions in each. */
export type ParagraphPositions = { paragraph: number; positions: number[] }[]

/**
 * A term's documents in docNo order, with how often it occurs in each and in its title, in
 * typed arrays (a word in most of 100,000 releases is three arrays, not 300,000 numbers on the
 * heap). The paragraphs and positions of a document are decoded only when asked for.
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
    slices: Uint8Array[],
    blockSlice: Uint16Array,
    blockStart: Int32Array,
  ) {
    this.blockBytes = slices
    this.blockSlice = blockSlice
    this.blockStart = blockStart
  }

  static readonly EMPTY = TermDocs.decode([])

  static decode(slices: readonly PostingsSlice[]): TermDocs {
    let total = 0
    for (const { bytes } of slices) total += new ByteReader(bytes).varint()
    const docs = new Int32Array(total)
    const counts = new Int32Array(total)
    const titleCounts = new Int32Array(total)
    const blockSlice = new Uint16Array(total)
    const blockStart = new Int32Array(total)
    let d = 0
    slices.forEach(({ bytes, firstDocNo }, s) => {
      const reader = new ByteReader(bytes)
      const count = reader.varint()
      let doc = firstDocNo
      for (let k = 0; k < count; k++, d++) {
        doc += reader.varint()
        docs[d] = doc
        counts[d] = reader.varint()
        titleCounts[d] = reader.varint()
        const length = reader.varint()
        blockSlice[d] = s
        blockStart[d] = reader.at
        reader.at += length
      }
    })
    return new TermDocs(
      docs,
      counts,
      titleCounts,
      slices.map((s) => s.bytes),
      blockSlice,
      blockStart,
    )
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
    const reader = new ByteReader(this.blockBytes[this.blockSlice[i]!]!, this.blockStart[i]!)
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
    const reader = new ByteReader(this.blockBytes[this.blockSlice[i]!]!, this.blockStart[i]!)
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
