/**
 * `npm run bench:backup`: Back Up Now and Restore… at archive scale, in headless Chromium, on
 * archives of 10k and 100k synthetic releases built by the app's real import, indexed for
 * search, tagged and with notes.
 *
 * The page (bench/import/page/backup.html, backup.ts) is built from the import bench's page
 * folder with the import bench's Vite configuration, as the tags and search benches are. Per
 * size, in one browser with a fresh on-disk profile, the archive is built once; each run then
 * backs it up, checks the file, restores it into a new database and compares every table of
 * the two by row count and SHA-256. A run whose restored tables differ ends the bench with an
 * error: a backup that does not restore has no time worth reporting.
 */
import { deadline, findChromium, message, openBrowser } from '../browser.ts'
import { buildArchiveOnPage, openArchivePage, serveArchivePage } from '../archive-page.ts'
import type { BackupArchiveResult, BackupBenchPage, BackupRunResult } from '../import/protocol.ts'
import { formatNumber, formatTable, median, round1, shortSize } from '../table.ts'
import { BenchError, type Bench, type BenchOptions, type Row } from '../types.ts'

export const DEFAULT_SIZES = [10_000, 100_000]
/** Building the archive dominates: one backup and restore per size unless asked. */
export const DEFAULT_RUNS = 1

/**
 * Goals at 100k releases. A backup runs in the background (daily, and before an upgrade or a
 * restore), so its goal is to finish while a researcher works: well within a quarter of an
 * hour. A restore is waited for, once, after a loss: within a quarter of an hour too.
 */
export const GOALS = { at: 100_000, backupS: 900, restoreS: 900 }

const EXTRA_ARGS = ['--enable-precise-memory-info', '--js-flags=--expose-gc']

/** Safety nets against a stuck page, not goals. */
const buildTimeoutMs = (n: number) => 600_000 + n * 100
const runTimeoutMs = (n: number) => 600_000 + n * 60

const BENCH = 'backup'

export const backupBench: Bench = { name: BENCH, run, table }

/** The timed steps of a run: the row's metric and the field (runs combine by their median). */
const TIMES = [
  ['backup_s', 'backupSeconds'],
  ['check_s', 'checkSeconds'],
  ['restore_s', 'restoreSeconds'],
  ['compare_s', 'compareSeconds'],
] as const satisfies readonly (readonly [string, keyof BackupRunResult])[]

async function run(options: BenchOptions): Promise<Row[]> {
  const { log, environment, onExit } = options
  const sizes = options.sizes ?? DEFAULT_SIZES
  const runs = options.runs ?? DEFAULT_RUNS

  const executablePath = findChromium()
  const server = await serveArchivePage('backup', 'import, database and backup code', log)
  const stopServer = onExit(server.close)
  try {
    const rows: Row[] = []
    const archives: string[] = []
    for (const n of sizes) {
      const browser = await openBrowser(executablePath, onExit, log, {
        name: 'backup',
        args: EXTRA_ARGS,
      })
      try {
        environment.set(
          'Backup browser',
          `Chromium ${browser.version} (headless, a fresh on-disk profile per size, ${EXTRA_ARGS.join(' ')})`,
        )
        const stepStarted = { at: Date.now() }
        await browser.context.exposeFunction('benchStep', (m: string) => {
          log(`  ${m}… (${formatNumber((Date.now() - stepStarted.at) / 1000, 1)} s in)`)
        })
        const page = await openArchivePage(browser, server.url, 'backup', 'benchBackup', log)
        log(`building an archive of ${formatNumber(n)} releases (import, index, tags, notes)…`)
        stepStarted.at = Date.now()
        const archive = await buildArchiveOnPage<BackupArchiveResult>(
          page,
          'benchBackup',
          n,
          buildTimeoutMs(n),
        )
        archives.push(describeArchive(archive))
        log(`  ${describeArchive(archive)}`)

        const results: BackupRunResult[] = []
        for (let r = 1; r <= runs; r++) {
          log(`backing up and restoring ${formatNumber(n)} releases, run ${r} of ${runs}`)
          stepStarted.at = Date.now()
          const result = await deadline(
            page,
            runTimeoutMs(n),
            `backup run ${r} at ${formatNumber(n)} releases`,
            page.evaluate(() => (globalThis as unknown as BackupBenchPage).benchBackup.measure()),
          ).catch((error: unknown) => {
            throw error instanceof BenchError
              ? error
              : new BenchError(`backing up ${formatNumber(n)} releases: ${message(error)}`)
          })
          log(`  ${describeRun(result)}`)
          checkRun(n, archive, result)
          results.push(result)
        }
        rows.push(...summarise(n, results))
        await page.evaluate(() => (globalThis as unknown as BackupBenchPage).benchBackup.close())
      } finally {
        await browser.close()
      }
    }
    environment.set('Backup archives', archives.join('; '))
    environment.set(
      'Backup runs',
      `${runs} per size on the same archive (median of the times); restored into a new database beside it`,
    )
    return rows
  } finally {
    await stopServer()
  }
}

