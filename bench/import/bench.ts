/**
 * `npm run bench:import`: imports 1k, 10k and 100k synthetic releases in headless
 * Chromium through the app's real import path, each into a fresh database, and
 * reports throughput against the raw IndexedDB write rate of the same records.
 *
 * The steps: build the paragraph pool from the corpus (cached in
 * out/bench/pool.json until the corpus or the parsing code changes), build the
 * page with Vite, serve both on 127.0.0.1, and for each run open the page in a
 * Chromium with a fresh on-disk profile (a Playwright incognito context would keep
 * IndexedDB in memory, which is neither what users have nor what fits 100k
 * releases) and let the page run the import (page/main.ts).
 *
 * Several runs of one size report the median of the rates and the size, and the
 * longest task of them all: the goal is that no task is long, not the typical one.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium, type BrowserContext, type Page } from '@playwright/test'
import { buildOrExplain } from '../vite-build.ts'
import { CHROMIUM_ARGS, chromiumExecutable } from '../../scripts/chromium.mjs'
import { formatNumber, formatTable, median, shortSize } from '../table.ts'
import { serveStatic } from '../serve.ts'
import { BenchError, type Bench, type BenchOptions, type Row } from '../types.ts'
import {
  CPU_GROUPS,
  cpuBetween,
  cpuSamplingAvailable,
  snapshot,
  type CpuGroup,
  type CpuUse,
} from './cpu.ts'
import { buildPool, describePool } from './pool.ts'
import type {
  BenchPage,
  ImportProgressMessage,
  ImportRunRequest,
  ImportRunResult,
} from './protocol.ts'

const ROOT = resolve(import.meta.dirname, '../..')
const CORPUS = resolve(ROOT, '../shared/corpus')
const OUT = resolve(ROOT, 'out/bench')
const POOL_FILE = join(OUT, 'pool.json')
const PAGE_DIR = join(OUT, 'page')
const VITE_CONFIG = resolve(import.meta.dirname, '../vite.bench.config.ts')

export const DEFAULT_SIZES = [1_000, 10_000, 100_000]
/** Three runs where a run takes seconds, one where it takes minutes. */
export const defaultRuns = (n: number): number => (n >= 100_000 ? 1 : 3)
export const SEED = 0x5eed2025
/**
 * Repeats even out noise in runs of seconds; a run longer than this is its own
 * average, and repeating it would keep the bench from finishing in minutes.
 */
const REPEAT_LIMIT_MS = 60_000

/**
 * A safety net against a stuck import, not a goal: 5 minutes plus 100 ms a release
 * (an import at 10 files/s still finishes in time).
 */
const runTimeoutMs = (n: number) => 300_000 + n * 100

export const GOALS = {
  filesPerSecondAt10k: 2_000,
  maxCeilingRatio: 2,
  maxTaskMs: 100,
}

const BENCH = 'import'

export const importBench: Bench = {
  name: BENCH,
  run,
  table,
}

async function run(options: BenchOptions): Promise<Row[]> {
  const { log, environment, onExit } = options
  const sizes = options.sizes ?? DEFAULT_SIZES
  const runsFor = (n: number) => options.runs ?? defaultRuns(n)

  const executablePath = findChromium()
  ensurePool(log)
  await buildPage(log)

  const server = await serveStatic(PAGE_DIR, { '/pool.json': POOL_FILE })
  const stopServer = onExit(server.close)
  try {
    const rows: Row[] = []
    const runs: string[] = []
    const generated = { bytes: 0, paragraphs: 0, files: 0 }
    const cpuUse: { n: number; cpu: CpuUse }[] = []
    for (const n of sizes) {
      const results: ImportRunResult[] = []
      const planned = runsFor(n)
      for (let r = 1; r <= planned; r++) {
        const label = `${shortSize(n)} run ${r}/${planned}`
        log(`import ${formatNumber(n)} releases, run ${r} of ${planned}`)
        const started = Date.now()
        const { result, version, cpu } = await runOnce({
          executablePath,
          url: server.url,
          n,
          log,
          onExit,
          onProgress: (p) =>
            log(
              `  ${label} ${Math.round((p.done / p.total) * 100)}%: ${formatNumber(p.done)} files, ${formatNumber(p.rate)} files/s`,
            ),
        })
        environment.set('Chromium', `${version} (headless, a fresh on-disk profile per run)`)
        log(`  ${describeRun(result)}`)
        if (cpu) {
          log(`  CPU ${describeCpu(cpu)}`)
          cpuUse.push({ n, cpu })
        }
        results.push(result)
        generated.bytes += result.generatedBytes
        generated.paragraphs += result.generatedParagraphs
        generated.files += n
        if (options.runs === undefined && r < planned && Date.now() - started > REPEAT_LIMIT_MS) {
          log(
            `  one run took over ${REPEAT_LIMIT_MS / 1000} s: not repeating it (--runs forces repeats)`,
          )
          break
        }
      }
      runs.push(`${shortSize(n)}: ${results.length}`)
      rows.push(...summarise(n, results))
    }
    environment.set(
      'Runs per size',
      `${runs.join(', ')} (median of the rates and sizes, longest task of all runs)`,
    )
    for (const n of sizes) {
      const uses = cpuUse.filter((u) => u.n === n).map((u) => u.cpu)
      if (uses.length > 0)
        environment.set(
          `CPU at ${shortSize(n)}`,
          `${describeCpu(medianCpu(uses))} (median of runs)`,
        )
    }
    if (cpuUse.length === 0)
      environment.set('CPU', 'not measured (per-thread counters need Linux /proc)')
    environment.set(
      'Synthetic releases',
      `${formatNumber(generated.bytes / generated.files / 1024, 1)} KB and ${formatNumber(generated.paragraphs / generated.files, 1)} paragraphs on average (measured)`,
    )
    return rows
  } finally {
    await stopServer()
  }
}

