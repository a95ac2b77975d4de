/**
 * Tags: a tree of paths ("Threats/Terrorism"), each with a colour and a
 * description (the codebook), used on releases (`releaseTags`), on
 * paragraphs (`paragraphTags`) and on passages (`annotations.tagIds`).
 * Every write returns an Edit for undo (db/edits).
 *
 * Names are trimmed and their inner whitespace collapsed; two tags under one
 * parent may not share a name, whatever its case. A tag's `path` is its
 * ancestors' names and its own joined by "/": renaming or moving a tag
 * rewrites the paths of its whole subtree in the same transaction.
 *
 * Release rows carry their text (about 13 KB each), so tags on releases are
 * rows of their own (`releaseTags`, keyed `[tagId, releaseId]`) and tagging
 * never reads or writes a release. Usage is counted by key: a tag's key range
 * in `releaseTags`, and the multi-entry `tagIds` indexes of paragraphs and
 * annotations.
 */
import type { ArchiveDb } from '../archive-db'
import { EditRecorder, type Edit } from '../edits'
import type { ParagraphTagsRecord, ReleaseTagRecord, TagRecord } from '../records'
import { countTagged, releasesTagged, tagRange } from './release-tags'
import { paragraphIdFor } from './releases-repo'

/**
 * Release tags written per request when tagging many releases: each request is
 * built in one task, so smaller ones keep the window responsive in between.
 */
const RELEASE_TAG_CHUNK = 2_000
/** Above this many releases, tagging checks them against every key of the table. */
const MANY_RELEASES = 1_000

/** How often a tag is used: releases, paragraphs and passages (annotations) carrying it. */
export type TagUsage = { releases: number; paragraphs: number; passages: number }

/** The longest tag name, in UTF-16 code units. */
export const MAX_TAG_NAME_LENGTH = 80
/** The longest codebook description of a tag. */
export const MAX_TAG_DESCRIPTION_LENGTH = 10_000

/**
 * Colours given to new tags, chosen by a hash of the path: Tableau 10, whose
 * neighbours are easy to tell apart, with two more.
 */
export const TAG_PALETTE = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ac',
  '#2f6f8f',
  '#8cd17d',
] as const

const COLOR_RE = /^#[0-9a-f]{6}$/i

/** A name as stored: trimmed, with runs of whitespace made one space. */
export function normaliseTagName(name: string): string {
  return name.trim().replace(/\s+/g, ' ')
}

