/**
 * The index against an outside reference: for single words and phrases, the releases the
 * engine finds are exactly the files ripgrep finds in the same reading texts, folded the same
 * way, across the whole corpus (every file the importer accepts).
 *
 * The texts are written one paragraph per line (the title first), each word run folded as the
 * index folds it (case, width, look-alikes, ё, diacritics). ripgrep then looks for:
 * - a word, between characters that are not word characters (ripgrep's Unicode `\w`), or
 *   Chinese and Japanese characters, which the index splits from letters of other scripts;
 * - a phrase, its words with only non-word characters between them, within one line;
 * - Chinese text, as it is written (the index matches it anywhere, as pairs of characters).
 * Queries are drawn at random (a fixed seed) from the texts themselves.
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { prepareRelease } from '../release/prepare-release'
import { foldWord, stripDiacritics } from '../text/fold'
import { WORD_RUN, forEachToken, isPairedTerm } from '../text/tokens'
import { search, type SearchSource } from './engine'
import { parseQuery } from './query'
import { memorySource, type MemoryRelease } from './test-support/memory-source'

const CORPUS = join(__dirname, '../../../../shared/corpus')
const WORDS = 150
const PHRASES = 80
const CHINESE = 40

const WORD_CLASS = String.raw`\p{Alphabetic}\p{M}\p{Nd}\p{Pc}\p{Join_Control}`
const SPLIT_FROM_LETTERS = String.raw`\p{Han}\p{Hiragana}\p{Katakana}`
const BEFORE = `(?:^|[^${WORD_CLASS}]|[${SPLIT_FROM_LETTERS}])`
const AFTER = `(?:$|[^${WORD_CLASS}]|[${SPLIT_FROM_LETTERS}])`
const BETWEEN = `[^${WORD_CLASS}\\n]+`

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? walk(path) : [path]
  })
}

function foldText(text: string): string {
  return text.replace(WORD_RUN, (run) => stripDiacritics(foldWord(run)))
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** mulberry32: a small seeded generator, so the sample is the same on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const releases: MemoryRelease[] = []
let source: SearchSource
let dir = ''

function ripgrep(pattern: string, fixed: boolean): Set<string> {
  const args = ['--files-with-matches', '--no-config', '--no-ignore', '--hidden', '--no-messages']
  if (fixed) args.push('--fixed-strings')
  const run = spawnSync('rg', [...args, '-e', pattern, dir], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  })
  if (run.error)
    throw new Error(`ripgrep could not run (apt-get install -y ripgrep): ${run.error.message}`)
  if (run.status !== 0 && run.status !== 1)
    throw new Error(`ripgrep failed on ${pattern}: ${run.stderr}`)
  return new Set(
    run.stdout
      .split('\n')
      .filter(Boolean)
      .map((path) => relative(dir, path).replace(/\.txt$/, '')),
  )
}

async function engine(query: string): Promise<Set<string>> {
  const parsed = parseQuery(query)
  if (!parsed.ok) throw new Error(parsed.message)
  const outcome = await search(source, parsed.root, { mode: 'release', ignoreDiacritics: true })
  if (!outcome.ok) throw new Error(outcome.message)
  return new Set(outcome.hits.releases().map((doc) => doc.releaseId))
}

beforeAll(async () => {
  const files = walk(CORPUS).filter(
    (p) => !p.endsWith('.jsonl') && !p.endsWith('.md') && !p.endsWith('.json'),
  )
  for (const [i, path] of files.entries()) {
    const outcome = await prepareRelease(relative(CORPUS, path), new Uint8Array(readFileSync(path)))
    if (outcome.kind !== 'ready') continue
    releases.push({
      releaseId: String(i).padStart(5, '0'),
      title: outcome.release.title,
      paragraphs: outcome.release.paragraphs,
    })
  }
  source = memorySource(releases)
  dir = join(tmpdir(), `communique-rg-${process.pid}`)
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  for (const r of releases) {
    const lines = [r.title, ...r.paragraphs].map((p) => foldText(p.replace(/\n/g, ' ')))
    writeFileSync(join(dir, `${r.releaseId}.txt`), lines.join('\n') + '\n')
  }
  return () => rmSync(dir, { recursive: true, force: true })
}, 300_000)

/** Words, phrases and Chinese text drawn from the releases. */
function sample(): { words: string[]; phrases: string[][]; chinese: string[] } {
  const next = random(0x5eed)
  const words = new Set<string>()
  const phrases: string[][] = []
  const chinese = new Set<string>()
  let guard = 0
  while (
    (words.size < WORDS || phrases.length < PHRASES || chinese.size < CHINESE) &&
    guard++ < 100_000
  ) {
    const release = releases[Math.floor(next() * releases.length)]!
    const parts = [release.title, ...release.paragraphs]
    const paragraph = parts[Math.floor(next() * parts.length)]!
    const tokens: { term: string; start: number; end: number }[] = []
    forEachToken(paragraph, (term, start, end) => tokens.push({ term, start, end }))
    if (tokens.length === 0) continue
    const at = Math.floor(next() * tokens.length)
    const token = tokens[at]!
    if (isPairedTerm(token.term)) {
      // 2 to 6 characters of a run of Chinese text, as written.
      const run = /[\p{Script=Han}]+/u.exec(paragraph.slice(token.start))?.[0] ?? ''
      const length = 2 + Math.floor(next() * 5)
      if (run.length >= length && chinese.size < CHINESE) chinese.add(run.slice(0, length))
      continue
    }
    if (words.size < WORDS) words.add(stripDiacritics(token.term))
    const length = 2 + Math.floor(next() * 3)
    const run = tokens.slice(at, at + length)
    if (
      phrases.length < PHRASES &&
      run.length === length &&
      run.every((t) => !isPairedTerm(t.term))
    ) {
      phrases.push(run.map((t) => stripDiacritics(t.term)))
    }
  }
  return { words: [...words], phrases, chinese: [...chinese] }
}

describe('the index finds what ripgrep finds', () => {
  it('in the whole corpus', () => {
    expect(releases.length).toBeGreaterThan(3500)
  })

  it('for single words', async () => {
    const { words } = sample()
    expect(words).toHaveLength(WORDS)
    for (const word of words) {
      const expected = ripgrep(`${BEFORE}${escapeRegex(word)}${AFTER}`, false)
      expect([...(await engine(`"${word}"`))].sort(), word).toEqual([...expected].sort())
    }
  }, 300_000)

  it('for phrases', async () => {
    const { phrases } = sample()
    expect(phrases).toHaveLength(PHRASES)
    for (const words of phrases) {
      const pattern = `${BEFORE}${words.map(escapeRegex).join(BETWEEN)}${AFTER}`
      const expected = ripgrep(pattern, false)
      const found = await engine(`"${words.join(' ')}"`)
      expect([...found].sort(), words.join(' ')).toEqual([...expected].sort())
    }
  }, 300_000)

  it('for Chinese text', async () => {
    const { chinese } = sample()
    expect(chinese).toHaveLength(CHINESE)
    for (const text of chinese) {
      const expected = ripgrep(foldText(text), true)
      expect(expected.size, text).toBeGreaterThan(0)
      expect([...(await engine(text))].sort(), text).toEqual([...expected].sort())
    }
  }, 300_000)
})
