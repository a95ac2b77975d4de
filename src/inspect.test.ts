/**
 * `npm run inspect` on the SCO folder and then bad/: every bad file gets the outcome
 * expected.json gives it, as the archive would give it.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = join(__dirname, '..')
const CORPUS = join(ROOT, '../shared/corpus')
const TSX = join(ROOT, 'node_modules/.bin/tsx')
const INSPECT = join(ROOT, 'scripts/inspect.ts')

type Line = {
  file: string
  status: string
  reason: string | null
  of?: string
  encoding: string | null
}

describe('npm run inspect', () => {
  it('gives every file of bad/ its expected outcome when given the SCO folder first', () => {
    const out = execFileSync(TSX, [INSPECT, join(CORPUS, 'sco'), join(CORPUS, 'bad')], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    })
    const lines = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Line)
    const expected = JSON.parse(readFileSync(join(CORPUS, 'bad/expected.json'), 'utf8')) as Record<
      string,
      { outcome: string; reason?: string; of?: string; encoding?: string }
    >
    const byName = new Map(lines.map((l) => [basename(l.file), l]))
    for (const [file, want] of Object.entries(expected)) {
      const got = byName.get(file)
      expect(got?.status, `${file}: ${got?.reason}`).toBe(want.outcome)
      if (want.reason)
        expect(got?.reason?.replace(/-/g, ' ')).toMatch(
          new RegExp(`^${want.reason.replace(/-/g, ' ')}`),
        )
      if (want.of) expect(basename(got?.of ?? ''), file).toBe(want.of)
      if (want.encoding && want.outcome !== 'rejected')
        expect(got?.encoding, file).toBe(want.encoding)
    }
    // Paths are printed as walked.
    expect(lines[0]?.file).toBe(join(CORPUS, 'sco/000_5b5391892682d1ae.txt'))
  })

  it('exits 2 with the usage for no arguments, and 0 for a file that is refused', () => {
    const usage = spawnSync(TSX, [INSPECT], { encoding: 'utf8' })
    expect(usage.status).toBe(2)
    expect(usage.stderr).toContain('usage: npm run inspect')
    const refused = spawnSync(TSX, [INSPECT, join(CORPUS, 'bad/unsupported.pdf')], {
      encoding: 'utf8',
    })
    expect(refused.status).toBe(0)
    expect(JSON.parse(refused.stdout)).toMatchObject({
      status: 'rejected',
      reason: 'unsupported type',
    })
  })
})