/** The palette colour for a path (FNV-1a hash), so a tag keeps its colour if created again. */
export function defaultTagColor(path: string): string {
  let hash = 0x811c9dc5
  for (let i = 0; i < path.length; i += 1) {
    hash ^= path.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return TAG_PALETTE[(hash >>> 0) % TAG_PALETTE.length] as string
}

function checkName(name: string, original: string): void {
  if (name === '') throw new Error('A tag needs a name.')
  if (name.includes('/')) {
    throw new Error(`A tag name cannot contain “/”: it separates a tag from its parent.`)
  }
  if (name.length > MAX_TAG_NAME_LENGTH) {
    throw new Error(
      `A tag name can be at most ${MAX_TAG_NAME_LENGTH} characters; “${original.trim().slice(0, 40)}…” has ${name.length}.`,
    )
  }
}

function checkColor(color: string): string {
  if (!COLOR_RE.test(color)) {
    throw new Error(`“${color}” is not a colour: use the form #rrggbb, such as #4e79a7.`)
  }
  return color.toLowerCase()
}

function checkDescription(description: string): string {
  if (typeof description !== 'string') throw new Error('A tag description must be text.')
  if (description.length > MAX_TAG_DESCRIPTION_LENGTH) {
    throw new Error(
      `A tag description can be at most ${MAX_TAG_DESCRIPTION_LENGTH.toLocaleString('en')} characters.`,
    )
  }
  return description
}

const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase()

const plural = (n: number, one: string, many: string = `${one}s`) =>
  `${n.toLocaleString('en')} ${n === 1 ? one : many}`

/** The tags as a tree, loaded once per transaction (a codebook has hundreds, not thousands). */
class TagTree {
  readonly original: Map<string, TagRecord>
  /** The tags as they will be; a deleted tag is absent. */
  readonly next: Map<string, TagRecord>

  constructor(rows: readonly TagRecord[]) {
    this.original = new Map(rows.map((t) => [t.id, t]))
    this.next = new Map(rows.map((t) => [t.id, { ...t }]))
  }

  static async load(db: ArchiveDb): Promise<TagTree> {
    return new TagTree(await db.tags.toArray())
  }

  get(id: string): TagRecord {
    const tag = this.next.get(id)
    if (!tag) throw new Error('That tag is no longer in the archive.')
    return tag
  }

  children(parentId: string | null): TagRecord[] {
    return [...this.next.values()].filter((t) => t.parentId === parentId)
  }

  /** The tag and all its descendants, the tag first. */
  subtree(id: string): TagRecord[] {
    const out = [this.get(id)]
    for (let i = 0; i < out.length; i += 1) out.push(...this.children((out[i] as TagRecord).id))
    return out
  }

  /** Refuses a name another child of `parentId` already has. */
  checkFree(parentId: string | null, name: string, except: string | null): void {
    const clash = this.children(parentId).find((t) => t.id !== except && sameName(t.name, name))
    if (!clash) return
    const parent = parentId === null ? null : this.get(parentId)
    throw new Error(
      parent
        ? `A tag named “${clash.name}” already exists under “${parent.path}”.`
        : `A tag named “${clash.name}” already exists at the top level.`,
    )
  }

  /** Rebuilds every path from the names, after names or parents changed. */
  private repath(): void {
    const pathOf = new Map<string, string>()
    const resolve = (tag: TagRecord, depth: number): string => {
      const known = pathOf.get(tag.id)
      if (known !== undefined) return known
      const parent = tag.parentId === null ? undefined : this.next.get(tag.parentId)
      const path =
        parent && depth < this.next.size ? `${resolve(parent, depth + 1)}/${tag.name}` : tag.name
      pathOf.set(tag.id, path)
      return path
    }
    for (const tag of this.next.values()) tag.path = resolve(tag, 0)
  }

  /**
   * Writes every tag that changed. Changed rows are deleted before any is put
   * back, so paths that trade places never trip the unique `path` index.
   */
  async commit(db: ArchiveDb, recorder: EditRecorder): Promise<void> {
    this.repath()
    const ids = new Set([...this.original.keys(), ...this.next.keys()])
    const changed: string[] = []
    for (const id of ids) {
      const before = this.original.get(id)
      const after = this.next.get(id)
      if (JSON.stringify(before) === JSON.stringify(after)) continue
      changed.push(id)
      recorder.row('tags', id, before, after)
    }
    if (changed.length === 0) return
    await db.tags.bulkDelete(changed.filter((id) => this.original.has(id)))
    const rows = changed.flatMap((id) => this.next.get(id) ?? [])
    if (rows.length > 0) await db.tags.bulkPut(rows)
  }
}

/** Every tag, ordered by path (so a parent comes before its children). */
export async function listTags(db: ArchiveDb): Promise<TagRecord[]> {
  const tags = await db.tags.toArray()
  const segments = new Map(tags.map((t) => [t.id, t.path.split('/')]))
  return tags.sort((a, b) => comparePaths(segments.get(a.id)!, segments.get(b.id)!))
}

/** Segment by segment, so "A/B" sorts right after "A" and before "A B". */
function comparePaths(a: readonly string[], b: readonly string[]): number {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i += 1) {
    const x = a[i] as string
    const y = b[i] as string
    const byName = x.localeCompare(y, 'en', { sensitivity: 'base' })
    if (byName !== 0) return byName
    if (x !== y) return x < y ? -1 : 1
  }
  return a.length - b.length
}

/**
 * The tag at `path` ("Threats/Terrorism"), created with any missing ancestors
 * when it does not exist. Path segments are trimmed; an empty segment or a
 * segment over 80 characters is refused with an Error saying so.
 */
