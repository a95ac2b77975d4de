import { describe, expect, it } from 'vitest'
import {
  BUCKET_COUNT,
  ByteReader,
  ByteWriter,
  SegmentBuilder,
  TermDocs,
  bucketOf,
  findPostings,
  mergeBucketRows,
  sliceOf,
  termsOfRow,
  type PostingsSlice,
} from './postings'

/** A term's occurrences as flat lists, in (document, paragraph) order. */
type Occurrences = {
  docOf: number[]
  paragraph: number[]
  positionStart: number[]
  positions: number[]
  counts: number[]
  titleCounts: number[]
}

/** A segment of the given documents (title first), numbered 0, 1, 2… */
function segment(...docs: string[][]) {
  const builder = new SegmentBuilder()
  docs.forEach((parts, docNo) => builder.addDocument(docNo, parts))
  return builder.build()
}

/** The occurrences of `term` in a built segment, its documents numbered from `firstDocNo`. */
function lookUp(
  buckets: Map<number, Uint8Array>,
  term: string,
  firstDocNo = 0,
): Occurrences | null {
  const row = buckets.get(bucketOf(term))
  const positions = buckets.get(bucketOf(term) + BUCKET_COUNT) ?? null
  const slice = row ? sliceOf(row, positions, term, firstDocNo) : null
  if (!slice) return null
  const docs = TermDocs.decode([slice])
  const into: Occurrences = {
    docOf: [],
    paragraph: [],
    positionStart: [0],
    positions: [],
    counts: Array.from(docs.counts),
    titleCounts: Array.from(docs.titleCounts),
  }
  docs.docs.forEach((doc, i) => {
    for (const { paragraph, positions } of docs.paragraphs(i)) {
      into.docOf.push(doc)
      into.paragraph.push(paragraph)
      into.positions.push(...positions)
      into.positionStart.push(into.positions.length)
    }
  })
  return into
}

describe('SegmentBuilder', () => {
  it('counts the tokens of each paragraph, the title first', () => {
    const builder = new SegmentBuilder()
    expect(builder.addDocument(0, ['Astana Declaration', 'The SCO met.', '上海合作'])).toEqual({
      docNo: 0,
      length: 9,
      paragraphLengths: [2, 3, 4],
    })
    // Eight words and one common-word pair ("the sco").
    expect(builder.termCount).toBe(9 + 1)
  })

  it('writes postings that read back with documents, paragraphs and positions', () => {
    const { buckets, terms } = segment(
      ['Terrorism', 'We condemn terrorism.', 'No terrorism, no terrorism.'],
      ['Trade', 'Trade grew.'],
      ['Summit', 'Terrorism and trade.'],
    )
    expect(terms).toContain('terrorism')
    expect(lookUp(buckets, 'terrorism')).toEqual({
      docOf: [0, 0, 0, 2],
      paragraph: [0, 1, 2, 1],
      positionStart: [0, 1, 2, 4, 5],
      positions: [0, 2, 1, 3, 0],
      counts: [4, 1],
      titleCounts: [1, 0],
    })
    expect(lookUp(buckets, 'trade', 1000)).toEqual({
      docOf: [1001, 1001, 1002],
      paragraph: [0, 1, 1],
      positionStart: [0, 1, 2, 3],
      positions: [0, 0, 2],
      counts: [2, 1],
      titleCounts: [1, 0],
    })
  })

  it('keeps gaps between document numbers and paragraphs', () => {
    const builder = new SegmentBuilder()
    builder.addDocument(3, ['', 'x'])
    builder.addDocument(70, ['', '', '', '', 'y x'])
    const found = lookUp(builder.build().buckets, 'x')
    expect(found?.docOf).toEqual([3, 70])
    expect(found?.paragraph).toEqual([1, 4])
    expect(found?.positions).toEqual([0, 1])
  })

  it('refuses documents added out of order, or twice', () => {
    const builder = new SegmentBuilder()
    builder.addDocument(5, ['a'])
    expect(() => builder.addDocument(4, ['b'])).toThrow('increasing order')
    expect(() => builder.addDocument(5, ['b'])).toThrow('increasing order')
    expect(builder.addDocument(6, ['c']).docNo).toBe(6)
  })

  it('finds nothing for a term absent from the row', () => {
    const { buckets } = segment(['Astana', 'The SCO met in Astana.'])
    const row = buckets.get(bucketOf('astana'))!
    expect(findPostings(row, 'astana')).not.toBeNull()
    expect(findPostings(row, 'moscow')).toBeNull()
    expect(findPostings(row, 'astan')).toBeNull()
  })

  it('lists the terms of a head row in code-unit order, each in its bucket', () => {
    const { buckets, terms } = segment(['Москва', 'SCO 上海 the met'])
    const heads = [...buckets].filter(([key]) => key < BUCKET_COUNT)
    const all = heads.flatMap(([, row]) => termsOfRow(row))
    // The common-word pairs are in the rows, not among the words the vocabulary gets.
    expect(all.sort()).toEqual(['met', 'sco', 'the', 'the met', 'москва', '上海', '海'])
    expect([...terms].sort()).toEqual(['met', 'sco', 'the', 'москва', '上海', '海'])
    for (const [bucket, row] of heads) {
      const rowTerms = termsOfRow(row)
      expect(rowTerms).toEqual([...rowTerms].sort())
      for (const term of rowTerms) expect(bucketOf(term)).toBe(bucket)
    }
  })
})

