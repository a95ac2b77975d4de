/**
 * A fast reader for the Markdown that releases are actually written in: paragraphs, ATX
 * headings, bullet and ordered lists (nested too), thematic breaks, HTML blocks that end at a
 * blank line, emphasis, inline links, autolinks, backslash escapes, hard breaks and inline HTML.
 * It builds the same mdast tree as mdast-util-from-markdown (CommonMark, as micromark reads it)
 * for the parts of the tree the text reader uses: block structure, list numbers, text (up to
 * the kind of whitespace, which the text reader collapses), and which text sits in emphasis,
 * links or raw HTML. It is many times faster, because the full parser's generality costs far
 * more than the text itself.
 *
 * Everything else makes it give up and return null, and the caller uses the full parser: code
 * (backticks, fences, indented code), block quotes, setext headings, HTML comments over several
 * lines and the other kinds of HTML block, preformatted HTML, images, link reference
 * definitions and reference links, character references, tabs and control characters, and any
 * construct whose reading would need the finer points of the grammar (a link with a title or
 * spaces in its destination, a tag that may run over two lines). Giving up is always safe;
 * reading differently from the full parser never is, so the rules below follow the CommonMark
 * algorithms step by step (block structure: CommonMark spec 0.31, appendix "phase 1"; emphasis:
 * "process emphasis"), and where micromark departs from the spec or from commonmark.js, they
 * follow micromark, as noted where it happens. The differences were found, and the rules
 * checked, by comparing the two readers' trees on the corpus and on a few million random texts.
 *
 * The tree is returned with the `**` runs that broken emphasis leaves as literal text already
 * replaced by a space, under the same rule `markdown-to-text.ts` applies to the full parser's
 * tree, because that rule needs each text node's source, which this reader has at hand.
 */
import type {
  Heading,
  Html,
  List,
  ListItem,
  Paragraph,
  PhrasingContent,
  Root,
  RootContent,
} from 'mdast'

/** Thrown inside the reader when the text needs the full parser; caught in `parseSimpleMarkdown`. */
class NeedsFullParser extends Error {}
const NEEDS_FULL_PARSER = new NeedsFullParser('outside the Markdown subset')

function giveUp(): never {
  throw NEEDS_FULL_PARSER
}

/**
 * Control characters other than line endings: tabs change column arithmetic, NUL is replaced
 * by the parser, and the rest are too rare to be worth the care.
 */
const CONTROL_CHARACTERS = '\u0000-\u0009\u000b\u000c\u000e-\u001f'
const CONTROL_CHARACTER_RE = new RegExp(`[${CONTROL_CHARACTERS}]`)
const CHARACTER_REFERENCE = /&#?[A-Za-z0-9]+;/

/**
 * Whether the text holds something that rules the fast reader out for the whole text: control
 * characters, backticks (code), images, link reference definitions or character references.
 * Each is looked for on its own, which is much faster than one pattern with alternatives.
 */
function outsideSubset(markdown: string): boolean {
  return (
    markdown.includes('`') ||
    markdown.includes('![') ||
    markdown.includes(']:') ||
    (markdown.includes('&') && CHARACTER_REFERENCE.test(markdown)) ||
    CONTROL_CHARACTER_RE.test(markdown)
  )
}

/** The mdast tree of `markdown`, or null when it uses Markdown outside the subset. */
export function parseSimpleMarkdown(markdown: string): Root | null {
  if (outsideSubset(markdown)) return null
  try {
    return new BlockReader(markdown).read()
  } catch (error) {
    if (error === NEEDS_FULL_PARSER) return null
    throw error
  }
}

// ---------------------------------------------------------------------------------------------
// Block structure

const SPACE = 0x20

type RootFrame = { kind: 'root'; children: RootContent[] }
type ListFrame = { kind: 'list'; node: List; marker: string }
type ItemFrame = {
  kind: 'item'
  node: ListItem
  contentIndent: number
  /** The item began with an empty line and nothing has followed but blank lines. */
  startedEmpty: boolean
  /** …and a blank line has followed: the item has ended, empty. */
  blankAfterEmptyStart: boolean
}
/** An open container block: the document, a list, or a list item. */
type Frame = RootFrame | ListFrame | ItemFrame

type ListMarker = {
  ordered: boolean
  /** The bullet character, or the ordered list's delimiter ("." or ")"). */
  marker: string
  start: number
  /** Columns from the marker's start to the item's content. */
  contentOffset: number
  /** Nothing follows the marker on its line. */
  empty: boolean
  /** Where the content starts, as a line offset. */
  contentAt: number
}

