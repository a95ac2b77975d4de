/**
 * `npm run bench:search`: full-text search at archive scale, in headless Chromium, on
 * archives of 1k, 10k and 100k synthetic releases built by the app's real import.
 *
 * The page (bench/import/page/search.html, search.ts) is built from the import bench's
 * page folder with the import bench's Vite configuration, so it imports the same synthetic
 * releases through the same path. Per size, in one browser with a fresh on-disk profile:
 *
 * 1. the archive is imported (not timed here: that is bench:import);
 * 2. the page indexes it (`indexPending`), sums the index's size and times the query set
 *    with the app's engine, then the compare features' lookups: the phrase history of a
 *    ten-word phrase and "See also" for a release (`--runs` repeats this and step 4 on the
 *    same archive);
 * 3. the driver takes the stored texts from the page, writes them as files for ripgrep and
 *    as an FTS5 table, and times the same queries with each (baselines.ts), checking that
 *    the app finds as many releases as ripgrep lists files for the word and the phrase;
 * 4. the page is loaded again (a fresh document on the same profile) to time the first
 *    result from the start of its script, and the heap with the reader loaded;
 * 5. MiniSearch and FlexSearch (in memory, and FlexSearch on IndexedDB) are built from the
 *    same releases and asked the same queries, each in a fresh document; one that fails, runs
 *    out of memory or time is recorded as not measured, with the reason.
 */
import { mkdirSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { Page } from '@playwright/test'
import { deadline, findChromium, message, openBrowser, type Browser } from '../browser.ts'
import { buildArchiveOnPage, openArchivePage, serveArchivePage } from '../archive-page.ts'
import { formatNumber, formatTable, median, round1, shortSize } from '../table.ts'
import { BenchError, type Bench, type BenchOptions, type Row } from '../types.ts'
import {
  buildFts5,
  checkTools,
  describeRg,
  ftsMatch,
  TextWriter,
  timeFts5,
  timeRg,
  translate,
  type Translation,
} from './baselines.ts'
import type {
  AfterFirstResult,
  EngineName,
  EngineResult,
  FirstResult,
  MeasureResult,
  QueryOutcome,
  ReleaseText,
  SearchArchiveResult,
  SearchBenchPage,
} from '../import/protocol.ts'
import { FIRST_QUERY, QUERIES } from './queries.ts'

const OUT = resolve(import.meta.dirname, '../../out/bench')

export const DEFAULT_SIZES = [1_000, 10_000, 100_000]
/** Building the archive dominates: one archive per size, the timed part once unless asked. */
export const DEFAULT_RUNS = 1

/** Timed searches of each query per run (release results), the postings cache cleared before each. */
const REPEATS = 20
/** Timed runs of each query with ripgrep and with FTS5. */
const BASELINE_RUNS = 5
/** Releases the page hands over per call for the baselines' texts. */
const TEXT_CHUNK = 1000

/** Goals at 100k releases (phrase history and See also: issue 6's, medians). */
export const GOALS = { at: 100_000, p95Ms: 30, rgRatio: 10, phraseHistoryMs: 100, seeAlsoMs: 100 }

/** `performance.memory` exact, and `gc()` for the page (as bench:tags). */
const EXTRA_ARGS = ['--enable-precise-memory-info', '--js-flags=--expose-gc']

/** Safety nets against a stuck page, not goals. */
const importTimeoutMs = (n: number) => 300_000 + n * 100
const measureTimeoutMs = (n: number) => 300_000 + n * 30
const firstTimeoutMs = (n: number) => 60_000 + n * 2
const engineTimeoutMs = (n: number) => 300_000 + n * 10

const BENCH = 'search'

const ENGINES: readonly { name: EngineName; prefix: string; label: string }[] = [
  { name: 'minisearch', prefix: 'minisearch', label: 'MiniSearch 7.2.0 (memory)' },
  { name: 'flexsearch', prefix: 'flexsearch', label: 'FlexSearch 0.8.212 (memory)' },
  { name: 'flexsearch-idb', prefix: 'flexsearch_idb', label: 'FlexSearch 0.8.212 (IndexedDB)' },
]
const ENGINE_METRICS = ['build_s', 'p95_ms', 'memory_mb', 'index_mb', 'startup_ms'] as const

/**
 * Measurements that were not made, by `${n} ${metric}`: why, as "short: details". The table
 * shows the short part, the header above it the whole.
 */
const skipped = new Map<string, string>()

export const searchBench: Bench = { name: BENCH, run, table }

async function run(options: BenchOptions): Promise<Row[]> {
  const { log, environment, onExit } = options
  const sizes = options.sizes ?? DEFAULT_SIZES
  const runs = options.runs ?? DEFAULT_RUNS
  skipped.clear()
  baselineRows.clear()

  const executablePath = findChromium()
  const tools = checkTools()
  const server = await serveArchivePage('search', 'import, database and search code', log)
  const stopServer = onExit(server.close)
  try {
    const rows: Row[] = []
    const archives: string[] = []
    for (const n of sizes) {
      const browser = await openBrowser(executablePath, onExit, log, {
        name: 'search',
        args: EXTRA_ARGS,
      })
      try {
        environment.set(
          'Search browser',
          `Chromium ${browser.version} (headless, a fresh on-disk profile per size, ${EXTRA_ARGS.join(' ')})`,
        )
        const size = await measureSize(browser, server.url, n, runs, log)
        archives.push(describeArchive(size.archive))
        rows.push(...size.rows)
      } finally {
        await browser.close()
      }
    }
    environment.set('Search archives', archives.join('; '))
    environment.set(
      'Search queries',
      QUERIES.map((q) => `${q.label}: ${JSON.stringify(q.text)}`).join(', '),
    )
    environment.set(
      'Search runs',
      `${runs} per size on the same archive; ${REPEATS} searches of each query per run (postings cache cleared before each), ${BASELINE_RUNS} per query with ripgrep and FTS5`,
    )
    environment.set(
      'Search baselines',
      `${tools.rg} (rg -l --no-config --no-ignore --threads 2), ${tools.sqlite} (FTS5, unicode61 remove_diacritics 2)`,
    )
    if (skipped.size > 0)
      environment.set(
        'Search not measured',
        [...skipped].map(([key, reason]) => `${key}: ${reason}`).join('; '),
      )
    return rows
  } finally {
    await stopServer()
  }
}

type SizeResult = { archive: SearchArchiveResult; rows: Row[] }

async function measureSize(
  browser: Browser,
  url: string,
  n: number,
  runs: number,
  log: (m: string) => void,
): Promise<SizeResult> {
  const row = (metric: string, value: number, unit: string): Row => ({
    bench: BENCH,
    n,
    metric,
    value,
    unit,
  })
  const skip = (metric: string, reason: string) => {
    skipped.set(`${n} ${metric}`, reason)
    log(`  ${shortSize(n)} ${metric}: not measured (${reason})`)
  }

  let page = await openArchivePage(browser, url, 'search', 'benchSearch', log)
  log(`building an archive of ${formatNumber(n)} releases (the app's import)…`)
  const archive = await buildArchiveOnPage<SearchArchiveResult>(
    page,
    'benchSearch',
    n,
    importTimeoutMs(n),
  )
  log(`  ${describeArchive(archive)}`)

  const queries = QUERIES.map((q) => ({ kind: q.kind, text: q.text }))
  const plain = Object.fromEntries(QUERIES.map((q) => [q.kind, q.words]))
  const measures: MeasureResult[] = []
  const firsts: { first: FirstResult; after: AfterFirstResult }[] = []
  let outcomes: QueryOutcome[] = []
  for (let r = 1; r <= runs; r++) {
    if (r > 1) await page.goto(`${url}search.html`)
    log(`indexing ${formatNumber(n)} releases and searching, run ${r} of ${runs}`)
    const measured = await deadline(
      page,
      measureTimeoutMs(n),
      `indexing and searching ${formatNumber(n)} releases`,
      page.evaluate(
        (request) => (globalThis as unknown as SearchBenchPage).benchSearch.measure(request),
        { archive: archive.name, queries, plain, repeats: REPEATS },
      ),
    ).catch(rethrow(`indexing and searching ${formatNumber(n)} releases`))
    log(`  ${describeMeasure(measured)}`)
    log(`  ${describeLookups(measured)}`)
    checkOutcomes(n, measured.outcomes)
    measures.push(measured)
    outcomes = measured.outcomes

    if (r === 1) {
      const texts = await writeTexts(page, archive, n, log)
      measureBaselines(n, texts, outcomes, log)
    }

    const fresh = await firstResult(page, url, archive.name, n)
    log(
      `  first result ${ms(fresh.first.firstResultMs)} from the script's start (${ms(fresh.first.sinceNavigationMs)} from navigation): open ${ms(fresh.first.openMs)}, refresh ${ms(fresh.first.refreshMs)} (${formatNumber(fresh.first.docs)} documents), search ${ms(fresh.first.searchMs)}, ${formatNumber(fresh.first.releases)} releases; ${describeHeap(fresh.after)}`,
    )
    firsts.push(fresh)
  }

  const rows: Row[] = []
  const pooled = measures.flatMap((m) => m.releaseMs.flat())
  rows.push(row('p50_ms', round2(percentile(pooled, 50)), 'ms'))
  rows.push(row('p95_ms', round2(percentile(pooled, 95)), 'ms'))
  rows.push(row('p99_ms', round2(percentile(pooled, 99)), 'ms'))
  rows.push(
    row(
      'paragraph_p95_ms',
      round2(
        percentile(
          measures.flatMap((m) => m.paragraphMs),
          95,
        ),
      ),
      'ms',
    ),
  )
  QUERIES.forEach((q, i) =>
    rows.push(
      row(`q_${q.kind}_ms`, round2(median(measures.flatMap((m) => m.releaseMs[i]!))), 'ms'),
    ),
  )
  const phraseMs = measures.flatMap((m) => m.lookups.phraseHistoryMs)
  const seeAlsoMs = measures.flatMap((m) => m.lookups.seeAlsoMs)
  rows.push(row('phrase_history_ms', round2(median(phraseMs)), 'ms'))
  rows.push(row('phrase_history_p95_ms', round2(percentile(phraseMs, 95)), 'ms'))
  rows.push(row('see_also_ms', round2(median(seeAlsoMs)), 'ms'))
  rows.push(row('see_also_p95_ms', round2(percentile(seeAlsoMs, 95)), 'ms'))
  rows.push(row('build_s', round2(median(measures.map((m) => m.buildSeconds))), 's'))
  const last = measures.at(-1)!
  rows.push(
    row(
      'index_mb',
      round2((last.postingsBytes + last.vocabularyBytes + last.docsBytes) / 1e6),
      'MB',
    ),
  )
  const heaps = firsts.flatMap((f) => (f.after.heapBytes === null ? [] : [f.after]))
  if (heaps.length === firsts.length) {
    rows.push(row('memory_mb', round1(median(heaps.map((h) => h.heapBytes!)) / 1e6), 'MB'))
    rows.push(
      row(
        'reader_memory_mb',
        round1(median(heaps.map((h) => h.heapBytes! - h.heapWithoutReaderBytes!)) / 1e6),
        'MB',
      ),
    )
  } else {
    skip('memory_mb', 'this Chromium has no performance.memory')
    skip('reader_memory_mb', 'this Chromium has no performance.memory')
  }
  rows.push(row('first_result_ms', round1(median(firsts.map((f) => f.first.firstResultMs))), 'ms'))

  // BENCH_SEARCH_ENGINES=app measures the app's index alone (the other engines take most of a
  // 100k run, and their figures do not change with the app's code).
  const others = process.env.BENCH_SEARCH_ENGINES === 'app' ? [] : ENGINES
  for (const engine of others) {
    log(`${engine.label}: building from ${formatNumber(n)} releases and searching…`)
    let result: EngineResult | null = null
    try {
      await page.goto(`${url}search.html?engine=${engine.name}`)
      result = await deadline(
        page,
        engineTimeoutMs(n),
        `${engine.label} at ${formatNumber(n)} releases`,
        page.evaluate(
          (request) => (globalThis as unknown as SearchBenchPage).benchSearch.engine(request),
          {
            engine: engine.name,
            archive: archive.name,
            queries: QUERIES.map((q) => ({ kind: q.kind, words: q.words, lang: q.lang })),
            repeats: REPEATS,
          },
        ),
      )
    } catch (error) {
      // Playwright does not say why a page crashed; at 100k the one crash seen was during
      // MiniSearch's build, its heap at 130 MB for 10k releases.
      const reason = /crashed/.test(message(error))
        ? 'page crashed, likely out of memory'
        : /no answer within/.test(message(error))
          ? `timed out: no answer within ${Math.round(engineTimeoutMs(n) / 1000)} s`
          : `failed: ${message(error)}`
      for (const metric of ENGINE_METRICS) skip(`${engine.prefix}_${metric}`, reason)
      // A crashed or stuck page cannot be used again.
      await page.close({ runBeforeUnload: false }).catch(() => {})
      page = await browser.context.newPage()
      page.on('pageerror', (e) => log(`  page error: ${e.message}`))
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning')
          log(`  console ${m.type()}: ${m.text()}`)
      })
      continue
    }
    log(`  ${describeEngine(result, outcomes)}`)
    const value = (metric: string): number | null => {
      switch (metric) {
        case 'build_s':
          return result.buildSeconds === null ? null : round2(result.buildSeconds)
        case 'p95_ms':
          return result.queryMs.length === 0 ? null : round2(percentile(result.queryMs, 95))
        case 'memory_mb':
          return result.memoryBytes === null ? null : round1(result.memoryBytes / 1e6)
        case 'index_mb':
          return result.indexBytes === null ? null : round2(result.indexBytes / 1e6)
        default:
          return result.startupMs === null ? null : round1(result.startupMs)
      }
    }
    for (const metric of ENGINE_METRICS) {
      const v = value(metric)
      if (v !== null)
        rows.push(
          row(
            `${engine.prefix}_${metric}`,
            v,
            metric.endsWith('_s') ? 's' : metric.endsWith('_mb') ? 'MB' : 'ms',
          ),
        )
      else skip(`${engine.prefix}_${metric}`, result.skipped[metric] ?? 'not reported')
    }
  }

  for (const [key, value] of baselineRows.get(n) ?? []) rows.push(row(key, value.value, value.unit))
  return { archive, rows }
}

