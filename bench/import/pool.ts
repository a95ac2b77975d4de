/**
 * The paragraph pool the import bench builds its synthetic releases from.
 *
 * An archive of 100,000 releases does not exist, so the bench recombines the real
 * corpus: every file outside `bad/` is decoded and split into a title and
 * paragraphs with the app's own code (decodeBytes, parseRelease), and the pieces
 * are grouped by language. A release made from them has the encodings' aftermath,
 * the punctuation, the scripts and the paragraph lengths of real releases, which a
 * lorem-ipsum generator would not.
 *
 * Rules:
 * - The language is the script most of a file's letters are in (Cyrillic: ru,
 *   Han: zh, otherwise en); folders are not trusted to say it.
 * - Each language is weighted by how many corpus files it has.
 * - Paragraphs keep to 40-2,000 characters. A longer one (the Kremlin pages are
 *   flattened onto one line) is cut at sentence ends into pieces of at most 1,000
 *   characters, so such a language still has paragraphs; shorter ones are dropped.
 * - Titles longer than 200 characters are not titles (the importer treats them as
 *   paragraphs) and are left out.
 * - Duplicates go; the pool keeps at most 30,000 paragraphs, each language its
 *   share of them by paragraph count, sampled evenly so every source folder stays.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { decodeBytes } from '../../src/shared/release/decode.ts'
import { parseRelease } from '../../src/shared/release/parse-release.ts'
import type { Pool } from './protocol.ts'

export const MIN_PARAGRAPH = 40
export const MAX_PARAGRAPH = 2000
const SPLIT_TARGET = 1000
const MAX_TITLE = 200
export const MAX_POOL_PARAGRAPHS = 30_000
const MAX_TITLES_PER_LANGUAGE = 10_000
/** The folder of hostile files: not releases anyone would import in bulk. */
const EXCLUDED_FOLDERS = new Set(['bad'])
const TEXT_FILE = /\.(txt|text|md|markdown)$/i

export function buildPool(corpusDir: string): Pool {
  const sources: Record<string, number> = {}
  const groups = new Map<string, { weight: number; titles: Set<string>; paragraphs: Set<string> }>()

  for (const folder of readdirSync(corpusDir).sort()) {
    const dir = join(corpusDir, folder)
    if (EXCLUDED_FOLDERS.has(folder) || !statSync(dir).isDirectory()) continue
    for (const file of readdirSync(dir).sort()) {
      if (!TEXT_FILE.test(file)) continue
      const { text } = decodeBytes(new Uint8Array(readFileSync(join(dir, file))))
      const { title, paragraphs } = parseRelease(text)
      const lang = languageOf(text)
      let group = groups.get(lang)
      if (!group) {
        group = { weight: 0, titles: new Set(), paragraphs: new Set() }
        groups.set(lang, group)
      }
      group.weight += 1
      sources[folder] = (sources[folder] ?? 0) + 1
      if (title.length > 0 && title.length <= MAX_TITLE) group.titles.add(title)
      for (const paragraph of paragraphs) {
        for (const piece of paragraph.length > MAX_PARAGRAPH
          ? splitAtSentences(paragraph)
          : [paragraph]) {
          if (piece.length >= MIN_PARAGRAPH && piece.length <= MAX_PARAGRAPH)
            group.paragraphs.add(piece)
        }
      }
    }
  }

  const usable = [...groups.entries()].filter(
    ([, g]) => g.titles.size > 0 && g.paragraphs.size >= 4,
  )
  const allParagraphs = usable.reduce((sum, [, g]) => sum + g.paragraphs.size, 0)
  const languages = usable
    .map(([lang, g]) => ({
      lang,
      weight: g.weight,
      titles: evenSample([...g.titles], MAX_TITLES_PER_LANGUAGE),
      paragraphs: evenSample(
        [...g.paragraphs],
        Math.max(
          1,
          Math.floor((MAX_POOL_PARAGRAPHS * g.paragraphs.size) / Math.max(1, allParagraphs)),
        ),
      ),
    }))
    .sort((a, b) => b.weight - a.weight)
  return { sources, languages }
}

/** ru, zh or en by the script most letters are in. */
export function languageOf(text: string): string {
  const sample = text.slice(0, 20_000)
  const cyrillic = sample.match(/\p{Script=Cyrillic}/gu)?.length ?? 0
  const han = sample.match(/\p{Script=Han}/gu)?.length ?? 0
  const latin = sample.match(/\p{Script=Latin}/gu)?.length ?? 0
  // A Han character carries a word, a letter a fraction of one: compare in rough word units.
  if (han * 3 > Math.max(latin, cyrillic)) return 'zh'
  return cyrillic > latin ? 'ru' : 'en'
}

/** Cuts an over-long paragraph after sentence ends into pieces of about SPLIT_TARGET characters. */
export function splitAtSentences(paragraph: string): string[] {
  const sentences = paragraph.match(/[^.!?。！？]+(?:[.!?。！？]+["»”’)]*\s*|$)/gu) ?? [paragraph]
  const pieces: string[] = []
  let current = ''
  for (const sentence of sentences) {
    if (current.length > 0 && current.length + sentence.length > SPLIT_TARGET) {
      pieces.push(current.trim())
      current = ''
    }
    current += sentence
  }
  if (current.trim().length > 0) pieces.push(current.trim())
  return pieces
}

/** Every k-th item so the sample spans all source folders, which were read in order. */
function evenSample<T>(items: T[], max: number): T[] {
  if (items.length <= max) return items
  const step = items.length / max
  return Array.from({ length: max }, (_, i) => items[Math.floor(i * step)] as T)
}

/** Characters per pool piece, for the log. */
export function describePool(pool: Pool): string {
  return pool.languages
    .map((l) => {
      const chars = l.paragraphs.reduce((sum, p) => sum + p.length, 0)
      const avg = Math.round(chars / Math.max(1, l.paragraphs.length))
      return `${l.lang}: ${l.weight} files, ${l.titles.length} titles, ${l.paragraphs.length} paragraphs (avg ${avg} chars)`
    })
    .join('; ')
}
