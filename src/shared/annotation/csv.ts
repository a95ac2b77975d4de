/**
 * Annotations as a spreadsheet: one row per annotation, in export order
 * (shared/annotation/order), written by shared/text/csv (UTF-8 with a byte
 * order mark, CRLF, RFC 4180 quoting, cells that would run as formulas
 * defused).
 */
import { toCsv } from '../text/csv'
import { annotationsInOrder, paragraphNumber, tagPathsIn } from './order'
import type { ExchangeData } from './types'
import { annotationIri, releaseUrn } from './w3c'

export const ANNOTATION_CSV_COLUMNS = [
  'Release',
  'Date',
  'Paragraph',
  'Quote',
  'Note',
  'Tags',
  'Colour',
  'Release URN',
  'Annotation id',
] as const

export function annotationsCsv(data: ExchangeData): string {
  const pathsOf = tagPathsIn(data)
  const rows = annotationsInOrder(data).map(({ release, annotation }) => [
    release.title,
    release.date,
    paragraphNumber(release, annotation.paragraphKey),
    annotation.quote.exact,
    annotation.note,
    pathsOf(annotation.tagIds).join('; '),
    annotation.color,
    releaseUrn(release.contentHash),
    // The id the W3C export gives it, so rows and annotations can be matched.
    annotationIri(annotation.id),
  ])
  return toCsv([[...ANNOTATION_CSV_COLUMNS], ...rows])
}
