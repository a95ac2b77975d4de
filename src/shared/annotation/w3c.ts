/**
 * W3C Web Annotation Data Model (https://www.w3.org/TR/annotation-model/) in
 * JSON-LD: the archive's annotations out as an AnnotationCollection, and
 * annotation files (ours or another tool's) in.
 *
 * How the archive's fields are written:
 * - id: `urn:uuid:<id>` for our UUIDs; an id that is already an IRI (an
 *   imported annotation's) stays as it is.
 * - the note: a TextualBody with purpose "commenting" (text/plain); each tag:
 *   a TextualBody with purpose "tagging" whose value is the tag's path.
 * - the highlight colour: the model's styling (section 4.4), a CssStylesheet
 *   with one class per colour and that class as the target's styleClass, so
 *   other tools can show it and it comes back when read.
 * - the target: the release's URN with a TextQuoteSelector and a
 *   TextPositionSelector into its reading text; the paragraph follows from the
 *   position. An annotation waiting for review is written with the position it
 *   last had.
 *
 * Reading accepts what other tools write too: Hypothesis-style targets (an
 * array, with an array of selectors), bodies as objects or IRI strings,
 * `bodyValue`, tags as tagging bodies (or bodies of a tagging annotation),
 * and Hypothesis's own API rows (`text`, `tags`, `updated`).
 */
import { annotationsInOrder, tagPathsIn } from './order'
import type {
  ExchangeAnnotation,
  ExchangeData,
  ExchangeRelease,
  TextPosition,
  TextQuote,
} from './types'

const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld'
const COLOR_RE = /^#[0-9a-f]{6}$/i
const SHA256_URN_RE = /^urn:sha256:[0-9a-f]{64}$/i
const UUID_URN_RE = /^urn:uuid:/i
/** Pages followed through `next` before a file is taken to loop. */
const MAX_PAGES = 10_000

/** A release's URN, from the sha256 of its reading text. */
export function releaseUrn(contentHash: string): string {
  return `urn:sha256:${contentHash}`
}

/** An annotation's IRI: `urn:uuid:<id>` for a bare UUID, any IRI as it is. */
export function annotationIri(id: string): string {
  return id.includes(':') ? id : `urn:uuid:${id}`
}

/**
 * An AnnotationCollection (with its one AnnotationPage as `first`) of every
 * annotation in `data`: each targets its release's URN with a
 * TextQuoteSelector and a TextPositionSelector, and has its note as a
 * TextualBody with purpose "commenting" and each tag (by path) as a
 * TextualBody with purpose "tagging".
 */
export function toAnnotationCollection(data: ExchangeData): Record<string, unknown> {
  const pathsOf = tagPathsIn(data)
  const items = annotationsInOrder(data).map(({ release, annotation }) =>
    toAnnotation(annotation, release, pathsOf(annotation.tagIds)),
  )
  const collection: Record<string, unknown> = {
    '@context': ANNO_CONTEXT,
    id: `urn:uuid:${globalThis.crypto.randomUUID()}`,
    type: 'AnnotationCollection',
    label: `Communiqué annotations: ${data.scopeLabel}`,
    total: items.length,
  }
  // The model wants `first` only when there is something in it.
  if (items.length > 0) collection.first = { type: 'AnnotationPage', startIndex: 0, items }
  return collection
}

function toAnnotation(
  annotation: ExchangeAnnotation,
  release: ExchangeRelease,
  tagPaths: string[],
): Record<string, unknown> {
  const body: Record<string, unknown>[] = []
  if (annotation.note.length > 0) {
    body.push({
      type: 'TextualBody',
      value: annotation.note,
      format: 'text/plain',
      purpose: 'commenting',
    })
  }
  for (const path of tagPaths) body.push({ type: 'TextualBody', value: path, purpose: 'tagging' })

  const { quote, position } = annotation
  const target: Record<string, unknown> = {
    type: 'SpecificResource',
    source: releaseUrn(release.contentHash),
    selector: [
      { type: 'TextQuoteSelector', exact: quote.exact, prefix: quote.prefix, suffix: quote.suffix },
      { type: 'TextPositionSelector', start: position.start, end: position.end },
    ],
  }
  const color = annotation.color.toLowerCase()
  const hasColor = COLOR_RE.test(color)
  if (hasColor) target.styleClass = colorClass(color)

  const out: Record<string, unknown> = {
    '@context': ANNO_CONTEXT,
    id: annotationIri(annotation.id),
    type: 'Annotation',
    motivation: annotation.note.length > 0 ? 'commenting' : 'highlighting',
  }
  const created = isoTime(annotation.createdAt)
  const modified = isoTime(annotation.updatedAt)
  if (created) out.created = created
  if (modified) out.modified = modified
  if (body.length > 0) out.body = body
  out.target = target
  if (hasColor) {
    out.stylesheet = {
      type: 'CssStylesheet',
      value: `.${colorClass(color)} { background-color: ${color}; }`,
    }
  }
  return out
}

