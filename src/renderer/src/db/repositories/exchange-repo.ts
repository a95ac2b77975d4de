/**
 * Getting annotations out of the archive and back in: collects what an export
 * of a scope needs (shared/annotation/types), and merges an imported W3C
 * annotation file into the archive.
 *
 * Release rows carry their text, so an export reads only the releases it
 * lists, found through `releaseTags` and the `releaseId` and `tagIds` indexes, and an import
 * reads the whole archive only for quotes whose release it cannot name.
 */
import { locateQuote } from '../../../../shared/annotation/locate'
import { selectorsFor, type VersionText } from '../../../../shared/annotation/reading-text'
import type {
  ExchangeAnnotation,
  ExchangeData,
  ExchangeRelease,
  TextPosition,
  TextQuote,
} from '../../../../shared/annotation/types'
import { parseAnnotationFile, type ParsedAnnotation } from '../../../../shared/annotation/w3c'
import { decodeBody } from '../../../../shared/release/body'
import type { ArchiveDb } from '../archive-db'
import { EditRecorder, type Edit } from '../edits'
import type { AnnotationRecord, ParagraphTagsRecord, ReleaseRecord } from '../records'
import { DEFAULT_ANNOTATION_COLOR, MAX_NOTE_LENGTH } from './annotations-repo'
import { releasesTagged, tagsByRelease } from './release-tags'
import { paragraphIdFor, releaseIdFor } from './releases-repo'
import { ensureTag, listTags } from './tags-repo'

export type ExportScope =
  | { kind: 'archive' }
  /** The current selection or search results. */
  | { kind: 'releases'; releaseIds: readonly string[] }
  | { kind: 'release'; releaseId: string }
  /** Annotations, paragraphs and releases carrying the tag or one of its descendants. */
  | { kind: 'tag'; tagId: string }

/** Release rows read at a time: each carries its text. */
const READ_CHUNK = 200

const plural = (n: number, one: string, many: string = `${one}s`) =>
  `${n.toLocaleString('en')} ${n === 1 ? one : many}`

export async function collectExport(
  db: ArchiveDb,
  scope: ExportScope,
  now: number = Date.now(),
): Promise<ExchangeData> {
  const tags = await listTags(db)
  let annotations: AnnotationRecord[]
  let paragraphTags: ParagraphTagsRecord[]
  let releaseIds: string[]
  let scopeLabel: string
  switch (scope.kind) {
    case 'archive': {
      // Releases nobody has tagged or annotated are left out: reading every text of a
      // large archive would gain the export nothing.
      ;[annotations, paragraphTags] = await Promise.all([
        db.annotations.toArray(),
        db.paragraphTags.toArray(),
      ])
      const tagged = (await db.releaseTags.orderBy('releaseId').uniqueKeys()) as string[]
      releaseIds = unique([
        ...tagged,
        ...annotations.map((a) => a.releaseId),
        ...paragraphTags.map((p) => p.releaseId),
      ])
      scopeLabel = 'the whole archive'
      break
    }
    case 'releases':
    case 'release': {
      releaseIds = unique(scope.kind === 'release' ? [scope.releaseId] : scope.releaseIds)
      ;[annotations, paragraphTags] = await Promise.all([
        db.annotations.where('releaseId').anyOf(releaseIds).toArray(),
        db.paragraphTags.where('releaseId').anyOf(releaseIds).toArray(),
      ])
      scopeLabel = plural(releaseIds.length, 'selected release')
      break
    }
    case 'tag': {
      const root = tags.find((t) => t.id === scope.tagId)
      if (!root) throw new Error('That tag is no longer in the archive.')
      const ids = tags
        .filter((t) => t.path === root.path || t.path.startsWith(`${root.path}/`))
        .map((t) => t.id)
      const [carrying, tagged] = await Promise.all([
        db.annotations.where('tagIds').anyOf(ids).distinct().toArray(),
        db.paragraphTags.where('tagIds').anyOf(ids).distinct().toArray(),
      ])
      annotations = carrying
      paragraphTags = tagged
      const onReleases = await Promise.all(ids.map((id) => releasesTagged(db, id)))
      releaseIds = unique([
        ...onReleases.flat(),
        ...annotations.map((a) => a.releaseId),
        ...paragraphTags.map((p) => p.releaseId),
      ])
      scopeLabel = `tag ${root.path}`
      break
    }
  }

  const releases = await exchangeReleases(db, releaseIds)
  if (scope.kind === 'release' && releases[0]) scopeLabel = `“${releases[0].title}”`
  if (scope.kind !== 'releases') releases.sort(byDateAndTitle)
  const order = new Map(releases.map((r, i) => [r.id, i]))
  // A row whose release has gone cannot name its text: it is left out.
  const inScope = (releaseId: string) => order.has(releaseId)
  return {
    scopeLabel,
    releases,
    tags: tags.map(({ id, path, name, parentId, color, description }) => ({
      id,
      path,
      name,
      parentId,
      color,
      description,
    })),
    annotations: annotations
      .filter((a) => inScope(a.releaseId))
      .sort(
        (a, b) =>
          (order.get(a.releaseId) as number) - (order.get(b.releaseId) as number) ||
          a.position.start - b.position.start ||
          a.position.end - b.position.end,
      )
      .map(exchangeAnnotation),
    paragraphTags: paragraphTags
      .filter((p) => inScope(p.releaseId))
      .sort(
        (a, b) =>
          (order.get(a.releaseId) as number) - (order.get(b.releaseId) as number) ||
          a.paragraphKey.localeCompare(b.paragraphKey),
      )
      .map(({ releaseId, paragraphKey, tagIds }) => ({ releaseId, paragraphKey, tagIds })),
    exportedAt: now,
  }
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)]
}