/** The baselines' rows, by size, kept until the size's rows are put in order. */
const baselineRows = new Map<number, Map<string, { value: number; unit: string }>>()

/** Every query but the last finds something at every size; the last finds nothing. */
function checkOutcomes(n: number, outcomes: readonly QueryOutcome[]): void {
  QUERIES.forEach((q, i) => {
    const found = outcomes[i]!.releases
    if (q.none ? found > 0 : found === 0)
      throw new BenchError(
        `the ${q.label} query ${JSON.stringify(q.text)} found ${formatNumber(found)} releases at ${formatNumber(n)}: the query set needs ${q.none ? 'none' : 'some'} (bench/search/queries.ts)`,
      )
  })
}

type Texts = { dir: string; dbFile: string; files: number }

/** The stored releases as files and as the FTS5 table's INSERTs, taken from the page a chunk at a time. */
async function writeTexts(
  page: Page,
  archive: SearchArchiveResult,
  n: number,
  log: (m: string) => void,
): Promise<Texts> {
  mkdirSync(OUT, { recursive: true })
  const dir = join(OUT, `search-texts-${n}`)
  const sqlFile = join(OUT, `search-${n}.sql`)
  const dbFile = join(OUT, `search-${n}.sqlite`)
  log(`  writing the stored texts to ${dir}…`)
  const writer = new TextWriter(dir, sqlFile)
  let after: string | null = null
  for (;;) {
    const chunk: { releases: ReleaseText[]; last: string | null } = await deadline(
      page,
      120_000,
      'reading the stored texts',
      page.evaluate(
        (request) => (globalThis as unknown as SearchBenchPage).benchSearch.texts(request),
        { archive: archive.name, after, count: TEXT_CHUNK },
      ),
    )
    if (chunk.releases.length === 0) break
    writer.add(chunk.releases)
    after = chunk.last
  }
  const files = writer.close()
  if (files !== n)
    throw new BenchError(
      `the page gave ${formatNumber(files)} texts for ${formatNumber(n)} releases`,
    )
  log(`  building ${dbFile} (FTS5)…`)
  const buildSeconds = buildFts5(sqlFile, dbFile)
  rmSync(sqlFile, { force: true })
  rowsFor(n).set('fts5_build_s', { value: round2(buildSeconds), unit: 's' })
  log(`  FTS5 table built in ${formatNumber(buildSeconds, 1)} s`)
  return { dir, dbFile, files }
}