const ATX_HEADING = /^#{1,6}(?: +|$)/
const THEMATIC_BREAK = /^(?:(?:\* *){3,}|(?:- *){3,}|(?:_ *){3,})$/
const SETEXT_UNDERLINE = /^(?:=+|-+) *$/
const ORDERED_MARKER = /^(\d{1,9})([.)])/
/** A line that is one HTML comment, which cannot end anywhere but at its end. */
const COMMENT_LINE = /^<!--[^<>-]*--> *$/
/** HTML elements whose tags open an HTML block that may interrupt a paragraph (CommonMark kind 6). */
const HTML_BLOCK_NAMES = new Set(
  (
    'address article aside base basefont blockquote body caption center col colgroup dd details ' +
    'dialog dir div dl dt fieldset figcaption figure footer form frame frameset h1 h2 h3 h4 h5 h6 ' +
    'head header hr html iframe legend li link main menu menuitem nav noframes ol optgroup ' +
    'option p param search section summary table tbody td tfoot th thead title tr track ul'
  ).split(' '),
)
/** Tags of elements whose text keeps its line breaks. */
const PREFORMATTED_TAG = /<\/?(?:pre|listing|xmp|plaintext)\b/i
/** Elements whose blocks end at their closing tag, not at a blank line (kind 1). */
const HTML_RAW_NAMES = new Set(['pre', 'script', 'style', 'textarea'])

/**
 * An inline open tag or closing tag as micromark reads one, with spaces as the only whitespace
 * (tabs never get here; line endings are looked at apart). An unquoted attribute value ends at
 * a "/", which may only be its first character.
 */
const TAG_NAME = '[A-Za-z][A-Za-z0-9-]*'
const ATTRIBUTE = ` +[A-Za-z_:][A-Za-z0-9_.:-]*(?: *= *(?:[^"'=<>\`\\0- ][^"'=<>\`\\0- /]*|'[^']*'|"[^"]*"))?`
const OPEN_TAG = `<${TAG_NAME}(?:${ATTRIBUTE})* */?>`
const CLOSING_TAG = `</${TAG_NAME} *>`

class BlockReader {
  private readonly lines: string[]
  private readonly frames: Frame[]
  private readonly root: Root = { type: 'root', children: [] }
  /** The paragraph being read, its lines without their indentation, and its frame depth. */
  private paragraph: { node: Paragraph; lines: string[]; depth: number } | null = null
  /** The HTML block being read (kind 6 or 7: it ends before a blank line), and its frame depth. */
  private html: { node: Html; lines: string[]; depth: number } | null = null

  constructor(markdown: string) {
    this.lines = markdown.split(/\r\n|\r|\n/)
    this.frames = [{ kind: 'root', children: this.root.children }]
  }

  read(): Root {
    for (const line of this.lines) this.readLine(line)
    this.closeFrames(1)
    this.closeParagraph()
    this.closeHtml()
    return this.root
  }

  private readLine(line: string): void {
    const blank = isBlank(line)
    // 1. Which open containers the line continues. A list always does; a list item when the
    // line is blank or indented at least to the item's content.
    let position = 0
    let matched = 1
    for (; matched < this.frames.length; matched++) {
      const frame = this.frames[matched] as Frame
      if (frame.kind !== 'item') continue
      if (blank) {
        if (frame.startedEmpty) frame.blankAfterEmptyStart = true
        continue
      }
      const continues =
        !frame.blankAfterEmptyStart && indentAt(line, position) >= frame.contentIndent
      frame.startedEmpty = false
      frame.blankAfterEmptyStart = false
      if (!continues) break
      position += frame.contentIndent
    }
    if (this.html) {
      // An HTML block takes every line until a blank one or one that leaves its containers.
      if (!blank && matched === this.frames.length) {
        this.html.lines.push(line.slice(position))
        return
      }
      this.closeHtml()
    }
    const paragraphContinues = this.paragraph !== null && !blank && matched === this.frames.length
    // Where a lazy continuation line may still go: the paragraph, although not all containers matched.
    const lazyCandidate = this.paragraph !== null && !blank && !paragraphContinues

    // 2. New blocks that start on this line (list items may nest: "- 1. text").
    let startedBlock = false
    for (;;) {
      const at = nextNonSpace(line, position)
      const indent = at - position
      const code = line.charCodeAt(at)
      if (at >= line.length) break
      const innermost = this.frames[matched - 1] as Frame
      // The line would go on the paragraph, so a new block interrupts it. (For list items
      // this holds for every item the line opens, as in micromark: "text⏎- 2. b" is one item
      // whose text is "2. b".)
      const inParagraph = paragraphContinues && !startedBlock
      if (indent >= 4) {
        // Indented code, unless the line goes on the paragraph (the open block, lazily or not).
        if (!this.paragraph || startedBlock) giveUp()
        // Parsers disagree on whether a list's next item may start this far in.
        if (innermost.kind === 'list' && isListMarker(line, at)) giveUp()
        break
      }
      if (code === 0x3e /* > */) giveUp() // block quote
      if (code === 0x23 /* # */ && ATX_HEADING.test(line.slice(at))) {
        this.closeParagraph()
        this.addHeading(this.blockDepth(matched), line.slice(at))
        return
      }
      if (code === 0x3c /* < */ && COMMENT_LINE.test(line.slice(at))) {
        // An HTML block of one comment line (pandoc writes "<!-- -->" to end a list): it
        // holds no text, but it ends the paragraph and the lists it is not indented into.
        this.closeParagraph()
        this.addChild(this.blockDepth(matched), { type: 'html', value: line.slice(position) })
        return
      }
      if (code === 0x7e /* ~ */ && line.startsWith('~~~', at)) giveUp() // fenced code
      if (
        code === 0x3c /* < */ &&
        opensHtmlBlock(line.slice(at), inParagraph, lazyCandidate && !startedBlock)
      ) {
        this.closeParagraph()
        const depth = this.blockDepth(matched)
        const node: Html = { type: 'html', value: '' }
        this.addChild(depth, node)
        this.html = { node, lines: [line.slice(position)], depth }
        return
      }
      if (
        (code === 0x3d /* = */ || code === 0x2d) /* - */ &&
        inParagraph &&
        SETEXT_UNDERLINE.test(line.slice(at))
      ) {
        giveUp() // setext heading
      }
      if (
        (code === 0x2a || code === 0x2d || code === 0x5f) /* * - _ */ &&
        THEMATIC_BREAK.test(line.slice(at))
      ) {
        this.closeParagraph()
        this.addChild(this.blockDepth(matched), { type: 'thematicBreak' })
        return
      }
      const item =
        code === 0x2a || code === 0x2b || code === 0x2d || (code >= 0x30 && code <= 0x39)
          ? listMarker(line, at, paragraphContinues)
          : null
      if (!item) break
      matched = this.startItem(matched, item, indent)
      position = item.contentAt
      startedBlock = true
    }

    // 3. What is left of the line is paragraph text.
    if (blank) {
      this.closeFrames(matched)
      this.closeParagraph()
      return
    }
    const text = line.slice(nextNonSpace(line, position))
    if (text.length === 0) return // an empty list item
    if (!startedBlock && lazyCandidate) {
      // A lazy continuation line: not all containers matched, but it goes on the paragraph.
      this.paragraph?.lines.push(text)
      return
    }
    this.closeFrames(matched)
    if (this.paragraph && paragraphContinues && !startedBlock) {
      this.paragraph.lines.push(text)
      return
    }
    this.closeParagraph()
    const depth = this.blockDepth(matched)
    const node: Paragraph = { type: 'paragraph', children: [] }
    this.addChild(depth, node)
    this.paragraph = { node, lines: [text], depth }
  }

