/**
 * `npm run bench:compare`: what opening two releases side by side costs, in Node (the same V8
 * as the renderer), on one core, with real corpus releases.
 *
 * Workload: corpus releases (outside `bad/`) whose reading text is 8-12 KB, prepared as the
 * import prepares them (`prepareRelease`), paired with the next such release of the same
 * source folder, so a pair is two releases of one genre (two White House briefings, two
 * Kremlin transcripts). For each pair, timed apart:
 *
 * - `align_ms`: `compareRows` (the paragraph alignment the compare view lays out);
 * - `shared_phrases_ms`: `sharedPhrases` (the highlighted wording and the shares);
 * - `compare_ms`: both, as the compare view computes them when it opens.
 *
 * Each pair runs `runs` times (default 5) after one untimed run; a row is the median over all
 * pairs and runs. Phrase history and "see also" read the search index at 100,000 releases and
 * are not measured here.
 */
import { prepareRelease } from '../../src/shared/release/prepare-release.ts'
import { compareRows } from '../../src/shared/compare/compare-rows.ts'
import { sharedPhrases } from '../../src/shared/compare/shared-phrases.ts'
import { corpusDocs } from '../extract/bench.ts'
import { formatNumber, formatTable, median } from '../table.ts'
import { BenchError, type Bench, type BenchOptions, type Row } from '../types.ts'

const BENCH = 'compare'
const DEFAULT_RUNS = 5
/** Reading text of a release in a pair, in UTF-8 bytes. */
const MIN_BYTES = 8 * 1024
const MAX_BYTES = 12 * 1024
/** Goal for opening two 10 KB releases side by side (the align_ms). */
const GOAL_MS = 50

const METRICS = ['align_ms', 'shared_phrases_ms', 'compare_ms'] as const

type Release = { name: string; folder: string; paragraphs: string[]; bytes: number }

export const compareBench: Bench = {
  name: BENCH,
  run,
  table,
}

async function run({ runs, log, environment }: BenchOptions): Promise<Row[]> {
  const repeat = runs ?? DEFAULT_RUNS
  const releases: Release[] = []
  const encoder = new TextEncoder()
  for (const doc of corpusDocs()) {
    const outcome = await prepareRelease(doc.name, doc.bytes)
    if (outcome.kind !== 'ready') continue
    const { title, paragraphs } = outcome.release
    const bytes = encoder.encode([title, ...paragraphs].join('\n\n')).byteLength
    if (bytes < MIN_BYTES || bytes > MAX_BYTES) continue
    releases.push({ name: doc.name, folder: doc.name.split('/')[0]!, paragraphs, bytes })
  }
  const pairs: [Release, Release][] = []
  for (let i = 0; i + 1 < releases.length; i += 2) {
    if (releases[i]!.folder === releases[i + 1]!.folder)
      pairs.push([releases[i]!, releases[i + 1]!])
  }
  if (pairs.length === 0) throw new BenchError('no pair of 8-12 KB corpus releases in one folder')
  const folders = new Set(pairs.map(([a]) => a.folder))
  const kb = pairs.reduce((sum, [a, b]) => sum + a.bytes + b.bytes, 0) / pairs.length / 2 / 1024
  const paragraphs =
    pairs.reduce((sum, [a, b]) => sum + a.paragraphs.length + b.paragraphs.length, 0) /
    pairs.length /
    2
  environment.set(
    'compare pairs',
    `${pairs.length} pairs of corpus releases from ${folders.size} folders, ` +
      `${formatNumber(kb, 1)} KB and ${formatNumber(paragraphs, 1)} paragraphs a release`,
  )
  log(`comparing ${pairs.length} pairs, ${repeat} runs each`)

  const times: Record<(typeof METRICS)[number], number[]> = {
    align_ms: [],
    shared_phrases_ms: [],
    compare_ms: [],
  }
  for (const [a, b] of pairs) {
    const texts = [a.paragraphs, b.paragraphs]
    compareRows(texts)
    sharedPhrases(texts)
    for (let r = 0; r < repeat; r++) {
      const t0 = performance.now()
      compareRows(texts)
      const t1 = performance.now()
      sharedPhrases(texts)
      const t2 = performance.now()
      times.align_ms.push(t1 - t0)
      times.shared_phrases_ms.push(t2 - t1)
      times.compare_ms.push(t2 - t0)
    }
  }
  return METRICS.map((metric) => ({
    bench: BENCH,
    n: pairs.length,
    metric,
    value: Math.round(median(times[metric]) * 1000) / 1000,
    unit: 'ms',
  }))
}

function table(rows: Row[]): string {
  const value = (metric: string) => rows.find((r) => r.metric === metric)?.value
  const n = rows[0]?.n ?? 0
  const body = METRICS.map((metric) => [metric, formatNumber(value(metric), 3)])
  const align = value('compare_ms')
  return [
    formatTable([{ header: `median over ${n} pairs`, align: 'left' }, { header: 'ms' }], body),
    '',
    align === undefined
      ? `Goal: two 10 KB releases side by side in under ${GOAL_MS} ms: not measured.`
      : `Goal: two 10 KB releases side by side in under ${GOAL_MS} ms: ${
          align < GOAL_MS ? '✓' : '✗'
        } (${formatNumber(align, 1)} ms with shared phrases, ${formatNumber(value('align_ms'), 1)} ms aligning).`,
  ].join('\n')
}