const rowsFor = (n: number) => {
  let rows = baselineRows.get(n)
  if (!rows) baselineRows.set(n, (rows = new Map()))
  return rows
}

/** ripgrep and FTS5 on the texts: timings, and the correctness check against ripgrep. */
function measureBaselines(
  n: number,
  texts: Texts,
  outcomes: readonly QueryOutcome[],
  log: (m: string) => void,
): void {
  const translations: Translation[] = QUERIES.map((q, i) => translate(q, outcomes[i]!))
  const rgMs: number[] = []
  QUERIES.forEach((q, i) => {
    const t = translations[i]!
    const { ms: times, files } = timeRg(texts.dir, t, BASELINE_RUNS)
    rgMs.push(...times)
    const app = outcomes[i]!.releases
    const same = files === app
    log(
      `  rg ${q.label}: median ${ms(median(times))}, ${formatNumber(files)} files (the app: ${formatNumber(app)} releases${same ? '' : ', DIFFERENT'}): ${describeRg(t)}`,
    )
    if (q.check && !same)
      throw new BenchError(
        `the ${q.label} query ${JSON.stringify(q.text)} at ${formatNumber(n)}: the app finds ${formatNumber(app)} releases, ripgrep lists ${formatNumber(files)} files (${describeRg(t)} in ${texts.dir})`,
      )
  })
  rowsFor(n).set('rg_p95_ms', { value: round2(percentile(rgMs, 95)), unit: 'ms' })

  const matches = translations.map(ftsMatch)
  const fts = timeFts5(texts.dbFile, matches, BASELINE_RUNS)
  QUERIES.forEach((q, i) =>
    log(
      `  FTS5 ${q.label}: median ${ms(median(fts.ms[i]!))}, ${formatNumber(fts.counts[i])} releases (the app: ${formatNumber(outcomes[i]!.releases)}): MATCH ${matches[i]}`,
    ),
  )
  rowsFor(n).set('fts5_p95_ms', { value: round2(percentile(fts.ms.flat(), 95)), unit: 'ms' })
}

