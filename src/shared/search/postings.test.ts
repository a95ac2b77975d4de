import { describe, expect, it } from 'vitest'
import {
  BUCKET_COUNT,
  ByteReader,
  ByteWriter,
  OWN_ROW_BYTES,
  SegmentBuilder,
  TermDocs,
  bucketOf,
  docCountInRow,
  findPostings,
  mergeBucketRows,
  ownRowKey,
  ownTermsOf,
  sliceOf,
  termsOfRow,
  type BucketRows,
  type PostingsSlice,
  type RowKey,
} from './postings'
import { sliceOfSegment } from './test-support/memory-source'

/** A term's occurrences as flat lists, in (document, paragraph) order. */
type Occurrences = {
  docOf: number[]
  paragraph: number[]
  positionStart: number[]
  positions: number[]
  counts: number[]
  titleCounts: number[]
}

type Rows = Map<RowKey, Uint8Array>

/** A segment of the given documents (title first), numbered 0, 1, 2… */
function segment(...docs: string[][]) {
  return segmentWith(OWN_ROW_BYTES, ...docs)
}

function segmentWith(ownRowBytes: number, ...docs: string[][]) {
  const builder = new SegmentBuilder()
  docs.forEach((parts, docNo) => builder.addDocument(docNo, parts))
  return builder.build(ownRowBytes)
}

/**
 * The occurrences of `term` in a built segment, its documents numbered from `firstDocNo`, read
 * from its positions; the counts read from its head must be the same.
 */
function lookUp(rows: Rows, term: string, firstDocNo = 0): Occurrences | null {
  const positions = sliceOfSegment(rows, term, true, firstDocNo)
  if (!positions) return null
  const docs = TermDocs.decode([positions], true)
  const heads = TermDocs.decode([sliceOfSegment(rows, term, false, firstDocNo)!], false)
  expect(heads.hasPositions).toBe(false)
  expect(Array.from(heads.docs)).toEqual(Array.from(docs.docs))
  expect(Array.from(heads.counts)).toEqual(Array.from(docs.counts))
  expect(Array.from(heads.titleCounts)).toEqual(Array.from(docs.titleCounts))
  expect(Array.from(heads.best)).toEqual(Array.from(docs.best))
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

/** Whether a key is a bucket's head row. */
const isHeadRow = (key: RowKey) => typeof key === 'number' && key < BUCKET_COUNT

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
    const { rows, terms } = segment(
      ['Terrorism', 'We condemn terrorism.', 'No terrorism, no terrorism.'],
      ['Trade', 'Trade grew.'],
      ['Summit', 'Terrorism and trade.'],
    )
    expect(terms).toContain('terrorism')
    expect(lookUp(rows, 'terrorism')).toEqual({
      docOf: [0, 0, 0, 2],
      paragraph: [0, 1, 2, 1],
      positionStart: [0, 1, 2, 4, 5],
      positions: [0, 2, 1, 3, 0],
      counts: [4, 1],
      titleCounts: [1, 0],
    })
    expect(lookUp(rows, 'trade', 1000)).toEqual({
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
    const found = lookUp(builder.build().rows, 'x')
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
    const { rows } = segment(['Astana', 'The SCO met in Astana.'])
    const row = rows.get(bucketOf('astana'))!
    expect(findPostings(row, 'astana')).toMatchObject({ own: false })
    expect(findPostings(row, 'moscow')).toBeNull()
    expect(findPostings(row, 'astan')).toBeNull()
  })

  it('lists the terms of a head row in code-unit order, each in its bucket', () => {
    const { rows, terms } = segment(['Москва', 'SCO 上海 the met'])
    const heads = [...rows].filter(([key]) => isHeadRow(key))
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
    const { rows } = segment(
      ['Regional stability and security'],
      ['strategic stability and security', 'stability, and further of the stability'],
    )
    expect(lookUp(rows, 'and security')).toMatchObject({
      docOf: [0, 1],
      paragraph: [0, 0],
      positions: [2, 2],
    })
    expect(lookUp(rows, 'and further')?.paragraph).toEqual([1])
    expect(lookUp(rows, 'of the')?.positions).toEqual([3])
    expect(lookUp(rows, 'the stability')?.positions).toEqual([4])
    // Only the pair after a common word: not the one before it, nor two uncommon words.
    expect(lookUp(rows, 'stability and')).toBeNull()
    expect(lookUp(rows, 'further of')).toBeNull()
    expect(lookUp(rows, 'strategic stability')).toBeNull()
  })

  it('pairs a frequent word of the corpus as it pairs a function word', () => {
    const { rows } = segment(['International cooperation and security'])
    expect(lookUp(rows, 'international cooperation')).toMatchObject({
      paragraph: [0],
      positions: [0],
    })
    expect(lookUp(rows, 'and security')?.positions).toEqual([2])
    // "cooperation" is frequent, but under 0.2 % of the corpus's English words.
    expect(lookUp(rows, 'cooperation and')).toBeNull()
  })

  it('pairs words only within a paragraph', () => {
    const { rows } = segment(['', 'peace and', 'security'])
    expect(lookUp(rows, 'and security')).toBeNull()
    expect(lookUp(rows, 'peace')?.paragraph).toEqual([1])
  })
})