  /**
   * Closes the frames beyond the first `depth` and returns the depth at which a block other
   * than a list item goes: a list holds only items, so an open list there is closed too.
   */
  private blockDepth(depth: number): number {
    let blockDepth = depth
    this.closeFrames(blockDepth)
    while ((this.frames[blockDepth - 1] as Frame).kind === 'list') this.closeFrames(--blockDepth)
    return blockDepth
  }

  /** Opens a list item (and its list when needed) after the first `matched` frames. */
  private startItem(matched: number, item: ListMarker, indent: number): number {
    this.closeParagraph()
    let depth = matched
    this.closeFrames(depth)
    let list = this.frames[depth - 1] as Frame
    const marker = item.marker
    if (list.kind !== 'list' || list.node.ordered !== item.ordered || list.marker !== marker) {
      if (list.kind === 'list') {
        // A different kind of list ends this one.
        depth--
        this.closeFrames(depth)
      }
      const node: List = {
        type: 'list',
        ordered: item.ordered,
        start: item.ordered ? item.start : null,
        spread: false,
        children: [],
      }
      this.addChild(depth, node)
      list = { kind: 'list', node, marker }
      this.frames.push(list)
      depth++
    }
    const node: ListItem = { type: 'listItem', spread: false, children: [] }
    list.node.children.push(node)
    this.frames.push({
      kind: 'item',
      node,
      contentIndent: indent + item.contentOffset,
      startedEmpty: item.empty,
      blankAfterEmptyStart: false,
    })
    return depth + 1
  }

  private addHeading(depth: number, line: string): void {
    const marker = /^#+/.exec(line)?.[0].length ?? 1
    const content = trimEndSpaces(line.slice(marker))
    // A closing sequence of #s is removed by the parser; leave such headings to it.
    if (content.endsWith('#')) giveUp()
    const node: Heading = {
      type: 'heading',
      depth: marker as Heading['depth'],
      children: readInline(content.replace(/^ +/, '')),
    }
    this.addChild(depth, node)
  }

  /** Adds a block to the container at frame depth `depth` (1 = the document). */
  private addChild(depth: number, node: RootContent): void {
    const frame = this.frames[depth - 1] as Frame
    if (frame.kind === 'list') giveUp() // cannot happen: lists hold only items
    if (frame.kind === 'root') frame.children.push(node)
    else frame.node.children.push(node as ListItem['children'][number])
  }

  /** Closes the open frames beyond the first `depth`, and the leaf block if it was inside them. */
  private closeFrames(depth: number): void {
    if (this.paragraph && this.paragraph.depth > depth) this.closeParagraph()
    if (this.html && this.html.depth > depth) this.closeHtml()
    this.frames.length = Math.min(this.frames.length, depth)
  }

  private closeHtml(): void {
    if (!this.html) return
    const value = this.html.lines.join('\n')
    // Preformatted text keeps the source's line endings, which this reader does not.
    if (PREFORMATTED_TAG.test(value)) giveUp()
    this.html.node.value = value
    this.html = null
  }

