/**
 * `npm run bench:reader`: how the reader copes with a long release and a much
 * annotated one, in headless Chromium, in the app itself: its web build
 * (vite.web.config.ts, into out/bench/web), served on 127.0.0.1.
 *
 * Releases get into the archive the way a user puts them there, by dropping
 * the file onto the window; the bench waits for the import report and takes
 * the release's id from its link in the library. Then, each run:
 *
 * - open: from the library ('#/'), set the address to the release and time
 *   until its title and first paragraph are shown and one more frame has passed
 *   (probes.ts measureOpen), for ../shared/corpus/bad/many-paragraphs.txt;
 * - scroll: open that release again and scroll its container from top to bottom,
 *   one viewport height per animation frame, recording every frame's duration;
 * - open annotated: the same opening for sco/000_5b5391892682d1ae.txt after 500
 *   annotations were written straight into the archive's IndexedDB (passages.ts),
 *   until every highlight and the side panel's 500 items are shown too.
 *
 * The sizes are those of the files (3,001 paragraphs; 500 annotations on 24
 * paragraphs): `--sizes` does not apply. Times are the median of the runs; of
 * the scroll, the median of each run's 95th percentile frame, the longest frame
 * of all runs, and the long frames of the worst run, since the goal is none.
 */
import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { basename, join, relative, resolve } from 'node:path'
import type { Page } from '@playwright/test'
import { buildOrExplain } from '../vite-build.ts'
import { readingText } from '../../src/shared/annotation/reading-text.ts'
import { decodeBody } from '../../src/shared/release/body.ts'
import { serveStatic } from '../serve.ts'
import { formatNumber, formatTable, median, round1 } from '../table.ts'
import { BenchError, type Bench, type BenchOptions, type Row } from '../types.ts'
import { VIEWPORT, deadline, findChromium, message, openBrowser } from '../browser.ts'
import {
  checkAnnotations,
  makeAnnotations,
  paragraphId,
  type AnnotationRow,
  type ReleaseText,
} from './passages.ts'
import {
  SELECTORS,
  inArchive,
  leaveReader,
  makeDataTransfer,
  measureOpen,
  measureScroll,
  type OpenRequest,
  type OpenResult,
  type OpenState,
} from './probes.ts'

const ROOT = resolve(import.meta.dirname, '../..')
const CORPUS = resolve(ROOT, '../shared/corpus')
const LONG_RELEASE = join(CORPUS, 'bad/many-paragraphs.txt')
const ANNOTATED_RELEASE = join(CORPUS, 'sco/000_5b5391892682d1ae.txt')
const WEB_CONFIG = resolve(ROOT, 'vite.web.config.ts')
const WEB_DIR = resolve(ROOT, 'out/bench/web')
/** db/schema.ts ARCHIVE_DB_NAME: the app's database, which the bench writes annotations into. */
const ARCHIVE_DB_NAME = 'communique-archive'

export const ANNOTATIONS = 500
export const DEFAULT_RUNS = 5
const SEED = 0x5eed2025
/** Chromium's long-task threshold: a frame longer than this is a visible stall. */
export const LONG_FRAME_MS = 50

export const GOALS = {
  openMs: 500,
  /** 30 frames a second. */
  scrollFrameP95Ms: 33,
  scrollLongFrames: 0,
  openAnnotatedMs: 500,
}

/** Safety nets against a stuck page, not goals. */
const IMPORT_TIMEOUT_MS = 120_000
const OPEN_TIMEOUT_MS = 30_000
const SCROLL_TIMEOUT_MS = 300_000

const BENCH = 'reader'

export const readerBench: Bench = {
  name: BENCH,
  run,
  table,
}

type ScrollRun = {
  frames: number[]
  p95: number
  max: number
  long: number
  longTasks: number
  domParagraphs: number
}

