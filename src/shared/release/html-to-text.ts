/**
 * Plain text and declared metadata from a saved web page.
 *
 * Imported HTML is untrusted. It is only ever parsed into a tree (htmlparser2, no DOM) and read
 * for its text: nothing is executed, no URL is resolved or fetched, and entities are decoded to
 * characters, so `&lt;script&gt;` in a paragraph comes out as the visible text "<script>".
 *
 * What counts as the release:
 * - The article is the largest top-level `<article>` (related-news teasers are articles too; the
 *   release is the one with the most text), else `<main>`, else `[role=main]`, else `<body>`,
 *   else the whole document minus `<head>`.
 * - Always dropped, wherever they sit: scripts, styles, embedded objects and media, forms and
 *   controls, `nav`, `aside`, `footer`, landmark roles for navigation, banner, site info,
 *   complementary content and search, and hidden elements (`hidden`, `aria-hidden="true"`,
 *   inline `display:none` / `visibility:hidden`).
 * - `<header>` is dropped only as the page banner. A header inside `article`, `main` or
 *   `section` is the article's own header (its h1 and dateline) and is kept, as the HTML
 *   landmark rules have it.
 * - Images contribute nothing: alt text on news sites is photo captions or file names.
 *
 * Output: paragraphs separated by a blank line, each on one line with ASCII whitespace collapsed
 * (no-break spaces are left for the normaliser). Headings, list items and table rows are one
 * paragraph each; table cells are joined with " · "; ordered list items keep their number
 * ("1. Decides ..."), because resolutions cite them. `<br>` becomes a space.
 *
 * Title: the article's first `<h1>`, moved to the front if something precedes it. Without an
 * h1, `og:title`, else `<title>` minus a site name: the `og:site_name` when the title carries it,
 * else the last part after a spaced " | ", " — " or " – " when that part is the shorter one.
 * That title becomes the first paragraph unless the text already starts with it.
 */

import { DomUtils, ElementType, parseDocument } from 'htmlparser2'
import { isoDateFromDeclared } from './front-matter'
import type { DeclaredMetadata } from './metadata/types'

type HtmlNode = Parameters<typeof DomUtils.getChildren>[0]
type HtmlElement = Parameters<typeof DomUtils.getAttributeValue>[0]

function isElement(node: HtmlNode): node is HtmlElement {
  return ElementType.isTag(node) && 'attribs' in node
}

/** The text of a text node, or null for any other node. */
function textData(node: HtmlNode): string | null {
  return node.type === ElementType.Text && 'data' in node ? node.data : null
}

export type HtmlText = { text: string; declared: DeclaredMetadata }

/** Elements whose content is never release text. */
const DROPPED = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'frame',
  'frameset',
  'noframes',
  'object',
  'embed',
  'applet',
  'svg',
  'math',
  'canvas',
  'audio',
  'video',
  'picture',
  'map',
  'nav',
  'aside',
  'footer',
  'form',
  'button',
  'select',
  'textarea',
  'input',
  'datalist',
  'dialog',
  'menu',
  'head',
  'title',
  'meta',
  'link',
  'base',
  'img',
])

const DROPPED_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'complementary', 'search'])

/** Sectioning elements in which a `<header>` belongs to the content rather than the site. */
const SECTIONING = new Set(['article', 'main', 'section'])

const BLOCK = new Set([
  'address',
  'article',
  'blockquote',
  'body',
  'caption',
  'center',
  'dd',
  'details',
  'dir',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'html',
  'legend',
  'li',
  'main',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
])

/**
 * Runs of ASCII whitespace that collapsing changes: two or more characters, or one that is not
 * a space. (Matching every single space too would give the same text, only slower.)
 */
const COLLAPSIBLE_WHITESPACE = /[ \t\n\r\f]{2,}|[\t\n\r\f]/g

/** Runs of ASCII whitespace become one space; the ends are trimmed. */
function collapse(text: string): string {
  return text.replace(COLLAPSIBLE_WHITESPACE, ' ').trim()
}

