import 'fake-indexeddb/auto'
import Dexie from 'dexie'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { prepareRelease } from '../../../../shared/release/prepare-release'
import { ArchiveDb } from '../archive-db'
import { applyEdit } from '../edits'
import { addAnnotation } from './annotations-repo'
import { tagsByRelease } from './release-tags'
import { getParagraphs, storeBatch, toStorable } from './releases-repo'
import {
  TAG_PALETTE,
  defaultTagColor,
  deleteTag,
  ensureTag,
  listTags,
  mergeTag,
  moveTag,
  paragraphTagsOf,
  renameTag,
  setParagraphTag,
  setReleasesTag,
  subtreeUsage,
  tagCounts,
  updateTag,
} from './tags-repo'

/** The tags on each of these releases, each list sorted. */
async function releaseTagsOf(db: ArchiveDb, ids: readonly string[]): Promise<string[][]> {
  const tags = await tagsByRelease(db, ids)
  return ids.map((id) => [...(tags.get(id) ?? [])].sort())
}

/** Each list sorted, to compare with releaseTagsOf. */
const sorted = (lists: string[][]) => lists.map((list) => [...list].sort())

/** Stores releases made of distinct sentences, so none is a version of another. */
async function storeReleases(db: ArchiveDb, count: number): Promise<string[]> {
  const items = []
  for (let n = 0; n < count; n += 1) {
    const paragraphs = Array.from(
      { length: 5 },
      (_, i) => `Meeting ${n} paragraph ${i}: delegation ${n * 100 + i} spoke on topic ${n}-${i}.`,
    )
    const prepared = await prepareRelease(
      `${n}.txt`,
      new TextEncoder().encode(`Statement number ${n}\n\n${paragraphs.join('\n\n')}\n`),
    )
    if (prepared.kind !== 'ready') throw new Error(prepared.reason)
    items.push({ kind: 'release' as const, release: toStorable(prepared.release) })
  }
  const results = await storeBatch(db, { importId: 'seed', chunk: 1, items })
  return results.map((r) => r.releaseId as string)
}

/** Highlights the first word of a release's first paragraph. */
async function annotate(db: ArchiveDb, releaseId: string, tagIds: string[]) {
  const [paragraph] = await getParagraphs(db, releaseId)
  const { annotation } = await addAnnotation(db, {
    releaseId,
    paragraphId: paragraph!.id,
    quote: { exact: 'Meeting', prefix: '', suffix: '' },
    position: { start: 30, end: 37 },
    color: '#ffd54f',
    note: 'A note',
    tagIds,
  })
  return annotation
}

const keyOf = async (db: ArchiveDb, releaseId: string, n: number) =>
  (await getParagraphs(db, releaseId))[n]!.id.slice(releaseId.length + 1)

const paths = async (db: ArchiveDb) => (await listTags(db)).map((t) => t.path)

let db: ArchiveDb
beforeEach(async () => {
  db = new ArchiveDb(`tags-${Math.random()}`)
  await db.open()
})
afterEach(async () => {
  db.close()
  await Dexie.delete(db.name)
})

describe('ensureTag', () => {
  it('creates the missing ancestors, each with a palette colour, and reuses existing tags', async () => {
    const { tag, edit } = await ensureTag(db, '  Threats /  Organised   crime ', {
      color: '#AA3344',
      description: 'Drugs, weapons, people',
    })
    expect(tag.path).toBe('Threats/Organised crime')
    expect(tag.color).toBe('#aa3344')
    expect(tag.description).toBe('Drugs, weapons, people')
    expect(edit.label).toBe('Create tag “Threats/Organised crime”')
    expect(edit.changes).toHaveLength(2)
    const parent = (await listTags(db))[0]!
    expect(parent.path).toBe('Threats')
    expect(TAG_PALETTE).toContain(parent.color)
    expect(parent.color).toBe(defaultTagColor('Threats'))
    expect(tag.parentId).toBe(parent.id)

    // The same path in another case and spacing is the same tag.
    const again = await ensureTag(db, 'threats/organised crime')
    expect(again.tag.id).toBe(tag.id)
    expect(again.edit.changes).toEqual([])
    const sibling = await ensureTag(db, 'threats/Terrorism')
    expect(sibling.tag.path).toBe('Threats/Terrorism')
    expect(await paths(db)).toEqual(['Threats', 'Threats/Organised crime', 'Threats/Terrorism'])
  })

  it('spreads default colours over the palette', () => {
    const colours = new Set(
      ['Threats', 'Trade', 'Energy', 'Sanctions', 'Terrorism', 'Afghanistan', 'Syria', 'Drugs'].map(
        defaultTagColor,
      ),
    )
    expect(colours.size).toBeGreaterThan(3)
  })

  it('refuses empty parts, long names and colours that are not #rrggbb', async () => {
    await expect(ensureTag(db, '   ')).rejects.toThrow('A tag needs a name.')
    await expect(ensureTag(db, 'Threats//Terrorism')).rejects.toThrow(
      '“Threats//Terrorism” has an empty part: a tag path is names separated by “/”.',
    )
    await expect(ensureTag(db, `Threats/${'x'.repeat(81)}`)).rejects.toThrow(
      /at most 80 characters; “x+…” has 81/,
    )
    await expect(ensureTag(db, 'Threats', { color: 'red' })).rejects.toThrow(
      '“red” is not a colour: use the form #rrggbb, such as #4e79a7.',
    )
    expect(await db.tags.count()).toBe(0)
  })
})

