/**
 * What the importer extracts from a release's text. Every field is a
 * suggestion: the user may correct any of them, and a correction is never
 * overwritten by a later extraction (see ReleaseRecord.editedFields).
 */

export const DOC_TYPES = [
  'press release',
  'joint press release',
  'joint statement',
  'statement',
  'declaration',
  'communiqué',
  'readout',
  'remarks',
  'speech',
  'resolution',
  'report',
  'other',
] as const

export type DocType = (typeof DOC_TYPES)[number]

/** ISO 639-1 code of the text's main language, or null when it cannot be told. */
export type LanguageCode = 'en' | 'ru' | 'zh' | (string & {})

/**
 * A date mentioned in the text. `iso` is `YYYY-MM-DD`, `YYYY-MM` or `YYYY`
 * (its length is the precision). A range ("5-6 April") keeps its end in `end`.
 * `inferred` is true when the year was not written next to the date and was
 * taken from the rest of the text.
 */
export type DateMention = {
  iso: string
  end: string | null
  /** The phrase as written in the source, e.g. "5-6 April" or "8 мая 2025 года". */
  text: string
  inferred: boolean
}

/** A person the text names, with their role and the country they speak for when given. */
export type Participant = {
  name: string
  role: string | null
  /** Canonical English country name from the gazetteer, or null. */
  country: string | null
}

export type ReferenceKind = 'resolution' | 'treaty' | 'agreement' | 'declaration' | 'document'

/** Another document the release refers to. */
export type Reference = {
  kind: ReferenceKind
  /** Canonical label, e.g. "UN Security Council Resolution 2254" or "Minsk agreements". */
  label: string
  /** The phrase as written. */
  text: string
  /** The document's date when the text gives it ("the Minsk agreements of 12 February 2015"). */
  date: DateMention | null
}

export type ExtractedMetadata = {
  docType: DocType
  language: LanguageCode | null
  /** Every date mentioned, in reading order. */
  dates: DateMention[]
  /** The best candidate for when the event happened. */
  date: DateMention | null
  /** City or venue of the meeting. */
  place: string | null
  /** Canonical short names (acronyms where the organisation has one): "SCO", "UN", "UNODC". */
  organisations: string[]
  /** Canonical English short names: "Russia", "China", "Kazakhstan". */
  countries: string[]
  participants: Participant[]
  references: Reference[]
}

/** Metadata the file itself declares (Markdown front matter, HTML title and meta tags). */
export type DeclaredMetadata = {
  title?: string
  /** ISO date (YYYY-MM-DD, YYYY-MM or YYYY) when the file declares one. */
  date?: string
  place?: string
}