  /**
   * Reads the paragraph's inline content from its lines joined by "\n", without the spaces that
   * end each line (which are not text): two or more of them make the line ending a hard break.
   */
  private closeParagraph(): void {
    if (!this.paragraph) return
    const lines = this.paragraph.lines
    let subject = ''
    let hardBreaks: number[] | null = null
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i] as string
      const text = trimEndSpaces(line)
      if (i > 0) subject += '\n'
      subject += text
      if (i === lines.length - 1 || text.length === line.length) continue
      // A backslash before the spaces stays literal; without them it would make the break.
      if (text.endsWith('\\')) giveUp()
      if (line.length - text.length >= 2) (hardBreaks ??= []).push(subject.length)
    }
    this.paragraph.node.children = readInline(subject, hardBreaks)
    this.paragraph = null
  }
}

/** The text without the spaces at its end (a regex anchored at the end is slow on long text). */
function trimEndSpaces(text: string): string {
  let end = text.length
  while (end > 0 && text.charCodeAt(end - 1) === SPACE) end--
  return end === text.length ? text : text.slice(0, end)
}

function isBlank(line: string): boolean {
  for (let i = 0; i < line.length; i++) if (line.charCodeAt(i) !== SPACE) return false
  return true
}

function nextNonSpace(line: string, from: number): number {
  let i = from
  while (i < line.length && line.charCodeAt(i) === SPACE) i++
  return i
}

function indentAt(line: string, from: number): number {
  return nextNonSpace(line, from) - from
}

/**
 * The list item marker at `at`, if the line starts a list item there. An item that would
 * interrupt a paragraph must be a bullet or start at 1, and not be empty. An empty item's
 * content may follow on the next line, indented one column past the marker. Items whose
 * content is indented code are outside the subset.
 */
function listMarker(line: string, at: number, interruptsParagraph: boolean): ListMarker | null {
  const code = line.charCodeAt(at)
  let ordered = false
  let marker: string
  let start = 1
  let width = 1
  if (code === 0x2a || code === 0x2b || code === 0x2d) {
    marker = line[at] as string
  } else {
    const match = ORDERED_MARKER.exec(line.slice(at, at + 11))
    if (!match) return null
    ordered = true
    start = Number.parseInt(match[1] as string, 10)
    marker = match[2] as string
    width = (match[0] as string).length
    if (interruptsParagraph && match[1] !== '1') return null
  }
  const after = at + width
  if (after < line.length && line.charCodeAt(after) !== SPACE) return null
  const contentAt = nextNonSpace(line, after)
  if (contentAt >= line.length) {
    if (interruptsParagraph) return null
    return { ordered, marker, start, contentOffset: width + 1, empty: true, contentAt }
  }
  const spaces = contentAt - after
  if (spaces > 4) giveUp() // the content is indented code
  return { ordered, marker, start, contentOffset: width + spaces, empty: false, contentAt }
}

/** Whether a list item marker (bullet or number, then a space or the line end) is at `at`. */
function isListMarker(line: string, at: number): boolean {
  return /^(?:[*+-]|\d{1,9}[.)])(?: |$)/.test(line.slice(at, at + 11))
}

/**
 * Whether a line starting with `<` opens an HTML block of the kinds that end before a blank
 * line: kind 6 (a block-level element's tag, which may interrupt a paragraph) or kind 7 (a line
 * that is only a tag, which may not). The other kinds (comments, raw-text elements, declarations)
 * and any tag whose reading is in doubt are left to the full parser, and so is a kind-7 block on
 * a lazy line, which micromark keeps inside the list item whose paragraph it interrupts.
 */
function opensHtmlBlock(rest: string, interruptsParagraph: boolean, lazy: boolean): boolean {
  const next = rest.charCodeAt(1)
  if (next === 0x21 /* ! */ || next === 0x3f /* ? */) giveUp()
  const tag = /^<\/?([A-Za-z][A-Za-z0-9-]*)/.exec(rest)
  if (!tag) return false
  const name = (tag[1] as string).toLowerCase()
  if (HTML_RAW_NAMES.has(name)) giveUp()
  if (HTML_BLOCK_NAMES.has(name)) {
    const after = rest.slice(tag[0].length)
    if (after === '' || after[0] === ' ' || after[0] === '>' || after.startsWith('/>')) return true
    giveUp()
  }
  if (interruptsParagraph || !isWholeLineTag(rest, tag[0].length, tag[0][1] === '/')) return false
  return lazy ? giveUp() : true
}

/**
 * Whether the line is one complete tag and spaces, by micromark's grammar for kind-7 blocks
 * (html-flow.js), from just after the tag name: attributes, each a name, optionally `=` and a
 * quoted or unquoted value; an unquoted value ends at a quote, `/`, `<`, `=`, `>`, a backtick
 * or a space, and what ends it is read as what follows the attribute name (so `a=b=c` passes).
 */
