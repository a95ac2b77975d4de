/**
 * A report of annotated passages grouped by tag, in Markdown, for reading or
 * pasting into a paper: a section per tag (by path, in path order, tags with
 * no passages left out), then "Untagged". Each passage is a blockquote
 * followed by its release, date and paragraph number, and its note.
 *
 * Quotes, notes, titles and tag names are untrusted text: every character
 * Markdown gives a meaning to is escaped, so a quote cannot open a heading, a
 * list, a link, an image, inline HTML or a code block; it reads as it was
 * written.
 */
import {
  annotationsInOrder,
  compareTagPaths,
  paragraphNumber,
  type ReleaseAnnotation,
} from './order'
import type { ExchangeData } from './types'

export function markdownReport(data: ExchangeData): string {
  const rows = annotationsInOrder(data)
  const releaseCount = new Set(rows.map((row) => row.release.id)).size
  const out: string[] = [`# Annotations: ${escapeMarkdown(data.scopeLabel)}`, '']
  out.push(
    rows.length === 0
      ? 'No annotated passages.'
      : `${count(rows.length, 'annotated passage')} in ${count(releaseCount, 'release')}, exported ${new Date(data.exportedAt).toISOString().slice(0, 10)}.`,
  )

  const byTag = new Map<string, ReleaseAnnotation[]>()
  const untagged: ReleaseAnnotation[] = []
  const known = new Set(data.tags.map((tag) => tag.id))
  for (const row of rows) {
    const tagIds = [...new Set(row.annotation.tagIds)].filter((id) => known.has(id))
    if (tagIds.length === 0) untagged.push(row)
    for (const id of tagIds) {
      const list = byTag.get(id) ?? []
      list.push(row)
      byTag.set(id, list)
    }
  }

  for (const tag of [...data.tags].sort(compareTagPaths)) {
    const list = byTag.get(tag.id)
    if (list) out.push('', `## ${escapeMarkdown(tag.path)}`, ...list.flatMap(passage))
  }
  if (untagged.length > 0) out.push('', '## Untagged', ...untagged.flatMap(passage))
  return `${out.join('\n')}\n`
}

function passage({ release, annotation }: ReleaseAnnotation): string[] {
  const source = [`*${escapeMarkdown(release.title)}*`]
  if (release.date) source.push(escapeMarkdown(release.date))
  const number = paragraphNumber(release, annotation.paragraphKey)
  if (number !== null) source.push(`¶ ${number}`)
  const lines = ['', ...blockquote(annotation.quote.exact), '', `— ${source.join(', ')}`]
  if (annotation.needsReview) lines.push('', '*Needs review: the text changed since it was made.*')
  if (annotation.note.trim().length > 0) lines.push('', ...paragraphs(annotation.note))
  return lines
}

function blockquote(text: string): string[] {
  return paragraphs(text).map((line) => (line.length === 0 ? '>' : `> ${line}`))
}

/**
 * Text as Markdown paragraphs: blank lines separate paragraphs, and a single
 * line break stays a line break (a backslash before it).
 */
function paragraphs(text: string): string[] {
  const lines: string[] = []
  const blocks = text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((block) =>
      block
        .split('\n')
        .map(escapeLine)
        .filter((line) => line.length > 0),
    )
    .filter((block) => block.length > 0)
  blocks.forEach((block, index) => {
    if (index > 0) lines.push('')
    block.forEach((line, i) => lines.push(i < block.length - 1 ? `${line}\\` : line))
  })
  return lines
}

/**
 * Escapes the characters Markdown (CommonMark with GitHub's extensions)
 * reads as syntax inside a line: emphasis, code, links and images, inline
 * HTML and entities, headings, tables and strikethrough, and bare URLs that
 * would become links.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]<>#|~&]/g, '\\$&')
    .replace(/:\/\//g, ':\\/\\/')
    .replace(/\bwww\./gi, (www) => `${www.slice(0, 3)}\\.`)
}

/**
 * One line of untrusted text: escaped, without the indentation that would
 * make it code, and with a character that would start a list, a quote or a
 * heading underline at its start escaped.
 */
function escapeLine(line: string): string {
  const escaped = escapeMarkdown(line.trim())
  return escaped.replace(/^[-+=]/, '\\$&').replace(/^(\d+)([.)])/, '$1\\$2')
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`
}