describe('renaming and moving', () => {
  it('renames a tag, its subtree follows, and undo puts every path back', async () => {
    const { tag: terrorism } = await ensureTag(db, 'Threats/Terrorism/Financing')
    const threats = (await listTags(db))[0]!
    const edit = await renameTag(db, threats.id, '  Security   threats ')
    expect(edit.label).toBe('Rename tag “Threats” to “Security threats”')
    expect(await paths(db)).toEqual([
      'Security threats',
      'Security threats/Terrorism',
      'Security threats/Terrorism/Financing',
    ])
    await applyEdit(db, edit, 'undo')
    expect(await paths(db)).toEqual(['Threats', 'Threats/Terrorism', 'Threats/Terrorism/Financing'])
    expect((await db.tags.get(terrorism.id))?.name).toBe('Financing')
    // A change of case alone is a rename.
    await renameTag(db, threats.id, 'THREATS')
    expect((await paths(db))[0]).toBe('THREATS')
  })

  it('refuses a name a sibling has, whatever its case, and names with “/”', async () => {
    await ensureTag(db, 'Threats/Terrorism')
    const { tag } = await ensureTag(db, 'Threats/Extremism')
    await expect(renameTag(db, tag.id, 'terrorism')).rejects.toThrow(
      'A tag named “Terrorism” already exists under “Threats”.',
    )
    await expect(renameTag(db, tag.id, 'Violent/extremism')).rejects.toThrow(
      'A tag name cannot contain “/”: it separates a tag from its parent.',
    )
    await expect(renameTag(db, tag.id, '')).rejects.toThrow('A tag needs a name.')
    const { tag: top } = await ensureTag(db, 'Trade')
    await expect(renameTag(db, top.id, 'threats')).rejects.toThrow(
      'A tag named “Threats” already exists at the top level.',
    )
  })

  it('moves a subtree under another tag or to the top, never under itself', async () => {
    const { tag: financing } = await ensureTag(db, 'Threats/Terrorism/Financing')
    const terrorism = (await listTags(db)).find((t) => t.path === 'Threats/Terrorism')!
    const { tag: security } = await ensureTag(db, 'Security')
    const edit = await moveTag(db, terrorism.id, security.id)
    expect(edit.label).toBe('Move tag “Threats/Terrorism” under “Security”')
    expect(await paths(db)).toEqual([
      'Security',
      'Security/Terrorism',
      'Security/Terrorism/Financing',
      'Threats',
    ])
    expect((await moveTag(db, terrorism.id, null)).label).toBe(
      'Move tag “Security/Terrorism” to the top level',
    )
    expect(await paths(db)).toEqual(['Security', 'Terrorism', 'Terrorism/Financing', 'Threats'])
    await expect(moveTag(db, terrorism.id, financing.id)).rejects.toThrow(
      '“Terrorism” cannot be moved under itself or one of its own sub-tags.',
    )
    await expect(moveTag(db, terrorism.id, terrorism.id)).rejects.toThrow(/under itself/)
    await ensureTag(db, 'Security/terrorism')
    await expect(moveTag(db, terrorism.id, security.id)).rejects.toThrow(
      'A tag named “terrorism” already exists under “Security”.',
    )
  })

  it('changes a colour and a description', async () => {
    const { tag } = await ensureTag(db, 'Trade')
    const edit = await updateTag(db, tag.id, { color: '#112233' })
    expect(edit.label).toBe('Change the colour of tag “Trade”')
    expect((await db.tags.get(tag.id))?.color).toBe('#112233')
    await updateTag(db, tag.id, { description: 'Tariffs and trade agreements' })
    expect((await db.tags.get(tag.id))?.description).toBe('Tariffs and trade agreements')
    await expect(updateTag(db, tag.id, { color: '#12345' })).rejects.toThrow(/not a colour/)
    await applyEdit(db, edit, 'undo')
    expect((await db.tags.get(tag.id))?.color).toBe(tag.color)
  })
})