function isWholeLineTag(line: string, afterName: number, closing: boolean): boolean {
  const isNameStart = (code: number) =>
    code === 0x3a ||
    code === 0x5f ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x61 && code <= 0x7a)
  const isNameChar = (code: number) =>
    isNameStart(code) || code === 0x2d || code === 0x2e || (code >= 0x30 && code <= 0x39)
  const codeAt = (i: number) => line.charCodeAt(i)
  let i = afterName
  const next = codeAt(i)
  if (!(Number.isNaN(next) || next === SPACE || next === 0x2f || next === 0x3e)) return false
  const skipSpaces = () => {
    while (codeAt(i) === SPACE) i++
  }
  if (closing) {
    skipSpaces()
  } else {
    for (;;) {
      skipSpaces()
      const code = codeAt(i)
      if (code === 0x2f /* / */) {
        i++
        break
      }
      if (!isNameStart(code)) break
      while (isNameChar(codeAt(i))) i++
      // After the name, and after an unquoted value: spaces, then maybe `=` and a value.
      for (;;) {
        skipSpaces()
        if (codeAt(i) !== 0x3d /* = */) break
        i++
        skipSpaces()
        const start = codeAt(i)
        if (
          Number.isNaN(start) ||
          start === 0x3c ||
          start === 0x3d ||
          start === 0x3e ||
          start === 0x60
        ) {
          return false
        }
        if (start === 0x22 || start === 0x27) {
          const close = line.indexOf(line[i] as string, i + 1)
          if (close === -1) return false
          i = close + 1
          const after = codeAt(i)
          if (!(after === 0x2f || after === 0x3e || after === SPACE)) return false
          break
        }
        while (!Number.isNaN(codeAt(i)) && !'"\'/<=>` '.includes(line[i] as string)) i++
      }
    }
  }
  if (codeAt(i) !== 0x3e /* > */) return false
  return /^ *$/.test(line.slice(i + 1))
}

// ---------------------------------------------------------------------------------------------
// Inline content

type InlineType = 'text' | 'html' | 'break' | 'emphasis' | 'strong' | 'link'

/** An inline node in a doubly linked list, so that runs of nodes can be wrapped in emphasis. */
type Inline = {
  type: InlineType
  /** Text or HTML; for text, the part of the subject it covers is [start, end). */
  value: string
  start: number
  end: number
  url: string
  children: InlineList | null
  parent: InlineList
  prev: Inline | null
  next: Inline | null
}

type InlineList = { head: Inline | null; tail: Inline | null }

/** A run of `*` or `_` that may open or close emphasis. */
type Delimiter = {
  char: number
  /** Delimiters of the run not yet used. */
  count: number
  node: Inline
  canOpen: boolean
  canClose: boolean
  prev: Delimiter | null
  next: Delimiter | null
}

/** An unmatched `[`. */
type Bracket = {
  node: Inline
  /** The delimiter on top of the stack when the bracket was read. */
  delimiterBelow: Delimiter | null
  active: boolean
  prev: Bracket | null
}

/** Character classes of CommonMark's flanking rules, per UTF-16 code unit as micromark reads them. */
const WHITESPACE = 1
const PUNCTUATION = 2
const OTHER = 0
const UNICODE_WHITESPACE = /\s/
const UNICODE_PUNCTUATION = /\p{P}|\p{S}/u

function characterClass(code: number): number {
  if (Number.isNaN(code) || code === SPACE || code === 0x0a) return WHITESPACE
  if (code < 0x80) {
    return (code >= 0x21 && code <= 0x2f) ||
      (code >= 0x3a && code <= 0x40) ||
      (code >= 0x5b && code <= 0x60) ||
      (code >= 0x7b && code <= 0x7e)
      ? PUNCTUATION
      : OTHER
  }
  const char = String.fromCharCode(code)
  if (UNICODE_WHITESPACE.test(char)) return WHITESPACE
  return UNICODE_PUNCTUATION.test(char) ? PUNCTUATION : OTHER
}

/** ASCII punctuation, which a backslash escapes. */
function isAsciiPunctuation(code: number): boolean {
  return code < 0x80 && code !== SPACE && characterClass(code) === PUNCTUATION
}

/** Characters that end a run of plain text in the inline scanner (line endings are looked at apart). */
function isSpecial(code: number): boolean {
  return (
    code === 0x5c || // \
    code === 0x2a || // *
    code === 0x5f || // _
    code === 0x5b || // [
    code === 0x5d || // ]
    code === 0x3c // <
  )
}