/** A fresh document on the same profile: the first result, then the heap with the reader. */
async function firstResult(
  page: Page,
  url: string,
  archive: string,
  n: number,
): Promise<{ first: FirstResult; after: AfterFirstResult }> {
  await page.goto(
    `${url}search.html?first=${encodeURIComponent(archive)}&q=${encodeURIComponent(FIRST_QUERY.text)}`,
  )
  const first = await deadline(
    page,
    firstTimeoutMs(n),
    `the first result at ${formatNumber(n)} releases`,
    page.evaluate(() => (globalThis as unknown as SearchBenchPage).benchSearch.first!),
  ).catch(rethrow(`the first result at ${formatNumber(n)} releases`))
  const after = await deadline(
    page,
    firstTimeoutMs(n),
    `the heap with the reader at ${formatNumber(n)} releases`,
    page.evaluate(
      (queries) => (globalThis as unknown as SearchBenchPage).benchSearch.afterFirst(queries),
      QUERIES.map((q) => ({ kind: q.kind, text: q.text })),
    ),
  ).catch(rethrow(`the heap with the reader at ${formatNumber(n)} releases`))
  return { first, after }
}

const rethrow = (what: string) => (error: unknown) => {
  throw error instanceof BenchError ? error : new BenchError(`${what}: ${message(error)}`)
}

function describeArchive(a: SearchArchiveResult): string {
  return `${shortSize(a.n)}: ${formatNumber(a.releasesStored)} releases imported in ${formatNumber(a.importSeconds, 1)} s, ${formatNumber(a.generatedBytes / a.n / 1024, 1)} KB and ${formatNumber(a.generatedParagraphs / a.n, 1)} paragraphs a file, ${formatNumber(a.usageBytes / 2 ** 20)} MB stored`
}

function describeMeasure(m: MeasureResult): string {
  const perQuery = QUERIES.map(
    (q, i) =>
      `${q.label} ${ms(median(m.releaseMs[i]!))} (${formatNumber(m.outcomes[i]!.releases)} releases, ${formatNumber(m.outcomes[i]!.paragraphs)} paragraphs; paragraph results ${ms(m.paragraphMs[i]!)})`,
  )
  return [
    `indexed ${formatNumber(m.indexed)} releases in ${formatNumber(m.buildSeconds, 1)} s (${formatNumber(m.segmentSeconds.length)} segments of ${describeSegments(m.segmentSeconds)}, merged into ${formatNumber(m.segments)} in ${formatNumber(m.mergeSeconds, 1)} s; ${formatNumber(m.terms)} terms)`,
    `index ${formatNumber(m.postingsBytes / 1e6, 1)} MB postings + ${formatNumber(m.vocabularyBytes / 1e6, 1)} MB vocabulary + ${formatNumber(m.docsBytes / 1e6, 1)} MB documents`,
    `medians: ${perQuery.join(', ')}`,
  ].join('; ')
}