describe('heads and positions', () => {
  it('gives each document the paragraph where the term occurs most, a body paragraph before the title', () => {
    const { rows } = segment(['Astana', 'astana', 'astana astana', 'x'], ['x', 'astana'])
    const docs = TermDocs.decode([sliceOfSegment(rows, 'astana', false)!], false)
    expect(Array.from(docs.best)).toEqual([2, 1])
    // Worked out from the positions alike.
    expect(Array.from(TermDocs.decode([sliceOfSegment(rows, 'astana', true)!], true).best)).toEqual(
      [2, 1],
    )
    const tie = segment(['Astana', 'astana'])
    expect(
      Array.from(TermDocs.decode([sliceOfSegment(tie.rows, 'astana', false)!], false).best),
    ).toEqual([1])
  })

  it('reads a term without its positions, and refuses to give positions it did not read', () => {
    const { rows } = segment(['Astana', 'The SCO met in Astana.'])
    const docs = TermDocs.decode([sliceOfSegment(rows, 'astana', false, 7)!], false)
    expect(Array.from(docs.docs)).toEqual([7])
    expect(Array.from(docs.counts)).toEqual([2])
    expect(docs.hasPositions).toBe(false)
    expect(() => docs.paragraphs(0)).toThrow('not read')
  })

  it('reads a term from its positions alone, its own rows or not', () => {
    for (const ownRowBytes of [OWN_ROW_BYTES, 1]) {
      const { rows } = segmentWith(ownRowBytes, ['Astana', 'The SCO met in Astana.'], ['Ufa'])
      const head = rows.get(bucketOf('astana'))!
      const positions = sliceOf(
        {
          head,
          positions: rows.get(bucketOf('astana') + BUCKET_COUNT),
          own: rows.get(ownRowKey('astana', 'positions')),
          firstDocNo: 3,
        },
        'astana',
        true,
      )!
      const docs = TermDocs.decode([positions], true)
      expect(Array.from(docs.docs)).toEqual([3])
      expect(docs.paragraphs(0)).toEqual([
        { paragraph: 0, positions: [0] },
        { paragraph: 1, positions: [4] },
      ])
      expect(docs.positionsBound(0)).toBeGreaterThanOrEqual(2)
    }
  })

  it('refuses a positions row that does not match its head', () => {
    const { rows } = segment(['Astana', 'The SCO met in Astana.'])
    const bucket = bucketOf('astana')
    const positions = rows.get(bucket + BUCKET_COUNT)!
    expect(() =>
      sliceOf(
        {
          head: rows.get(bucket)!,
          positions: positions.subarray(0, positions.length - 1),
          firstDocNo: 0,
        },
        'astana',
        true,
      ),
    ).toThrow('damaged')
  })
})

