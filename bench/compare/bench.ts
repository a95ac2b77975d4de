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
 * pairs and runs.
 *
 * Then the worst case: in each source folder, its two longest releases side by side (a
 * government work report of 382 paragraphs beside one of 155), timed as above; rows
 * `largest_<folder>_ms` (compare) with `_align_ms` and `_shared_ms`. Phrase history and "see also" read the search index at 100,000 releases and
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
  const longest = new Map<string, Release[]>()
  const encoder = new TextEncoder()
  for (const doc of corpusDocs()) {
    const outcome = await prepareRelease(doc.name, doc.bytes)
    if (outcome.kind !== 'ready') continue
    const { title, paragraphs } = outcome.release
    const bytes = encoder.encode([title, ...paragraphs].join('\n\n')).byteLength
    const release = { name: doc.name, folder: doc.name.split('/')[0]!, paragraphs, bytes }
    const top = [...(longest.get(release.folder) ?? []), release]
    longest.set(release.folder, top.sort((x, y) => y.bytes - x.bytes).slice(0, 2))
    if (bytes < MIN_BYTES || bytes > MAX_BYTES) continue
    releases.push(release)
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
  for (const [a, b] of pairs) timePair(a, b, repeat, times)
  const rows: Row[] = METRICS.map((metric) => ({
    bench: BENCH,
    n: pairs.length,
    metric,
    value: round3(median(times[metric])),
    unit: 'ms',
  }))
  largest.length = 0
  for (const [folder, [a, b]] of [...longest].sort()) {
    if (!a || !b) continue
    const worst = { align_ms: [], shared_phrases_ms: [], compare_ms: [] }
    timePair(a, b, repeat, worst)
    largest.push({
      folder,
      kb: [a.bytes / 1024, b.bytes / 1024],
      paragraphs: [a.paragraphs.length, b.paragraphs.length],
    })
    const row = (metric: string, values: number[]): Row => ({
      bench: BENCH,
      n: 1,
      metric,
      value: round3(median(values)),
      unit: 'ms',
    })
    rows.push(
      row(`largest_${folder}_ms`, worst.compare_ms),
      row(`largest_${folder}_align_ms`, worst.align_ms),
      row(`largest_${folder}_shared_ms`, worst.shared_phrases_ms),
    )
  }
  return rows
}

/** The longest pair of each folder, as measured (for the table). */
const largest: { folder: string; kb: number[]; paragraphs: number[] }[] = []

/** Times one pair: an untimed run, then `repeat` timed ones. */
function timePair(
  a: Release,
  b: Release,
  repeat: number,
  times: Record<(typeof METRICS)[number], number[]>,
): void {
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

const round3 = (value: number) => Math.round(value * 1000) / 1000

function table(rows: Row[]): string {
  const value = (metric: string) => rows.find((r) => r.metric === metric)?.value
  const n = rows[0]?.n ?? 0
  const body = METRICS.map((metric) => [metric, formatNumber(value(metric), 3)])
  const align = value('compare_ms')
  // The folders come from the rows, so a table of saved JSON shows them too.
  const folders = rows
    .flatMap((r) => /^largest_(.+)_ms$/.exec(r.metric)?.[1] ?? [])
    .filter((f) => !f.endsWith('_align') && !f.endsWith('_shared'))
  const sizes = new Map(largest.map((l) => [l.folder, l]))
  return [
    formatTable([{ header: `median over ${n} pairs`, align: 'left' }, { header: 'ms' }], body),
    '',
    'The two longest releases of each folder side by side (median ms):',
    '',
    formatTable(
      [
        { header: 'folder', align: 'left' },
        { header: 'KB' },
        { header: 'paragraphs' },
        { header: 'align' },
        { header: 'shared phrases' },
        { header: 'compare' },
      ],
      folders.map((f) => {
        const size = sizes.get(f)
        return [
          f,
          size ? size.kb.map((k) => formatNumber(k, 0)).join(' + ') : '–',
          size ? size.paragraphs.join(' + ') : '–',
          formatNumber(value(`largest_${f}_align_ms`), 1),
          formatNumber(value(`largest_${f}_shared_ms`), 1),
          formatNumber(value(`largest_${f}_ms`), 1),
        ]
      }),
    ),
    '',
    align === undefined
      ? `Goal: two 10 KB releases side by side in under ${GOAL_MS} ms: not measured.`
      : `Goal: two 10 KB releases side by side in under ${GOAL_MS} ms: ${
          align < GOAL_MS ? '✓' : '✗'
        } (${formatNumber(align, 1)} ms with shared phrases, ${formatNumber(value('align_ms'), 1)} ms aligning).`,
  ].join('\n')
}
