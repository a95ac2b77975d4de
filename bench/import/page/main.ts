/**
 * The import bench page, run in headless Chromium by bench/import/bench.ts.
 *
 * One run: delete every database of this origin (so the size estimate sees one
 * archive), import n synthetic releases through the app's real path (runImport
 * on this thread, workerEngine's Web Worker decoding, parsing and writing with
 * Dexie), watching for long main-thread tasks; measure the storage used; then
 * the ceiling: copy what the import stored, one import batch at a time, into a second
 * database with one transaction per batch, timing only the writes. That
 * is the fastest these records can reach IndexedDB, so the gap between the two
 * rates is what parsing and the import's own bookkeeping cost.
 */
import { ArchiveDb } from '../../../src/renderer/src/db/archive-db'
import type { ImportLogChunkRecord, ReleaseRecord } from '../../../src/renderer/src/db/records'
import type { BenchPage, ImportRunRequest, ImportRunResult, Pool } from '../protocol'
import {
  deleteAllDatabases,
  importInto,
  loadPool,
  poolSummary,
  syntheticSource,
  watchLongTasks,
} from './synthetic'

const poolPromise: Promise<Pool> = loadPool()

const host = window as unknown as Window & BenchPage

host.bench = {
  ready: poolPromise.then(poolSummary),
  runImport: run,
}

async function run({ n, seed }: ImportRunRequest): Promise<ImportRunResult> {
  const pool = await poolPromise
  await deleteAllDatabases()
  const name = `bench-import-${n}-${seed}`
  const generated = { bytes: 0, paragraphs: 0 }
  const source = syntheticSource(pool, n, seed, generated)

  const db = new ArchiveDb(name)
  await db.open()
  const tasks = watchLongTasks()
  const { report, importSeconds } = await importInto(db, name, source, (p) => {
    void host.benchProgress?.(p)
  })
  const longTasks = tasks.stop()

  const releasesStored = await db.releases.count()
  const usageBytes = (await navigator.storage.estimate()).usage ?? 0
  const ceiling = await ceilingRun(db, `${name}-ceiling`)
  db.close()
  await deleteAllDatabases()

  return {
    n,
    importSeconds,
    ceilingWriteSeconds: ceiling.seconds,
    ceilingRows: ceiling.rows,
    longestTaskMs: longTasks.longest,
    longTasks: longTasks.count,
    usageBytes,
    status: report.status,
    error: report.error,
    counts: { ...report.counts },
    releasesStored,
    generatedBytes: generated.bytes,
    generatedParagraphs: generated.paragraphs,
  }
}

/**
 * Reads the stored records back (untimed), a batch at a time: the releases of
 * each catalog chunk, with the chunk and the matching import-log chunk. Writes
 * each batch to a fresh database in one transaction over the three tables the
 * import writes, timing only that transaction.
 */
async function ceilingRun(
  source: ArchiveDb,
  name: string,
): Promise<{ seconds: number; rows: ImportRunResult['ceilingRows'] }> {
  const target = new ArchiveDb(name)
  await target.open()
  const rows = { releases: 0, catalogChunks: 0, importLogChunks: 0 }
  const logChunks: ImportLogChunkRecord[] = await source.importLogChunks.toArray()
  let seconds = 0
  try {
    let batch = 0
    for (const chunk of await source.catalogChunks.toArray()) {
      const releases = (await source.releases.bulkGet(chunk.releaseIds)).filter(
        (r): r is ReleaseRecord => r !== undefined,
      )
      const log = logChunks[batch++]
      const { seq, ...catalog } = chunk
      const started = performance.now()
      await target.transaction(
        'rw',
        [target.releases, target.releaseOrder, target.catalogChunks, target.importLogChunks],
        async () => {
          await target.releases.bulkAdd(releases)
          await target.releaseOrder.bulkAdd(
            releases.map(({ id, importedAt }) => ({ id, importedAt })),
          )
          await target.catalogChunks.add(catalog)
          if (log) await target.importLogChunks.add(log)
        },
      )
      seconds += (performance.now() - started) / 1000
      rows.releases += releases.length
      rows.catalogChunks += 1
      rows.importLogChunks += log ? 1 : 0
    }
  } finally {
    target.close()
  }
  return { seconds, rows }
}
