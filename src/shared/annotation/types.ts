/**
 * What the annotation exports and imports work on, independent of how the
 * archive stores it. Offsets are UTF-16 code units (JavaScript string indices).
 */

export type TextQuote = { exact: string; prefix: string; suffix: string }
export type TextPosition = { start: number; end: number }

export type ExchangeTag = {
  id: string
  /** Full path, "Threats/Terrorism". */
  path: string
  name: string
  parentId: string | null
  /** `#rrggbb`. */
  color: string
  description: string
}

export type ExchangeRelease = {
  id: string
  /** sha256 (hex) of the release's reading text: the release's URN is `urn:sha256:<contentHash>`. */
  contentHash: string
  title: string
  /** ISO date (YYYY, YYYY-MM or YYYY-MM-DD) when known. */
  date: string | null
  /** Paragraph keys in order: a paragraph's number is its index here plus one. */
  paragraphKeys: string[]
  tagIds: string[]
}

export type ExchangeAnnotation = {
  /** A UUID, or the IRI an imported annotation came with. */
  id: string
  releaseId: string
  paragraphKey: string
  quote: TextQuote
  position: TextPosition
  color: string
  note: string
  tagIds: string[]
  needsReview: boolean
  createdAt: number
  updatedAt: number
}

/** Tags used on paragraphs, for the codebook's counts. */
export type ExchangeParagraphTags = { releaseId: string; paragraphKey: string; tagIds: string[] }

/** Everything an export of one scope needs. */
export type ExchangeData = {
  /** In words, for titles: "the whole archive", "tag Threats/Terrorism", "3 selected releases". */
  scopeLabel: string
  releases: ExchangeRelease[]
  /** Every tag in the archive (paths need ancestors), not only those in scope. */
  tags: ExchangeTag[]
  annotations: ExchangeAnnotation[]
  paragraphTags: ExchangeParagraphTags[]
  exportedAt: number
}
