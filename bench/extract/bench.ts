/**
 * `npm run bench:extract`: what preparing one release costs, stage by stage, in
 * Node (the same V8 as the import worker), on one core.
 *
 * Two workloads: every corpus file outside `bad/` as it is on disk, and the
 * synthetic releases the import bench imports (its first n, same seed). Each
 * run times `prepareRelease` on every file, then each extraction stage on the
 * title and paragraphs that `prepareRelease` produced, so a stage's figure is
 * its own cost and the stages can be compared with the whole. Reported: the
 * median over runs of milliseconds per document.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { decodeBytes } from '../../src/shared/release/decode.ts'
import { looksLikeMarkdown } from '../../src/shared/release/markdown-to-text.ts'
import { paragraphKeys } from '../../src/shared/release/paragraph-ids.ts'
import { parseRelease } from '../../src/shared/release/parse-release.ts'
import { prepareRelease, type PreparedRelease } from '../../src/shared/release/prepare-release.ts'
import { fingerprint } from '../../src/shared/release/similarity.ts'
import { bestDate, extractDates } from '../../src/shared/release/metadata/dates.ts'
import { classifyDocType } from '../../src/shared/release/metadata/doc-type.ts'
import { extractEntities } from '../../src/shared/release/metadata/entities.ts'
import { detectLanguage } from '../../src/shared/release/metadata/language.ts'
import { extractParticipants } from '../../src/shared/release/metadata/participants.ts'
import { extractPlace } from '../../src/shared/release/metadata/place.ts'
import { extractReferences } from '../../src/shared/release/metadata/references.ts'
import { findMixedScriptWords } from '../../src/shared/text/mixed-script.ts'
import { ensurePool } from '../import/bench.ts'
import { releaseGenerator } from '../import/synth.ts'
import type { Pool } from '../import/protocol.ts'
import { formatNumber, formatTable, median } from '../table.ts'
import { BenchError, type Bench, type BenchOptions, type Row } from '../types.ts'

const BENCH = 'extract'
const ROOT = resolve(import.meta.dirname, '../..')
const CORPUS = resolve(ROOT, '../shared/corpus')
const SEED = 0x5eed2025
const DEFAULT_SYNTHETIC = 2_000
const DEFAULT_RUNS = 3
/** Files a whole-release stage is first run on untimed, so the timed runs see optimised code. */
const WARM_UP = 200

export type Doc = { name: string; bytes: Uint8Array }
type Workload = { name: 'corpus' | 'synthetic'; docs: Doc[] }
type Stage = { name: string; run: (doc: Doc, release: PreparedRelease) => unknown }

/** The stages, in pipeline order; "prepare" is all of them together. */
const STAGES: Stage[] = [
  { name: 'decode', run: (doc) => decodeBytes(doc.bytes) },
  { name: 'markdown check', run: (_, r) => looksLikeMarkdown(r.originalText) },
  { name: 'parse', run: (_, r) => parseRelease(r.originalText) },
  { name: 'paragraph ids', run: (_, r) => paragraphKeys(r.paragraphs) },
  { name: 'fingerprint', run: (_, r) => fingerprint(r.title, r.paragraphs) },
  { name: 'mixed scripts', run: (_, r) => findMixedScriptWords(readingText(r)) },
  { name: 'language', run: (_, r) => detectLanguage(`${r.title}\n${r.paragraphs.join('\n')}`) },
  { name: 'doc type', run: (_, r) => classifyDocType(r.title, r.paragraphs) },
  {
    name: 'dates',
    run: (_, r) => bestDate(extractDates(r.paragraphs, r.title), r.paragraphs, r.title),
  },
  { name: 'place', run: (_, r) => extractPlace(r.paragraphs, r.title, r.metadata.language) },
  { name: 'entities', run: (_, r) => extractEntities(r.paragraphs, r.title) },
  { name: 'participants', run: (_, r) => extractParticipants(r.paragraphs, r.title) },
  { name: 'references', run: (_, r) => extractReferences(r.paragraphs) },
]

export const extractBench: Bench = { name: BENCH, run, table }

