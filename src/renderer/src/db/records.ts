/**
 * The records the archive keeps. Field names are persisted: renaming one
 * needs a schema version with a migration (see db/schema.ts).
 */
import type { CatalogChunk } from '../../../shared/release/catalog'
import type { SearchDoc } from '../../../shared/search/engine'
import type {
  DateMention,
  DocType,
  Participant,
  Reference,
} from '../../../shared/release/metadata/types'

/** Where a release's bytes came from. A release may be imported from several files over time. */
export type SourceFile = {
  name: string
  byteLength: number
  sha256: string
  encoding: string
  importedAt: number
}

/** Metadata fields the importer extracts and the user may correct. */
export type ReleaseMetadata = {
  title: string
  /**
   * ISO date (YYYY-MM-DD, YYYY-MM or YYYY) of the event, when known: the start
   * of `dateMention`, kept as a string so the library can sort on it.
   */
  date: string | null
  /** The date as found: its phrase, range end, and whether the year was inferred. */
  dateMention: DateMention | null
  /** Every date the text mentions. */
  dates: DateMention[]
  place: string | null
  /** Kind of document: press release, joint statement, readout, declaration, speech... */
  type: DocType | null
  /** ISO 639-1 code of the text's language (en, ru, zh...), when known. */
  lang: string | null
  organisations: string[]
  countries: string[]
  participants: Participant[]
  /** Documents the release refers to (resolutions, treaties, agreements). */
  references: Reference[]
}

export type ReleaseRecord = ReleaseMetadata & {
  id: string
  /** sha256 of the reading text (title and paragraphs); unique: the same text is one release. */
  contentHash: string
  sourceFiles: SourceFile[]
  /** sha256 of every source file's bytes: a file already imported is recognised before parsing. */
  sourceHashes: string[]
  /** Folded title, for finding versions by title. */
  titleKey: string
  /**
   * MinHash signature of the text (shared/release/similarity). The import
   * reads it, with the title key and the source hashes, from the catalog
   * (`catalogChunks`), which can be rebuilt from these rows.
   */
  signature: number[]
  shingleCount: number
  /** Words that mix scripts ("Мember" with a Cyrillic М). */
  mixedScriptWords: string[]
  /** Encoding the text was decoded from. */
  encoding: string
  paragraphCount: number
  /** Fields the user corrected; a re-import never overwrites them. */
  editedFields: (keyof ReleaseMetadata)[]
  /** The release this one is a newer version of, when it is one. */
  previousVersionId: string | null
  /**
   * Releases the user linked as translations of this one (each link is kept on both); absent
   * on releases never linked.
   */
  translationIds?: string[]
  warnings: string[]
  importedAt: number
  updatedAt: number
  /**
   * The paragraphs, their keys and the original text, encoded
   * (shared/release/body). Read them with the releases repository.
   */
  body: Uint8Array
}

/**
 * The catalog's part of one import batch (shared/release/catalog): the title
 * keys, signatures and bands of the releases it added, and the source files it
 * gave releases. The import's writer loads them all to judge new files.
 */
export type CatalogChunkRecord = CatalogChunk & { seq?: number }

export type TagRecord = {
  id: string
  name: string
  parentId: string | null
  /** Full path such as "Threats/Terrorism"; unique. */
  path: string
  color: string
  description: string
  createdAt: number
}

/**
 * Where a release is in the import order: one small row per release, written
 * with it. The library lists and selects releases by these rows.
 */
export type ReleaseOrderRecord = {
  id: string
  importedAt: number
}

/**
 * One tag on one release as a whole: the key is `[tagId, releaseId]`, so a
 * tag's releases are a key range, and the `releaseId` index gives a release's
 * tags. Tagging writes these small rows, never the release with its text.
 */
export type ReleaseTagRecord = {
  tagId: string
  releaseId: string
  taggedAt: number
}

/**
 * The tags on one paragraph. Its id is the paragraph's id (releases-repo
 * `paragraphIdFor`: the release and the paragraph's text-derived key), so it
 * stays on its paragraph whatever is inserted before it.
 */
export type ParagraphTagsRecord = {
  id: string
  releaseId: string
  paragraphKey: string
  tagIds: string[]
  updatedAt: number
}