function attr(element: HtmlElement, name: string): string | undefined {
  return element.attribs[name]
}

function isHidden(element: HtmlElement): boolean {
  if (attr(element, 'hidden') !== undefined && attr(element, 'hidden') !== 'until-found') {
    return true
  }
  if ((attr(element, 'aria-hidden') ?? '').trim().toLowerCase() === 'true') return true
  const style = (attr(element, 'style') ?? '').toLowerCase().replace(/\s+/g, '')
  return /(?:^|;)(?:display:none|visibility:hidden)/.test(style)
}

function isDropped(element: HtmlElement, inSection: boolean): boolean {
  const name = element.name.toLowerCase()
  if (DROPPED.has(name)) return true
  if (name === 'header' && !inSection) return true
  const role = (attr(element, 'role') ?? '').trim().toLowerCase()
  if (role && role.split(/\s+/).some((r) => DROPPED_ROLES.has(r))) return true
  return isHidden(element)
}

/**
 * Collects paragraphs while the tree is walked. Inside a table row every block boundary is a
 * space, so one row stays one paragraph; a row nested in a cell is inlined into that cell.
 */
class ParagraphWriter {
  readonly paragraphs: string[] = []
  /** Index in `paragraphs` of the first h1, or -1. */
  firstH1 = -1
  /** The `datetime` values of the `<time>` elements in the text, in reading order. */
  readonly timeValues: string[] = []
  private buffer = ''
  private readonly rows: { cells: string[]; saved: string }[] = []
  private preDepth = 0

  get inRow(): boolean {
    return this.rows.length > 0
  }

  get inPre(): boolean {
    return this.preDepth > 0
  }

  text(data: string): void {
    this.buffer += data
  }

  blockBoundary(): void {
    if (this.inRow) {
      this.buffer += ' '
      return
    }
    if (this.inPre) {
      this.buffer += '\n\n'
      return
    }
    const paragraph = collapse(this.buffer)
    if (paragraph) this.paragraphs.push(paragraph)
    this.buffer = ''
  }

  startRow(): void {
    this.blockBoundary()
    this.rows.push({ cells: [], saved: this.buffer })
    this.buffer = ''
  }

  startCell(): void {
    this.buffer = ''
  }

  endCell(): void {
    const row = this.rows[this.rows.length - 1]
    if (!row) return
    const cell = collapse(this.buffer)
    if (cell) row.cells.push(cell)
    this.buffer = ''
  }

  endRow(): void {
    const row = this.rows.pop()
    if (!row) return
    // Text inside the row but outside any cell (malformed markup) is kept as a last cell.
    const stray = collapse(this.buffer)
    if (stray) row.cells.push(stray)
    const line = row.cells.join(' · ')
    this.buffer = row.saved
    if (this.inRow) {
      this.buffer += ` ${line} `
    } else {
      this.blockBoundary()
      if (line) this.paragraphs.push(line)
    }
  }

  startPre(): void {
    this.blockBoundary()
    this.preDepth++
  }

  endPre(): void {
    this.preDepth--
    if (this.preDepth > 0 || this.inRow) return
    // Preformatted text keeps its paragraph breaks (blank lines) but not its line breaks.
    for (const part of this.buffer.split(/\n[ \t\r\f]*\n/)) {
      const paragraph = collapse(part)
      if (paragraph) this.paragraphs.push(paragraph)
    }
    this.buffer = ''
  }

  startH1(): void {
    this.blockBoundary()
  }

  endH1(): void {
    const before = this.paragraphs.length
    this.blockBoundary()
    if (this.firstH1 === -1 && this.paragraphs.length > before) this.firstH1 = before
  }

  finish(): string[] {
    while (this.rows.length > 0) this.endRow()
    while (this.preDepth > 0) this.endPre()
    this.blockBoundary()
    return this.paragraphs
  }
}

type WalkStep = { node: HtmlNode; exit: boolean; inSection: boolean }

