/**
 * `npm run bench:tags`: tagging at archive scale, in headless Chromium, on an
 * archive of 10k and 100k synthetic releases built by the app's real import.
 *
 * The page (bench/import/page/tags.html, tags.ts) is built from the import bench's
 * page folder with the import bench's Vite configuration, so it imports the same
 * synthetic releases through the same path; it then calls the app's repository
 * functions on its main thread, as the app does: select all, tag every release,
 * undo that, list the releases carrying a tag on a tenth of them (the library's
 * tag filter), count every tag's uses, and merge that tag into the one on all of them. One browser, with a fresh on-disk profile, per size;
 * the archive is built once per size and `--runs` repeats the timed operations on it.
 */
import { buildArchiveOnPage, openArchivePage, serveArchivePage } from '../archive-page.ts'
import type { TagsArchiveResult, TagsBenchPage, TagsRunResult } from '../import/protocol.ts'
import { deadline, findChromium, message, openBrowser } from '../browser.ts'
import { formatNumber, formatTable, median, round1, shortSize } from '../table.ts'
import { BenchError, type Bench, type BenchOptions, type Row } from '../types.ts'

export const DEFAULT_SIZES = [10_000, 100_000]
/** Building the archive dominates a run: one run of the operations per size unless asked. */
export const DEFAULT_RUNS = 1

/** Goals at 100k releases, in milliseconds. */
export const GOALS = {
  at: 100_000,
  /** A researcher waits at most about 10 s to tag the whole archive. */
  tagAllMs: 10_000,
  tagCountsMs: 500,
  selectAllMs: 500,
}

/**
 * `performance.memory` reports exact figures only with the first flag; the second
 * exposes `gc()`, which the page calls before each timed operation.
 */
const EXTRA_ARGS = ['--enable-precise-memory-info', '--js-flags=--expose-gc']

/** Safety nets against a stuck page, not goals: the import's, and the operations' of one run. */
const buildTimeoutMs = (n: number) => 300_000 + n * 100
const runTimeoutMs = (n: number) => 300_000 + n * 20

const BENCH = 'tags'

export const tagsBench: Bench = {
  name: BENCH,
  run,
  table,
}

/** The timed operations: the row's metric and the field of a run (runs combine by their median). */
const TIMES = [
  ['select_all_ms', 'selectAllMs'],
  ['tag_all_ms', 'tagAllMs'],
  ['undo_tag_all_ms', 'undoTagAllMs'],
  ['tag_counts_ms', 'tagCountsMs'],
  ['merge_ms', 'mergeMs'],
  ['filter_by_tag_ms', 'filterByTagMs'],
] as const satisfies readonly (readonly [string, keyof TagsRunResult])[]

async function run(options: BenchOptions): Promise<Row[]> {
  const { log, environment, onExit } = options
  const sizes = options.sizes ?? DEFAULT_SIZES
  const runs = options.runs ?? DEFAULT_RUNS

  const executablePath = findChromium()
  const server = await serveArchivePage('tags', 'import, database and tag code', log)
  const stopServer = onExit(server.close)
  try {
    const rows: Row[] = []
    const archives: string[] = []
    let heapMeasured = true
    for (const n of sizes) {
      const browser = await openBrowser(executablePath, onExit, log, {
        name: 'tags',
        args: EXTRA_ARGS,
      })
      try {
        environment.set(
          'Tags browser',
          `Chromium ${browser.version} (headless, a fresh on-disk profile per size, ${EXTRA_ARGS.join(' ')})`,
        )
        const page = await openArchivePage(browser, server.url, 'tags', 'benchTags', log)
        log(`building an archive of ${formatNumber(n)} releases (the app's import)…`)
        const archive = await buildArchiveOnPage<TagsArchiveResult>(
          page,
          'benchTags',
          n,
          buildTimeoutMs(n),
        )
        archives.push(describeArchive(archive))
        log(`  ${describeArchive(archive)}`)

        const results: TagsRunResult[] = []
        for (let r = 1; r <= runs; r++) {
          log(`tagging ${formatNumber(n)} releases, run ${r} of ${runs}`)
          const result = await deadline(
            page,
            runTimeoutMs(n),
            `tagging run ${r} at ${formatNumber(n)} releases`,
            page.evaluate(() => (globalThis as unknown as TagsBenchPage).benchTags.measure()),
          ).catch((error: unknown) => {
            throw error instanceof BenchError
              ? error
              : new BenchError(`tagging ${formatNumber(n)} releases: ${message(error)}`)
          })
          log(`  ${describeRun(result)}`)
          results.push(result)
        }
        if (results.some((r) => r.heapPeakBytes === null)) heapMeasured = false
        rows.push(...summarise(n, results))
        await page.evaluate(() => (globalThis as unknown as TagsBenchPage).benchTags.close())
      } finally {
        await browser.close()
      }
    }
    environment.set('Tags archives', archives.join('; '))
    environment.set(
      'Tags runs',
      `${runs} per size on the same archive (median of the times; longest task and heap peak of all runs)`,
    )
    if (!heapMeasured)
      environment.set('Tags heap', 'not measured: this Chromium has no performance.memory')
    return rows
  } finally {
    await stopServer()
  }
}