async function run({ sizes, runs, log, environment }: BenchOptions): Promise<Row[]> {
  const synthetic = sizes?.[0] ?? DEFAULT_SYNTHETIC
  const repeats = runs ?? DEFAULT_RUNS
  const workloads: Workload[] = [
    { name: 'corpus', docs: corpusDocs() },
    { name: 'synthetic', docs: syntheticDocs(synthetic, log) },
  ]
  environment.set(
    'Extract workloads',
    workloads
      .map((w) => `${w.name}: ${formatNumber(w.docs.length)} files, ${averageKb(w.docs)} KB mean`)
      .join('; '),
  )

  const rows: Row[] = []
  for (const workload of workloads) {
    log(`extract: ${workload.name}, ${workload.docs.length} files × ${repeats} runs`)
    const prepared = await prepareAll(workload.docs)
    const timings = new Map<string, number[]>()
    for (let r = 0; r < repeats; r++) {
      const started = performance.now()
      for (const doc of workload.docs) await prepareRelease(doc.name, doc.bytes)
      push(timings, 'prepare', (performance.now() - started) / workload.docs.length)
      for (const stage of STAGES) {
        const began = performance.now()
        for (const { doc, release } of prepared) stage.run(doc, release)
        push(timings, stage.name, (performance.now() - began) / prepared.length)
      }
    }
    for (const [stage, values] of timings) {
      rows.push({
        bench: BENCH,
        n: workload.docs.length,
        metric: `${workload.name}: ${stage}`,
        value: round(median(values), 3),
        unit: 'ms/file',
      })
    }
  }
  return rows
}

async function prepareAll(docs: Doc[]): Promise<{ doc: Doc; release: PreparedRelease }[]> {
  const out: { doc: Doc; release: PreparedRelease }[] = []
  for (const doc of docs) {
    const outcome = await prepareRelease(doc.name, doc.bytes)
    if (outcome.kind === 'ready') out.push({ doc, release: outcome.release })
  }
  if (out.length === 0) throw new BenchError('no file of the workload could be prepared')
  for (const { doc, release } of out.slice(0, WARM_UP)) {
    for (const stage of STAGES) stage.run(doc, release)
  }
  return out
}

/** Every corpus file outside `bad/` with a release extension, in path order. */
export function corpusDocs(): Doc[] {
  try {
    if (!statSync(CORPUS).isDirectory()) throw new Error('not a folder')
  } catch {
    throw new BenchError(`the corpus is missing: ${CORPUS}`)
  }
  const docs: Doc[] = []
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) {
        if (entry.name !== 'bad') walk(path)
      } else if (/\.(txt|text|md|markdown|html?)$/i.test(entry.name)) {
        docs.push({ name: relative(CORPUS, path), bytes: new Uint8Array(readFileSync(path)) })
      }
    }
  }
  walk(CORPUS)
  return docs
}

function syntheticDocs(n: number, log: (m: string) => void): Doc[] {
  const pool = JSON.parse(readFileSync(ensurePool(log), 'utf8')) as Pool
  const generate = releaseGenerator(pool, SEED)
  const encoder = new TextEncoder()
  return Array.from({ length: n }, (_, i) => {
    const release = generate(i)
    return { name: release.name, bytes: encoder.encode(release.text) }
  })
}

function table(rows: Row[]): string {
  const workloads = ['corpus', 'synthetic']
  const stages = ['prepare', ...STAGES.map((s) => s.name)]
  const value = (w: string, stage: string) => rows.find((r) => r.metric === `${w}: ${stage}`)?.value
  const n = (w: string) => rows.find((r) => r.metric.startsWith(`${w}:`))?.n
  const columns = [
    { header: 'stage', align: 'left' as const },
    ...workloads.map((w) => ({ header: `${w} (${formatNumber(n(w))}) ms/file` })),
    ...workloads.map((w) => ({ header: `${w} share` })),
  ]
  const body = stages.map((stage) => [
    stage === 'prepare' ? 'prepare (all stages)' : `  ${stage}`,
    ...workloads.map((w) => formatNumber(value(w, stage), 3)),
    ...workloads.map((w) => {
      const v = value(w, stage)
      const all = value(w, 'prepare')
      return v === undefined || !all ? '–' : `${Math.round((v / all) * 100)}%`
    }),
  ])
  const perSecond = workloads.map((w) => {
    const all = value(w, 'prepare')
    return `${w} ${all ? formatNumber(1000 / all) : '–'}`
  })
  return [
    formatTable(columns, body),
    '',
    `Files per second on one core, preparing only: ${perSecond.join(', ')}.`,
    'Stages are timed apart on prepared titles and paragraphs; prepare also reads Markdown and HTML and hashes, so the stages do not add up to it.',
  ].join('\n')
}

function readingText(r: PreparedRelease): string {
  return [r.title, ...r.paragraphs].join('\n\n')
}

function push(map: Map<string, number[]>, key: string, value: number): void {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}

function averageKb(docs: Doc[]): string {
  const bytes = docs.reduce((sum, d) => sum + d.bytes.byteLength, 0)
  return formatNumber(bytes / docs.length / 1024, 1)
}

const round = (value: number, decimals: number) =>
  Math.round(value * 10 ** decimals) / 10 ** decimals
