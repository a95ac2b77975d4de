/**
 * Corpus files for the metadata tests, split simply (the real splitting is
 * parse-release's job, tested on its own): title = first non-empty line;
 * paragraphs = blank-line blocks, or lines when there are none.
 * Test-only: it reads files with node:fs.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

export const CORPUS = join(__dirname, '../../../../../../shared/corpus')

export function readRelease(
  file: string,
  hasTitle = true,
): { title: string; paragraphs: string[] } {
  const text = readFileSync(join(CORPUS, file), 'utf8')
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
  const lines = text.split('\n')
  const first = hasTitle ? lines.findIndex((l) => l.trim() !== '') : -1
  const rest = lines.slice(first + 1).join('\n')
  const blocks = /\n\s*\n/.test(rest) ? rest.split(/\n\s*\n/) : rest.split('\n')
  return {
    title: (lines[first] ?? '').trim(),
    paragraphs: blocks.map((b) => b.trim()).filter(Boolean),
  }
}

export function manifest(folder: string): Record<string, unknown>[] {
  return readFileSync(join(CORPUS, `${folder}.manifest.jsonl`), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>)
}