function describeLookups(m: MeasureResult): string {
  const { phrases, phraseHistoryMs, similar, seeAlsoMs } = m.lookups
  return [
    `phrase history median ${ms(median(phraseHistoryMs))}, p95 ${ms(percentile(phraseHistoryMs, 95))} (${phrases.map((p) => `${JSON.stringify(p.text)}: ${formatNumber(p.releases)} releases`).join('; ')})`,
    `See also median ${ms(median(seeAlsoMs))}, p95 ${ms(percentile(seeAlsoMs, 95))} (${similar.join(', ')} releases listed)`,
  ].join('; ')
}

/** Segment times: the first, the median and the last, to show whether later segments cost more. */
function describeSegments(seconds: readonly number[]): string {
  if (seconds.length === 0) return 'no time'
  return `${formatNumber(seconds[0]! * 1000)} ms first, ${formatNumber(median([...seconds]) * 1000)} ms median, ${formatNumber(seconds.at(-1)! * 1000)} ms last`
}

function describeHeap(a: AfterFirstResult): string {
  if (a.heapBytes === null || a.heapWithoutReaderBytes === null) return 'heap not measured'
  return `JS heap after gc ${formatNumber(a.heapBytes / 1e6, 1)} MB with the reader, ${formatNumber(a.heapWithoutReaderBytes / 1e6, 1)} MB without`
}

function describeEngine(r: EngineResult, outcomes: readonly QueryOutcome[]): string {
  const counts = QUERIES.map((q, i) => {
    const found = r.counts[q.kind]
    const app = outcomes[i]?.releases
    return `${q.label} ${found === undefined ? '–' : formatNumber(found)}${found !== undefined && found !== app ? ` (app ${formatNumber(app)})` : ''}`
  })
  return [
    `${formatNumber(r.docs)} documents`,
    r.buildSeconds === null ? 'not built' : `built in ${formatNumber(r.buildSeconds, 1)} s`,
    r.queryMs.length === 0 ? 'not searched' : `p95 ${ms(percentile(r.queryMs, 95))}`,
    r.memoryBytes === null ? 'heap –' : `heap +${formatNumber(r.memoryBytes / 1e6, 1)} MB`,
    r.indexBytes === null ? 'size –' : `${formatNumber(r.indexBytes / 1e6, 1)} MB serialized`,
    r.startupMs === null ? 'startup –' : `loaded back in ${ms(r.startupMs)}`,
    `releases found: ${counts.join(', ')}`,
    ...Object.entries(r.skipped).map(([metric, reason]) => `${metric} not measured: ${reason}`),
  ].join('; ')
}