/** The restored database must be the archive: same tables, same counts. */
function checkRun(n: number, archive: BackupArchiveResult, r: BackupRunResult): void {
  if (r.mismatched.length > 0)
    throw new BenchError(
      `at ${formatNumber(n)} releases the restored database differs from the archive in ${r.mismatched.join(', ')}`,
    )
  if (
    r.restored.releases !== archive.releasesStored ||
    r.restored.annotations !== archive.annotations
  )
    throw new BenchError(
      `at ${formatNumber(n)} releases the restored database holds ${formatNumber(r.restored.releases)} releases and ${formatNumber(r.restored.annotations)} notes, for ${formatNumber(archive.releasesStored)} and ${formatNumber(archive.annotations)}`,
    )
}

function summarise(n: number, results: BackupRunResult[]): Row[] {
  const row = (metric: string, value: number, unit: string): Row => ({
    bench: BENCH,
    n,
    metric,
    value,
    unit,
  })
  const rows = TIMES.map(([metric, field]) =>
    row(metric, round1(median(results.map((r) => r[field]))), 's'),
  )
  const last = results.at(-1)!
  rows.push(row('file_mb', round1(last.fileBytes / 1e6), 'MB'))
  rows.push(row('data_mb', round1(last.dataBytes / 1e6), 'MB'))
  rows.push(row('tables_identical', last.tables - last.mismatched.length, 'tables'))
  rows.push(row('rows', last.rows, 'rows'))
  const heaps = results.flatMap((r) =>
    r.heapAfterBackupBytes === null ? [] : [r.heapAfterBackupBytes],
  )
  if (heaps.length === results.length)
    rows.push(row('heap_after_backup_mb', round1(median(heaps) / 1e6), 'MB'))
  return rows
}

function describeArchive(a: BackupArchiveResult): string {
  return `${shortSize(a.n)}: ${formatNumber(a.releasesStored)} releases imported in ${formatNumber(a.importSeconds, 1)} s and indexed in ${formatNumber(a.indexSeconds, 1)} s, ${formatNumber(a.tagged)} tagged, ${formatNumber(a.annotations)} notes, ${formatNumber(a.usageBytes / 1e6)} MB stored`
}

function describeRun(r: BackupRunResult): string {
  return [
    `backup ${s(r.backupSeconds)}: ${formatNumber(r.fileBytes / 1e6, 1)} MB file of ${formatNumber(r.dataBytes / 1e6, 1)} MB data`,
    `check ${s(r.checkSeconds)}`,
    `restore ${s(r.restoreSeconds)}`,
    `compare ${s(r.compareSeconds)}: ${r.tables - r.mismatched.length} of ${r.tables} tables identical (${formatNumber(r.rows)} rows)`,
    `restored ${formatNumber(r.restored.releases)} releases, ${formatNumber(r.restored.annotations)} notes, ${formatNumber(r.restored.tags)} tags`,
    r.heapAfterBackupBytes === null
      ? 'heap not measured'
      : `JS heap ${formatNumber(r.heapAfterBackupBytes / 1e6)} MB after the backup, the file held`,
  ].join('; ')
}

function table(rows: Row[]): string {
  const sizes = [...new Set(rows.map((r) => r.n))].sort((a, b) => a - b)
  const value = (n: number, metric: string) =>
    rows.find((r) => r.n === n && r.metric === metric)?.value
  const body = sizes.map((n) => [
    formatNumber(n),
    ...TIMES.map(([metric]) => formatNumber(value(n, metric), 1)),
    formatNumber(value(n, 'file_mb'), 1),
    formatNumber(value(n, 'data_mb'), 1),
    formatNumber(value(n, 'tables_identical')),
    formatNumber(value(n, 'rows')),
    formatNumber(value(n, 'heap_after_backup_mb'), 1),
  ])
  const lines = [
    formatTable(
      [
        { header: 'n' },
        { header: 'backup s' },
        { header: 'check s' },
        { header: 'restore s' },
        { header: 'compare s' },
        { header: 'file MB' },
        { header: 'data MB' },
        { header: 'tables identical' },
        { header: 'rows' },
        { header: 'heap after backup MB' },
      ],
      body,
    ),
    '',
    `Goals (at ${shortSize(GOALS.at)} releases):`,
  ]
  const goal = (metrics: string[], label: string, limit: number) => {
    const parts = metrics.map((metric) => value(GOALS.at, metric))
    const measured = parts.some((part) => part === undefined)
      ? undefined
      : parts.reduce((sum: number, part) => sum + part!, 0)
    lines.push(
      measured === undefined
        ? `  – ${label} ≤ ${formatNumber(limit)} s: not measured (add ${GOALS.at} to --sizes)`
        : `  ${measured <= limit ? '✓' : '✗'} ${label} ≤ ${formatNumber(limit)} s (${formatNumber(measured, 1)} s)`,
    )
  }
  goal(['backup_s'], 'back up', GOALS.backupS)
  goal(['check_s', 'restore_s'], 'check and restore', GOALS.restoreS)
  lines.push(
    'backup: createBackup (export in one read transaction, table sums, zip); check: checkBackup; restore: restoreInto a new database (import, sums against the manifest, open); compare: tableChecksums of both databases. Every run restores every table identical, or the bench fails.',
  )
  return lines.join('\n')
}

const s = (value: number) => `${formatNumber(value, 1)} s`
