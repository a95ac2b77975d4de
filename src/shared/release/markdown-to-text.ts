/**
 * Plain text from a Markdown release, and a cheap test for Markdown saved as `.txt`.
 *
 * Parsing is CommonMark (mdast-util-from-markdown, no GFM), then the tree is read for its text:
 * - Headings, paragraphs, list items and blockquote paragraphs are one paragraph each, separated
 *   by a blank line. Ordered list items keep their number ("1. Decides ..."), because the
 *   numbers are part of what resolutions say and cite.
 * - Emphasis markers go, also `**` runs left unpaired by broken emphasis; link text stays (the URL goes), images give their alt text, code keeps
 *   its text (a code block splits into paragraphs only at its blank lines).
 * - Hard-wrapped lines of one paragraph are joined with a space, as Markdown renders them. A
 *   hyphen at a line end is kept and followed by a space: in the White House corpus such
 *   hyphens are real ("low-⏎and middle-income", interrupted words in transcripts), never
 *   wrap-hyphenation, so joining the word halves would corrupt the text.
 * - Raw HTML (the corpus has HTML tables, figures and spans inside Markdown) goes through the
 *   HTML text rules: tags are removed, script and style content is never kept, a table row is
 *   one paragraph. Inline HTML is resolved together with the text around it, so a `<script>`
 *   split over several inline nodes still loses its content.
 * - YAML front matter at the start is removed (see front-matter.ts); `markdownFileToText` also
 *   returns what it declares and puts the declared title first.
 */

import type { Nodes, PhrasingContent, Root, RootContent } from 'mdast'
import { fromMarkdown } from 'mdast-util-from-markdown'
import { splitFrontMatter } from './front-matter'
import { htmlFragmentToParagraphs } from './html-to-text'
import { parseSimpleMarkdown } from './markdown-subset'
import type { DeclaredMetadata } from './metadata/types'

/**
 * Runs of ASCII whitespace that collapsing changes: two or more characters, or one that is not
 * a space. (Matching every single space too would give the same text, only slower.)
 */
const COLLAPSIBLE_WHITESPACE = /[ \t\n\r\f]{2,}|[\t\n\r\f]/g

/** Runs of ASCII whitespace become one space; the ends are trimmed. */
function collapse(text: string): string {
  return text.replace(COLLAPSIBLE_WHITESPACE, ' ').trim()
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

/**
 * Inline content as text, or as HTML (text escaped, raw HTML kept) so that raw tags can be
 * resolved by the HTML parser.
 */
function phrasing(nodes: PhrasingContent[], asHtml: boolean): string {
  const literal = asHtml ? escapeHtml : (text: string) => text
  let out = ''
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
      case 'inlineCode':
        out += literal(node.value)
        break
      case 'html':
        if (asHtml) out += node.value
        break
      case 'break':
        out += ' '
        break
      case 'image':
      case 'imageReference':
        out += literal(node.alt ?? '')
        break
      case 'emphasis':
      case 'strong':
      case 'delete':
      case 'link':
      case 'linkReference':
        out += phrasing(node.children, asHtml)
        break
      default:
        // Footnote references and extension nodes carry no release text.
        break
    }
  }
  return out
}

function containsHtml(nodes: PhrasingContent[]): boolean {
  return nodes.some(
    (node) => node.type === 'html' || ('children' in node && containsHtml(node.children)),
  )
}

function inlineText(nodes: PhrasingContent[]): string {
  if (!containsHtml(nodes)) return collapse(phrasing(nodes, false))
  return collapse(htmlFragmentToParagraphs(phrasing(nodes, true)).join(' '))
}

/** Block nodes being read; `prefix` goes before the first paragraph written inside them. */
type Frame = { nodes: RootContent[]; index: number; prefix: string }