async function run(options: BenchOptions): Promise<Row[]> {
  const { log, environment, onExit } = options
  if (options.sizes)
    log(
      `reader: --sizes ignored: the sizes are those of its files (the paragraphs of ${relative(CORPUS, LONG_RELEASE)}, ${ANNOTATIONS} annotations)`,
    )
  const runs = options.runs ?? DEFAULT_RUNS
  for (const file of [LONG_RELEASE, ANNOTATED_RELEASE])
    if (!existsSync(file)) throw new BenchError(`the corpus file is missing: ${file}`)

  const executablePath = findChromium()
  await buildApp(log)
  const server = await serveStatic(WEB_DIR)
  const stopServer = onExit(server.close)
  try {
    const browser = await openBrowser(executablePath, onExit, log, { name: 'reader' })
    try {
      const { page } = browser
      environment.set(
        'Reader browser',
        `Chromium ${browser.version} (headless, ${VIEWPORT.width}×${VIEWPORT.height}, one fresh on-disk profile for the bench)`,
      )
      await openApp(page, server.url)

      const long = await importRelease(page, LONG_RELEASE, log)
      const n = long.paragraphs.length
      const opens: number[] = []
      for (let r = 1; r <= runs; r++) {
        const result = await timedOpen(page, openRequest(long))
        opens.push(result.ms)
        log(
          `  open run ${r} of ${runs}: ${formatNumber(result.ms, 1)} ms (in the DOM at ${formatNumber(result.seenMs, 1)} ms)`,
        )
      }

      const scrolls: ScrollRun[] = []
      let scrolled = ''
      for (let r = 1; r <= runs; r++) {
        await timedOpen(page, openRequest(long))
        const result = await deadline(
          page,
          SCROLL_TIMEOUT_MS + 10_000,
          'scrolling',
          page.evaluate(measureScroll, {
            selectors: SELECTORS,
            lastParagraph: snippet(long.paragraphs[n - 1]!),
            timeoutMs: SCROLL_TIMEOUT_MS,
          }),
        )
        if (result.timedOut)
          throw new BenchError(
            `the scroll did not reach the bottom of ${result.scroller} in ${SCROLL_TIMEOUT_MS / 1000} s`,
          )
        if (!result.hasLastParagraph)
          throw new BenchError(
            `the scroll reached the bottom of ${result.scroller}, but paragraph ${n} is not rendered there`,
          )
        const stats = frameStats(result.frames)
        scrolls.push({
          ...stats,
          frames: result.frames,
          longTasks: result.longTasks,
          domParagraphs: result.domParagraphs,
        })
        scrolled = `${formatNumber(result.scrolledPx)} px of ${result.scroller}`
        log(
          `  scroll run ${r} of ${runs}: ${result.frames.length} frames, p95 ${formatNumber(stats.p95, 1)} ms, longest ${formatNumber(stats.max, 1)} ms, ${stats.long} over ${LONG_FRAME_MS} ms, ${result.longTasks} main-thread tasks over 50 ms; ${formatNumber(result.domParagraphs)} paragraphs in the DOM`,
        )
      }

      const annotated = await importRelease(page, ANNOTATED_RELEASE, log)
      const annotations = makeAnnotations(annotated, ANNOTATIONS, SEED)
      await writeAnnotations(page, annotated, annotations, log)
      // A fresh page: nothing the app read before the write is held in memory.
      await openApp(page, server.url)
      const annotatedOpens = await timeAnnotatedOpens(page, annotated, annotations, runs, log)

      environment.set(
        'Reader workload',
        `${relative(CORPUS, LONG_RELEASE)} (${formatNumber(n)} paragraphs, ${formatNumber(readingText(long.title, long.paragraphs).length)} characters); ${relative(CORPUS, ANNOTATED_RELEASE)} (${annotated.paragraphs.length} paragraphs) with ${ANNOTATIONS} annotations of 3-20 words (seed ${SEED})`,
      )
      environment.set(
        'Reader scroll',
        `one viewport height per frame through ${scrolled}, ${formatNumber(median(scrolls.map((s) => s.frames.length)))} frames a run; frames over ${LONG_FRAME_MS} ms in each run: ${scrolls.map((s) => s.long).join(', ')}; main-thread tasks over 50 ms: ${scrolls.map((s) => s.longTasks).join(', ')}`,
      )
      environment.set(
        'Reader runs',
        `${runs} of each (median of the times and of each scroll's p95; longest frame of all runs; long frames of the worst run)`,
      )
      if (typeof annotatedOpens === 'string')
        environment.set('Reader annotated open', annotatedOpens)

      const row = (rowN: number, metric: string, value: number, unit: string): Row => ({
        bench: BENCH,
        n: rowN,
        metric,
        value,
        unit,
      })
      const rows = [
        row(n, 'open_ms', round1(median(opens)), 'ms'),
        row(n, 'scroll_frame_p95_ms', round1(median(scrolls.map((s) => s.p95))), 'ms'),
        row(n, 'scroll_frame_max_ms', round1(Math.max(...scrolls.map((s) => s.max))), 'ms'),
        row(n, 'scroll_long_frames', Math.max(...scrolls.map((s) => s.long)), 'frames'),
        row(n, 'dom_paragraphs', Math.max(...scrolls.map((s) => s.domParagraphs)), 'elements'),
      ]
      if (typeof annotatedOpens !== 'string')
        rows.push(row(ANNOTATIONS, 'open_annotated_ms', round1(median(annotatedOpens)), 'ms'))
      return rows
    } finally {
      await browser.close()
    }
  } finally {
    await stopServer()
  }
}