describe('tagging', () => {
  it('tags many releases at once, recording only the releases it changed', async () => {
    const ids = await storeReleases(db, 4)
    const { tag } = await ensureTag(db, 'Summits')
    await setReleasesTag(db, [ids[0]!], tag.id, true)
    const edit = await setReleasesTag(db, ids, tag.id, true)
    expect(edit.label).toBe('Tag 4 releases “Summits”')
    // One small row per release tagged: the releases themselves are not written.
    expect(edit.changes.map((c) => c.table)).toEqual(['releaseTags', 'releaseTags', 'releaseTags'])
    expect(edit.changes.map((c) => c.key).sort()).toEqual(
      ids
        .slice(1)
        .sort()
        .map((id) => [tag.id, id]),
    )
    expect(edit.changes[0]).toMatchObject({
      before: undefined,
      after: { tagId: tag.id, releaseId: edit.changes[0]!.key[1] },
    })
    expect((await tagCounts(db)).get(tag.id)).toEqual({ releases: 4, paragraphs: 0, passages: 0 })

    const off = await setReleasesTag(db, ids.slice(0, 2), tag.id, false)
    expect(off.label).toBe('Remove tag “Summits” from 2 releases')
    expect(await releaseTagsOf(db, ids)).toEqual([[], [], [tag.id], [tag.id]])
  })

  it('tags a paragraph and removes the row when its last tag goes', async () => {
    const [id] = await storeReleases(db, 1)
    const key = await keyOf(db, id!, 2)
    const { tag: a } = await ensureTag(db, 'Afghanistan')
    const { tag: b } = await ensureTag(db, 'Syria')
    expect((await setParagraphTag(db, id!, key, a.id, true)).label).toBe(
      'Tag a paragraph “Afghanistan”',
    )
    await setParagraphTag(db, id!, key, b.id, true)
    expect(await paragraphTagsOf(db, id!)).toMatchObject([
      { id: `${id}:${key}`, releaseId: id, paragraphKey: key, tagIds: [a.id, b.id] },
    ])
    await setParagraphTag(db, id!, key, a.id, false)
    const last = await setParagraphTag(db, id!, key, b.id, false)
    expect(last.label).toBe('Remove tag “Syria” from a paragraph')
    expect(await paragraphTagsOf(db, id!)).toEqual([])
    await applyEdit(db, last, 'undo')
    expect((await paragraphTagsOf(db, id!))[0]?.tagIds).toEqual([b.id])
    await expect(setParagraphTag(db, 'r-gone', key, a.id, true)).rejects.toThrow(
      'That release is no longer in the archive.',
    )
  })
})

