/**
 * The backup bench page (backup.html), run in headless Chromium by bench/backup/bench.ts.
 *
 * `buildArchive` imports n synthetic releases through the app's real path, as the tags and
 * search pages do, then makes it an archive a researcher would have: every release indexed for
 * search (indexPending), every release tagged, and a note on every hundredth release
 * (addAnnotation). The search index is most of the archive's size.
 *
 * `measure` is Back Up Now followed by Restore…, with the functions the app calls:
 *
 * 1. createBackup of the archive: the file as the Blob the app saves or downloads;
 * 2. checkBackup of that file: unzip, SHA-256 of the archive data, schema and row counts;
 * 3. restoreInto a new database beside the archive: import, every table summed against the
 *    manifest, opened with the current schema;
 * 4. tableChecksums of the archive and of the restored database, computed apart from the
 *    restore's own check, compared table by table; then the restored database is deleted.
 *
 * Each step is timed on this thread, with garbage collected before it.
 */
import Dexie from 'dexie'
import { ArchiveDb } from '../../../src/renderer/src/db/archive-db'
import { addAnnotation } from '../../../src/renderer/src/db/repositories/annotations-repo'
import {
  archiveCounts,
  checkBackup,
  createBackup,
  restoreInto,
  tableChecksums,
} from '../../../src/renderer/src/db/repositories/backup-repo'
import { getParagraphs } from '../../../src/renderer/src/db/repositories/releases-repo'
import { indexPending } from '../../../src/renderer/src/db/repositories/search-repo'
import { ensureTag, setReleasesTag } from '../../../src/renderer/src/db/repositories/tags-repo'
import type {
  BackupArchiveResult,
  BackupBenchPage,
  BackupRunResult,
  ImportRunRequest,
  Pool,
} from '../protocol'
import { collectGarbage, usedHeap } from './heap'
import { deleteAllDatabases, importSynthetic, loadPool, poolSummary } from './synthetic'

const APP = { name: 'Communiqué', version: 'bench' }
/** One note for this many releases. */
const NOTE_EVERY = 100

const poolPromise: Promise<Pool> = loadPool()
const host = window as unknown as Window & BackupBenchPage
let archive: { db: ArchiveDb; name: string } | null = null

host.benchBackup = {
  ready: poolPromise.then(poolSummary),
  buildArchive,
  measure,
  close,
}

function step(message: string): void {
  void host.benchStep?.(message)
}

async function buildArchive(request: ImportRunRequest): Promise<BackupArchiveResult> {
  const pool = await poolPromise
  await close()
  const name = `bench-backup-${request.n}-${request.seed}`
  const built = await importSynthetic(pool, request, name, (p) => {
    void host.benchProgress?.(p)
  })
  const { db } = built
  archive = { db, name }

  step('indexing for search')
  const started = performance.now()
  await indexPending(db)
  const indexSeconds = (performance.now() - started) / 1000

  step('tagging every release and adding notes')
  const ids = (await db.releases.toCollection().primaryKeys()) as string[]
  const { tag } = await ensureTag(db, 'Bench/All')
  await setReleasesTag(db, ids, tag.id, true)
  for (let i = 0; i < ids.length; i += NOTE_EVERY) {
    const releaseId = ids[i]!
    const [paragraph] = await getParagraphs(db, releaseId)
    if (!paragraph) continue
    const exact = paragraph.text.slice(0, 40)
    await addAnnotation(db, {
      releaseId,
      paragraphId: paragraph.id,
      quote: { exact, prefix: '', suffix: paragraph.text.slice(40, 72) },
      position: { start: 0, end: exact.length },
      color: '#f2c94c',
      note: `Compare with the wording of the previous meeting (${i / NOTE_EVERY + 1}).`,
      tagIds: [tag.id],
    })
  }
  return {
    ...built.archive,
    indexSeconds,
    annotations: await db.annotations.count(),
    tagged: await db.releaseTags.where('tagId').equals(tag.id).count(),
    // Once indexed, tagged and annotated: the archive the backup reads.
    usageBytes: (await navigator.storage.estimate()).usage ?? 0,
  }
}

async function measure(): Promise<BackupRunResult> {
  if (!archive) throw new Error('There is no archive to back up: buildArchive first.')
  const { db, name } = archive
  const copy = `${name}-restored`

  step('backing up')
  await collectGarbage()
  let started = performance.now()
  const backup = await createBackup(db, APP)
  const backupSeconds = (performance.now() - started) / 1000
  await collectGarbage()
  const heapAfterBackupBytes = usedHeap()

  step(`checking the ${Math.round(backup.data.size / 1e6)} MB file`)
  await collectGarbage()
  started = performance.now()
  const checked = await checkBackup(backup.data)
  const checkSeconds = (performance.now() - started) / 1000

  step('restoring into a new database')
  await collectGarbage()
  started = performance.now()
  await restoreInto(checked, copy)
  const restoreSeconds = (performance.now() - started) / 1000

  step('comparing every table of the two databases')
  await collectGarbage()
  started = performance.now()
  const restored = new ArchiveDb(copy)
  try {
    await restored.open()
    const [before, after] = [await tableChecksums(db), await tableChecksums(restored)]
    const compareSeconds = (performance.now() - started) / 1000
    const names = new Set([...Object.keys(before), ...Object.keys(after)])
    const mismatched = [...names].filter(
      (table) =>
        before[table]?.rows !== after[table]?.rows ||
        before[table]?.sha256 !== after[table]?.sha256,
    )
    return {
      backupSeconds,
      fileBytes: backup.data.size,
      dataBytes: backup.manifest.archive.bytes,
      checkSeconds,
      restoreSeconds,
      compareSeconds,
      tables: names.size,
      rows: Object.values(before).reduce((sum, table) => sum + table.rows, 0),
      mismatched,
      restored: await archiveCounts(restored),
      heapAfterBackupBytes,
    }
  } finally {
    restored.close()
    await Dexie.delete(copy)
  }
}

async function close(): Promise<void> {
  archive?.db.close()
  archive = null
  await deleteAllDatabases()
}
