/**
 * A search index held in memory, built with the same segment code the archive stores, for
 * tests of the engine without a database.
 */
import { DocTable } from '../doc-table'
import type { SearchSource } from '../engine'
import {
  BUCKET_COUNT,
  SegmentBuilder,
  TermDocs,
  bucketOf,
  ownRowKey,
  sliceOf,
  type PostingsSlice,
  type RowKey,
} from '../postings'
import { Vocabulary, vocabularyChunk } from '../vocabulary'

export type MemoryRelease = {
  releaseId: string
  title: string
  paragraphs: string[]
  date?: string | null
  lang?: string | null
  type?: string | null
  place?: string | null
  organisations?: string[]
  countries?: string[]
  persons?: string[]
}

/**
 * A term's head (or positions) in a built segment's rows (SegmentBuilder `build`), from its
 * bucket's rows or its own; null when the segment does not have it.
 */
export function sliceOfSegment(
  rows: ReadonlyMap<RowKey, Uint8Array>,
  term: string,
  withPositions: boolean,
  firstDocNo = 0,
): PostingsSlice | null {
  const bucket = bucketOf(term)
  const head = rows.get(bucket)
  if (!head) return null
  return sliceOf(
    {
      head,
      positions: rows.get(bucket + BUCKET_COUNT),
      own: rows.get(ownRowKey(term, withPositions ? 'positions' : 'head')),
      firstDocNo,
    },
    term,
    withPositions,
  )
}

/**
 * Indexes `releases` in segments of `segmentSize`, as the indexer does (`ownRowBytes`: see
 * postings OWN_ROW_BYTES).
 */
export function memorySource(
  releases: readonly MemoryRelease[],
  segmentSize = 500,
  tags: ReadonlyMap<string, ReadonlySet<string>> = new Map(),
  ownRowBytes?: number,
): SearchSource {
  const vocabulary = new Vocabulary()
  const docs = new DocTable()
  const segments: { firstDocNo: number; rows: Map<RowKey, Uint8Array> }[] = []
  const totals = { length: 0, paragraphs: 0 }
  for (let first = 0; first < releases.length; first += segmentSize) {
    const builder = new SegmentBuilder()
    releases.slice(first, first + segmentSize).forEach((release, i) => {
      const counts = builder.addDocument(i, [release.title, ...release.paragraphs])
      const docNo = first + i
      docs.set(docNo, {
        docNo,
        releaseId: release.releaseId,
        title: release.title,
        date: release.date ?? null,
        lang: release.lang ?? null,
        type: release.type ?? null,
        place: release.place ?? null,
        organisations: release.organisations ?? [],
        countries: release.countries ?? [],
        persons: release.persons ?? [],
        length: counts.length,
        paragraphLengths: counts.paragraphLengths,
      })
      totals.length += counts.length
      totals.paragraphs += counts.paragraphLengths.length
    })
    const { rows, terms } = builder.build(ownRowBytes)
    segments.push({ firstDocNo: first, rows })
    vocabulary.addChunk(vocabularyChunk(terms.filter((t) => !vocabulary.has(t))))
  }
  return {
    vocabulary,
    docs,
    totals,
    termDocs(terms, positions): Promise<Map<string, TermDocs>> {
      const found = new Map<string, TermDocs>()
      for (const term of terms) {
        const slices: PostingsSlice[] = []
        for (const { rows, firstDocNo } of segments) {
          const slice = sliceOfSegment(rows, term, positions, firstDocNo)
          if (slice) slices.push(slice)
        }
        found.set(term, TermDocs.decode(slices, positions))
      }
      return Promise.resolve(found)
    },
    releasesTagged(path) {
      return Promise.resolve(tags.has(path) ? new Set(tags.get(path)) : null)
    },
    releasesWith() {
      return Promise.resolve(new Set<string>())
    },
  }
}