function byDateAndTitle(a: ExchangeRelease, b: ExchangeRelease): number {
  if (a.date !== b.date) {
    if (a.date === null) return 1
    if (b.date === null) return -1
    return a.date < b.date ? -1 : 1
  }
  return a.title.localeCompare(b.title, 'en') || (a.id < b.id ? -1 : 1)
}

/** The releases, in the order given, a few at a time: only their paragraph keys are kept. */
async function exchangeReleases(db: ArchiveDb, ids: readonly string[]): Promise<ExchangeRelease[]> {
  const out: ExchangeRelease[] = []
  for (let i = 0; i < ids.length; i += READ_CHUNK) {
    const chunk = ids.slice(i, i + READ_CHUNK)
    const [rows, tags] = await Promise.all([db.releases.bulkGet(chunk), tagsByRelease(db, chunk)])
    for (const row of rows) {
      if (!row) continue
      out.push({
        id: row.id,
        contentHash: row.contentHash,
        title: row.title,
        date: row.date,
        paragraphKeys: decodeBody(row.body).keys,
        tagIds: tags.get(row.id) ?? [],
      })
    }
  }
  return out
}

function exchangeAnnotation(a: AnnotationRecord): ExchangeAnnotation {
  const prefix = `${a.releaseId}:`
  return {
    id: a.id,
    releaseId: a.releaseId,
    paragraphKey: a.paragraphId.startsWith(prefix)
      ? a.paragraphId.slice(prefix.length)
      : a.paragraphId,
    quote: a.quote,
    position: a.position,
    color: a.color,
    note: a.note,
    tagIds: a.tagIds,
    needsReview: a.needsReview,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
  }
}

export type AnnotationImportResult = {
  added: number
  /** Same id already in the archive, and the file's was newer. */
  updated: number
  /** Same id already in the archive, and the archive's was as new or newer. */
  kept: number
  /** Annotations that could not be placed, each with the reason in words. */
  unplaced: { id: string; quote: string; reason: string }[]
  /** File-level problems ("not JSON", "no annotations found"). */
  problems: string[]
  edit: Edit
}

/** Where an imported annotation goes. */
type Place = { releaseId: string; paragraphId: string; quote: TextQuote; position: TextPosition }

/**
 * Merges a W3C Web Annotation file (an AnnotationCollection, an
 * AnnotationPage, an array or one Annotation; ours or another tool's) into the
 * archive. Each target is matched by the release's URN (`urn:sha256:<contentHash>`)
 * or, failing that, by its TextQuoteSelector across the archive; tags named in
 * tagging bodies are created by path when missing. Same id: the newer wins.
 */