describe('common-word pairs', () => {
  it("indexes every common word with the word after it, at the common word's position", () => {
    const { buckets } = segment(
      ['Peace and security'],
      ['international peace and security', 'peace, and more of the peace'],
    )
    expect(lookUp(buckets, 'and security')).toMatchObject({
      docOf: [0, 1],
      paragraph: [0, 0],
      positions: [1, 2],
    })
    expect(lookUp(buckets, 'and more')?.paragraph).toEqual([1])
    expect(lookUp(buckets, 'of the')?.positions).toEqual([3])
    expect(lookUp(buckets, 'the peace')?.positions).toEqual([4])
    // Only the pair after a common word: not the one before it, nor two uncommon words.
    expect(lookUp(buckets, 'peace and')).toBeNull()
    expect(lookUp(buckets, 'more of')).toBeNull()
    expect(lookUp(buckets, 'international peace')).toBeNull()
  })

  it('pairs words only within a paragraph', () => {
    const { buckets } = segment(['', 'peace and', 'security'])
    expect(lookUp(buckets, 'and security')).toBeNull()
    expect(lookUp(buckets, 'peace')?.paragraph).toEqual([1])
  })
})

describe('heads and positions', () => {
  it('gives each document the paragraph where the term occurs most, a body paragraph before the title', () => {
    const { buckets } = segment(['Astana', 'astana', 'astana astana', 'x'], ['x', 'astana'])
    const row = buckets.get(bucketOf('astana'))!
    const docs = TermDocs.decode([sliceOf(row, null, 'astana', 0)!])
    expect(Array.from(docs.best)).toEqual([2, 1])
    const tie = segment(['Astana', 'astana'])
    const tied = TermDocs.decode([
      sliceOf(tie.buckets.get(bucketOf('astana'))!, null, 'astana', 0)!,
    ])
    expect(Array.from(tied.best)).toEqual([1])
  })

  it('reads a term without its positions, and refuses to give positions it did not read', () => {
    const { buckets } = segment(['Astana', 'The SCO met in Astana.'])
    const row = buckets.get(bucketOf('astana'))!
    const docs = TermDocs.decode([sliceOf(row, null, 'astana', 7)!])
    expect(Array.from(docs.docs)).toEqual([7])
    expect(Array.from(docs.counts)).toEqual([2])
    expect(docs.hasPositions).toBe(false)
    expect(() => docs.paragraphs(0)).toThrow('not read')
  })

  it('refuses a positions row that does not match its head', () => {
    const { buckets } = segment(['Astana', 'The SCO met in Astana.'])
    const bucket = bucketOf('astana')
    const positions = buckets.get(bucket + BUCKET_COUNT)!
    expect(() =>
      sliceOf(buckets.get(bucket)!, positions.subarray(0, positions.length - 1), 'astana', 0),
    ).toThrow('damaged')
  })
})