/** The Chromium to launch (undefined: Playwright's own), checked before anything is built. */
function findChromium(): string | undefined {
  const executablePath = chromiumExecutable()
  if (executablePath ? !existsSync(executablePath) : !existsSync(chromium.executablePath())) {
    throw new BenchError(
      `Chromium not found${executablePath ? ` at ${executablePath}` : ''}: install it (Debian: /usr/bin/chromium) or set CHROMIUM_PATH to its executable.`,
    )
  }
  return executablePath
}

async function launch(
  profile: string,
  executablePath: string | undefined,
): Promise<BrowserContext> {
  try {
    return await chromium.launchPersistentContext(profile, {
      headless: true,
      executablePath,
      args: CHROMIUM_ARGS,
      // run.ts closes the browser and removes its profile on Ctrl-C; Playwright's own
      // handlers would exit the process before the profile is gone.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    })
  } catch (error) {
    throw new BenchError(
      `Chromium did not start (${executablePath ?? 'Playwright’s Chromium'}): ${message(error)}`,
    )
  }
}

/**
 * One import in its own browser and profile: a profile that held the previous run's
 * databases still counts some of their space for a while after they are deleted.
 */
async function runOnce(run: {
  executablePath: string | undefined
  url: string
  n: number
  log: (m: string) => void
  onExit: BenchOptions['onExit']
  onProgress: (p: ImportProgressMessage) => void
}): Promise<{ result: ImportRunResult; version: string; cpu: CpuUse | null }> {
  const { n, log } = run
  const profile = mkdtempSync(join(tmpdir(), 'communique-bench-'))
  let context: BrowserContext | null = null
  const closeBrowser = run.onExit(async () => {
    await context?.close().catch(() => {})
    await removeProfile(profile)
  })
  try {
    context = await launch(profile, run.executablePath)
    // CPU is counted between 10% and 90% of the files: start-up and the last batches are left out.
    const sampling = cpuSamplingAvailable()
    let first: { snap: ReturnType<typeof snapshot>; done: number } | null = null
    let cpu: CpuUse | null = null
    await context.exposeFunction('benchProgress', (p: ImportProgressMessage) => {
      const share = p.done / p.total
      if (sampling && first === null && share >= 0.1)
        first = { snap: snapshot(profile), done: p.done }
      else if (sampling && first !== null && cpu === null && share >= 0.9 && p.done > first.done) {
        cpu = cpuBetween(first.snap, snapshot(profile), p.done - first.done)
      }
      run.onProgress(p)
    })
    const page = await context.newPage()
    page.on('pageerror', (error) => log(`  page error: ${error.message}`))
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') log(`  console ${m.type()}: ${m.text()}`)
    })
    await page.goto(run.url)
    await deadline(
      page,
      60_000,
      page.evaluate(() => (globalThis as unknown as BenchPage).bench.ready),
    )
    const request: ImportRunRequest = { n, seed: SEED }
    const result = await deadline(
      page,
      runTimeoutMs(n),
      page.evaluate((r) => (globalThis as unknown as BenchPage).bench.runImport(r), request),
    )
    return { result, version: context.browser()?.version() ?? 'unknown version', cpu }
  } finally {
    await closeBrowser()
  }
}

/**
 * On Ctrl-C Chromium gets the signal too and may still be writing its profile
 * while it dies, after Playwright has let go of it: retry until the folder stays gone.
 */