function colorClass(color: string): string {
  return `highlight-${color.slice(1)}`
}

function isoTime(ms: number): string | null {
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null
}

/** One annotation read from a file, before it is matched to a release. */
export type ParsedAnnotation = {
  /** Our `urn:uuid:` ids come back as the bare UUID; any other IRI is kept as it is. */
  id: string
  /** The target source when it is a `urn:sha256:` URN, else null. */
  releaseUrn: string | null
  /** The target's source IRI as given, for messages. */
  source: string | null
  quote: TextQuote | null
  position: TextPosition | null
  note: string
  /** Tag paths from tagging bodies. */
  tagPaths: string[]
  /** `#rrggbb` when the annotation carries one of ours, else null. */
  color: string | null
  created: number | null
  modified: number | null
}

/**
 * Reads an annotation file: an AnnotationCollection (annotations in `first`
 * and its `next` pages, or `items`), an AnnotationPage, an array, or one
 * Annotation. Anything that is not usable is reported in `problems` with the
 * reason; it never throws.
 */
export function parseAnnotationFile(text: string): {
  annotations: ParsedAnnotation[]
  problems: string[]
} {
  const problems: string[] = []
  let json: unknown
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error)
    return { annotations: [], problems: [`the file is not JSON (${why})`] }
  }
  const items = annotationItems(json, problems)
  const annotations: ParsedAnnotation[] = []
  items.forEach((item, index) => {
    const outcome = readAnnotation(item)
    if (typeof outcome === 'string') {
      const id = isRecord(item) && typeof item.id === 'string' ? ` (${item.id})` : ''
      problems.push(`annotation ${index + 1}${id}: ${outcome}`)
    } else {
      annotations.push(outcome)
    }
  })
  if (items.length === 0 && problems.length === 0) problems.push('the file has no annotations')
  return { annotations, problems }
}

type JsonObject = Record<string, unknown>