/** Appends the paragraphs of block-level nodes; iterative so deep nesting cannot overflow. */
function writeBlocks(roots: RootContent[], paragraphs: string[]): void {
  const stack: Frame[] = [{ nodes: roots, index: 0, prefix: '' }]
  // An ordered list item's number, waiting for the item's first paragraph.
  let pendingPrefix = ''
  const push = (text: string) => {
    if (!text) return
    paragraphs.push(pendingPrefix + text)
    pendingPrefix = ''
  }

  while (stack.length > 0) {
    const frame = stack[stack.length - 1] as Frame
    if (frame.index === 0 && frame.prefix) pendingPrefix = frame.prefix
    if (frame.index >= frame.nodes.length) {
      if (frame.prefix && pendingPrefix === frame.prefix) pendingPrefix = ''
      stack.pop()
      continue
    }
    const node = frame.nodes[frame.index++] as RootContent
    switch (node.type) {
      case 'heading':
      case 'paragraph':
        push(inlineText(node.children))
        break
      case 'code':
        for (const part of node.value.split(/\n[ \t]*\n/)) push(collapse(part))
        break
      case 'html': {
        // Consecutive HTML blocks are one fragment: a table split by blank lines stays a table.
        let html = node.value
        for (let next = frame.nodes[frame.index]; next?.type === 'html';) {
          html += '\n\n' + next.value
          next = frame.nodes[++frame.index]
        }
        for (const part of htmlFragmentToParagraphs(html)) push(part)
        break
      }
      case 'list': {
        const start = node.start ?? 1
        // Pushed in reverse so that the first item is read first.
        for (let i = node.children.length - 1; i >= 0; i--) {
          const item = node.children[i]
          if (!item) continue
          const prefix = node.ordered ? `${start + i}. ` : ''
          stack.push({ nodes: item.children, index: 0, prefix })
        }
        break
      }
      case 'blockquote':
      case 'listItem':
      case 'footnoteDefinition':
        stack.push({ nodes: node.children, index: 0, prefix: '' })
        break
      case 'table':
        for (const row of node.children) {
          const cells = row.children.map((cell) => inlineText(cell.children))
          push(cells.filter((cell) => cell.length > 0).join(' · '))
        }
        break
      default:
        // Thematic breaks, definitions and front matter nodes carry no release text.
        break
    }
  }
}

/**
 * Removes `**` runs that CommonMark left as literal text because they do not pair up
 * ("**The History: **", where a space before the closing run keeps it from closing). Such runs
 * are broken emphasis, not prose; an escaped `\*\*` in the source is kept as written.
 */
function dropUnpairedStrongMarkers(tree: Root, source: string): void {
  const stack: Nodes[] = [tree]
  while (stack.length > 0) {
    const node = stack.pop() as Nodes
    if (node.type === 'text' && node.value.includes('**')) {
      const start = node.position?.start.offset
      const end = node.position?.end.offset
      const raw = start !== undefined && end !== undefined ? source.slice(start, end) : ''
      if (/(?<!\\)\*\*/.test(raw) && !raw.includes('\\*')) {
        node.value = node.value.replace(/\*\*+/g, ' ')
      }
    } else if ('children' in node) {
      for (const child of node.children) stack.push(child)
    }
  }
}

function blocksToText(markdown: string): string[] {
  // Most releases use only simple Markdown, which the fast reader handles (its tree has the
  // unpaired markers dropped already); the full parser reads everything else.
  let tree = parseSimpleMarkdown(markdown)
  if (!tree) {
    tree = fromMarkdown(markdown)
    dropUnpairedStrongMarkers(tree, markdown)
  }
  const paragraphs: string[] = []
  writeBlocks(tree.children, paragraphs)
  return paragraphs
}

/** Text of a Markdown document: paragraphs separated by one blank line. */
export function markdownToText(markdown: string): string {
  return blocksToText(splitFrontMatter(markdown).body).join('\n\n')
}

/**
 * Text and declared metadata of a Markdown file. When the front matter declares a title and the
 * text does not already start with it, the title becomes the first paragraph, so the importer's
 * "title = first paragraph" rule holds.
 */
