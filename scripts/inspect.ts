/**
 * `npm run inspect -- <files or folders...>`: runs the importer's decoding and
 * extraction on files, stores nothing, and prints one JSON object per file per
 * line. Folders are walked recursively in name order, hidden entries skipped,
 * as the app does. Duplicates and versions are judged among the files given,
 * in the order given. Exit code 0 whatever the files hold; 2 for a usage error.
 */
import { readdir, readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { prepareRelease } from '../src/shared/release/prepare-release.ts'
import { ReleaseIndex } from '../src/shared/release/similarity.ts'

type Line = Record<string, unknown>

const USAGE = 'usage: npm run inspect -- [--max-mb N] <files or folders...>'

async function main(argv: string[]): Promise<number> {
  let maxBytes: number | undefined
  const paths: string[] = []
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string
    if (arg === '--max-mb') {
      const mb = Number(argv[++i])
      if (!Number.isFinite(mb) || mb <= 0) return usage(`--max-mb needs a positive number`)
      maxBytes = mb * 1024 * 1024
    } else if (arg === '--help' || arg === '-h') {
      process.stdout.write(`${USAGE}\n`)
      return 0
    } else if (arg.startsWith('--')) {
      return usage(`unknown option ${arg}`)
    } else paths.push(arg)
  }
  if (paths.length === 0) return usage('no files or folders given')

  const index = new ReleaseIndex()
  const fileOf = new Map<string, string>()
  for (const path of paths) {
    let info
    try {
      info = await stat(path)
    } catch (error) {
      return usage(`${path}: ${(error as Error).message}`)
    }
    const files = info.isDirectory() ? await walk(path) : [path]
    for (const file of files) {
      print(await inspectFile(file, index, fileOf, maxBytes))
    }
  }
  return 0
}

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true })
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  const out: string[] = []
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue
    const path = join(dir, entry.name)
    if (entry.isDirectory()) out.push(...(await walk(path)))
    else if (entry.isFile()) out.push(path)
  }
  return out
}

async function inspectFile(
  file: string,
  index: ReleaseIndex,
  fileOf: Map<string, string>,
  maxBytes: number | undefined,
): Promise<Line> {
  let bytes: Uint8Array
  try {
    bytes = new Uint8Array(await readFile(file))
  } catch (error) {
    return rejected(file, `unreadable: ${(error as Error).message}`)
  }
  const outcome = await prepareRelease(file, bytes, { maxBytes })
  if (outcome.kind === 'rejected') return rejected(file, outcome.reason)

  const r = outcome.release
  const judgement = index.judge(r)
  let status = r.warnings.length > 0 ? 'imported-with-warning' : 'imported'
  let reason: string | null = null
  let of: string | null = null
  if (judgement.kind === 'duplicate') {
    status = 'duplicate'
    of = fileOf.get(judgement.of.id) ?? null
    reason = `duplicate of “${judgement.of.title}”`
  } else {
    if (judgement.kind === 'version') {
      status = 'version'
      of = fileOf.get(judgement.of.id) ?? null
      reason = `new version of “${judgement.of.title}” (${Math.round(judgement.shared * 100)}% of the text shared)`
    }
    index.add({ ...r, id: r.contentHash })
    fileOf.set(r.contentHash, file)
  }
  const m = r.metadata
  return {
    file,
    status,
    reason,
    warnings: r.warnings,
    encoding: r.encoding,
    language: m.language,
    title: r.title,
    docType: m.docType,
    date: m.date,
    dates: m.dates,
    place: m.place,
    organisations: m.organisations,
    countries: m.countries,
    participants: m.participants,
    references: m.references,
    paragraphs: r.paragraphs.length,
    contentHash: r.contentHash,
    sourceHash: r.sourceHash,
    mixedScriptWords: r.mixedScriptWords,
    ...(of ? { of } : {}),
  }
}

/** A refused file has the same keys as any other, empty, so every line reads the same way. */
function rejected(file: string, reason: string): Line {
  return {
    file,
    status: 'rejected',
    reason,
    warnings: [],
    encoding: null,
    language: null,
    title: null,
    docType: null,
    date: null,
    dates: [],
    place: null,
    organisations: [],
    countries: [],
    participants: [],
    references: [],
    paragraphs: 0,
    contentHash: null,
    sourceHash: null,
    mixedScriptWords: [],
  }
}

function print(line: Line): void {
  process.stdout.write(`${JSON.stringify(line)}\n`)
}

function usage(problem: string): number {
  process.stderr.write(`${problem}\n${USAGE}\n`)
  return 2
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    process.stderr.write(
      `inspect failed: ${error instanceof Error ? error.stack : String(error)}\n`,
    )
    process.exitCode = 1
  },
)
