import 'fake-indexeddb/auto'
import Dexie from 'dexie'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { prepareRelease } from '../../../shared/release/prepare-release'
import { ArchiveDb } from './archive-db'
import { EditHistory, HISTORY_LIMIT, applyEdit, compareKeys, type Edit, type RowKey } from './edits'
import { tagsByRelease } from './repositories/release-tags'
import { storeBatch, toStorable } from './repositories/releases-repo'
import { ensureTag, renameTag, setReleasesTag } from './repositories/tags-repo'

/** Stores releases made of distinct sentences, so none is a version of another. */
async function storeReleases(db: ArchiveDb, titles: readonly string[]): Promise<string[]> {
  const items = []
  for (const [n, title] of titles.entries()) {
    const paragraphs = Array.from(
      { length: 6 },
      (_, i) => `${title} paragraph ${i}: delegation ${n * 100 + i} spoke on topic ${n}-${i}.`,
    )
    const prepared = await prepareRelease(
      `${n}.txt`,
      new TextEncoder().encode(`${title}\n\n${paragraphs.join('\n\n')}\n`),
    )
    if (prepared.kind !== 'ready') throw new Error(prepared.reason)
    items.push({ kind: 'release' as const, release: toStorable(prepared.release) })
  }
  const results = await storeBatch(db, { importId: 'seed', chunk: 1, items })
  return results.map((r) => r.releaseId as string)
}

let db: ArchiveDb
beforeEach(async () => {
  db = new ArchiveDb(`edits-${Math.random()}`)
  await db.open()
})
afterEach(async () => {
  db.close()
  await Dexie.delete(db.name)
})

const tagsOf = async (archive: ArchiveDb, ids: readonly string[]) => {
  const tags = await tagsByRelease(archive, ids)
  return ids.map((id) => tags.get(id) ?? [])
}