export function markdownFileToText(source: string): { text: string; declared: DeclaredMetadata } {
  const { declared, body } = splitFrontMatter(source)
  const paragraphs = blocksToText(body)
  if (declared.title && paragraphs[0] !== declared.title) paragraphs.unshift(declared.title)
  return { text: paragraphs.join('\n\n'), declared }
}

const HEADING_LINE = /^ {0,3}#{1,6}[ \t]+\S/
const FENCE_LINE = /^ {0,3}(?:```|~~~)/
const BULLET_LINE = /^ {0,3}[-*+][ \t]+\S/
/** Pandoc pads bullets to a four-column indent ("-   item"); typed text does not. */
const PADDED_BULLET_LINE = /^ {0,3}[-*+] {3}\S/
const INLINE_LINK = /\[[^\]\n]{1,500}\]\([^()\s]{1,2000}\)/g
const EMPHASIS =
  /\*\*[^*\n]{1,500}\*\*|__[^_\n]{1,500}__|(?<![*\w])\*[^*\s](?:[^*\n]{0,500}[^*\s])?\*(?![*\w])/g
/** Backslash-escaped ASCII punctuation, which Markdown writers (pandoc) emit and prose rarely has. */
const ESCAPE = /\\[!-/:-@[-`{-~]/g
/**
 * A line that starts with an escaped block marker ("\###", "\- ", "12\. ") was written by a
 * Markdown writer keeping that line from becoming a heading or list: decisive on its own.
 */
const ESCAPED_BLOCK_MARKER = /^ {0,3}(?:\\[#>*+-]|\d{1,9}\\[.)])/
/** A line that may start a heading, a fence or a bullet (any line break counts as in `split`). */
const BLOCK_MARKER_LINE = /(?:^|[\r\n]) {0,3}[#`~*+-]/

/**
 * A cheap, conservative guess that a `.txt` file is Markdown. Strong signs are ATX headings,
 * code fences, inline links, `*emphasis*` and `**strong**`, backslash escapes and pandoc's padded bullets
 * ("-   item"); other list bullets are weak signs,
 * because plain-text speeches and resolutions also start lines with dashes. The text counts as
 * Markdown with two strong signs, or one strong sign and two bullet lines, or one line that
 * starts with an escaped block marker. One stray link or bold phrase in a plain text is not
 * enough: a hostile `.txt` with a single `[link](javascript:...)` stays literal text.
 */
export function looksLikeMarkdown(text: string): boolean {
  const sample = text.length > 200_000 ? text.slice(0, 200_000) : text
  // Signs that cannot occur anywhere in the text are not looked for line by line. A plain text
  // usually has no link, emphasis or escape and no line that starts like a block marker.
  const links = sample.includes('](')
  const emphasis = sample.includes('*') || sample.includes('__')
  const escapes = sample.includes('\\')
  if (!links && !emphasis && !escapes && !BLOCK_MARKER_LINE.test(sample)) return false
  let strong = 0
  let bullets = 0
  for (const line of sample.split(/\r\n?|\n/)) {
    if (escapes && ESCAPED_BLOCK_MARKER.test(line)) return true
    if (HEADING_LINE.test(line) || FENCE_LINE.test(line) || PADDED_BULLET_LINE.test(line)) strong++
    else if (BULLET_LINE.test(line)) bullets++
    if (links) strong += countMatches(line, INLINE_LINK)
    if (emphasis) strong += countMatches(line, EMPHASIS)
    if (escapes) strong += countMatches(line, ESCAPE)
    if (strong >= 2 || (strong >= 1 && bullets >= 2)) return true
  }
  return false
}

function countMatches(line: string, pattern: RegExp): number {
  if (line.length < 4) return 0
  pattern.lastIndex = 0
  let count = 0
  while (pattern.exec(line)) count++
  return count
}