/** Releases (title first) sharing some words, for the own-row and merging tests. */
const TEXTS = [
  ['Astana', 'The SCO met in Astana on peace and security.'],
  ['Qingdao', 'Peace and security, and trade.'],
  ['Sochi', 'Trade grew; the SCO of the region met.'],
  ['Ufa', 'Security and the SCO.', 'Astana and Ufa.'],
  ['Minsk', ''],
  ['Dushanbe', 'Peace. Peace and security in Dushanbe and Astana.'],
]

describe('own rows', () => {
  const docs = TEXTS.slice(0, 3)

  it('give a term its own rows from the set size on, listed in its bucket without bytes', () => {
    const all = segmentWith(1, ...docs).rows
    const none = segment(...docs).rows
    // Two rows per bucket, and with every term on its own, two per term besides.
    const heads = [...all].filter(([key]) => isHeadRow(key))
    const terms = heads.flatMap(([, row]) => termsOfRow(row))
    expect(all.size).toBe(heads.length * 2 + terms.length * 2)
    for (const [bucket, row] of heads) {
      expect(ownTermsOf(row)).toEqual(termsOfRow(row))
      expect(all.get((bucket as number) + BUCKET_COUNT)!.length).toBe(0)
      for (const term of termsOfRow(row))
        expect(findPostings(row, term)).toEqual({
          own: true,
          docCount: new Set(lookUp(none, term)!.docOf).size,
        })
    }
    expect(none.size).toBe(heads.length * 2)
    // The same postings either way.
    for (const term of terms) expect(lookUp(all, term), term).toEqual(lookUp(none, term))
  })

  it('go only to the terms that come to the size', () => {
    const { rows } = segmentWith(20, ...docs)
    const own = [...rows.keys()].filter((key): key is string => typeof key === 'string')
    // "sco" and "peace" are in most documents; a word found once is not.
    expect(own).toContain(ownRowKey('sco', 'positions'))
    expect(own).not.toContain(ownRowKey('qingdao', 'head'))
    expect(lookUp(rows, 'sco')?.docOf).toEqual([0, 2])
    expect(lookUp(rows, 'qingdao')?.docOf).toEqual([1])
  })

  it('leave a term’s document count in its bucket row, so counting reads no other row', () => {
    for (const ownRowBytes of [1, 20, 1_000_000]) {
      const { rows } = segmentWith(ownRowBytes, ...docs)
      for (const [key, row] of rows) {
        if (!isHeadRow(key)) continue
        for (const term of termsOfRow(row))
          expect(docCountInRow(row, term), term).toBe(new Set(lookUp(rows, term)!.docOf).size)
      }
    }
    const { rows } = segmentWith(1, ...docs)
    expect(docCountInRow(rows.get(bucketOf('sco'))!, 'not-in-any-release')).toBe(0)
  })

  it('written before the count was kept say they cannot count without the own rows', () => {
    // One term with own rows, its count 0: the directory as it was written before.
    const row = new ByteWriter()
    row.varint(1)
    const name = new TextEncoder().encode('sco')
    row.varint(name.length)
    row.append(name)
    row.varint(0)
    row.varint(0)
    expect(findPostings(row.result(), 'sco')).toEqual({ own: true, docCount: null })
    expect(docCountInRow(row.result(), 'sco')).toBeNull()
  })

  it('are required when the bucket lists them', () => {
    const { rows } = segmentWith(1, ...docs)
    expect(() =>
      sliceOf({ head: rows.get(bucketOf('sco'))!, firstDocNo: 0 }, 'sco', false),
    ).toThrow('damaged')
  })
})