describe('merging and deleting', () => {
  it('merges a tag into another: items once, children moved or merged, undo restores all', async () => {
    const ids = await storeReleases(db, 3)
    const { tag: from } = await ensureTag(db, 'Extremism')
    const { tag: fromChild } = await ensureTag(db, 'Extremism/Online')
    const { tag: fromOnly } = await ensureTag(db, 'Extremism/Financing')
    const { tag: into } = await ensureTag(db, 'Threats/Terrorism')
    const { tag: intoChild } = await ensureTag(db, 'Threats/Terrorism/online')
    await setReleasesTag(db, ids.slice(0, 2), from.id, true)
    await setReleasesTag(db, ids.slice(1), into.id, true)
    await setReleasesTag(db, [ids[0]!], fromChild.id, true)
    const key = await keyOf(db, ids[0]!, 0)
    await setParagraphTag(db, ids[0]!, key, from.id, true)
    await setParagraphTag(db, ids[0]!, key, into.id, true)
    const note = await annotate(db, ids[2]!, [from.id, intoChild.id, fromChild.id])

    const edit = await mergeTag(db, from.id, into.id)
    expect(edit.label).toBe('Merge “Extremism” into “Threats/Terrorism”')
    expect(await paths(db)).toEqual([
      'Threats',
      'Threats/Terrorism',
      'Threats/Terrorism/Financing',
      'Threats/Terrorism/online',
    ])
    expect((await db.tags.get(fromOnly.id))?.parentId).toBe(into.id)
    expect(await releaseTagsOf(db, ids)).toEqual(
      sorted([[into.id, intoChild.id], [into.id], [into.id]]),
    )
    expect((await paragraphTagsOf(db, ids[0]!))[0]?.tagIds).toEqual([into.id])
    expect((await db.annotations.get(note.id))?.tagIds).toEqual([into.id, intoChild.id])
    expect((await tagCounts(db)).get(into.id)).toEqual({ releases: 3, paragraphs: 1, passages: 1 })

    await applyEdit(db, edit, 'undo')
    expect(await paths(db)).toEqual([
      'Extremism',
      'Extremism/Financing',
      'Extremism/Online',
      'Threats',
      'Threats/Terrorism',
      'Threats/Terrorism/online',
    ])
    expect(await releaseTagsOf(db, ids)).toEqual(
      sorted([[from.id, fromChild.id], [from.id, into.id], [into.id]]),
    )
    expect((await db.annotations.get(note.id))?.tagIds).toEqual([
      from.id,
      intoChild.id,
      fromChild.id,
    ])
    await applyEdit(db, edit, 'redo')
    expect(await db.tags.get(from.id)).toBeUndefined()
  })

  it('merges a child into its parent, and refuses a parent into its child', async () => {
    const { tag: child } = await ensureTag(db, 'Threats/Terrorism/Terrorism')
    const terrorism = (await listTags(db)).find((t) => t.path === 'Threats/Terrorism')!
    const threats = (await listTags(db)).find((t) => t.path === 'Threats')!
    await expect(mergeTag(db, threats.id, terrorism.id)).rejects.toThrow(
      '“Threats” cannot be merged into its own sub-tag “Threats/Terrorism”.',
    )
    await expect(mergeTag(db, threats.id, threats.id)).rejects.toThrow(
      'A tag cannot be merged into itself.',
    )
    await mergeTag(db, terrorism.id, threats.id)
    expect(await paths(db)).toEqual(['Threats', 'Threats/Terrorism'])
    expect((await db.tags.get(child.id))?.parentId).toBe(threats.id)
  })

  it('deletes a subtree, takes it off everything, and says beforehand what it would remove', async () => {
    const ids = await storeReleases(db, 2)
    const { tag: leaf } = await ensureTag(db, 'Threats/Terrorism')
    const threats = (await listTags(db))[0]!
    const { tag: other } = await ensureTag(db, 'Trade')
    await setReleasesTag(db, ids, threats.id, true)
    await setReleasesTag(db, [ids[0]!], leaf.id, true)
    await setReleasesTag(db, [ids[0]!], other.id, true)
    const key0 = await keyOf(db, ids[0]!, 0)
    const key1 = await keyOf(db, ids[0]!, 1)
    await setParagraphTag(db, ids[0]!, key0, leaf.id, true)
    await setParagraphTag(db, ids[0]!, key1, leaf.id, true)
    await setParagraphTag(db, ids[0]!, key1, other.id, true)
    const note = await annotate(db, ids[1]!, [leaf.id, threats.id])

    expect(await subtreeUsage(db, threats.id)).toEqual({ releases: 2, paragraphs: 2, passages: 1 })
    expect(await subtreeUsage(db, leaf.id)).toEqual({ releases: 1, paragraphs: 2, passages: 1 })
    const edit = await deleteTag(db, threats.id)
    expect(edit.label).toBe('Delete tag “Threats”')
    expect(await paths(db)).toEqual(['Trade'])
    expect(await releaseTagsOf(db, ids)).toEqual([[other.id], []])
    expect(await paragraphTagsOf(db, ids[0]!)).toMatchObject([
      { paragraphKey: key1, tagIds: [other.id] },
    ])
    const kept = await db.annotations.get(note.id)
    expect(kept).toMatchObject({ note: 'A note', tagIds: [] })

    await applyEdit(db, edit, 'undo')
    expect(await subtreeUsage(db, threats.id)).toEqual({ releases: 2, paragraphs: 2, passages: 1 })
    expect(await paths(db)).toEqual(['Threats', 'Threats/Terrorism', 'Trade'])
  })

  it('counts each tag’s own uses, with zero for unused tags', async () => {
    const ids = await storeReleases(db, 3)
    const { tag: used } = await ensureTag(db, 'Energy')
    const { tag: unused } = await ensureTag(db, 'Space')
    await setReleasesTag(db, ids, used.id, true)
    await setParagraphTag(db, ids[1]!, await keyOf(db, ids[1]!, 3), used.id, true)
    await annotate(db, ids[2]!, [used.id])
    await annotate(db, ids[0]!, [used.id])
    const counts = await tagCounts(db)
    expect(counts.get(used.id)).toEqual({ releases: 3, paragraphs: 1, passages: 2 })
    expect(counts.get(unused.id)).toEqual({ releases: 0, paragraphs: 0, passages: 0 })
  })
})