export async function ensureTag(
  db: ArchiveDb,
  path: string,
  options: { color?: string; description?: string } = {},
): Promise<{ tag: TagRecord; edit: Edit }> {
  const raw = path.split('/')
  const names = raw.map(normaliseTagName)
  if (names.some((name) => name === '')) {
    throw new Error(
      names.length === 1
        ? 'A tag needs a name.'
        : `“${path.trim()}” has an empty part: a tag path is names separated by “/”.`,
    )
  }
  names.forEach((name, i) => checkName(name, raw[i] as string))
  const color = options.color === undefined ? undefined : checkColor(options.color)
  const description = options.description === undefined ? '' : checkDescription(options.description)
  return db.transaction('rw', db.tags, async () => {
    const tree = await TagTree.load(db)
    const recorder = new EditRecorder()
    let parent: TagRecord | null = null
    let created = false
    for (const [i, name] of names.entries()) {
      const parentId: string | null = parent === null ? null : parent.id
      const existing: TagRecord | undefined = tree
        .children(parentId)
        .find((t) => sameName(t.name, name))
      if (existing) {
        parent = existing
        continue
      }
      const isLeaf = i === names.length - 1
      const tagPath: string = parent === null ? name : `${parent.path}/${name}`
      const tag: TagRecord = {
        id: crypto.randomUUID(),
        name,
        parentId,
        path: tagPath,
        color: isLeaf && color ? color : defaultTagColor(tagPath),
        description: isLeaf ? description : '',
        createdAt: Date.now(),
      }
      tree.next.set(tag.id, tag)
      parent = tag
      created = true
    }
    if (created) await tree.commit(db, recorder)
    const tag = parent as TagRecord
    return { tag: { ...tag }, edit: recorder.edit(`Create tag “${tag.path}”`) }
  })
}

export async function updateTag(
  db: ArchiveDb,
  id: string,
  patch: { color?: string; description?: string },
): Promise<Edit> {
  const color = patch.color === undefined ? undefined : checkColor(patch.color)
  const description =
    patch.description === undefined ? undefined : checkDescription(patch.description)
  return db.transaction('rw', db.tags, async () => {
    const tree = await TagTree.load(db)
    const tag = tree.get(id)
    if (color !== undefined) tag.color = color
    if (description !== undefined) tag.description = description
    const recorder = new EditRecorder()
    await tree.commit(db, recorder)
    const label =
      description === undefined
        ? `Change the colour of tag “${tag.path}”`
        : color === undefined
          ? `Edit the description of tag “${tag.path}”`
          : `Edit tag “${tag.path}”`
    return recorder.edit(label)
  })
}

/** Renames a tag; its descendants' paths follow. Refused (Error) if a sibling has that name. */
export async function renameTag(db: ArchiveDb, id: string, name: string): Promise<Edit> {
  const clean = normaliseTagName(name)
  checkName(clean, name)
  return db.transaction('rw', db.tags, async () => {
    const tree = await TagTree.load(db)
    const tag = tree.get(id)
    const old = tag.name
    tree.checkFree(tag.parentId, clean, tag.id)
    tag.name = clean
    const recorder = new EditRecorder()
    await tree.commit(db, recorder)
    return recorder.edit(`Rename tag “${old}” to “${clean}”`)
  })
}

/** Moves a tag (with its subtree) under another tag, or to the top when `parentId` is null. */
export async function moveTag(db: ArchiveDb, id: string, parentId: string | null): Promise<Edit> {
  return db.transaction('rw', db.tags, async () => {
    const tree = await TagTree.load(db)
    const tag = tree.get(id)
    const recorder = new EditRecorder()
    const parent = parentId === null ? null : tree.get(parentId)
    const where = parent ? `under “${parent.path}”` : 'to the top level'
    const label = `Move tag “${tag.path}” ${where}`
    if (parentId === tag.parentId) return recorder.edit(label)
    if (parentId !== null && tree.subtree(id).some((t) => t.id === parentId)) {
      throw new Error(`“${tag.path}” cannot be moved under itself or one of its own sub-tags.`)
    }
    tree.checkFree(parentId, tag.name, tag.id)
    tag.parentId = parentId
    await tree.commit(db, recorder)
    return recorder.edit(label)
  })
}