async function removeProfile(profile: string): Promise<void> {
  for (let attempt = 0; attempt < 10 && existsSync(profile); attempt++) {
    if (attempt > 0) await new Promise((done) => setTimeout(done, 300))
    rmSync(profile, { recursive: true, force: true, maxRetries: 3 })
  }
}

/** page.evaluate has no timeout of its own; a crashed page or a stuck import must still end the bench. */
async function deadline<R>(page: Page, timeoutMs: number, work: Promise<R>): Promise<R> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new BenchError(`the bench page did not answer within ${Math.round(timeoutMs / 1000)} s`),
        ),
      timeoutMs,
    )
  })
  const crash = new Promise<never>((_, reject) =>
    page.once('crash', () => reject(new BenchError('the bench page crashed'))),
  )
  try {
    return await Promise.race([work, timeout, crash])
  } finally {
    clearTimeout(timer)
  }
}

function summarise(n: number, results: ImportRunResult[]): Row[] {
  for (const r of results) {
    if (r.status !== 'done') {
      throw new BenchError(
        `the import of ${formatNumber(n)} releases ended ${r.status}${r.error ? `: ${r.error}` : ''}`,
      )
    }
    const outcomes = Object.values(r.counts).reduce((sum, c) => sum + c, 0)
    if (outcomes !== n)
      throw new BenchError(
        `the import of ${formatNumber(n)} releases reported ${outcomes} outcomes`,
      )
  }
  const row = (metric: string, value: number, unit: string): Row => ({
    bench: BENCH,
    n,
    metric,
    value,
    unit,
  })
  return [
    row('files_per_s', Math.round(median(results.map((r) => n / r.importSeconds))), 'files/s'),
    row(
      'ceiling_files_per_s',
      Math.round(median(results.map((r) => n / Math.max(r.ceilingWriteSeconds, 1e-6)))),
      'files/s',
    ),
    row('longest_task_ms', Math.max(...results.map((r) => r.longestTaskMs)), 'ms'),
    row('db_mb', round(median(results.map((r) => r.usageBytes / 1024 / 1024)), 1), 'MB'),
  ]
}

function describeRun(r: ImportRunResult): string {
  const counts = Object.entries(r.counts)
    .filter(([, c]) => c > 0)
    .map(([k, c]) => `${k} ${formatNumber(c)}`)
    .join(', ')
  return [
    `import ${formatNumber(r.importSeconds, 1)} s (${formatNumber(r.n / r.importSeconds)} files/s; ${counts}; ${formatNumber(r.releasesStored)} releases stored)`,
    `ceiling ${formatNumber(r.ceilingWriteSeconds, 1)} s (${formatNumber(r.n / r.ceilingWriteSeconds)} files/s; ${formatNumber(r.ceilingRows.releases)} releases)`,
    `longest task ${r.longestTaskMs} ms (${r.longTasks} over 50 ms)`,
    `${formatNumber(r.usageBytes / 1024 / 1024, 1)} MB`,
  ].join('; ')
}

/** "2.26 ms per file: import workers (JS) 1.27 ms, …; 1.93 cores busy". */
function describeCpu(cpu: CpuUse): string {
  const total = CPU_GROUPS.reduce((sum, g) => sum + cpu.seconds[g], 0)
  const parts = CPU_GROUPS.map(
    (g) => `${g} ${formatNumber((cpu.seconds[g] * 1000) / cpu.files, 2)} ms`,
  )
  return `${formatNumber((total * 1000) / cpu.files, 2)} ms per file: ${parts.join(', ')}; ${formatNumber(total / cpu.wallSeconds, 2)} cores busy`
}

function medianCpu(uses: CpuUse[]): CpuUse {
  const perFile = (u: CpuUse, g: CpuGroup) => u.seconds[g] / u.files
  const seconds = Object.fromEntries(
    CPU_GROUPS.map((g) => [g, median(uses.map((u) => perFile(u, g)))]),
  ) as Record<CpuGroup, number>
  const cores = median(
    uses.map((u) => CPU_GROUPS.reduce((sum, g) => sum + u.seconds[g], 0) / u.wallSeconds),
  )
  const total = CPU_GROUPS.reduce((sum, g) => sum + seconds[g], 0)
  // One file's worth, with the wall time that gives the median cores busy.
  return { files: 1, wallSeconds: total / cores, seconds }
}

