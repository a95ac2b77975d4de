/**
 * The files an export can make from one scope's data, each with the name and
 * words the export view shows for it.
 */
import { codebookCsv, codebookJson } from '../../../../shared/annotation/codebook'
import { annotationsCsv } from '../../../../shared/annotation/csv'
import { markdownReport } from '../../../../shared/annotation/markdown-report'
import type { ExchangeData } from '../../../../shared/annotation/types'
import { toAnnotationCollection } from '../../../../shared/annotation/w3c'
import type { ExportFormat } from './export-scope'

export type FormatInfo = {
  format: ExportFormat
  label: string
  detail: string
  /** MIME type of the download. */
  type: string
  render: (data: ExchangeData) => string
}

const BOM = '\uFEFF'

export const EXPORT_FORMATS: readonly FormatInfo[] = [
  {
    format: 'jsonld',
    label: 'W3C Web Annotation JSON-LD (.jsonld)',
    detail:
      'Every annotation with its passage, note and tags, in the W3C Web Annotation standard. Communiqué and other annotation tools can import it.',
    type: 'application/ld+json',
    render: (data) => JSON.stringify(toAnnotationCollection(data), null, 2),
  },
  {
    format: 'csv',
    label: 'CSV for Excel (.csv)',
    detail: 'One row per annotation: release, paragraph, passage, note, tags.',
    type: 'text/csv;charset=utf-8',
    // Excel reads a CSV as UTF-8 only when it starts with a byte order mark.
    render: (data) => {
      const csv = annotationsCsv(data)
      return csv.startsWith(BOM) ? csv : BOM + csv
    },
  },
  {
    format: 'markdown',
    label: 'Markdown report, grouped by tag (.md)',
    detail: 'A readable report: for each tag, the passages and paragraphs that carry it.',
    type: 'text/markdown;charset=utf-8',
    render: (data) => markdownReport(data),
  },
  {
    format: 'codebook-csv',
    label: 'Codebook CSV (.csv)',
    detail: 'Every tag with its path, colour, description and how often it is used.',
    type: 'text/csv;charset=utf-8',
    render: (data) => {
      const csv = codebookCsv(data)
      return csv.startsWith(BOM) ? csv : BOM + csv
    },
  },
  {
    format: 'codebook-json',
    label: 'Codebook JSON (.json)',
    detail: 'The same codebook as structured data, for scripts and other tools.',
    type: 'application/json',
    render: (data) => JSON.stringify(codebookJson(data), null, 2),
  },
]