/**
 * Merges `fromId` into `intoId`: every release, paragraph and passage tagged
 * `from` is tagged `into` instead (once), `from`'s children move under `into`,
 * and `from` is deleted.
 */
export async function mergeTag(db: ArchiveDb, fromId: string, intoId: string): Promise<Edit> {
  if (fromId === intoId) throw new Error('A tag cannot be merged into itself.')
  return db.transaction(
    'rw',
    [db.tags, db.releaseTags, db.paragraphTags, db.annotations],
    async () => {
      const tree = await TagTree.load(db)
      const from = tree.get(fromId)
      const into = tree.get(intoId)
      const label = `Merge “${from.path}” into “${into.path}”`
      if (tree.subtree(fromId).some((t) => t.id === intoId)) {
        throw new Error(`“${from.path}” cannot be merged into its own sub-tag “${into.path}”.`)
      }
      // Each merged tag and the one it becomes; a child whose name `into` already has is
      // merged into that child in turn.
      const replace = new Map<string, string>()
      // `from` itself may be among `into`'s children, and is never a child's twin.
      const merged = new Set(tree.subtree(fromId).map((t) => t.id))
      const merge = (f: TagRecord, t: TagRecord) => {
        replace.set(f.id, t.id)
        for (const child of tree.children(f.id)) {
          const twin = tree
            .children(t.id)
            .find((c) => !merged.has(c.id) && sameName(c.name, child.name))
          if (twin) merge(child, twin)
          else child.parentId = t.id
        }
        tree.next.delete(f.id)
      }
      merge(from, into)
      const recorder = new EditRecorder()
      await retag(db, [...replace.keys()], (id) => replace.get(id), recorder)
      await tree.commit(db, recorder)
      return recorder.edit(label)
    },
  )
}

/** Deletes a tag and its descendants, and removes them from everything they were on. */
export async function deleteTag(db: ArchiveDb, id: string): Promise<Edit> {
  return db.transaction(
    'rw',
    [db.tags, db.releaseTags, db.paragraphTags, db.annotations],
    async () => {
      const tree = await TagTree.load(db)
      const tag = tree.get(id)
      const ids = tree.subtree(id).map((t) => t.id)
      for (const gone of ids) tree.next.delete(gone)
      const recorder = new EditRecorder()
      await retag(db, ids, () => null, recorder)
      await tree.commit(db, recorder)
      return recorder.edit(`Delete tag “${tag.path}”`)
    },
  )
}

/**
 * Replaces the tags `ids` on every release, paragraph and annotation carrying
 * one: `to(id)` is the tag it becomes, or null to remove it. A paragraph left
 * with no tags loses its row; an annotation keeps its note and highlight.
 */
async function retag(
  db: ArchiveDb,
  ids: readonly string[],
  to: (id: string) => string | null | undefined,
  recorder: EditRecorder,
): Promise<void> {
  if (ids.length === 0) return
  const touched = new Set(ids)
  const rewrite = (tagIds: readonly string[]) => [
    ...new Set(tagIds.flatMap((t) => (touched.has(t) ? (to(t) ?? []) : [t]))),
  ]
  const now = Date.now()
  await retagReleases(db, touched, to, recorder)
  const paragraphs = await db.paragraphTags
    .where('tagIds')
    .anyOf([...touched])
    .distinct()
    .toArray()
  const emptied: string[] = []
  const kept: ParagraphTagsRecord[] = []
  for (const row of paragraphs) {
    const tagIds = rewrite(row.tagIds)
    const next = tagIds.length > 0 ? { ...row, tagIds, updatedAt: now } : undefined
    recorder.row('paragraphTags', row.id, row, next)
    if (next) kept.push(next)
    else emptied.push(row.id)
  }
  if (emptied.length > 0) await db.paragraphTags.bulkDelete(emptied)
  if (kept.length > 0) await db.paragraphTags.bulkPut(kept)
  const annotations = await db.annotations
    .where('tagIds')
    .anyOf([...touched])
    .distinct()
    .toArray()
  const changed = annotations.map((row) => {
    const next = { ...row, tagIds: rewrite(row.tagIds), updatedAt: now }
    recorder.row('annotations', row.id, row, next)
    return next
  })
  if (changed.length > 0) await db.annotations.bulkPut(changed)
}