/** Builds the app's browser version, as `npm run build:web` does, into out/bench/web. */
async function buildApp(log: (m: string) => void): Promise<void> {
  log('building the app (vite build --config vite.web.config.ts, into out/bench/web)…')
  await buildOrExplain(
    {
      configFile: WEB_CONFIG,
      logLevel: 'warn',
      build: { outDir: WEB_DIR, emptyOutDir: true },
    },
    'the app did not build (it fails wherever npm run build:web fails)',
  )
}

async function openApp(page: Page, url: string): Promise<void> {
  try {
    await page.goto(url)
    await page.getByRole('heading', { name: 'Communiqué' }).waitFor({ timeout: 60_000 })
  } catch (error) {
    throw new BenchError(`the app did not start at ${url}: ${message(error)}`)
  }
}

/**
 * Drops the file onto the window, waits for the import report, and reads the
 * new release (the library link that was not there before) from the archive.
 */
async function importRelease(
  page: Page,
  path: string,
  log: (m: string) => void,
): Promise<ReleaseText> {
  const name = relative(CORPUS, path)
  await page.evaluate(leaveReader, SELECTORS)
  const before = new Set(await libraryIds(page))
  log(`importing ${name} (dropped onto the window)…`)
  const dataTransfer = await page.evaluateHandle(makeDataTransfer, [
    { name: basename(path), base64: readFileSync(path).toString('base64') },
  ])
  const target = page.locator('body')
  for (const type of ['dragenter', 'dragover', 'drop'])
    await target.dispatchEvent(type, { dataTransfer })
  await dataTransfer.dispose()

  const status = page.getByRole('region', { name: /^Import report/ }).getByRole('status')
  try {
    await status.waitFor({ timeout: IMPORT_TIMEOUT_MS })
  } catch {
    throw new BenchError(`importing ${name}: no import report within ${IMPORT_TIMEOUT_MS / 1000} s`)
  }
  const summary = (await status.textContent())?.trim() ?? ''
  if (!/^Imported 1 release\b/.test(summary))
    throw new BenchError(`importing ${name} ended with “${summary}”, not with one release imported`)

  let added: string[] = []
  for (let tries = 0; added.length === 0 && tries < 100; tries++) {
    if (tries > 0) await page.waitForTimeout(100)
    added = (await libraryIds(page)).filter((id) => !before.has(id))
  }
  if (added.length !== 1)
    throw new BenchError(`importing ${name}: the library shows ${added.length} new releases, not 1`)
  const release = await readRelease(page, added[0]!)
  log(
    `  imported “${release.title}”: ${formatNumber(release.paragraphs.length)} paragraphs (${release.id})`,
  )
  return release
}

/** The release ids of the library's links (the list is virtualised: those in view). */
async function libraryIds(page: Page): Promise<string[]> {
  const links = await page.locator(SELECTORS.libraryLink).all()
  const hrefs = await Promise.all(links.map((link) => link.getAttribute('href')))
  return hrefs.flatMap((href) =>
    href?.startsWith('#/release/') ? [href.slice('#/release/'.length)] : [],
  )
}

/**
 * The release's title, paragraphs and keys, from its row in the archive, checked
 * against its content hash: the positions the bench computes count into the text
 * the hash is of.
 */
async function readRelease(page: Page, id: string): Promise<ReleaseText> {
  const answer = await page.evaluate(inArchive, {
    database: ARCHIVE_DB_NAME,
    read: { store: 'releases', key: id },
  })
  const row = ('row' in answer ? answer.row : undefined) as
    { title?: unknown; contentHash?: unknown; body?: unknown } | undefined
  if (
    !row ||
    typeof row.title !== 'string' ||
    typeof row.contentHash !== 'string' ||
    !(row.body instanceof Uint8Array)
  )
    throw new BenchError(`release ${id} has no row with a title, a content hash and a body`)
  const { paragraphs, keys } = decodeBody(row.body)
  const release = { id, contentHash: row.contentHash, title: row.title, paragraphs, keys }
  const hash = createHash('sha256').update(readingText(release.title, paragraphs)).digest('hex')
  if (hash !== release.contentHash)
    throw new BenchError(
      `release ${id}: its title and paragraphs joined by blank lines are not the text its content hash is of, so annotation positions would be wrong`,
    )
  if (paragraphs.length === 0) throw new BenchError(`release ${id} has no paragraphs`)
  return release
}