function summarise(n: number, results: TagsRunResult[]): Row[] {
  const row = (metric: string, value: number, unit: string): Row => ({
    bench: BENCH,
    n,
    metric,
    value,
    unit,
  })
  const rows = TIMES.map(([metric, field]) =>
    row(metric, round1(median(results.map((r) => r[field]))), 'ms'),
  )
  rows.push(row('longest_task_ms', Math.max(...results.map((r) => r.longestTaskMs)), 'ms'))
  const peaks = results.flatMap((r) => (r.heapPeakBytes === null ? [] : [r.heapPeakBytes]))
  if (peaks.length === results.length)
    rows.push(row('memory_mb', round1(Math.max(...peaks) / 2 ** 20), 'MB'))
  return rows
}

function describeArchive(a: TagsArchiveResult): string {
  return `${shortSize(a.n)}: ${formatNumber(a.releasesStored)} releases imported in ${formatNumber(a.importSeconds, 1)} s, ${formatNumber(a.generatedBytes / a.n / 1024, 1)} KB and ${formatNumber(a.generatedParagraphs / a.n, 1)} paragraphs a file, ${formatNumber(a.usageBytes / 2 ** 20)} MB stored`
}

function describeRun(r: TagsRunResult): string {
  const heap =
    r.heapPeakBytes === null || r.heapBeforeBytes === null
      ? 'heap not measured'
      : `JS heap ${formatNumber(r.heapBeforeBytes / 2 ** 20)} MB before, ${formatNumber(r.heapPeakBytes / 2 ** 20)} MB at its peak, ${formatNumber((r.heapKeptBytes ?? 0) / 2 ** 20)} MB after it and a garbage collection`
  return [
    `select all ${ms(r.selectAllMs)}`,
    `tag all ${ms(r.tagAllMs)} (ensureTag ${ms(r.ensureTagMs)}; the edit names ${formatNumber(r.editChanges)} releases)`,
    `longest task ${formatNumber(r.longestTaskMs)} ms (${r.longTasks} over 50 ms)`,
    heap,
    `undo ${ms(r.undoTagAllMs)}`,
    `tag counts ${ms(r.tagCountsMs)}`,
    `merge ${ms(r.mergeMs)} (${formatNumber(r.tenth)} releases carried the merged tag)`,
    `filter by that tag ${ms(r.filterByTagMs)}`,
  ].join('; ')
}

function table(rows: Row[]): string {
  const sizes = [...new Set(rows.map((r) => r.n))].sort((a, b) => a - b)
  const value = (n: number, metric: string) =>
    rows.find((r) => r.n === n && r.metric === metric)?.value
  const body = sizes.map((n) => [
    formatNumber(n),
    ...TIMES.map(([metric]) => formatNumber(value(n, metric), 1)),
    value(n, 'longest_task_ms') === 0 ? '0*' : formatNumber(value(n, 'longest_task_ms')),
    formatNumber(value(n, 'memory_mb'), 1),
  ])
  const lines = [
    formatTable(
      [
        { header: 'n' },
        { header: 'select all ms' },
        { header: 'tag all ms' },
        { header: 'undo tag all ms' },
        { header: 'tag counts ms' },
        { header: 'merge ms' },
        { header: 'filter by tag ms' },
        { header: 'longest task ms' },
        { header: 'heap peak MB' },
      ],
      body,
    ),
    '',
    `Goals (at ${shortSize(GOALS.at)} releases):`,
  ]
  const goal = (metric: string, label: string, limit: number) => {
    const measured = value(GOALS.at, metric)
    lines.push(
      measured === undefined
        ? `  – ${label} ≤ ${formatNumber(limit)} ms: not measured (add ${GOALS.at} to --sizes)`
        : `  ${measured <= limit ? '✓' : '✗'} ${label} ≤ ${formatNumber(limit)} ms (${formatNumber(measured, 1)} ms)`,
    )
  }
  goal('tag_all_ms', 'tag all', GOALS.tagAllMs)
  goal('tag_counts_ms', 'tag counts', GOALS.tagCountsMs)
  goal('select_all_ms', 'select all', GOALS.selectAllMs)
  const quiet = sizes.filter((n) => value(n, 'longest_task_ms') === 0).map(shortSize)
  if (quiet.length > 0)
    lines.push(`* 0: no task over 50 ms (Chromium reports only those) at ${quiet.join(', ')}.`)
  lines.push(
    'tag all: ensureTag and setReleasesTag on every release; longest task and heap peak: during tag all.',
  )
  return lines.join('\n')
}

const ms = (value: number) => `${formatNumber(value, 1)} ms`
