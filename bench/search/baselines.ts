/**
 * The search bench's baselines in Node: ripgrep over the releases' texts as files, and
 * SQLite FTS5 over the same texts, with the query set translated for each.
 *
 * The texts are the ones the app stored (read back from the archive by the page), folded
 * as the index folds them: every word (`WORD_RUN`) through `foldWord` and `stripDiacritics`,
 * everything else left alone; the title on the first line, then one paragraph a line (a
 * line break inside a paragraph becomes a space, which changes no word or phrase), so a
 * phrase that ripgrep finds on one line is within one paragraph, as the app's phrases are.
 */
import { spawnSync } from 'node:child_process'
import { closeSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { foldWord, stripDiacritics } from '../../src/shared/text/fold.ts'
import { queryTokens, WORD_RUN } from '../../src/shared/text/tokens.ts'
import { BenchError } from '../types.ts'
import type { QueryOutcome, ReleaseText } from '../import/protocol.ts'
import type { SearchQuery } from './queries.ts'

/** `text` with every word folded as the index folds it; other characters as they are. */
export function foldText(text: string): string {
  return text.replace(WORD_RUN, (word) => stripDiacritics(foldWord(word)))
}

const oneLine = (text: string) => text.replace(/\r\n|[\r\n]/g, ' ')

/** SQL string literal. NUL would end the CLI's statement early; no text has one. */
const sqlString = (text: string) => `'${text.replace(/\0/g, '').replace(/'/g, "''")}'`

/**
 * Writes each release as `dir/NNNNNN.txt` and as an INSERT into `sqlFile`, which builds the
 * FTS5 table in one transaction.
 */
export class TextWriter {
  private readonly sql: number
  private count = 0

  constructor(
    private readonly dir: string,
    sqlFile: string,
  ) {
    rmSync(dir, { recursive: true, force: true })
    mkdirSync(dir, { recursive: true })
    this.sql = openSync(sqlFile, 'w')
    writeSync(
      this.sql,
      "CREATE VIRTUAL TABLE docs USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2');\nBEGIN;\n",
    )
  }

  add(releases: readonly ReleaseText[]): void {
    const inserts: string[] = []
    for (const release of releases) {
      const title = foldText(oneLine(release.title))
      const body = release.paragraphs.map((p) => foldText(oneLine(p))).join('\n')
      const name = `${String(this.count++).padStart(6, '0')}.txt`
      const fd = openSync(join(this.dir, name), 'w')
      writeSync(fd, `${title}\n${body}\n`)
      closeSync(fd)
      inserts.push(
        `INSERT INTO docs(title, body) VALUES(${sqlString(title)}, ${sqlString(body)});\n`,
      )
    }
    writeSync(this.sql, inserts.join(''))
  }

  close(): number {
    writeSync(this.sql, 'COMMIT;\n')
    closeSync(this.sql)
    return this.count
  }
}

/** The tools, checked before anything is built; their versions for the report. */
export function checkTools(): { rg: string; sqlite: string } {
  const rg = spawnSync('rg', ['--version'], { encoding: 'utf8' })
  if (rg.error || rg.status !== 0)
    throw new BenchError('ripgrep (rg) not found: install it (Debian: apt-get install -y ripgrep).')
  const sqlite = spawnSync('sqlite3', ['--version'], { encoding: 'utf8' })
  if (sqlite.error || sqlite.status !== 0)
    throw new BenchError(
      'the sqlite3 CLI not found: install it (Debian: apt-get install -y sqlite3).',
    )
  const fts5 = spawnSync('sqlite3', [':memory:', 'CREATE VIRTUAL TABLE t USING fts5(a);'], {
    encoding: 'utf8',
  })
  if (fts5.status !== 0)
    throw new BenchError(`this sqlite3 has no FTS5: ${fts5.stderr.trim() || `exit ${fts5.status}`}`)
  return {
    rg: rg.stdout.split('\n')[0]!.trim(),
    sqlite: `sqlite3 ${sqlite.stdout.split(' ')[0]!.trim()}`,
  }
}

/** A word's forms as the files spell them: the terms the app matched it by, else the word folded. */
function wordForms(word: string, matched: readonly string[] | undefined): string[] {
  const tokens = queryTokens(word)
  if (tokens.length !== 1)
    throw new BenchError(`the bench's query word "${word}" is ${tokens.length} tokens, not one`)
  const forms = matched && matched.length > 0 ? matched : [tokens[0]!.term]
  return [...new Set(forms.map((f) => stripDiacritics(f)))].sort()
}

/** What ripgrep and FTS5 look for, from the query and what the app matched (its outcome). */
export type Translation =
  | { kind: 'words'; groups: string[][] }
  | { kind: 'phrase'; words: string[] }
  | { kind: 'fixed'; text: string }

export function translate(query: SearchQuery, outcome: QueryOutcome): Translation {
  const words = query.words.split(/\s+/).filter(Boolean)
  switch (query.match) {
    case 'words':
      return { kind: 'words', groups: words.map((w, i) => wordForms(w, outcome.groups[i])) }
    case 'phrase':
      return {
        kind: 'phrase',
        words: queryTokens(query.words).map((t) => stripDiacritics(t.term)),
      }
    case 'fixed':
      return { kind: 'fixed', text: foldText(query.words) }
  }
}

const escapeRegex = (text: string) => text.replace(/[\\^$.*+?()[\]{}|-]/g, '\\$&')
/** Not a word character (ripgrep's Unicode \w, the app's WORD_RUN), nor a line end. */
const BETWEEN_WORDS = '[^\\p{Alphabetic}\\p{M}\\p{Nd}\\p{Pc}\\p{Join_Control}\\n]+'

/** The rg command lines a query is: several for words, each on the files of the one before. */
function rgSteps(t: Translation): string[][] {
  switch (t.kind) {
    case 'words':
      return t.groups.map((forms) => ['-F', '-w', ...forms.flatMap((f) => ['-e', f])])
    case 'phrase':
      return [['-e', `\\b${t.words.map(escapeRegex).join(BETWEEN_WORDS)}\\b`]]
    case 'fixed':
      return [['-F', '-e', t.text]]
  }
}

export function describeRg(t: Translation): string {
  return rgSteps(t)
    .map((args) => `rg ${args.map((a) => (/^[\w-]+$/.test(a) ? a : `'${a}'`)).join(' ')}`)
    .join(' | then ')
}

const RG_BASE = ['-l', '--no-config', '--no-ignore', '--threads', '2']

/**
 * Times ripgrep on `dir` for the translation, `runs` times: one word is one rg, several
 * words are one rg per word, each given the files the one before listed (timed together).
 */
export function timeRg(dir: string, t: Translation, runs: number): { ms: number[]; files: number } {
  const steps = rgSteps(t)
  const ms: number[] = []
  let files = 0
  for (let r = 0; r < runs; r++) {
    let paths: string[] = ['.']
    let elapsed = 0
    for (const args of steps) {
      if (paths.length === 0) break
      const started = process.hrtime.bigint()
      const result = spawnSync('rg', [...RG_BASE, ...args, '--', ...paths], {
        cwd: dir,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        maxBuffer: 256 * 2 ** 20,
      })
      elapsed += Number(process.hrtime.bigint() - started) / 1e6
      if (result.error) throw new BenchError(`rg failed: ${result.error.message}`)
      // 1: nothing found.
      if (result.status !== 0 && result.status !== 1)
        throw new BenchError(
          `rg ${args.join(' ')} failed (exit ${result.status}): ${result.stderr.trim()}`,
        )
      paths = result.stdout.split('\n').filter(Boolean)
    }
    ms.push(elapsed)
    files = paths[0] === '.' ? 0 : paths.length
  }
  return { ms, files }
}

const ftsString = (text: string) => `"${text.replace(/"/g, '""')}"`

/** The FTS5 MATCH expression of a translation. */
export function ftsMatch(t: Translation): string {
  switch (t.kind) {
    case 'words':
      return t.groups.map((forms) => `(${forms.map(ftsString).join(' OR ')})`).join(' AND ')
    case 'phrase':
      return ftsString(t.words.join(' '))
    case 'fixed':
      return ftsString(t.text)
  }
}

/** Runs sqlite3 on `dbFile` with `sql` (a file, or text on stdin). */
function sqlite(dbFile: string, input: { file: string } | { text: string }) {
  const fd = 'file' in input ? openSync(input.file, 'r') : null
  try {
    const result = spawnSync('sqlite3', ['-batch', '-bail', dbFile], {
      input: 'text' in input ? input.text : undefined,
      stdio: [fd ?? 'pipe', 'pipe', 'pipe'],
      encoding: 'utf8',
      maxBuffer: 256 * 2 ** 20,
    })
    if (result.error) throw new BenchError(`sqlite3 failed: ${result.error.message}`)
    if (result.status !== 0)
      throw new BenchError(
        `sqlite3 failed (exit ${result.status}): ${result.stderr.trim().slice(0, 500)}`,
      )
    return result.stdout
  } finally {
    if (fd !== null) closeSync(fd)
  }
}

/** Builds `dbFile` from the INSERTs in `sqlFile`; seconds of the sqlite3 process. */
export function buildFts5(sqlFile: string, dbFile: string): number {
  rmSync(dbFile, { force: true })
  const started = process.hrtime.bigint()
  sqlite(dbFile, { file: sqlFile })
  return Number(process.hrtime.bigint() - started) / 1e9
}

/**
 * Times every query `runs` times with one sqlite3 process (`.timer on`, the whole set
 * repeated), from its `Run Time: real` lines; and what each finds.
 */
export function timeFts5(
  dbFile: string,
  matches: readonly string[],
  runs: number,
): { ms: number[][]; counts: number[] } {
  const statements = matches.map(
    (m) => `SELECT count(*) FROM docs WHERE docs MATCH ${sqlString(m)};`,
  )
  const script = ['.timer on', ...Array.from({ length: runs }, () => statements).flat()].join('\n')
  const lines = sqlite(dbFile, { text: script + '\n' })
    .split('\n')
    .filter(Boolean)
  const times = lines.flatMap((line) => {
    const m = /^Run Time: real ([\d.]+)/.exec(line)
    return m ? [Number(m[1]) * 1000] : []
  })
  const counts = lines.filter((line) => /^\d+$/.test(line)).map(Number)
  if (times.length !== matches.length * runs || counts.length !== times.length)
    throw new BenchError(
      `sqlite3 gave ${times.length} timings and ${counts.length} counts for ${matches.length * runs} queries`,
    )
  return {
    ms: matches.map((_, q) => times.filter((_, i) => i % matches.length === q)),
    counts: counts.slice(0, matches.length),
  }
}