async function writeAnnotations(
  page: Page,
  release: ReleaseText,
  rows: AnnotationRow[],
  log: (m: string) => void,
): Promise<void> {
  const problem = checkAnnotations(release, rows)
  if (problem) throw new BenchError(`a generated annotation is wrong: ${problem}`)
  const answer = await page
    .evaluate(inArchive, {
      database: ARCHIVE_DB_NAME,
      put: { store: 'annotations', keyPath: 'id', rows },
    })
    .catch((error: unknown) => {
      throw new BenchError(`writing the annotations into ${ARCHIVE_DB_NAME}: ${message(error)}`)
    })
  const count = 'count' in answer ? answer.count : 0
  if (count !== rows.length)
    throw new BenchError(
      `after writing ${rows.length} annotations the archive holds ${count}: it should hold these alone`,
    )
  log(`  wrote ${rows.length} annotations into ${ARCHIVE_DB_NAME}/annotations`)
}

function openRequest(release: ReleaseText): OpenRequest {
  return {
    selectors: SELECTORS,
    hash: `#/release/${release.id}`,
    title: release.title,
    firstParagraph: snippet(release.paragraphs[0]!),
    timeoutMs: OPEN_TIMEOUT_MS,
  }
}

/** Leaves the reader, then opens the release and times it; fails when it is not shown. */
async function timedOpen(
  page: Page,
  request: OpenRequest,
): Promise<{ ms: number; seenMs: number }> {
  const { ms, seenMs, state } = await openRelease(page, request)
  if (ms === null || seenMs === null)
    throw new BenchError(
      `opening ${request.hash}: not shown within ${OPEN_TIMEOUT_MS / 1000} s (${describeState(state, request)})`,
    )
  return { ms, seenMs }
}

async function openRelease(page: Page, request: OpenRequest): Promise<OpenResult> {
  await page.evaluate(leaveReader, SELECTORS)
  return deadline(
    page,
    request.timeoutMs + 10_000,
    `opening ${request.hash}`,
    page.evaluate(measureOpen, request),
  )
}

/**
 * The annotated release's openings; when the reader shows the release with no
 * highlight and no side-panel item at all (a reader without annotations), the
 * reason it was not measured instead.
 */
async function timeAnnotatedOpens(
  page: Page,
  release: ReleaseText,
  rows: AnnotationRow[],
  runs: number,
  log: (m: string) => void,
): Promise<number[] | string> {
  const indexOf = new Map(release.keys.map((_, i) => [paragraphId(release, i), i]))
  const request: OpenRequest = {
    ...openRequest(release),
    annotations: {
      count: rows.length,
      paragraphs: release.paragraphs.map(snippet),
      paragraphOf: Object.fromEntries(rows.map((a) => [a.id, indexOf.get(a.paragraphId)!])),
    },
  }
  const times: number[] = []
  for (let r = 1; r <= runs; r++) {
    const result = await openRelease(page, request)
    if (result.ms === null) {
      const { state } = result
      if (
        r === 1 &&
        state.hasTitle &&
        state.hasFirstParagraph &&
        state.highlighted === 0 &&
        state.panelItems === 0
      ) {
        const reason = `not measured: the reader shows the release but no highlight (${SELECTORS.highlight}) and no annotation in its side panel (${SELECTORS.panelItem})`
        log(`  open annotated: ${reason}`)
        return reason
      }
      throw new BenchError(
        `opening the release with ${rows.length} annotations: not all shown within ${OPEN_TIMEOUT_MS / 1000} s (${describeState(state, request)})`,
      )
    }
    times.push(result.ms)
    log(
      `  open annotated run ${r} of ${runs}: ${formatNumber(result.ms, 1)} ms (in the DOM at ${formatNumber(result.seenMs ?? undefined, 1)} ms; ${result.state.highlighted} highlighted, ${result.state.panelItems} in the side panel)`,
    )
  }
  return times
}

