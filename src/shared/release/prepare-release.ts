/**
 * One file's bytes to a release ready to store, or the reason it is refused.
 * This is the single import path for every source (a dropped file or folder,
 * a picked file, the watched folder, a shipped sample) and for `npm run
 * inspect`, so the archive and the command line always agree.
 *
 * The steps: refuse what cannot be a release (type, size, binary, empty);
 * decode (BOM, strict UTF-8, declared charset, detection), repair
 * double-encoded UTF-8; turn Markdown and HTML into plain text; build the
 * reading text and its paragraphs; extract metadata; fingerprint the text for
 * duplicates and versions. Nothing here touches storage.
 */
import { sha256Hex } from './content-hash'
import { isBinary } from './binary'
import { decodeBytes } from './decode'
import { htmlToText, sniffHtmlCharset } from './html-to-text'
import { looksLikeMarkdown, markdownFileToText, markdownToText } from './markdown-to-text'
import { repairDoubleEncoding } from './mojibake'
import { CONTROL_CHARS, INVISIBLE_CHARS, normaliseText } from './normalise'
import { paragraphKeys } from './paragraph-ids'
import {
  firstLineTitle,
  opensWrappedParagraph,
  parseRelease,
  parseReleaseLines,
  releaseLines,
} from './parse-release'
import { fingerprint, type Fingerprint } from './similarity'
import { extractMetadata } from './metadata/extract-metadata'
import type { DeclaredMetadata, ExtractedMetadata } from './metadata/types'
import { findMixedScriptWords } from '../text/mixed-script'

export const SUPPORTED_EXTENSIONS = ['.txt', '.text', '.md', '.markdown', '.html', '.htm'] as const

const UTF8 = new TextEncoder()

/** Default largest file accepted for import; changeable in Settings. */
export const DEFAULT_MAX_IMPORT_BYTES = 10 * 1024 * 1024

/**
 * A text that normalises to whitespace only: whitespace, and the invisible and control
 * characters that normaliseText removes. (Testing this directly stops at the first letter.)
 */
const BLANK_RE = new RegExp(`^[\\s${INVISIBLE_CHARS}${CONTROL_CHARS}]*$`)

/** A first line longer than this is a paragraph, not a title (speeches often have none); the longest White House titles run to about 270 characters. */
const MAX_TITLE_LENGTH = 300

export type PreparedRelease = Fingerprint & {
  /** The file's path as walked, e.g. "bad/utf8-bom.txt". */
  fileName: string
  byteLength: number
  /** sha256 of the original bytes. */
  sourceHash: string
  /** sha256 of the reading text (title and paragraphs): equal text is one release. */
  contentHash: string
  /** WHATWG label of the encoding the bytes were decoded from. */
  encoding: string
  /** The decoded text exactly as received, kept for provenance. */
  originalText: string
  title: string
  paragraphs: string[]
  /** Stable per-paragraph keys derived from each paragraph's text and occurrence. */
  paragraphKeys: string[]
  metadata: ExtractedMetadata
  /** Words that mix scripts, like "Мember" with a Cyrillic М. */
  mixedScriptWords: string[]
  warnings: string[]
  lastModified: number | null
}

export type RejectionReason = 'unsupported type' | 'too large' | 'binary' | 'empty' | 'unreadable'

export type PrepareOutcome =
  | { kind: 'ready'; release: PreparedRelease }
  | { kind: 'rejected'; fileName: string; reason: string }

export type PrepareOptions = {
  maxBytes?: number
  lastModified?: number | null
  /** sha256 of `bytes` when the caller has already computed it. */
  sourceHash?: string
}

