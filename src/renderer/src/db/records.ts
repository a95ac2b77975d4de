/**
 * The records the archive keeps. Field names are persisted: renaming one
 * needs a schema version with a migration (see db/schema.ts).
 */

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
  /** ISO date (YYYY-MM-DD) of the event or publication, when known. */
  date: string | null
  place: string | null
  /** Kind of document: press release, joint statement, readout, declaration, speech... */
  type: string | null
  /** BCP 47 language tag of the text (en, ru, zh...), when known. */
  lang: string | null
  organisations: string[]
  countries: string[]
  participants: string[]
  /** Documents the release refers to (resolutions, treaties, earlier statements). */
  references: string[]
}

export type ReleaseRecord = ReleaseMetadata & {
  id: string
  /** sha256 of the original bytes; unique: the same bytes are one release. */
  contentHash: string
  sourceFiles: SourceFile[]
  /** Encoding the text was decoded from. */
  encoding: string
  paragraphCount: number
  /** Tags on the release as a whole. */
  tagIds: string[]
  /** Fields the user corrected; a re-import never overwrites them. */
  editedFields: (keyof ReleaseMetadata)[]
  /** The release this one is a newer version of, when it is one. */
  previousVersionId: string | null
  warnings: string[]
  importedAt: number
  updatedAt: number
}

/** The full text of a release, kept apart from the row the library lists. */
export type ReleaseTextRecord = {
  releaseId: string
  /** The decoded text exactly as received (provenance). */
  original: string
}

export type ParagraphRecord = {
  /** Stable id: `${releaseId}:${n}`. Annotations and paragraph tags point at it. */
  id: string
  releaseId: string
  /** 1-based position in the release. */
  n: number
  text: string
  tagIds: string[]
}

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

/** A W3C Web Annotation on a passage of a paragraph. */
export type AnnotationRecord = {
  id: string
  releaseId: string
  paragraphId: string
  /** TextQuoteSelector. */
  quote: { exact: string; prefix: string; suffix: string }
  /** TextPositionSelector into the release's reading text, in UTF-16 code units. */
  position: { start: number; end: number }
  color: string
  note: string
  tagIds: string[]
  /** True when the text changed and the passage could not be placed with confidence. */
  needsReview: boolean
  createdAt: number
  updatedAt: number
}

export type ImportOutcome = 'imported' | 'imported-with-warning' | 'duplicate' | 'rejected'

export type ImportLogRecord = {
  seq?: number
  batchId: string
  at: number
  fileName: string
  outcome: ImportOutcome
  /** Reason for a rejection, or the warnings of an import. */
  message: string
  releaseId: string | null
}

export type SettingRecord = { key: string; value: unknown }