function describeState(state: OpenState, request: OpenRequest): string {
  const parts = [
    state.hasTitle ? 'title shown' : `no heading “${request.title}” (${SELECTORS.title})`,
    `${state.paragraphs} paragraphs in the DOM`,
    state.hasFirstParagraph ? 'the first one shown' : 'the first one not shown',
  ]
  if (request.annotations)
    parts.push(
      `${state.highlighted} annotations highlighted of the ${state.highlightsDue} on rendered paragraphs (${SELECTORS.highlight})`,
      `${state.panelItems} of ${request.annotations.count} in the side panel (${SELECTORS.panelItem})`,
    )
  return parts.join(', ')
}

/** Nearest-rank 95th percentile, longest frame and frames over LONG_FRAME_MS. */
export function frameStats(frames: number[]): { p95: number; max: number; long: number } {
  if (frames.length === 0) return { p95: 0, max: 0, long: 0 }
  const sorted = [...frames].sort((a, b) => a - b)
  return {
    p95: sorted[Math.ceil(sorted.length * 0.95) - 1]!,
    max: sorted[sorted.length - 1]!,
    long: frames.filter((f) => f > LONG_FRAME_MS).length,
  }
}

function table(rows: Row[]): string {
  const find = (metric: string) => rows.find((r) => r.metric === metric)
  const paragraphs = find('open_ms')?.n
  const lines: { metric: string; n?: number; unit: string; goal?: string; met?: boolean }[] = [
    { metric: 'open_ms', n: paragraphs, unit: 'ms', goal: `≤ ${GOALS.openMs} ms` },
    {
      metric: 'scroll_frame_p95_ms',
      n: paragraphs,
      unit: 'ms',
      goal: `≤ ${GOALS.scrollFrameP95Ms} ms (30 fps)`,
    },
    { metric: 'scroll_frame_max_ms', n: paragraphs, unit: 'ms' },
    { metric: 'scroll_long_frames', n: paragraphs, unit: '', goal: `${GOALS.scrollLongFrames}` },
    { metric: 'dom_paragraphs', n: paragraphs, unit: '' },
    {
      metric: 'open_annotated_ms',
      n: ANNOTATIONS,
      unit: 'ms',
      goal: `≤ ${GOALS.openAnnotatedMs} ms`,
    },
  ]
  const limits: Record<string, (v: number) => boolean> = {
    open_ms: (v) => v <= GOALS.openMs,
    scroll_frame_p95_ms: (v) => v <= GOALS.scrollFrameP95Ms,
    scroll_long_frames: (v) => v <= GOALS.scrollLongFrames,
    open_annotated_ms: (v) => v <= GOALS.openAnnotatedMs,
  }
  const body = lines.map((line) => {
    const row = find(line.metric)
    const value = row?.value
    const decimals = line.unit === 'ms' ? 1 : 0
    const met = value === undefined ? undefined : limits[line.metric]?.(value)
    return [
      line.metric,
      formatNumber(row?.n ?? line.n),
      value === undefined
        ? 'not measured'
        : `${formatNumber(value, decimals)}${line.unit ? ` ${line.unit}` : ''}`,
      line.goal ?? '',
      met === undefined ? '' : met ? '✓' : '✗',
    ]
  })
  const out = [
    formatTable(
      [
        { header: 'metric', align: 'left' },
        { header: 'n' },
        { header: 'value' },
        { header: 'goal', align: 'left' },
        { header: 'met', align: 'left' },
      ],
      body,
    ),
    '',
  ]
  const dom = find('dom_paragraphs')?.value
  if (dom !== undefined && paragraphs !== undefined)
    out.push(
      `dom_paragraphs: paragraph elements in the DOM at the end of the scroll, ${formatNumber(dom)} of ${formatNumber(paragraphs)}: ${dom < paragraphs ? 'the reader renders only what is near the view' : 'the reader renders every paragraph'}.`,
    )
  out.push(
    'open_ms: from setting the address to the frame after the title and the first paragraph are first shown; open_annotated_ms: the same, until every highlight and the side panel’s items are shown too.',
    `scroll: one viewport height per frame, top to bottom; p95 is the median of the runs' 95th percentile frame; max the longest frame of all runs; long frames (over ${LONG_FRAME_MS} ms) those of the worst run.`,
  )
  return out.join('\n')
}

/** The start of a paragraph, enough to tell it from the others on the screen. */
const snippet = (text: string) => text.slice(0, 60)