/**
 * Moves the tags `touched` on releases to what `to` makes of them: every
 * `releaseTags` row of a touched tag goes, and its release gets the new tag
 * unless it already carries it.
 */
async function retagReleases(
  db: ArchiveDb,
  touched: ReadonlySet<string>,
  to: (id: string) => string | null | undefined,
  recorder: EditRecorder,
): Promise<void> {
  const rows = (await Promise.all([...touched].map((id) => tagRange(db, id).toArray()))).flat()
  if (rows.length === 0) return
  for (const row of rows) recorder.row('releaseTags', [row.tagId, row.releaseId], row, undefined)
  await db.releaseTags.bulkDelete(rows.map((r): [string, string] => [r.tagId, r.releaseId]))
  const wanted = new Map<string, ReleaseTagRecord>()
  for (const row of rows) {
    const tagId = to(row.tagId)
    if (tagId) wanted.set(`${tagId}\n${row.releaseId}`, { ...row, tagId })
  }
  const candidates = [...wanted.values()]
  const present = await db.releaseTags.bulkGet(
    candidates.map((r): [string, string] => [r.tagId, r.releaseId]),
  )
  const added = candidates.filter((_, i) => present[i] === undefined)
  for (const row of added) recorder.row('releaseTags', [row.tagId, row.releaseId], undefined, row)
  if (added.length > 0) await db.releaseTags.bulkAdd(added)
}

/** Usage of every tag by id (its own uses, not its descendants'). */
export async function tagCounts(db: ArchiveDb): Promise<Map<string, TagUsage>> {
  return db.transaction(
    'r',
    [db.tags, db.releaseTags, db.paragraphTags, db.annotations],
    async () => {
      // One count per tag and table, by key range: IndexedDB counts a range without
      // reading values, where walking every key of an index costs a step per key.
      const ids = await db.tags.toCollection().primaryKeys()
      const usages = await Promise.all(
        ids.map(async (id): Promise<[string, TagUsage]> => {
          const [releases, paragraphs, passages] = await Promise.all([
            countTagged(db, id),
            db.paragraphTags.where('tagIds').equals(id).count(),
            db.annotations.where('tagIds').equals(id).count(),
          ])
          return [id, { releases, paragraphs, passages }]
        }),
      )
      return new Map(usages)
    },
  )
}

/** Usage of a tag and all its descendants: what deleting it would remove. */
export async function subtreeUsage(db: ArchiveDb, id: string): Promise<TagUsage> {
  return db.transaction(
    'r',
    [db.tags, db.releaseTags, db.paragraphTags, db.annotations],
    async () => {
      const tree = await TagTree.load(db)
      const ids = tree.subtree(id).map((t) => t.id)
      // A row carrying two of the tags is one row: count distinct keys.
      const distinct = async (keys: Promise<unknown[]>) => new Set(await keys).size
      const [releases, paragraphs, passages] = await Promise.all([
        Promise.all(ids.map((t) => releasesTagged(db, t))).then(
          (lists) => new Set(lists.flat()).size,
        ),
        distinct(db.paragraphTags.where('tagIds').anyOf(ids).primaryKeys()),
        distinct(db.annotations.where('tagIds').anyOf(ids).primaryKeys()),
      ])
      return { releases, paragraphs, passages }
    },
  )
}

