// `npm test`: every check, in order, with one summary line at the end.
// Lint, format, typecheck and build count as one check each; Vitest and
// Playwright contribute their test counts. Exits non-zero if anything failed.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const reports = join(root, '.test-results')
rmSync(reports, { recursive: true, force: true })
mkdirSync(reports, { recursive: true })
const bin = (name) => join(root, 'node_modules', '.bin', name)

const rows = []

function run(label, command, args, env = {}) {
  console.log(`\n── ${label} ──`)
  const started = Date.now()
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  })
  return { ok: result.status === 0, seconds: (Date.now() - started) / 1000 }
}

function check(label, command, args) {
  const { ok, seconds } = run(label, command, args)
  rows.push({ suite: label, passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0, seconds })
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'))
  } catch {
    return null
  }
}

check('lint', bin('eslint'), ['.'])
check('format', bin('prettier'), ['--check', '.', '--log-level', 'warn'])
check('typecheck (node)', bin('tsc'), ['--noEmit', '-p', 'tsconfig.node.json'])
check('typecheck (web)', bin('tsc'), ['--noEmit', '-p', 'tsconfig.web.json'])
check('typecheck (web tests)', bin('tsc'), ['--noEmit', '-p', 'tsconfig.web-test.json'])
check('typecheck (e2e)', bin('tsc'), ['--noEmit', '-p', 'tsconfig.e2e.json'])
check('build (main, preload, renderer)', bin('electron-vite'), ['build'])

{
  const output = join(reports, 'vitest.json')
  const { ok, seconds } = run('unit tests (Vitest)', bin('vitest'), [
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${output}`,
  ])
  const json = readJson(output)
  rows.push({
    suite: 'unit (Vitest)',
    passed: json?.numPassedTests ?? 0,
    // A run that crashed before reporting still counts as a failure.
    failed: (json?.numFailedTests ?? 0) + (!ok && !json?.numFailedTests ? 1 : 0),
    skipped: (json?.numPendingTests ?? 0) + (json?.numTodoTests ?? 0),
    seconds,
  })
}

{
  const output = join(reports, 'playwright.json')
  // The Electron suite needs a display; give it a virtual one where there is none.
  const useXvfb =
    !process.env.DISPLAY && process.platform === 'linux' && existsSync('/usr/bin/xvfb-run')
  const [command, args] = useXvfb
    ? ['/usr/bin/xvfb-run', ['-a', bin('playwright'), 'test']]
    : [bin('playwright'), ['test']]
  const { ok, seconds } = run('end-to-end tests (Playwright)', command, args, {
    PLAYWRIGHT_JSON_OUTPUT_NAME: output,
  })
  const report = readJson(output)
  const stats = report?.stats
  for (const reason of skipReasons(report)) console.log(`skipped: ${reason}`)
  rows.push({
    suite: 'e2e (Playwright)',
    passed: (stats?.expected ?? 0) + (stats?.flaky ?? 0),
    failed: (stats?.unexpected ?? 0) + (!ok && !stats?.unexpected ? 1 : 0),
    skipped: stats?.skipped ?? 0,
    seconds,
  })
}

/** Each distinct reason Playwright recorded for a skipped test, with how many it covers. */
function skipReasons(report) {
  const counts = new Map()
  const visit = (suite) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) {
        if (t.status !== 'skipped') continue
        const note = t.annotations?.find((a) => a.type === 'skip')?.description ?? 'no reason given'
        const key = `${t.projectName}: ${note}`
        counts.set(key, (counts.get(key) ?? 0) + 1)
      }
    }
    for (const child of suite.suites ?? []) visit(child)
  }
  for (const suite of report?.suites ?? []) visit(suite)
  return [...counts].map(([reason, n]) => `${reason} (${n} test${n === 1 ? '' : 's'})`)
}

const total = rows.reduce(
  (sum, r) => ({
    passed: sum.passed + r.passed,
    failed: sum.failed + r.failed,
    skipped: sum.skipped + r.skipped,
  }),
  { passed: 0, failed: 0, skipped: 0 },
)

console.log('\n── summary ──')
console.log('suite                              passed  failed  skipped  seconds')
for (const r of rows) {
  console.log(
    `${r.suite.padEnd(34)} ${String(r.passed).padStart(6)}  ${String(r.failed).padStart(6)}  ${String(r.skipped).padStart(7)}  ${r.seconds.toFixed(1).padStart(7)}`,
  )
}
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`)
process.exit(total.failed > 0 ? 1 : 0)