describe('mergeBucketRows', () => {
  /** Everything a term's postings say, with documents numbered for the whole index. */
  const read = (heads: PostingsSlice[], positions: PostingsSlice[]) => {
    const counted = TermDocs.decode(heads, false)
    const docs = TermDocs.decode(positions, true)
    expect(Array.from(counted.docs)).toEqual(Array.from(docs.docs))
    return Array.from(docs.docs, (doc, i) => ({
      doc,
      count: counted.counts[i],
      title: counted.titleCounts[i],
      best: counted.best[i],
      paragraphs: docs.paragraphs(i),
    }))
  }
  /** A built segment's rows of one bucket, for merging. */
  const partOf = (rows: Rows, bucket: number, firstDocNo: number): BucketRows | null => {
    const head = rows.get(bucket)
    if (!head) return null
    const own = new Map(
      ownTermsOf(head).map((term) => [
        term,
        {
          head: rows.get(ownRowKey(term, 'head'))!,
          positions: rows.get(ownRowKey(term, 'positions'))!,
        },
      ]),
    )
    return { head, positions: rows.get(bucket + BUCKET_COUNT)!, own, firstDocNo }
  }
  /** A term's slices of one part, its head and positions. */
  const slicesOf = (part: BucketRows, term: string) =>
    ([false, true] as const).map((withPositions) =>
      sliceOf(
        {
          head: part.head,
          positions: part.positions,
          own: part.own.get(term)?.[withPositions ? 'positions' : 'head'],
          firstDocNo: part.firstDocNo,
        },
        term,
        withPositions,
      ),
    )

  // Own rows in the parts and in the merged rows, or neither, or some: each must read the same.
  it.each([
    [OWN_ROW_BYTES, OWN_ROW_BYTES],
    [1, OWN_ROW_BYTES],
    [OWN_ROW_BYTES, 1],
    [30, 60],
  ])(
    'reads back as the segments it merged, terms and documents alike (own rows from %i bytes in the parts, %i merged)',
    (partBytes, mergedBytes) => {
      // Three segments, the last after a gap of document numbers (documents indexed elsewhere).
      const plan = [
        { firstDocNo: 0, docs: TEXTS.slice(0, 2) },
        { firstDocNo: 2, docs: TEXTS.slice(2, 5) },
        { firstDocNo: 9, docs: TEXTS.slice(5) },
      ]
      const built = plan.map(({ docs }) => segmentWith(partBytes, ...docs).rows)
      const terms = new Set(
        built.flatMap((rows) =>
          [...rows].filter(([key]) => isHeadRow(key)).flatMap(([, row]) => termsOfRow(row)),
        ),
      )
      expect(terms).toContain('and security')
      for (const term of terms) {
        const bucket = bucketOf(term)
        const parts = plan.flatMap(
          ({ firstDocNo }, k) => partOf(built[k]!, bucket, firstDocNo) ?? [],
        )
        const separate = parts.map((p) => slicesOf(p, term))
        const merged = mergeBucketRows(parts, 0, mergedBytes)
        const together = slicesOf({ ...merged, firstDocNo: 0 }, term)
        expect(read([together[0]!], [together[1]!]), term).toEqual(
          read(
            separate.flatMap(([head]) => head ?? []),
            separate.flatMap(([, positions]) => positions ?? []),
          ),
        )
      }
    },
  )

  it('merges rows already merged, numbered from a later document', () => {
    const a = segment(...TEXTS.slice(0, 3)).rows
    const b = segment(...TEXTS.slice(3)).rows
    const bucket = bucketOf('astana')
    const once = mergeBucketRows([partOf(a, bucket, 100)!, partOf(b, bucket, 103)!], 100)
    const twice = mergeBucketRows([{ ...once, firstDocNo: 100 }], 50)
    const [head, positions] = slicesOf({ ...twice, firstDocNo: 50 }, 'astana')
    expect(Array.from(TermDocs.decode([head!], false).docs)).toEqual([100, 103, 105])
    expect(Array.from(TermDocs.decode([positions!], true).docs)).toEqual([100, 103, 105])
  })

  it('refuses parts out of docNo order', () => {
    const a = segment(...TEXTS.slice(0, 2)).rows
    const bucket = bucketOf('astana')
    expect(() => mergeBucketRows([partOf(a, bucket, 5)!, partOf(a, bucket, 0)!], 0)).toThrow(
      'docNo order',
    )
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