export async function prepareRelease(
  fileName: string,
  bytes: Uint8Array,
  options: PrepareOptions = {},
): Promise<PrepareOutcome> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_IMPORT_BYTES
  const reject = (reason: string): PrepareOutcome => ({ kind: 'rejected', fileName, reason })

  const kind = fileKind(fileName)
  if (kind === null) return reject('unsupported type')
  if (bytes.byteLength > maxBytes) {
    return reject(
      `too large (${formatMegabytes(bytes.byteLength)}; the limit is ${formatMegabytes(maxBytes)})`,
    )
  }
  if (bytes.byteLength === 0) return reject('empty')

  const declaredCharset = kind === 'html' ? sniffHtmlCharset(bytes) : null
  const decoded = decodeBytes(bytes, { declaredCharset })
  if (isBinary(bytes, decoded.encoding)) return reject('binary')

  const warnings: string[] = []
  if (decoded.replacements > 0) {
    warnings.push(
      `${decoded.replacements} invalid byte sequence${decoded.replacements === 1 ? ' was' : 's were'} replaced with �`,
    )
  }
  const repaired = repairDoubleEncoding(decoded.text)
  if (repaired.repairs > 0) {
    warnings.push(
      `${repaired.repairs} double-encoded character sequence${repaired.repairs === 1 ? ' was' : 's were'} repaired`,
    )
  }
  if (BLANK_RE.test(repaired.text)) return reject('empty')

  const { text, declared } = toPlainText(kind, repaired.text)
  const parsed = parseWithTitle(text, declared)
  if (parsed.title.length === 0 && parsed.paragraphs.length === 0) return reject('empty')
  // The parser's notes (a one-line text split at sentence boundaries) describe normal
  // reading-text work, not a problem with the file, so they are not import warnings.

  const { title, paragraphs } = parsed
  const readingText = [title, ...paragraphs].join('\n\n')
  const [sourceHash, contentHash] = await Promise.all([
    options.sourceHash ?? sha256Hex(bytes),
    sha256Hex(UTF8.encode(readingText)),
  ])
  return {
    kind: 'ready',
    release: {
      fileName,
      byteLength: bytes.byteLength,
      sourceHash,
      contentHash,
      encoding: decoded.encoding,
      originalText: decoded.text,
      title: title || fileName,
      paragraphs,
      paragraphKeys: paragraphKeys(paragraphs),
      // A title made of the opening words is the text again, cut short: extraction reads the
      // text itself.
      metadata: extractMetadata({ title: parsed.untitled ? '' : title, paragraphs, declared }),
      mixedScriptWords: findMixedScriptWords(readingText),
      warnings,
      lastModified: options.lastModified ?? null,
      ...fingerprint(title, paragraphs),
    },
  }
}

type FileKind = 'text' | 'markdown' | 'html'

function fileKind(fileName: string): FileKind | null {
  const lower = fileName.toLowerCase()
  if (lower.endsWith('.txt') || lower.endsWith('.text')) return 'text'
  if (lower.endsWith('.md') || lower.endsWith('.markdown')) return 'markdown'
  if (lower.endsWith('.html') || lower.endsWith('.htm')) return 'html'
  return null
}

/** Markdown and HTML become paragraphs separated by blank lines; plain text stays as it is. */
function toPlainText(kind: FileKind, text: string): { text: string; declared: DeclaredMetadata } {
  if (kind === 'html') return htmlToText(text)
  if (kind === 'markdown') return markdownFileToText(text)
  // Releases saved from websites are often Markdown in a .txt file.
  return { text: looksLikeMarkdown(text) ? markdownToText(text) : text, declared: {} }
}

function parseWithTitle(
  text: string,
  declared: DeclaredMetadata,
): { title: string; paragraphs: string[]; warnings: string[]; untitled: boolean } {
  const declaredTitle = declared.title
    ? normaliseText(declared.title).replace(/\s+/g, ' ').trim()
    : ''
  if (declaredTitle) {
    const parsed = parseRelease(text, { titleFromFirstLine: false })
    // The document usually repeats its title as its first heading.
    const paragraphs =
      parsed.paragraphs[0] === declaredTitle ? parsed.paragraphs.slice(1) : parsed.paragraphs
    return { title: declaredTitle, paragraphs, warnings: parsed.warnings, untitled: false }
  }
  const lines = releaseLines(text)
  const title = firstLineTitle(lines)
  const wrapped = opensWrappedParagraph(lines, MAX_TITLE_LENGTH)
  if (title.length <= MAX_TITLE_LENGTH && !wrapped) {
    return { ...parseReleaseLines(lines), untitled: false }
  }
  // No title line (a speech that starts with its first paragraph): keep that paragraph whole
  // and title the release with its opening words.
  const untitled = parseReleaseLines(lines, { titleFromFirstLine: false })
  return {
    ...untitled,
    title: openingWords(wrapped ? (untitled.paragraphs[0] ?? title) : title),
    untitled: true,
  }
}

function openingWords(text: string): string {
  const cut = text.slice(0, 120)
  const lastSpace = cut.lastIndexOf(' ')
  return `${(lastSpace > 60 ? cut.slice(0, lastSpace) : cut).replace(/[\s,;:]+$/, '')}…`
}

function formatMegabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
}