/** Nearest-rank percentile. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!
}

function table(rows: Row[]): string {
  const sizes = [...new Set(rows.map((r) => r.n))].sort((a, b) => a - b)
  const value = (n: number, metric: string) =>
    rows.find((r) => r.n === n && r.metric === metric)?.value
  const cell = (n: number, metric: string, decimals: number) => {
    const v = value(n, metric)
    if (v !== undefined) return formatNumber(v, decimals)
    const reason = skipped.get(`${n} ${metric}`)
    return reason ? `not measured (${reason.split(':')[0]})` : '–'
  }
  const ratio = (n: number, metric: string) => {
    const base = value(n, metric)
    const ours = value(n, 'p95_ms')
    if (base === undefined || ours === undefined || ours === 0) return '–'
    const r = base / ours
    return `${formatNumber(r, r < 1 ? 2 : 1)}×`
  }
  const lines = [
    formatTable(
      [
        { header: 'n' },
        { header: 'p50 ms' },
        { header: 'p95 ms' },
        { header: 'p99 ms' },
        { header: 'para p95 ms' },
        { header: 'build s' },
        { header: 'index MB' },
        { header: 'heap MB' },
        { header: 'first result ms' },
        { header: 'rg p95 ms' },
        { header: 'rg ÷ p95' },
        { header: 'FTS5 p95 ms' },
        { header: 'FTS5 ÷ p95' },
        { header: 'FTS5 build s' },
      ],
      sizes.map((n) => [
        formatNumber(n),
        cell(n, 'p50_ms', 1),
        cell(n, 'p95_ms', 1),
        cell(n, 'p99_ms', 1),
        cell(n, 'paragraph_p95_ms', 1),
        cell(n, 'build_s', 1),
        cell(n, 'index_mb', 1),
        cell(n, 'memory_mb', 1),
        cell(n, 'first_result_ms', 0),
        cell(n, 'rg_p95_ms', 1),
        ratio(n, 'rg_p95_ms'),
        cell(n, 'fts5_p95_ms', 1),
        ratio(n, 'fts5_p95_ms'),
        cell(n, 'fts5_build_s', 1),
      ]),
    ),
    '',
    'Median ms per query (release results):',
    '',
    formatTable(
      [{ header: 'n' }, ...QUERIES.map((q) => ({ header: q.label }))],
      sizes.map((n) => [formatNumber(n), ...QUERIES.map((q) => cell(n, `q_${q.kind}_ms`, 1))]),
    ),
    '',
    "The compare features' lookups (median and p95 ms, sample releases spread over the archive):",
    '',
    formatTable(
      [
        { header: 'n' },
        { header: 'phrase history ms' },
        { header: 'p95' },
        { header: 'see also ms' },
        { header: 'p95' },
      ],
      sizes.map((n) => [
        formatNumber(n),
        cell(n, 'phrase_history_ms', 1),
        cell(n, 'phrase_history_p95_ms', 1),
        cell(n, 'see_also_ms', 1),
        cell(n, 'see_also_p95_ms', 1),
      ]),
    ),
    '',
    'Engines, same releases and queries:',
    '',
    formatTable(
      [
        { header: 'n' },
        { header: 'engine', align: 'left' },
        { header: 'build s' },
        { header: 'p95 ms' },
        { header: 'heap MB' },
        { header: 'index MB' },
        { header: 'startup ms' },
      ],
      sizes.flatMap((n) => [
        [
          formatNumber(n),
          'Dexie inverted index (app)',
          cell(n, 'build_s', 1),
          cell(n, 'p95_ms', 1),
          cell(n, 'reader_memory_mb', 1),
          cell(n, 'index_mb', 1),
          cell(n, 'first_result_ms', 0),
        ],
        ...ENGINES.map((e) => [
          formatNumber(n),
          e.label,
          ...ENGINE_METRICS.map((m) => cell(n, `${e.prefix}_${m}`, m === 'startup_ms' ? 0 : 1)),
        ]),
      ]),
    ),
    '',
    `Goals (at ${shortSize(GOALS.at)} releases):`,
  ]
  const p95 = value(GOALS.at, 'p95_ms')
  const rg = value(GOALS.at, 'rg_p95_ms')
  const under = (metric: string, goal: number, what: string) => {
    const v = value(GOALS.at, metric)
    return v === undefined
      ? `  – ${what} < ${goal} ms: not measured (add ${GOALS.at} to --sizes)`
      : `  ${v < goal ? '✓' : '✗'} ${what} < ${goal} ms (${formatNumber(v, 1)} ms)`
  }
  lines.push(
    p95 === undefined
      ? `  – p95 ≤ ${GOALS.p95Ms} ms: not measured (add ${GOALS.at} to --sizes)`
      : `  ${p95 <= GOALS.p95Ms ? '✓' : '✗'} p95 ≤ ${GOALS.p95Ms} ms (${formatNumber(p95, 1)} ms)`,
    p95 === undefined || rg === undefined
      ? `  – ripgrep p95 ÷ p95 ≥ ${GOALS.rgRatio}: not measured (add ${GOALS.at} to --sizes)`
      : `  ${rg / p95 >= GOALS.rgRatio ? '✓' : '✗'} ripgrep p95 ÷ p95 ≥ ${GOALS.rgRatio} (${formatNumber(rg / p95, 1)}×)`,
    under(
      'phrase_history_ms',
      GOALS.phraseHistoryMs,
      'phrase history of a ten-word phrase, median',
    ),
    under('see_also_ms', GOALS.seeAlsoMs, 'See also, median'),
    'heap MB: the page after gc with the reader loaded and the query set run (app, first table); the heap the index adds (engines table).',
    "startup: app, from the page's script start to the first result (open, read the documents and vocabulary, search); MiniSearch and FlexSearch, parsing their serialized index from memory; FlexSearch on IndexedDB, mounting it and a first search.",
    "FTS5 times are sqlite3's .timer, to the millisecond (a query under 0.5 ms reads 0).",
  )
  return lines.join('\n')
}

const ms = (value: number) => `${formatNumber(value, 1)} ms`
const round2 = (value: number) => Math.round(value * 100) / 100