describe('undo and redo', () => {
  it('tags releases, undoes and redoes it, and a reopened archive shows each state', async () => {
    const ids = await storeReleases(db, ['Astana statement', 'Qingdao declaration'])
    const history = new EditHistory()
    const { tag, edit: created } = await ensureTag(db, 'Threats/Terrorism')
    history.push(created)
    history.push(await setReleasesTag(db, ids, tag.id, true))
    expect(history.undoLabel).toBe('Tag 2 releases “Threats/Terrorism”')
    expect(await tagsOf(db, ids)).toEqual([[tag.id], [tag.id]])

    expect((await history.undo(db))?.label).toBe('Tag 2 releases “Threats/Terrorism”')
    expect(history.undoLabel).toBe('Create tag “Threats/Terrorism”')
    expect(history.redoLabel).toBe('Tag 2 releases “Threats/Terrorism”')
    db.close()
    let reopened = new ArchiveDb(db.name)
    expect(await tagsOf(reopened, ids)).toEqual([[], []])
    expect((await reopened.tags.toArray()).map((t) => t.path).sort()).toEqual([
      'Threats',
      'Threats/Terrorism',
    ])

    await history.redo(reopened)
    reopened.close()
    reopened = new ArchiveDb(db.name)
    expect(await tagsOf(reopened, ids)).toEqual([[tag.id], [tag.id]])

    await history.undo(reopened)
    await history.undo(reopened)
    expect(history.canUndo).toBe(false)
    reopened.close()
    reopened = new ArchiveDb(db.name)
    expect(await reopened.tags.count()).toBe(0)
    expect(await tagsOf(reopened, ids)).toEqual([[], []])
    reopened.close()
  })

  it('runs quick undo presses one after another, newest edit first', async () => {
    const history = new EditHistory()
    const { tag } = await ensureTag(db, 'Alpha')
    history.push(await renameTag(db, tag.id, 'Beta'))
    history.push(await renameTag(db, tag.id, 'Gamma'))
    history.push(await renameTag(db, tag.id, 'Delta'))
    const undone = await Promise.all([history.undo(db), history.undo(db), history.undo(db)])
    expect(undone.map((e) => e?.label)).toEqual([
      'Rename tag “Gamma” to “Delta”',
      'Rename tag “Beta” to “Gamma”',
      'Rename tag “Alpha” to “Beta”',
    ])
    expect((await db.tags.get(tag.id))?.path).toBe('Alpha')
    expect(history.redoLabel).toBe('Rename tag “Alpha” to “Beta”')
    expect(await history.undo(db)).toBeNull()

    await Promise.all([history.redo(db), history.redo(db)])
    expect((await db.tags.get(tag.id))?.path).toBe('Gamma')
  })

  it('skips edits that change nothing, clears redo on a new edit, and tells subscribers', async () => {
    const history = new EditHistory()
    let calls = 0
    const unsubscribe = history.subscribe(() => (calls += 1))
    history.push({ label: 'Nothing', changes: [] })
    expect(history.canUndo).toBe(false)
    expect(calls).toBe(0)

    const { tag, edit } = await ensureTag(db, 'Sanctions')
    history.push(edit)
    await history.undo(db)
    expect(history.redoLabel).toBe('Create tag “Sanctions”')
    expect(calls).toBe(2)
    const again = await ensureTag(db, 'Energy')
    history.push(again.edit)
    expect(history.canRedo).toBe(false)
    expect(history.undoLabel).toBe('Create tag “Energy”')
    expect(await db.tags.get(tag.id)).toBeUndefined()
    unsubscribe()
    history.push((await ensureTag(db, 'Trade')).edit)
    expect(calls).toBe(3)
  })

  it(`keeps the last ${HISTORY_LIMIT} edits`, async () => {
    const history = new EditHistory()
    const edit = (n: number): Edit => ({
      label: `Edit ${n}`,
      changes: [{ table: 'tags', key: `t${n}`, before: undefined, after: { id: `t${n}` } }],
    })
    for (let n = 1; n <= HISTORY_LIMIT + 5; n += 1) history.push(edit(n))
    expect(history.undoLabel).toBe(`Edit ${HISTORY_LIMIT + 5}`)
    const undone: string[] = []
    for (let e = await history.undo(db); e; e = await history.undo(db)) undone.push(e.label)
    expect(undone).toHaveLength(HISTORY_LIMIT)
    expect(undone.at(-1)).toBe('Edit 6')
  })

  it('writes rows that trade places under the unique path index in one step', async () => {
    const now = 1
    const a = {
      id: 'a',
      name: 'A',
      parentId: null,
      path: 'A',
      color: '#4e79a7',
      description: '',
      createdAt: now,
    }
    const b = { ...a, id: 'b', name: 'B', path: 'B' }
    await db.tags.bulkAdd([a, b])
    const swap: Edit = {
      label: 'Swap',
      changes: [
        { table: 'tags', key: 'a', before: a, after: { ...a, name: 'B', path: 'B' } },
        { table: 'tags', key: 'b', before: b, after: { ...b, name: 'A', path: 'A' } },
      ],
    }
    await applyEdit(db, swap, 'redo')
    expect((await db.tags.orderBy('path').toArray()).map((t) => t.id)).toEqual(['b', 'a'])
    await applyEdit(db, swap, 'undo')
    expect((await db.tags.orderBy('path').toArray()).map((t) => t.id)).toEqual(['a', 'b'])
  })

  it('leaves alone a release deleted since, and undoes the rest', async () => {
    const ids = await storeReleases(db, ['Astana statement', 'Qingdao declaration'])
    const { tag } = await ensureTag(db, 'Summits')
    const edit = await setReleasesTag(db, ids, tag.id, true)
    await db.releases.delete(ids[0] as string)
    await applyEdit(db, edit, 'undo')
    expect(await db.releases.get(ids[0] as string)).toBeUndefined()
    expect(await tagsOf(db, ids)).toEqual([[], []])
  })
})

describe('compareKeys', () => {
  it('orders keys as IndexedDB does', () => {
    const keys: RowKey[][] = [
      ['b', 'a', 'B', 'ab', '\u00e9', 'a'],
      [
        ['t2', 'r1'],
        ['t1', 'r2'],
        ['t1', 'r10'],
      ],
    ]
    for (const list of keys) {
      expect([...list].sort(compareKeys)).toEqual([...list].sort((a, b) => indexedDB.cmp(a, b)))
    }
  })
})