/**
 * Walks the tree with an explicit stack, so a hostile page nested thousands of levels deep
 * cannot overflow the call stack.
 */
function writeNodes(roots: HtmlNode[], writer: ParagraphWriter, inSection: boolean): void {
  const stack: WalkStep[] = []
  for (let i = roots.length - 1; i >= 0; i--) {
    stack.push({ node: roots[i] as HtmlNode, exit: false, inSection })
  }
  const listCounters = new Map<HtmlElement, number>()

  while (stack.length > 0) {
    const step = stack.pop() as WalkStep
    const node = step.node
    const data = textData(node)
    if (data !== null) {
      writer.text(data)
      continue
    }
    if (!isElement(node)) continue // comments, CDATA, doctype
    const name = node.name.toLowerCase()

    if (step.exit) {
      leaveElement(name, writer)
      continue
    }
    if (isDropped(node, step.inSection)) continue
    if (name === 'br') {
      writer.text(' ')
      continue
    }
    enterElement(node, name, writer, listCounters)
    stack.push({ node, exit: true, inSection: step.inSection })
    const childSection = step.inSection || SECTIONING.has(name)
    const children = node.children
    for (let i = children.length - 1; i >= 0; i--) {
      stack.push({ node: children[i] as HtmlNode, exit: false, inSection: childSection })
    }
  }
}

function enterElement(
  element: HtmlElement,
  name: string,
  writer: ParagraphWriter,
  listCounters: Map<HtmlElement, number>,
): void {
  if (name === 'time' && attr(element, 'datetime') !== undefined) {
    writer.timeValues.push(attr(element, 'datetime') as string)
  }
  if (name === 'tr') return writer.startRow()
  if ((name === 'td' || name === 'th') && writer.inRow) return writer.startCell()
  if (name === 'pre') return writer.startPre()
  if (name === 'h1') return writer.startH1()
  if (BLOCK.has(name)) writer.blockBoundary()
  if (name === 'li') {
    const parent = DomUtils.getParent(element)
    if (parent && isElement(parent) && parent.name.toLowerCase() === 'ol') {
      const start = Number.parseInt(attr(parent, 'start') ?? '', 10)
      const next = listCounters.get(parent) ?? (Number.isFinite(start) ? start : 1)
      listCounters.set(parent, next + 1)
      writer.text(`${next}. `)
    }
  }
}

function leaveElement(name: string, writer: ParagraphWriter): void {
  if (name === 'tr') return writer.endRow()
  if ((name === 'td' || name === 'th') && writer.inRow) return writer.endCell()
  if (name === 'pre') return writer.endPre()
  if (name === 'h1') return writer.endH1()
  if (BLOCK.has(name)) writer.blockBoundary()
}

function parse(html: string) {
  // Entities are decoded into text; CDATA and comments become nodes the walk ignores.
  return parseDocument(html, { decodeEntities: true, lowerCaseTags: true })
}

/**
 * Paragraphs of an HTML fragment (for instance raw HTML inside Markdown), with the same drop
 * rules as a full page but no article selection.
 */
export function htmlFragmentToParagraphs(html: string): string[] {
  const writer = new ParagraphWriter()
  writeNodes(parse(html).children, writer, false)
  return writer.finish()
}

/** All text under a node, collected without recursion (DomUtils.textContent recurses). */
function textContent(root: HtmlNode): string {
  let out = ''
  const stack: HtmlNode[] = [root]
  while (stack.length > 0) {
    const node = stack.pop() as HtmlNode
    const data = textData(node)
    if (data !== null) out += data
    else if (isElement(node)) {
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as HtmlNode)
    }
  }
  return out
}

function textLength(element: HtmlElement): number {
  return collapse(textContent(element)).length
}

/** The elements the metadata and the article choice need, found in one pass over the tree. */
type PageIndex = {
  /** Articles outside dropped content and outside other articles, in document order. */
  articles: HtmlElement[]
  main: HtmlElement | null
  roleMain: HtmlElement | null
  body: HtmlElement | null
  title: HtmlElement | null
  metas: HtmlElement[]
}

