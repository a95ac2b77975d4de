/**
 * Building a bench's page with Vite, for the browser benches: a failed build
 * ends the bench with Vite's error, one line per problem.
 */
import { build, type InlineConfig } from 'vite'
import { BenchError } from './types.ts'

/**
 * Runs `build(config)`; on failure throws a BenchError that starts with
 * `failure` (what did not build, and where else it would fail).
 */
export async function buildOrExplain(config: InlineConfig, failure: string): Promise<void> {
  try {
    await build(config)
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error)
    throw new BenchError(`${failure}:\n${buildErrorSummary(text)}`)
  }
}

/** Vite's error with its colours, source frames and stack trace taken out: one line per problem. */
export function buildErrorSummary(text: string): string {
  // eslint-disable-next-line no-control-regex
  const plain = text.replace(/\x1b\[[0-9;]*m/g, '')
  const lines = plain
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => line.trim() && !/^\s*([│╭╰─]|\d+\s*│|at )/.test(line))
  const shown = lines.slice(0, 12).map((line) => `  ${line.trim()}`)
  if (lines.length > shown.length) shown.push(`  … ${lines.length - shown.length} more lines`)
  return shown.join('\n')
}