function isRecord(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function list(value: unknown): unknown[] {
  if (value === undefined || value === null) return []
  return Array.isArray(value) ? value : [value]
}

function hasType(value: JsonObject, type: string): boolean {
  return list(value.type).includes(type)
}

/** The annotations a file holds, wherever in it they are. */
function annotationItems(json: unknown, problems: string[]): unknown[] {
  if (Array.isArray(json)) return json
  if (!isRecord(json)) {
    problems.push('the file holds no annotations: it is JSON, but not an object or an array')
    return []
  }
  if (hasType(json, 'AnnotationCollection')) {
    const items = list(json.items)
    if (json.first === undefined) return items
    return [...items, ...pageItems(json.first, problems)]
  }
  if (hasType(json, 'AnnotationPage')) return pageItems(json, problems)
  if (hasType(json, 'Annotation') || json.target !== undefined) return [json]
  // Hypothesis's search API answers { total, rows: [...] }.
  if (Array.isArray(json.rows)) return json.rows
  problems.push(
    'the file holds no annotations: expected an AnnotationCollection, an AnnotationPage, an array or an Annotation',
  )
  return []
}

/** The items of a page and of the pages after it, as far as the file has them. */
function pageItems(first: unknown, problems: string[]): unknown[] {
  const items: unknown[] = []
  const seen = new Set<unknown>()
  let page: unknown = first
  while (page !== undefined && page !== null) {
    if (typeof page === 'string') {
      problems.push(`the page ${page} is not in the file, so its annotations were not read`)
      break
    }
    if (!isRecord(page) || seen.has(page) || seen.size >= MAX_PAGES) break
    seen.add(page)
    items.push(...list(page.items))
    page = page.next
  }
  return items
}

/** One annotation, or why it cannot be used. */
function readAnnotation(item: unknown): ParsedAnnotation | string {
  if (!isRecord(item)) return 'it is not an object'
  if (item.type !== undefined && !hasType(item, 'Annotation')) {
    return `it is of type ${JSON.stringify(item.type)}, not an Annotation`
  }
  if (item.target === undefined || item.target === null) return 'it has no target'

  const target = readTarget(item.target)
  if (target.quote === null && target.position === null) {
    return target.source === null
      ? 'its target names no text'
      : `its target (${target.source}) has no TextQuoteSelector or TextPositionSelector, so there is no passage to place`
  }

  const bodies = readBodies(item)
  const color = bodies.color ?? styledColor(item, target.styleClass)
  return {
    id: readId(item),
    releaseUrn:
      target.source !== null && SHA256_URN_RE.test(target.source)
        ? target.source.toLowerCase()
        : null,
    source: target.source,
    quote: target.quote,
    position: target.position,
    note: bodies.notes.join('\n\n'),
    tagPaths: bodies.tags,
    color,
    created: readTime(item.created),
    modified: readTime(item.modified) ?? readTime(item.updated),
  }
}

function readId(item: JsonObject): string {
  const id = typeof item.id === 'string' ? item.id.trim() : ''
  if (UUID_URN_RE.test(id)) return id.slice('urn:uuid:'.length)
  if (id.length > 0) return id
  // An annotation without an id (allowed nowhere, written by hand-made files) still gets in.
  return globalThis.crypto.randomUUID()
}

function readTime(value: unknown): number | null {
  if (typeof value !== 'string') return null
  const ms = Date.parse(value)
  return Number.isFinite(ms) ? ms : null
}

type Target = {
  source: string | null
  quote: TextQuote | null
  position: TextPosition | null
  styleClass: string | null
}

/** The first target that names a passage (or, when none does, the first target). */
function readTarget(value: unknown): Target {
  const targets = list(value).map(readOneTarget)
  return (
    targets.find((target) => target.quote !== null || target.position !== null) ??
    targets[0] ?? { source: null, quote: null, position: null, styleClass: null }
  )
}

function readOneTarget(value: unknown): Target {
  const target: Target = { source: null, quote: null, position: null, styleClass: null }
  if (typeof value === 'string') {
    target.source = value
    return target
  }
  if (!isRecord(value)) return target
  const source = value.source
  if (typeof source === 'string') target.source = source
  else if (isRecord(source) && typeof source.id === 'string') target.source = source.id
  else if (typeof value.id === 'string') target.source = value.id
  const styleClass = list(value.styleClass).find((name) => typeof name === 'string')
  if (typeof styleClass === 'string') target.styleClass = styleClass

  for (const selector of selectors(value.selector)) {
    if (hasType(selector, 'TextQuoteSelector') && target.quote === null) {
      if (typeof selector.exact === 'string' && selector.exact.length > 0) {
        target.quote = {
          exact: selector.exact,
          prefix: typeof selector.prefix === 'string' ? selector.prefix : '',
          suffix: typeof selector.suffix === 'string' ? selector.suffix : '',
        }
      }
    } else if (hasType(selector, 'TextPositionSelector') && target.position === null) {
      const { start, end } = selector
      if (
        typeof start === 'number' &&
        typeof end === 'number' &&
        Number.isSafeInteger(start) &&
        Number.isSafeInteger(end) &&
        start >= 0 &&
        start <= end
      ) {
        target.position = { start, end }
      }
    }
  }
  return target
}

/** Selectors, with those refining them (`refinedBy`), as objects. */
function selectors(value: unknown): JsonObject[] {
  const found: JsonObject[] = []
  const pending = list(value)
  while (pending.length > 0 && found.length < 100) {
    const next = pending.shift()
    if (!isRecord(next)) continue
    found.push(next)
    pending.push(...list(next.refinedBy))
  }
  return found
}

/** Notes, tag paths and a highlight colour from the bodies, `bodyValue`, or a Hypothesis row. */
function readBodies(item: JsonObject): { notes: string[]; tags: string[]; color: string | null } {
  const notes: string[] = []
  const tags: string[] = []
  let color: string | null = null
  const motivations = list(item.motivation)
  const tagging = motivations.includes('tagging') && !motivations.includes('commenting')

  if (typeof item.bodyValue === 'string' && item.bodyValue.length > 0) notes.push(item.bodyValue)
  for (const body of list(item.body)) {
    // A string body is the IRI of a resource elsewhere: nothing to read here.
    if (!isRecord(body) || typeof body.value !== 'string') continue
    const purposes = list(body.purpose)
    const value = body.value
    if (purposes.includes('tagging') || (purposes.length === 0 && tagging)) {
      const path = value.trim()
      if (path.length > 0 && !tags.includes(path)) tags.push(path)
    } else if (purposes.includes('highlighting') && COLOR_RE.test(value.trim())) {
      color = value.trim().toLowerCase()
    } else if (value.length > 0) {
      notes.push(value)
    }
  }

  // Hypothesis's API rows: the note is `text`, the tags are `tags`.
  if (item.type === undefined) {
    if (typeof item.text === 'string' && item.text.length > 0) notes.push(item.text)
    for (const tag of list(item.tags)) {
      if (typeof tag === 'string' && tag.trim().length > 0 && !tags.includes(tag.trim())) {
        tags.push(tag.trim())
      }
    }
  }
  return { notes, tags, color }
}

/** The background colour the annotation's stylesheet gives the target's style class. */
function styledColor(item: JsonObject, styleClass: string | null): string | null {
  if (styleClass === null) return null
  const sheets = list(item.stylesheet)
  for (const sheet of sheets) {
    if (!isRecord(sheet) || typeof sheet.value !== 'string') continue
    const rule = new RegExp(
      `\\.${escapeRegExp(styleClass)}\\s*\\{[^}]*background(?:-color)?\\s*:\\s*(#[0-9a-fA-F]{6})\\b`,
    ).exec(sheet.value)
    if (rule) return (rule[1] as string).toLowerCase()
  }
  return null
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