const AUTOLINK = /^<[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\0- <>]*>/
/** An e-mail autolink, with micromark's characters for the part before the @. */
const EMAIL_AUTOLINK =
  /^<[#-'*+\--9=?A-Z^-~]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*>/
const INLINE_TAG = new RegExp(`^(?:${OPEN_TAG}|${CLOSING_TAG})`)
/** Emphasis nested deeper than this (a pathological text) is left to the full parser. */
const MAX_EMPHASIS_NESTING = 64
/** Link destinations nest parentheses at most this deep (micromark's limit). */
const MAX_DESTINATION_PARENTHESES = 32
/**
 * Elements whose content HTML reads as raw text or keeps its line breaks: their text would
 * depend on the exact whitespace of the source, which this reader does not keep.
 */
const WHITESPACE_SENSITIVE_TAGS = new Set([
  'pre',
  'textarea',
  'listing',
  'plaintext',
  'xmp',
  'script',
  'style',
  'title',
  'noscript',
  'noembed',
  'noframes',
  'iframe',
  'template',
])

/** Characters that may start inline markup. */
const INLINE_SPECIAL = /[\\*_[\]<]/

/**
 * The mdast phrasing content of a paragraph or heading whose lines are joined by "\n"; the line
 * endings at the offsets in `hardBreaks` are hard breaks.
 */
function readInline(subject: string, hardBreaks: number[] | null = null): PhrasingContent[] {
  // Most paragraphs are plain text, which is one text node.
  if (!hardBreaks && !INLINE_SPECIAL.test(subject)) {
    return subject.length > 0 ? [{ type: 'text', value: subject }] : []
  }
  return new InlineReader(subject, new Set(hardBreaks)).read()
}

class InlineReader {
  private readonly list: InlineList = { head: null, tail: null }
  private delimiters: Delimiter | null = null
  private brackets: Bracket | null = null
  private position = 0

  constructor(
    private readonly subject: string,
    private readonly hardBreaks: ReadonlySet<number>,
  ) {}

  read(): PhrasingContent[] {
    const subject = this.subject
    while (this.position < subject.length) {
      const code = subject.charCodeAt(this.position)
      if (code === 0x0a && this.hardBreaks.has(this.position)) this.hardBreak()
      else if (code === 0x5c) this.backslash()
      else if (code === 0x2a || code === 0x5f) this.delimiterRun(code)
      else if (code === 0x5b) this.openBracket()
      else if (code === 0x5d) this.closeBracket()
      else if (code === 0x3c) this.lessThan()
      else this.plainText()
    }
    this.processEmphasis(null)
    return toMdast(this.list, subject)
  }

  /** Text up to the next markup character or hard break. */
  private plainText(): void {
    const subject = this.subject
    const start = this.position
    let end = start + 1
    for (; end < subject.length; end++) {
      const code = subject.charCodeAt(end)
      if (isSpecial(code) || (code === 0x0a && this.hardBreaks.has(end))) break
    }
    this.addText(start, end)
    this.position = end
  }

  private addText(start: number, end: number, value = this.subject.slice(start, end)): Inline {
    return this.append(makeNode('text', value, start, end))
  }

  private append(node: Inline): Inline {
    appendNode(this.list, node)
    return node
  }

  /** A line ending that two or more spaces made a hard break (other line endings are text). */
  private hardBreak(): void {
    const at = this.position
    this.append(makeNode('break', '', at, at + 1))
    this.position = at + 1
  }

  private backslash(): void {
    const subject = this.subject
    const at = this.position
    const next = subject.charCodeAt(at + 1)
    if (next === 0x0a) {
      this.append(makeNode('break', '', at, at + 2))
      this.position = at + 2
    } else if (isAsciiPunctuation(next)) {
      // The escaped character is literal text; the node still covers the backslash, so the
      // `**` rule sees the escape.
      this.addText(at, at + 2, subject[at + 1])
      this.position = at + 2
    } else {
      this.addText(at, at + 1)
      this.position = at + 1
    }
  }

  private delimiterRun(char: number): void {
    const subject = this.subject
    const start = this.position
    let end = start
    while (end < subject.length && subject.charCodeAt(end) === char) end++
    const before = characterClass(start > 0 ? subject.charCodeAt(start - 1) : Number.NaN)
    const after = characterClass(end < subject.length ? subject.charCodeAt(end) : Number.NaN)
    const leftFlanking = after === OTHER || (after === PUNCTUATION && before !== OTHER)
    const rightFlanking = before === OTHER || (before === PUNCTUATION && after !== OTHER)
    let canOpen = leftFlanking
    let canClose = rightFlanking
    if (char === 0x5f) {
      canOpen = leftFlanking && (before !== OTHER || !rightFlanking)
      canClose = rightFlanking && (after !== OTHER || !leftFlanking)
    }
    const node = this.addText(start, end)
    this.position = end
    const delimiter: Delimiter = {
      char,
      count: end - start,
      node,
      canOpen,
      canClose,
      prev: this.delimiters,
      next: null,
    }
    if (this.delimiters) this.delimiters.next = delimiter
    this.delimiters = delimiter
  }

  private openBracket(): void {
    const node = this.addText(this.position, this.position + 1)
    this.position++
    this.brackets = { node, delimiterBelow: this.delimiters, active: true, prev: this.brackets }
  }

  private closeBracket(): void {
    const subject = this.subject
    const at = this.position
    const opener = this.brackets
    if (!opener) {
      this.addText(at, at + 1)
      this.position = at + 1
      return
    }
    this.brackets = opener.prev
    if (!opener.active || subject.charCodeAt(at + 1) !== 0x28 /* ( */) {
      // Without definitions, only an inline link makes a link.
      this.addText(at, at + 1)
      this.position = at + 1
      return
    }
    if (subject.indexOf(')', at + 2) === -1) {
      // No `)` to close a destination: not a link (a URL cut off where the text was cut).
      this.addText(at, at + 1)
      this.position = at + 1
      return
    }
    const destinationEnd = plainDestinationEnd(subject, at + 2)
    const link = makeNode('link', '', at, at)
    link.url = subject.slice(at + 2, destinationEnd)
    link.children = { head: null, tail: null }
    // The link's text is everything after the bracket.
    for (let node = opener.node.next; node;) {
      const next: Inline | null = node.next
      unlinkNode(node)
      appendNode(link.children, node)
      node = next
    }
    this.append(link)
    this.processEmphasis(opener.delimiterBelow)
    unlinkNode(opener.node)
    // Links cannot contain links: brackets before this one can no longer make one.
    for (let bracket = this.brackets; bracket; bracket = bracket.prev) bracket.active = false
    this.position = destinationEnd + 1
  }

  private lessThan(): void {
    const subject = this.subject
    const at = this.position
    const rest = subject.slice(at)
    const autolink = AUTOLINK.exec(rest)
    if (autolink) {
      const end = at + autolink[0].length
      const link = makeNode('link', '', at, end)
      link.url = subject.slice(at + 1, end - 1)
      link.children = { head: null, tail: null }
      appendNode(link.children, makeNode('text', link.url, at + 1, end - 1))
      this.append(link)
      this.position = end
      return
    }
    const email = EMAIL_AUTOLINK.exec(rest)
    if (email) {
      const end = at + email[0].length
      const link = makeNode('link', '', at, end)
      link.url = `mailto:${subject.slice(at + 1, end - 1)}`
      link.children = { head: null, tail: null }
      appendNode(link.children, makeNode('text', subject.slice(at + 1, end - 1), at + 1, end - 1))
      this.append(link)
      this.position = end
      return
    }
    // Something close to an e-mail autolink: left to the full parser.
    if (/^<[^ \n<>]*@[^ \n<>]*>/.test(rest)) giveUp()
    const next = subject.charCodeAt(at + 1)
    if (next === 0x21 /* ! */ && rest.startsWith('<!--')) {
      this.comment()
      return
    }
    const startsTag =
      next === 0x2f /* / */ ||
      next === 0x21 ||
      next === 0x3f /* ? */ ||
      (next >= 0x41 && next <= 0x5a) ||
      (next >= 0x61 && next <= 0x7a)
    if (!startsTag) {
      this.addText(at, at + 1)
      this.position = at + 1
      return
    }
    if (next === 0x21 || next === 0x3f) giveUp() // declarations, CDATA, processing instructions
    const tag = INLINE_TAG.exec(rest)
    if (!tag) {
      // A tag may run over a line ending, and an attribute value may hold one: leave any
      // doubt to the full parser. On one line, a `<` that starts no tag is literal.
      if (rest.includes('\n')) giveUp()
      this.addText(at, at + 1)
      this.position = at + 1
      return
    }
    const name = (/^<\/?([A-Za-z][A-Za-z0-9-]*)/.exec(tag[0])?.[1] ?? '').toLowerCase()
    // A tag over two lines keeps the next line's indentation in the source, not here.
    if (WHITESPACE_SENSITIVE_TAGS.has(name) || tag[0].includes('\n')) giveUp()
    this.append(makeNode('html', tag[0], at, at + tag[0].length))
    this.position = at + tag[0].length
  }

  /** An HTML comment, on one line: `<!-->`, `<!--->`, or up to the first `-->`. */
  private comment(): void {
    const subject = this.subject
    const at = this.position
    let end: number
    if (subject.startsWith('<!-->', at)) end = at + 5
    else if (subject.startsWith('<!--->', at)) end = at + 6
    else {
      const close = subject.indexOf('-->', at + 4)
      const lineEnd = subject.indexOf('\n', at)
      if (close === -1 || (lineEnd !== -1 && lineEnd < close)) giveUp()
      end = close + 3
    }
    this.append(makeNode('html', subject.slice(at, end), at, end))
    this.position = end
  }

  /**
   * Matches the emphasis delimiters between `bottom` and `top` (both excluded; null is the
   * bottom or top of the stack) as micromark does: each closer, left to right, takes the
   * nearest opener of the same character, unless the rule of 3 forbids the pair (either can
   * both open and close, the closer's remaining length is not a multiple of 3 and the two
   * remaining lengths add up to one). Two delimiters on each side make strong emphasis, else
   * one makes emphasis. The delimiters inside a new emphasis are then matched afresh among
   * themselves, with the lengths they have now (so a closer that failed the rule of 3 earlier
   * may pair up there), and left as literal text. Delimiters left unmatched stay literal text.
   */
  private processEmphasis(bottom: Delimiter | null, top: Delimiter | null = null, depth = 0): void {
    // Each level is a nested emphasis: a text nested this deep is left to the full parser.
    if (depth > MAX_EMPHASIS_NESTING) giveUp()
    let closer = bottom ? bottom.next : this.firstDelimiter()
    while (closer && closer !== top) {
      if (!closer.canClose) {
        closer = closer.next
        continue
      }
      let opener = closer.prev
      while (opener && opener !== bottom) {
        if (
          opener.char === closer.char &&
          opener.canOpen &&
          !(
            (opener.canClose || closer.canOpen) &&
            closer.count % 3 !== 0 &&
            (opener.count + closer.count) % 3 === 0
          )
        ) {
          break
        }
        opener = opener.prev
      }
      if (!opener || opener === bottom) {
        closer = closer.next
        continue
      }
      const use = opener.count >= 2 && closer.count >= 2 ? 2 : 1
      const openerNode = opener.node
      const closerNode = closer.node
      opener.count -= use
      closer.count -= use
      openerNode.value = openerNode.value.slice(0, opener.count)
      openerNode.end -= use
      closerNode.value = closerNode.value.slice(use)
      closerNode.start += use

      const emphasis = makeNode(use === 2 ? 'strong' : 'emphasis', '', 0, 0)
      emphasis.children = { head: null, tail: null }
      for (let node = openerNode.next; node && node !== closerNode;) {
        const next: Inline | null = node.next
        unlinkNode(node)
        appendNode(emphasis.children, node)
        node = next
      }
      insertAfter(openerNode, emphasis)
      if (opener.next !== closer) this.processEmphasis(opener, closer, depth + 1)
      // The delimiters between the two are now literal text inside the emphasis.
      opener.next = closer
      closer.prev = opener

      if (opener.count === 0) {
        unlinkNode(openerNode)
        this.removeDelimiter(opener)
      }
      if (closer.count === 0) {
        const next = closer.next
        unlinkNode(closerNode)
        this.removeDelimiter(closer)
        closer = next
      }
    }
    if (top) return
    // What is left above the bottom is literal text.
    if (bottom) {
      bottom.next = null
      this.delimiters = bottom
    } else {
      this.delimiters = null
    }
  }

  private firstDelimiter(): Delimiter | null {
    let first = this.delimiters
    while (first?.prev) first = first.prev
    return first
  }

  private removeDelimiter(delimiter: Delimiter): void {
    if (delimiter.prev) delimiter.prev.next = delimiter.next
    if (delimiter.next) delimiter.next.prev = delimiter.prev
    else this.delimiters = delimiter.prev
  }
}

/**
 * Where the destination of an inline link starting at `start` ends (at its `)`), for the plain
 * destinations of the subset: no spaces, quotes, angle brackets or escapes, parentheses only in
 * balanced pairs. Anything else (a title, a destination in angle brackets) needs the full parser.
 */
function plainDestinationEnd(subject: string, start: number): number {
  let depth = 0
  for (let i = start; i < subject.length; i++) {
    const code = subject.charCodeAt(i)
    if (code === 0x28 /* ( */) {
      if (++depth > MAX_DESTINATION_PARENTHESES) giveUp()
    } else if (code === 0x29 /* ) */) {
      if (depth === 0) return i
      depth--
    } else if (
      code <= SPACE ||
      code === 0x7f ||
      code === 0x3c /* < */ ||
      code === 0x3e /* > */ ||
      code === 0x5c /* \ */ ||
      code === 0x22 /* " */ ||
      code === 0x27 /* ' */
    ) {
      giveUp()
    }
  }
  return giveUp()
}

function makeNode(type: InlineType, value: string, start: number, end: number): Inline {
  return {
    type,
    value,
    start,
    end,
    url: '',
    children: null,
    parent: DETACHED,
    prev: null,
    next: null,
  }
}

const DETACHED: InlineList = { head: null, tail: null }

function appendNode(list: InlineList, node: Inline): void {
  node.parent = list
  node.prev = list.tail
  node.next = null
  if (list.tail) list.tail.next = node
  else list.head = node
  list.tail = node
}

function insertAfter(reference: Inline, node: Inline): void {
  const list = reference.parent
  node.parent = list
  node.prev = reference
  node.next = reference.next
  if (reference.next) reference.next.prev = node
  else list.tail = node
  reference.next = node
}

function unlinkNode(node: Inline): void {
  const list = node.parent
  if (node.prev) node.prev.next = node.next
  else list.head = node.next
  if (node.next) node.next.prev = node.prev
  else list.tail = node.prev
  node.prev = null
  node.next = null
  node.parent = DETACHED
}

/** A `**` run not preceded by a backslash. */
const UNESCAPED_STRONG_RUN = /(?<!\\)\*\*/

/**
 * The mdast nodes of an inline list. Adjacent text merges into one text node, as in mdast;
 * in a text node whose source has a `**` run and no escaped `*`, the runs of two or more `*`
 * (unpaired strong markers) become a space.
 */
function toMdast(list: InlineList, subject: string): PhrasingContent[] {
  const out: PhrasingContent[] = []
  let node = list.head
  while (node) {
    if (node.type === 'text') {
      let value = ''
      const start = node.start
      let end = node.end
      for (; node?.type === 'text'; node = node.next) {
        value += node.value
        end = node.end
      }
      if (value.length === 0) continue
      if (value.includes('**')) {
        const source = subject.slice(start, end)
        if (UNESCAPED_STRONG_RUN.test(source) && !source.includes('\\*')) {
          value = value.replace(/\*\*+/g, ' ')
        }
      }
      out.push({ type: 'text', value })
      continue
    }
    if (node.type === 'html') out.push({ type: 'html', value: node.value })
    else if (node.type === 'break') out.push({ type: 'break' })
    else if (node.type === 'link') {
      out.push({
        type: 'link',
        url: node.url,
        children: toMdast(node.children as InlineList, subject) as never,
      })
    } else {
      out.push({
        type: node.type as 'emphasis' | 'strong',
        children: toMdast(node.children as InlineList, subject),
      })
    }
    node = node.next
  }
  return out
}
