/**
 * The bench driver: `npm run bench` runs every registered bench,
 * `npm run bench:import` (= `tsx bench/run.ts import`) only the import bench.
 *
 *   --sizes 1000,10000   workload sizes (default: the bench's own)
 *   --runs N             runs per size (default: the bench's own)
 *   --json               print only a JSON array of rows on stdout
 *
 * stdout carries only the result (the tables, or the JSON); progress and
 * diagnostics go to stderr. Browsers and servers a bench started are closed on
 * success, failure and Ctrl-C alike.
 */
import { cpus, totalmem } from 'node:os'
import { BENCHES } from './registry.ts'
import { BenchError, type BenchOptions, type Row } from './types.ts'

const USAGE = `usage: tsx bench/run.ts [${BENCHES.map((b) => b.name).join('|')}]... [--sizes 1000,10000] [--runs N] [--json]`

type Args = { names: string[]; sizes?: number[]; runs?: number; json: boolean }

function parseArgs(argv: string[]): Args {
  const args: Args = { names: [], json: false }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    const [flag, inline] = arg.startsWith('--') ? arg.split('=', 2) : [arg, undefined]
    const value = () => {
      const v = inline ?? argv[++i]
      if (v === undefined) throw new BenchError(`${flag} needs a value\n${USAGE}`)
      return v
    }
    if (flag === '--json') args.json = true
    else if (flag === '--sizes')
      args.sizes = value()
        .split(',')
        .map((s) => positiveInteger(flag, s))
    else if (flag === '--runs') args.runs = positiveInteger(flag, value())
    else if (flag === '--help' || flag === '-h') {
      process.stdout.write(USAGE + '\n')
      process.exit(0)
    } else if (flag?.startsWith('-')) throw new BenchError(`unknown option ${flag}\n${USAGE}`)
    else if (BENCHES.some((b) => b.name === arg)) args.names.push(arg)
    else throw new BenchError(`no bench called "${arg}"\n${USAGE}`)
  }
  return args
}

function positiveInteger(flag: string, text: string): number {
  const value = Number(text.replace(/[_,]/g, ''))
  if (!Number.isInteger(value) || value <= 0)
    throw new BenchError(`${flag}: "${text}" is not a positive whole number`)
  return value
}

async function main(): Promise<number> {
  const log = (message: string) => void process.stderr.write(message + '\n')
  const cleanups = new Set<() => Promise<void> | void>()
  const cleanUp = async () => {
    for (const cleanup of [...cleanups].reverse()) {
      cleanups.delete(cleanup)
      await Promise.resolve()
        .then(cleanup)
        .catch((e) => log(`cleanup failed: ${e instanceof Error ? e.message : String(e)}`))
    }
  }
  // A Ctrl-C often arrives twice (from the terminal and relayed by tsx): the first starts
  // the cleanup, later ones must not cut it short with Node's default exit.
  let stopping = false
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    process.on(signal, () => {
      if (stopping) return
      stopping = true
      log(`${signal}: closing the browser and the server…`)
      void cleanUp().finally(() => process.exit(code))
    })
  }

  let args: Args
  try {
    args = parseArgs(process.argv.slice(2))
  } catch (error) {
    log(error instanceof Error ? error.message : String(error))
    return 2
  }
  const selected =
    args.names.length > 0 ? BENCHES.filter((b) => args.names.includes(b.name)) : BENCHES
  const environment = new Map<string, string>([
    [
      'Machine',
      `${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), ${Math.round(totalmem() / 2 ** 30)} GB RAM, ${process.platform} ${process.arch}, Node ${process.version}`,
    ],
  ])
  const options: BenchOptions = {
    sizes: args.sizes,
    runs: args.runs,
    log,
    environment,
    onExit: (cleanup) => {
      let done = false
      const once = async () => {
        if (done) return
        done = true
        cleanups.delete(once)
        await cleanup()
      }
      cleanups.add(once)
      return once
    },
  }

  // Only the result goes to stdout: whatever a build tool or library prints meanwhile goes to stderr.
  const writeResult = process.stdout.write.bind(process.stdout)
  process.stdout.write = process.stderr.write.bind(process.stderr) as typeof process.stdout.write
  console.log = console.info = console.error

  const results: { name: string; rows: Row[] }[] = []
  try {
    for (const bench of selected) {
      log(`== ${bench.name} ==`)
      results.push({ name: bench.name, rows: await bench.run(options) })
    }
  } catch (error) {
    log(
      error instanceof BenchError
        ? `bench failed: ${error.message}`
        : `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    )
    return 1
  } finally {
    await cleanUp()
  }

  if (args.json) {
    writeResult(
      JSON.stringify(
        results.flatMap((r) => r.rows),
        null,
        2,
      ) + '\n',
    )
    return 0
  }
  const out: string[] = [...environment].map(([key, value]) => `${key}: ${value}`)
  for (const { name, rows } of results) {
    const bench = selected.find((b) => b.name === name)!
    out.push('', `## ${name}`, '', bench.table(rows))
  }
  writeResult(out.join('\n') + '\n')
  return 0
}

process.exitCode = await main()