export async function importAnnotationFile(
  db: ArchiveDb,
  text: string,
  now: number = Date.now(),
): Promise<AnnotationImportResult> {
  const parsed = parseAnnotationFile(text)
  const problems = [...parsed.problems]
  const unplaced: AnnotationImportResult['unplaced'] = []
  const result = (counts: { added: number; updated: number; kept: number }, edit: Edit) => ({
    ...counts,
    unplaced,
    problems,
    edit,
  })
  const nothing = { label: 'Import annotations', changes: [] }
  if (parsed.annotations.length === 0) {
    if (problems.length === 0) problems.push('no annotations found')
    return result({ added: 0, updated: 0, kept: 0 }, nothing)
  }

  // An id given twice in the file counts once, as its newest.
  const byId = new Map<string, ParsedAnnotation>()
  for (const a of parsed.annotations) {
    const id = a.id === '' ? crypto.randomUUID() : a.id
    const known = byId.get(id)
    if (!known || (a.modified ?? 0) > (known.modified ?? 0)) byId.set(id, { ...a, id })
  }
  const isNewer = (a: ParsedAnnotation, row: AnnotationRecord | undefined) =>
    !row || (a.modified !== null && a.modified > row.updatedAt)

  const before = new Map<string, AnnotationRecord>()
  for (const row of await db.annotations.bulkGet([...byId.keys()])) {
    if (row) before.set(row.id, row)
  }
  const wanted: ParsedAnnotation[] = []
  for (const a of byId.values()) {
    if (!isNewer(a, before.get(a.id))) continue
    const quote = a.quote?.exact ?? ''
    if (!a.quote || quote === '') {
      unplaced.push({ id: a.id, quote, reason: 'it quotes no text to place' })
    } else if (a.note.length > MAX_NOTE_LENGTH) {
      unplaced.push({
        id: a.id,
        quote,
        reason: `its note is longer than ${MAX_NOTE_LENGTH.toLocaleString('en')} characters`,
      })
    } else {
      wanted.push(a)
    }
  }

  const { places, named } = await placeByUrn(db, wanted)
  const searched = await placeAcrossArchive(
    db,
    wanted.filter((a) => !places.has(a.id)),
  )
  for (const a of wanted) {
    if (places.has(a.id)) continue
    const found = searched.get(a.id)
    if (found && found.places.length === 1) {
      places.set(a.id, found.places[0] as Place)
      continue
    }
    const quote = (a.quote as TextQuote).exact
    const n = found?.places.length ?? 0
    const release = named.get(a.id)
    let reason: string
    if (n > 1) reason = `found in ${n}${found?.complete ? '' : ' or more'} releases`
    else if (release) reason = `the quoted text is not in “${release}” or any other release`
    else reason = 'no release in the archive has the quoted text'
    unplaced.push({ id: a.id, quote, reason })
  }

  const recorder = new EditRecorder()
  const counts = { added: 0, updated: 0, kept: 0 }
  await db.transaction('rw', [db.releases, db.tags, db.annotations], async () => {
    // Read again inside the transaction: the archive may have changed while quotes were sought.
    const releaseIds = unique([...places.values()].map((p) => p.releaseId))
    const present = new Set(await db.releases.where(':id').anyOf(releaseIds).primaryKeys())
    const current = new Map<string, AnnotationRecord>()
    for (const row of await db.annotations.bulkGet([...byId.keys()])) {
      if (row) current.set(row.id, row)
    }
    const tagIdOf = new Map<string, string | null>()
    const rows: AnnotationRecord[] = []
    for (const a of byId.values()) {
      const existing = current.get(a.id)
      if (!isNewer(a, existing)) {
        counts.kept += 1
        continue
      }
      const place = places.get(a.id)
      if (!place) continue
      if (!present.has(place.releaseId)) {
        unplaced.push({
          id: a.id,
          quote: place.quote.exact,
          reason: 'its release was deleted during the import',
        })
        continue
      }
      const tagIds: string[] = []
      for (const path of a.tagPaths) {
        if (!tagIdOf.has(path)) {
          try {
            const { tag, edit } = await ensureTag(db, path)
            recorder.include(edit)
            tagIdOf.set(path, tag.id)
          } catch (error) {
            tagIdOf.set(path, null)
            problems.push(`tag “${path}” was left out: ${(error as Error).message}`)
          }
        }
        const id = tagIdOf.get(path)
        if (id && !tagIds.includes(id)) tagIds.push(id)
      }
      const row: AnnotationRecord = {
        id: a.id,
        ...place,
        color: a.color ?? existing?.color ?? DEFAULT_ANNOTATION_COLOR,
        note: a.note,
        tagIds,
        needsReview: false,
        reviewReason: null,
        carriedFrom: existing?.carriedFrom ?? null,
        createdAt: a.created ?? existing?.createdAt ?? now,
        updatedAt: a.modified ?? now,
      }
      recorder.row('annotations', row.id, existing, row)
      rows.push(row)
      if (existing) counts.updated += 1
      else counts.added += 1
    }
    if (rows.length > 0) await db.annotations.bulkPut(rows)
  })
  const written = counts.added + counts.updated
  return result(counts, recorder.edit(`Import ${plural(written, 'annotation')}`))
}