function table(rows: Row[]): string {
  const sizes = [...new Set(rows.map((r) => r.n))].sort((a, b) => a - b)
  const value = (n: number, metric: string) =>
    rows.find((r) => r.n === n && r.metric === metric)?.value
  const ratio = (n: number) => {
    const files = value(n, 'files_per_s')
    const ceiling = value(n, 'ceiling_files_per_s')
    return files && ceiling !== undefined ? ceiling / files : undefined
  }
  const body = sizes.map((n) => [
    formatNumber(n),
    formatNumber(value(n, 'files_per_s')),
    formatNumber(value(n, 'ceiling_files_per_s')),
    `${formatNumber(ratio(n), 2)}×`,
    value(n, 'longest_task_ms') === 0 ? '0*' : formatNumber(value(n, 'longest_task_ms')),
    formatNumber(value(n, 'db_mb'), 1),
  ])
  const lines = [
    formatTable(
      [
        { header: 'n' },
        { header: 'files/s' },
        { header: 'ceiling files/s' },
        { header: 'ratio' },
        { header: 'longest task ms' },
        { header: 'DB MB' },
      ],
      body,
    ),
    '',
    'Goals:',
  ]

  const at10k = value(10_000, 'files_per_s')
  lines.push(
    at10k === undefined
      ? `  – ≥ ${formatNumber(GOALS.filesPerSecondAt10k)} files/s at 10k: not measured (add 10000 to --sizes)`
      : `  ${mark(at10k >= GOALS.filesPerSecondAt10k)} ≥ ${formatNumber(GOALS.filesPerSecondAt10k)} files/s at 10k (${formatNumber(at10k)} files/s)`,
  )
  const ratios = sizes.flatMap((n) => {
    const r = ratio(n)
    return r === undefined ? [] : [{ n, r }]
  })
  const worstRatio = ratios.reduce<{ n: number; r: number } | null>(
    (w, x) => (!w || x.r > w.r ? x : w),
    null,
  )
  if (worstRatio) {
    lines.push(
      `  ${mark(worstRatio.r <= GOALS.maxCeilingRatio)} within ${GOALS.maxCeilingRatio}× of the ceiling (worst ${formatNumber(worstRatio.r, 2)}× at ${shortSize(worstRatio.n)})`,
    )
  }
  const tasks = sizes.map((n) => ({ n, ms: value(n, 'longest_task_ms') ?? 0 }))
  const longest = tasks.reduce((w, x) => (x.ms > w.ms ? x : w), { n: 0, ms: 0 })
  if (tasks.length > 0) {
    lines.push(
      `  ${mark(longest.ms <= GOALS.maxTaskMs)} no main-thread task over ${GOALS.maxTaskMs} ms (` +
        (longest.ms === 0
          ? 'no task over 50 ms at any size)'
          : `longest ${formatNumber(longest.ms)} ms at ${shortSize(longest.n)})`),
    )
  }
  const quiet = tasks.filter((t) => t.ms === 0).map((t) => shortSize(t.n))
  if (quiet.length > 0) {
    lines.push(`* 0: no task over 50 ms (Chromium reports only those) at ${quiet.join(', ')}.`)
  }
  lines.push(
    'ratio = ceiling files/s ÷ files/s: the raw IndexedDB write rate of the same records over the import rate.',
  )
  return lines.join('\n')
}

/** Builds out/bench/pool.json unless it is newer than the corpus and the code that reads it. */
export function ensurePool(log: (m: string) => void): string {
  if (!existsSync(CORPUS)) throw new BenchError(`the corpus is missing: ${CORPUS}`)
  const inputs = [
    resolve(import.meta.dirname, 'pool.ts'),
    resolve(ROOT, 'src/shared/release/decode.ts'),
    resolve(ROOT, 'src/shared/release/parse-release.ts'),
    CORPUS,
    ...readdirSync(CORPUS).map((f) => join(CORPUS, f)),
  ]
  const newestInput = Math.max(...inputs.map((p) => statSync(p).mtimeMs))
  if (existsSync(POOL_FILE) && statSync(POOL_FILE).mtimeMs > newestInput) {
    log(`paragraph pool: ${POOL_FILE} (up to date)`)
    return POOL_FILE
  }
  log(`paragraph pool: reading ${CORPUS}…`)
  const pool = buildPool(CORPUS)
  if (pool.languages.length === 0) throw new BenchError(`no usable releases in ${CORPUS}`)
  mkdirSync(OUT, { recursive: true })
  writeFileSync(POOL_FILE, JSON.stringify(pool))
  log(`paragraph pool: ${describePool(pool)}`)
  return POOL_FILE
}

async function buildPage(log: (m: string) => void): Promise<void> {
  log('building the bench page…')
  await buildOrExplain(
    { configFile: VITE_CONFIG, logLevel: 'warn' },
    "the bench page did not build (it bundles the renderer's import runner, worker and database code, so it fails wherever npm run build:web fails)",
  )
}

const mark = (met: boolean) => (met ? '✓' : '✗')
const round = (value: number, decimals: number) =>
  Math.round(value * 10 ** decimals) / 10 ** decimals
const message = (error: unknown) => (error instanceof Error ? error.message : String(error))