describe('mergeBucketRows', () => {
  const texts = [
    ['Astana', 'The SCO met in Astana on peace and security.'],
    ['Qingdao', 'Peace and security, and trade.'],
    ['Sochi', 'Trade grew; the SCO of the region met.'],
    ['Ufa', 'Security and the SCO.', 'Astana and Ufa.'],
    ['Minsk', ''],
    ['Dushanbe', 'Peace. Peace and security in Dushanbe and Astana.'],
  ]
  /** Everything a term's postings say, with documents numbered for the whole index. */
  const read = (slices: PostingsSlice[]) => {
    const docs = TermDocs.decode(slices)
    return Array.from(docs.docs, (doc, i) => ({
      doc,
      count: docs.counts[i],
      title: docs.titleCounts[i],
      best: docs.best[i],
      paragraphs: docs.paragraphs(i),
    }))
  }

  it('reads back as the segments it merged, terms and documents alike', () => {
    // Three segments, the last after a gap of document numbers (documents indexed elsewhere).
    const plan = [
      { firstDocNo: 0, docs: texts.slice(0, 2) },
      { firstDocNo: 2, docs: texts.slice(2, 5) },
      { firstDocNo: 9, docs: texts.slice(5) },
    ]
    const built = plan.map(({ docs }) => segment(...docs).buckets)
    const terms = new Set(
      plan.flatMap((_, k) =>
        [...built[k]!].filter(([b]) => b < BUCKET_COUNT).flatMap(([, row]) => termsOfRow(row)),
      ),
    )
    expect(terms).toContain('and security')
    for (const term of terms) {
      const bucket = bucketOf(term)
      const parts = plan.flatMap(({ firstDocNo }, k) => {
        const head = built[k]!.get(bucket)
        return head ? [{ head, positions: built[k]!.get(bucket + BUCKET_COUNT)!, firstDocNo }] : []
      })
      const separate = parts.flatMap((p) => sliceOf(p.head, p.positions, term, p.firstDocNo) ?? [])
      const merged = mergeBucketRows(parts, 0)
      const together = sliceOf(merged.head, merged.positions, term, 0)!
      expect(read([together]), term).toEqual(read(separate))
    }
  })

  it('merges rows already merged, numbered from a later document', () => {
    const a = segment(...texts.slice(0, 3)).buckets
    const b = segment(...texts.slice(3)).buckets
    const bucket = bucketOf('astana')
    const rows = (m: Map<number, Uint8Array>, firstDocNo: number) => ({
      head: m.get(bucket)!,
      positions: m.get(bucket + BUCKET_COUNT)!,
      firstDocNo,
    })
    const once = mergeBucketRows([rows(a, 100), rows(b, 103)], 100)
    const twice = mergeBucketRows([{ ...once, firstDocNo: 100 }], 50)
    const docs = TermDocs.decode([sliceOf(twice.head, twice.positions, 'astana', 50)!])
    expect(Array.from(docs.docs)).toEqual([100, 103, 105])
  })

  it('refuses parts out of docNo order', () => {
    const a = segment(...texts.slice(0, 2)).buckets
    const bucket = bucketOf('astana')
    const part = (firstDocNo: number) => ({
      head: a.get(bucket)!,
      positions: a.get(bucket + BUCKET_COUNT)!,
      firstDocNo,
    })
    expect(() => mergeBucketRows([part(5), part(0)], 0)).toThrow('docNo order')
  })
})

describe('ByteWriter and ByteReader', () => {
  const values = [0, 1, 127, 128, 300, 16383, 16384, 2 ** 31, 2 ** 32 + 5, 2 ** 40]

  it('write varints in the fewest bytes and read them back', () => {
    const writer = new ByteWriter(1)
    for (const value of values) writer.varint(value)
    const bytes = writer.result()
    expect(bytes.length).toBe(1 + 1 + 1 + 2 + 2 + 2 + 3 + 5 + 5 + 6)
    const reader = new ByteReader(bytes)
    expect(values.map(() => reader.varint())).toEqual(values)
    expect(reader.at).toBe(bytes.length)
  })

  it('encode as unsigned LEB128', () => {
    const writer = new ByteWriter()
    writer.varint(0)
    writer.varint(127)
    writer.varint(128)
    writer.varint(300)
    expect([...writer.result()]).toEqual([0x00, 0x7f, 0x80, 0x01, 0xac, 0x02])
  })

  it('refuses a number that runs past the end', () => {
    expect(() => new ByteReader(new Uint8Array([0x80, 0x80])).varint()).toThrow('damaged')
    expect(() => new ByteReader(new Uint8Array([5, 0x80]), 1).varint()).toThrow('damaged')
  })
})

describe('bucketOf', () => {
  it('is FNV-1a over the UTF-16 code units, reduced to a bucket', () => {
    // FNV-1a of "a" is 0xe40c292c; of "" the offset basis 0x811c9dc5.
    expect(bucketOf('a')).toBe(0xe40c292c % BUCKET_COUNT)
    expect(bucketOf('')).toBe(0x811c9dc5 % BUCKET_COUNT)
  })

  it('gives the same buckets as every archive already written', () => {
    expect(BUCKET_COUNT).toBe(4096)
    expect(bucketOf('terrorism')).toBe(2022)
    expect(bucketOf('sco')).toBe(980)
    expect(bucketOf('member')).toBe(451)
    expect(bucketOf('организация')).toBe(3137)
    expect(bucketOf('上海')).toBe(1182)
  })

  it('stays within [0, BUCKET_COUNT)', () => {
    for (const term of ['x', 'zzzzzzzzzzzzzzzzzzzzzz', '𠀀𠀁', 'ﬃ', 'ω'.repeat(100)]) {
      const bucket = bucketOf(term)
      expect(Number.isInteger(bucket)).toBe(true)
      expect(bucket).toBeGreaterThanOrEqual(0)
      expect(bucket).toBeLessThan(BUCKET_COUNT)
    }
  })
})