function versionTextOf(row: ReleaseRecord): VersionText {
  const body = decodeBody(row.body)
  return { title: row.title, paragraphs: body.paragraphs, keys: body.keys }
}

function placeIn(row: ReleaseRecord, text: VersionText, a: ParsedAnnotation): Place | null {
  const located = locateQuote(text, a.quote as TextQuote, a.position?.start)
  if (!located) return null
  const { quote, position } = selectorsFor(
    text.title,
    text.paragraphs,
    located.paragraphIndex,
    located.start,
    located.end,
  )
  const key = text.keys[located.paragraphIndex] as string
  return { releaseId: row.id, paragraphId: paragraphIdFor(row.id, key), quote, position }
}

/**
 * Places annotations in the releases their URNs name. The release id is
 * derived from the content hash (releases-repo releaseIdFor), so the row is
 * read by id and its hash checked. `named` has the title of each URN's
 * release, for messages about quotes not found in it.
 */
async function placeByUrn(
  db: ArchiveDb,
  annotations: readonly ParsedAnnotation[],
): Promise<{ places: Map<string, Place>; named: Map<string, string> }> {
  const places = new Map<string, Place>()
  const named = new Map<string, string>()
  const byHash = new Map<string, ParsedAnnotation[]>()
  for (const a of annotations) {
    const hash = /^urn:sha256:([0-9a-f]{64})$/i.exec(a.releaseUrn ?? '')?.[1]?.toLowerCase()
    if (!hash) continue
    const list = byHash.get(hash) ?? []
    list.push(a)
    byHash.set(hash, list)
  }
  const hashes = [...byHash.keys()]
  for (let i = 0; i < hashes.length; i += READ_CHUNK) {
    const chunk = hashes.slice(i, i + READ_CHUNK)
    const rows = await db.releases.bulkGet(chunk.map(releaseIdFor))
    rows.forEach((row, j) => {
      const hash = chunk[j] as string
      if (!row || row.contentHash !== hash) return
      const text = versionTextOf(row)
      for (const a of byHash.get(hash) ?? []) {
        named.set(a.id, row.title)
        const place = placeIn(row, text, a)
        if (place) places.set(a.id, place)
      }
    })
  }
  return { places, named }
}

/**
 * Seeks each quote in every release, one row at a time. A quote is placed
 * only when exactly one release has it; the walk stops early once every
 * quote has been found in two releases, when the count is a lower bound.
 */
async function placeAcrossArchive(
  db: ArchiveDb,
  annotations: readonly ParsedAnnotation[],
): Promise<Map<string, { places: Place[]; complete: boolean }>> {
  const found = new Map(annotations.map((a) => [a.id, { places: [] as Place[], complete: true }]))
  if (annotations.length === 0) return found
  const settled = () => annotations.every((a) => (found.get(a.id)?.places.length ?? 0) > 1)
  let stoppedEarly = false
  await db.releases
    .toCollection()
    .until(() => {
      stoppedEarly = settled()
      return stoppedEarly
    })
    .each((row) => {
      const body = decodeBody(row.body)
      // A cheap test before the careful one: most releases have none of the quotes.
      const plain = body.paragraphs.join('\n')
      let text: VersionText | null = null
      for (const a of annotations) {
        const entry = found.get(a.id) as { places: Place[] }
        if (!plain.includes((a.quote as TextQuote).exact)) continue
        text ??= { title: row.title, paragraphs: body.paragraphs, keys: body.keys }
        const place = placeIn(row, text, a)
        if (place) entry.places.push(place)
      }
    })
  if (stoppedEarly) for (const entry of found.values()) entry.complete = false
  return found
}
