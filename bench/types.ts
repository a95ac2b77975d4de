/** What every bench returns and how the driver (run.ts) calls it. */

/** One measurement: `--json` prints an array of these. */
export type Row = {
  bench: string
  /** Size of the workload, e.g. releases imported. */
  n: number
  metric: string
  value: number
  unit: string
}

export type BenchOptions = {
  /** Workload sizes asked for with --sizes; the bench's own defaults when absent. */
  sizes?: number[]
  /** Runs per size asked for with --runs; the bench's own defaults when absent. */
  runs?: number
  /** Progress and diagnostics, to stderr (stdout is only the table or the JSON). */
  log: (message: string) => void
  /** Facts printed above the tables: cores, browser version, workload shape. */
  environment: Map<string, string>
  /** Registers cleanup (close a browser, stop a server) run on exit, error or Ctrl-C. */
  onExit: (cleanup: () => Promise<void> | void) => () => void
}

export type Bench = {
  name: string
  run(options: BenchOptions): Promise<Row[]>
  /** The rows as a table for people, with the goals and whether they were met. */
  table(rows: Row[]): string
}

/** A failure with a message a person can act on; printed without a stack trace. */
export class BenchError extends Error {
  override name = 'BenchError'
}