type IndexStep = {
  node: HtmlNode
  dropped: boolean
  inArticle: boolean
  inSection: boolean
  /** Inside SVG or MathML, whose `<title>` is a figure's tooltip, not the page's. */
  inForeign: boolean
}

/**
 * One iterative pass that also knows, for each element, whether it sits in dropped content or
 * in another article. (The DomUtils queries shift arrays per level, which turns a hostile page
 * nested tens of thousands of levels deep into minutes of work.)
 */
function indexPage(doc: ReturnType<typeof parse>): PageIndex {
  const index: PageIndex = {
    articles: [],
    main: null,
    roleMain: null,
    body: null,
    title: null,
    metas: [],
  }
  const stack: IndexStep[] = []
  const pushChildren = (nodes: HtmlNode[], step: Omit<IndexStep, 'node'>) => {
    for (let i = nodes.length - 1; i >= 0; i--) stack.push({ node: nodes[i] as HtmlNode, ...step })
  }
  pushChildren(doc.children, {
    dropped: false,
    inArticle: false,
    inSection: false,
    inForeign: false,
  })
  while (stack.length > 0) {
    const {
      node,
      dropped: parentDropped,
      inArticle,
      inSection,
      inForeign,
    } = stack.pop() as IndexStep
    if (!isElement(node)) continue
    const name = node.name
    const dropped = parentDropped || isDropped(node, inSection)
    if (name === 'meta') index.metas.push(node)
    else if (name === 'title' && !index.title && !inForeign) index.title = node
    else if (name === 'body' && !index.body) index.body = node
    if (!dropped) {
      if (name === 'article' && !inArticle) index.articles.push(node)
      else if (name === 'main' && !index.main) index.main = node
      if (!index.roleMain && (attr(node, 'role') ?? '').trim().toLowerCase() === 'main') {
        index.roleMain = node
      }
    }
    pushChildren(node.children, {
      dropped,
      inArticle: inArticle || name === 'article',
      inSection: inSection || SECTIONING.has(name),
      inForeign: inForeign || name === 'svg' || name === 'math',
    })
  }
  return index
}

function findArticleRoot(index: PageIndex): HtmlElement | null {
  let best: HtmlElement | null = null
  let bestLength = -1
  for (const article of index.articles) {
    const length = textLength(article)
    if (length > bestLength) {
      best = article
      bestLength = length
    }
  }
  return best ?? index.main ?? index.roleMain ?? index.body
}

function metaContent(index: PageIndex, keys: string[]): string | undefined {
  for (const key of keys) {
    for (const meta of index.metas) {
      const names = [attr(meta, 'name'), attr(meta, 'property'), attr(meta, 'itemprop')]
      if (!names.some((n) => n?.trim().toLowerCase() === key)) continue
      const content = collapse(attr(meta, 'content') ?? '')
      if (content) return content
    }
  }
  return undefined
}

const SITE_SEPARATOR = / (?:\||—|–) /

/** The `<title>` without the site name, following the rules in the header comment. */
function pageTitle(index: PageIndex): string | undefined {
  const full = index.title ? collapse(textContent(index.title)) : ''
  if (!full) return undefined
  const siteName = metaContent(index, ['og:site_name'])
  if (siteName) {
    const escaped = siteName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    const stripped = full
      .replace(new RegExp(`^${escaped}${SITE_SEPARATOR.source}`), '')
      .replace(new RegExp(`${SITE_SEPARATOR.source}${escaped}$`), '')
      .trim()
    if (stripped && stripped !== full) return stripped
  }
  const parts = full.split(SITE_SEPARATOR)
  if (parts.length > 1) {
    const last = parts[parts.length - 1] as string
    const rest = full.slice(0, full.length - last.length).replace(/ (?:\||—|–) $/, '')
    if (last.length < rest.length) return rest.trim()
  }
  return full
}