/**
 * A W3C Web Annotation on a passage of a paragraph: a highlight, a note and
 * tags. Offsets are UTF-16 code units (JavaScript string indices) everywhere.
 */
export type AnnotationRecord = {
  /** A UUID for annotations made here; an imported annotation keeps its own IRI. */
  id: string
  releaseId: string
  paragraphId: string
  /** TextQuoteSelector: the passage, with up to 32 code units of context either side. */
  quote: { exact: string; prefix: string; suffix: string }
  /**
   * TextPositionSelector into the release's reading text (shared/annotation/reading-text:
   * the title and the paragraphs joined by blank lines, the text the content hash is of),
   * in UTF-16 code units.
   */
  position: { start: number; end: number }
  /** Highlight colour, `#rrggbb`. */
  color: string
  note: string
  tagIds: string[]
  /** True when the text changed and the passage could not be placed with confidence. */
  needsReview: boolean
  /** Why it needs review, in words, when it does. */
  reviewReason?: string | null
  /** The annotation on an earlier version this one was carried over from. */
  carriedFrom?: string | null
  createdAt: number
  updatedAt: number
}

export type ImportOutcome =
  'imported' | 'imported-with-warning' | 'duplicate' | 'version' | 'rejected'

/** One file's outcome in one import. */
export type ImportLogEntry = {
  fileName: string
  outcome: ImportOutcome
  /** Reason for a rejection, what a duplicate or version is of, or the warnings of an import. */
  message: string
  releaseId: string | null
  /** How many words mix scripts in the imported text. */
  mixedScriptWords: number
}

/**
 * The outcomes of one import batch, in the order of its files. Chunk 0 holds
 * the files the source could not read; batch k is chunk k + 1.
 */
export type ImportLogChunkRecord = {
  /** The import (ImportReportRecord.id). */
  importId: string
  chunk: number
  at: number
  entries: ImportLogEntry[]
}

/** One import: where it came from, how it ended, its counts. Its files are in importLogChunks. */
export type ImportReportRecord = {
  id: string
  /** What was imported, in words: "bad/", "3 files", "Watched folder". */
  source: string
  startedAt: number
  finishedAt: number | null
  status: 'running' | 'done' | 'cancelled' | 'failed'
  /** Files the import was given. */
  total: number
  counts: Record<ImportOutcome, number>
  /** Words mixing scripts across the imported files. */
  mixedScriptWords: number
  error: string | null
}

export type SettingRecord = { key: string; value: unknown }

/**
 * A release as the search index knows it (shared/search/engine `SearchDoc`): one row per
 * indexing of a release. When the release changes or goes, its row is marked `dead` and a
 * re-indexing, if any, is a new document; `seq` orders every such write, so a reader of the
 * index catches up by reading the rows above the last `seq` it saw.
 */
export type SearchDocRecord = SearchDoc & {
  seq: number
  dead: boolean
}

/** The live document of an indexed release. A release without one is waiting to be indexed. */
export type SearchIndexedRecord = { releaseId: string; docNo: number }

/**
 * One row of one segment of the index (shared/search/postings): the heads or positions of the
 * segment's small terms that hash to a bucket, or one large term's, for documents numbered from
 * `firstDocNo`.
 */
export type SearchPostingsRecord = {
  /** A bucket's head or positions row, or a term's own row (shared/search/postings `RowKey`). */
  bucket: number | string
  segment: number
  firstDocNo: number
  data: Uint8Array
}

/** Terms new to the index, with their diacritic-free and stemmed forms (shared/search/vocabulary). */
export type SearchVocabularyRecord = {
  seq?: number
  terms: string[]
  bares: string[]
  stems: string[]
}

/** A segment of the search index: its number and the documents it numbers. */
export type SearchSegment = { segment: number; firstDocNo: number; docCount: number }

/**
 * The index's counters (the next document, segment and change numbers), its segments, and the
 * merge under way if any (search-repo `mergeSegments`).
 */
export type SearchCountersRecord = {
  key: 'counters'
  nextDocNo: number
  nextSegment: number
  nextSeq: number
  segments?: SearchSegment[]
  merge?: { from: SearchSegment[]; into: SearchSegment }
}

/** A search kept in the sidebar: a live collection. */
export type SavedSearchRecord = {
  id: string
  name: string
  query: string
  mode: 'release' | 'paragraph'
  createdAt: number
}
