/**
 * The tags bench page (tags.html), run in headless Chromium by bench/tags/bench.ts.
 *
 * `buildArchive` imports n synthetic releases through the app's real path, as the
 * import bench's page does (main.ts): runImport on this thread, workerEngine's Web
 * Workers preparing and storing. The archive stays open, and each `measure` is one
 * run of the timed operations on it, with the app's own repository functions called
 * on this thread, as the library's selection bar, the undo history and the tag
 * manager call them:
 *
 * - select all: selectableIds(db, null), the ids of the whole list;
 * - tag all: ensureTag(db, 'Bench/All'), then setReleasesTag on every id, watching
 *   for long main-thread tasks and sampling the JS heap meanwhile;
 * - undo: applyEdit of that edit, 'undo';
 * - then, untimed, every release tagged again and every tenth of the list tagged
 *   'Bench/Tenth' as well, and timed: libraryIds(db, tenth) (the library filtered by
 *   that tag, newest first), tagCounts(db), then mergeTag of the tenth's tag into
 *   the one on every release.
 *
 * Each result is checked against the indexes (how many releases carry each tag),
 * and a wrong one ends the run with an error. Before each timed operation the page
 * waits 100 ms and collects garbage (`gc`, exposed by the driver's
 * --js-flags=--expose-gc), so no operation pays for the garbage of the one before.
 * A run after the first begins by deleting the tags the one before left (untimed),
 * so every run starts untagged.
 */
import { ArchiveDb } from '../../../src/renderer/src/db/archive-db'
import { applyEdit } from '../../../src/renderer/src/db/edits'
import {
  libraryCount,
  libraryIds,
  selectableIds,
} from '../../../src/renderer/src/db/repositories/library-repo'
import {
  deleteTag,
  ensureTag,
  listTags,
  mergeTag,
  setReleasesTag,
  tagCounts,
} from '../../../src/renderer/src/db/repositories/tags-repo'
import type {
  ImportRunRequest,
  Pool,
  TagsArchiveResult,
  TagsBenchPage,
  TagsRunResult,
} from '../protocol'
import { collectGarbage, usedHeap, watchHeap } from './heap'
import {
  deleteAllDatabases,
  importSynthetic,
  loadPool,
  poolSummary,
  watchLongTasks,
} from './synthetic'

const ALL_TAG = 'Bench/All'
const TENTH_TAG = 'Bench/Tenth'
const poolPromise: Promise<Pool> = loadPool()
const host = window as unknown as Window & TagsBenchPage
let archive: { db: ArchiveDb; runs: number } | null = null

host.benchTags = {
  ready: poolPromise.then(poolSummary),
  buildArchive,
  measure,
  close,
}

async function buildArchive(request: ImportRunRequest): Promise<TagsArchiveResult> {
  const pool = await poolPromise
  await close()
  const name = `bench-tags-${request.n}-${request.seed}`
  const built = await importSynthetic(pool, request, name, (p) => {
    void host.benchProgress?.(p)
  })
  archive = { db: built.db, runs: 0 }
  return built.archive
}

async function measure(): Promise<TagsRunResult> {
  if (!archive) throw new Error('There is no archive to tag: buildArchive first.')
  const { db } = archive
  if (archive.runs > 0) await removeTags(db)
  archive.runs += 1
  const stored = await db.releases.count()

  await collectGarbage()
  let started = performance.now()
  const ids = await selectableIds(db, null)
  const selectAllMs = performance.now() - started
  check(ids.length === stored, `Select all gave ${ids.length} ids for ${stored} releases`)

  await collectGarbage()
  const tasks = watchLongTasks()
  const heap = watchHeap()
  started = performance.now()
  const { tag: all } = await ensureTag(db, ALL_TAG)
  const ensureTagMs = performance.now() - started
  const tagged = await setReleasesTag(db, ids, all.id, true)
  const tagAllMs = performance.now() - started
  const heapUse = heap.stop()
  const longTasks = tasks.stop()
  await collectGarbage()
  const heapKept = usedHeap()
  const carrying = await libraryCount(db, all.id)
  check(carrying === stored, `after tagging all ${stored} releases, ${carrying} carry the tag`)

  await collectGarbage()
  started = performance.now()
  await applyEdit(db, tagged, 'undo')
  const undoTagAllMs = performance.now() - started
  const left = await libraryCount(db, all.id)
  check(left === 0, `after undoing the tagging, ${left} releases still carry the tag`)

  await setReleasesTag(db, ids, all.id, true)
  const tenthIds = ids.filter((_, i) => i % 10 === 0)
  const { tag: tenth } = await ensureTag(db, TENTH_TAG)
  await setReleasesTag(db, tenthIds, tenth.id, true)

  await collectGarbage()
  started = performance.now()
  const filtered = await libraryIds(db, tenth.id)
  const filterByTagMs = performance.now() - started
  check(
    filtered.length === tenthIds.length,
    `the list filtered by ${TENTH_TAG} has ${filtered.length} releases, not ${tenthIds.length}`,
  )

  await collectGarbage()
  started = performance.now()
  const counts = await tagCounts(db)
  const tagCountsMs = performance.now() - started
  const onAll = counts.get(all.id)?.releases
  const onTenth = counts.get(tenth.id)?.releases
  check(
    onAll === stored && onTenth === tenthIds.length,
    `tagCounts gave ${onAll} releases for ${ALL_TAG} (${stored} carry it) and ${onTenth} for ${TENTH_TAG} (${tenthIds.length})`,
  )

  await collectGarbage()
  started = performance.now()
  await mergeTag(db, tenth.id, all.id)
  const mergeMs = performance.now() - started
  const merged = await tagCounts(db)
  check(
    merged.get(all.id)?.releases === stored && !merged.has(tenth.id),
    `after the merge, ${merged.get(all.id)?.releases} releases carry ${ALL_TAG} (all ${stored} should) and ${TENTH_TAG} is ${merged.has(tenth.id) ? 'still there' : 'gone'}`,
  )

  return {
    selectAllMs,
    filterByTagMs,
    tagAllMs,
    ensureTagMs,
    undoTagAllMs,
    tagCountsMs,
    mergeMs,
    longestTaskMs: longTasks.longest,
    longTasks: longTasks.count,
    heapPeakBytes: heapUse?.peak ?? null,
    heapBeforeBytes: heapUse?.before ?? null,
    heapKeptBytes: heapKept,
    editChanges: tagged.changes.length,
    tenth: tenthIds.length,
  }
}

/** Deletes every tag, and with them their uses: the archive as the import left it. */
async function removeTags(db: ArchiveDb): Promise<void> {
  for (const tag of await listTags(db)) {
    if (tag.parentId === null) await deleteTag(db, tag.id)
  }
  const tags = await db.tags.count()
  const uses = await db.releaseTags.count()
  check(tags === 0 && uses === 0, `after deleting every tag, ${tags} tags and ${uses} uses remain`)
}

async function close(): Promise<void> {
  archive?.db.close()
  archive = null
  await deleteAllDatabases()
}

function check(condition: boolean, problem: string): void {
  if (!condition) throw new Error(problem)
}