function declaredDate(index: PageIndex, timeValues: string[]): string | undefined {
  const published = metaContent(index, [
    'article:published_time',
    'datepublished',
    'dc.date.issued',
    'dcterms.issued',
    'dc.date',
    'dcterms.date',
    'date',
    'pubdate',
    'publishdate',
  ])
  const fromMeta = published ? isoDateFromDeclared(published) : null
  if (fromMeta) return fromMeta
  for (const value of timeValues) {
    const iso = isoDateFromDeclared(value)
    if (iso) return iso
  }
  return undefined
}

/** Text of the page's article and what its markup declares (title, date, place). */
export function htmlToText(html: string): HtmlText {
  const doc = parse(html)
  const index = indexPage(doc)
  const root = findArticleRoot(index)
  const writer = new ParagraphWriter()
  if (root) {
    const inSection =
      SECTIONING.has(root.name) || (attr(root, 'role') ?? '').trim().toLowerCase() === 'main'
    writeNodes(root.children, writer, inSection)
  } else {
    writeNodes(doc.children, writer, false)
  }
  const paragraphs = [...writer.finish()]

  const declared: DeclaredMetadata = {}
  let title: string | undefined
  if (writer.firstH1 >= 0) {
    title = paragraphs[writer.firstH1]
    if (writer.firstH1 > 0 && title !== undefined) {
      paragraphs.splice(writer.firstH1, 1)
      paragraphs.unshift(title)
    }
  } else {
    title = metaContent(index, ['og:title']) ?? pageTitle(index)
    if (title && paragraphs[0] !== title) paragraphs.unshift(title)
  }
  if (title) declared.title = title

  const date = declaredDate(index, writer.timeValues)
  if (date) declared.date = date
  const place = metaContent(index, [
    'place',
    'dc.coverage.spatial',
    'dcterms.spatial',
    'dc.coverage',
    'dcterms.coverage',
    'geo.placename',
  ])
  if (place) declared.place = place

  return { text: paragraphs.join('\n\n'), declared }
}

/**
 * The character encoding a page declares in a `<meta>` tag within its first 1024 bytes
 * (a simplified form of the HTML encoding prescan), as a lower-cased label, or null.
 * As the HTML standard prescribes, a declared UTF-16 is read as UTF-8 (a page whose meta tag
 * is readable as ASCII is not UTF-16) and x-user-defined as windows-1252.
 */
export function sniffHtmlCharset(bytes: Uint8Array): string | null {
  let head = ''
  const end = Math.min(bytes.length, 1024)
  for (let i = 0; i < end; i++) head += String.fromCharCode(bytes[i] as number)
  head = head.replace(/<!--[\s\S]*?(?:-->|$)/g, ' ')

  const metaTag = /<meta(?=[\s/])([^>]*)>?/gi
  for (let match = metaTag.exec(head); match; match = metaTag.exec(head)) {
    const attributes = parseAttributes(match[1] ?? '')
    let label = attributes.get('charset')
    if (label === undefined) {
      const httpEquiv = attributes.get('http-equiv')
      const content = attributes.get('content')
      if (httpEquiv?.trim().toLowerCase() !== 'content-type' || content === undefined) continue
      label = /charset\s*=\s*["']?([^"'\s;]+)/i.exec(content)?.[1]
    }
    const normalised = label?.trim().toLowerCase()
    if (!normalised) continue
    if (/^utf-?16(?:le|be)?$/.test(normalised)) return 'utf-8'
    if (normalised === 'x-user-defined') return 'windows-1252'
    return normalised
  }
  return null
}

function parseAttributes(source: string): Map<string, string> {
  const attributes = new Map<string, string>()
  const pattern = /([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"?|'([^']*)'?|([^\s>]*)))?/g
  for (let match = pattern.exec(source); match; match = pattern.exec(source)) {
    const name = (match[1] ?? '').toLowerCase()
    // The first occurrence of an attribute wins, as in the HTML tokenizer.
    if (!attributes.has(name)) attributes.set(name, match[2] ?? match[3] ?? match[4] ?? '')
  }
  return attributes
}