/** Puts the tag on (or takes it off) every one of these releases, in one transaction. */
export async function setReleasesTag(
  db: ArchiveDb,
  releaseIds: readonly string[],
  tagId: string,
  on: boolean,
): Promise<Edit> {
  const ids = [...new Set(releaseIds)]
  return db.transaction('rw', [db.tags, db.releaseOrder, db.releaseTags], async () => {
    const tag = await db.tags.get(tagId)
    if (!tag) throw new Error('That tag is no longer in the archive.')
    const recorder = new EditRecorder()
    const label = on
      ? `Tag ${plural(ids.length, 'release')} “${tag.path}”`
      : `Remove tag “${tag.path}” from ${plural(ids.length, 'release')}`
    const carrying = new Set(await releasesTagged(db, tagId))
    // In key order: IndexedDB deletes (and adds) keys in ascending order several times faster
    // than in descending order (db/edits).
    let targets = ids.filter((id) => carrying.has(id) !== on).sort()
    if (on && targets.length > 0) {
      // Only releases still in the archive: one that was deleted meanwhile is not tagged.
      // For many, all the keys in one request beat a cursor over the ones named.
      const present = new Set(
        await (
          targets.length > MANY_RELEASES
            ? db.releaseOrder.toCollection()
            : db.releaseOrder.where(':id').anyOf(targets)
        ).primaryKeys(),
      )
      targets = targets.filter((id) => present.has(id))
    }
    const now = Date.now()
    for (let at = 0; at < targets.length; at += RELEASE_TAG_CHUNK) {
      const chunk = targets.slice(at, at + RELEASE_TAG_CHUNK)
      if (on) {
        const rows = chunk.map((releaseId): ReleaseTagRecord => ({
          tagId,
          releaseId,
          taggedAt: now,
        }))
        for (const row of rows) recorder.row('releaseTags', [tagId, row.releaseId], undefined, row)
        await db.releaseTags.bulkAdd(rows)
      } else {
        const rows = await db.releaseTags.bulkGet(chunk.map((id): [string, string] => [tagId, id]))
        for (const row of rows) {
          if (row) recorder.row('releaseTags', [tagId, row.releaseId], row, undefined)
        }
        await db.releaseTags.bulkDelete(chunk.map((id): [string, string] => [tagId, id]))
      }
    }
    return recorder.edit(label)
  })
}

/** Puts the tag on (or takes it off) one paragraph of a release, by the paragraph's key. */
export async function setParagraphTag(
  db: ArchiveDb,
  releaseId: string,
  paragraphKey: string,
  tagId: string,
  on: boolean,
): Promise<Edit> {
  return db.transaction('rw', [db.tags, db.releases, db.paragraphTags], async () => {
    const tag = await db.tags.get(tagId)
    if (!tag) throw new Error('That tag is no longer in the archive.')
    if ((await db.releases.where(':id').equals(releaseId).count()) === 0) {
      throw new Error('That release is no longer in the archive.')
    }
    const recorder = new EditRecorder()
    const label = on ? `Tag a paragraph “${tag.path}”` : `Remove tag “${tag.path}” from a paragraph`
    const id = paragraphIdFor(releaseId, paragraphKey)
    const row = await db.paragraphTags.get(id)
    const has = row?.tagIds.includes(tagId) ?? false
    if (has === on) return recorder.edit(label)
    const tagIds = on
      ? [...(row?.tagIds ?? []), tagId]
      : (row?.tagIds ?? []).filter((t) => t !== tagId)
    const next: ParagraphTagsRecord | undefined =
      tagIds.length > 0 ? { id, releaseId, paragraphKey, tagIds, updatedAt: Date.now() } : undefined
    recorder.row('paragraphTags', id, row, next)
    if (next) await db.paragraphTags.put(next)
    else await db.paragraphTags.delete(id)
    return recorder.edit(label)
  })
}

/** The tagged paragraphs of a release. */
export function paragraphTagsOf(db: ArchiveDb, releaseId: string): Promise<ParagraphTagsRecord[]> {
  return db.paragraphTags.where('releaseId').equals(releaseId).toArray()
}
