/**
 * Synthetic releases recombined from the corpus's real paragraphs (see ../pool.ts).
 *
 * Release i is a pure function of (pool, seed, i): it has its own generator,
 * seeded from both, so any slice of an import of 100,000 files can be made on
 * demand and in any order, and two runs with one seed import identical files.
 * Shape: a language drawn with the corpus's weights, one of that language's
 * titles, then 4-30 of its paragraphs, as "title\n\nparagraph\n\nparagraph...".
 */
import type { Pool } from './protocol'

export const MIN_PARAGRAPHS = 4
export const MAX_PARAGRAPHS = 30

/** mulberry32: a tiny, fast 32-bit generator, plenty for picking paragraphs. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Mixes the run's seed and the release index into one well-spread 32-bit seed. */
function seedFor(seed: number, i: number): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(i + 1, 0xc2b2ae35)
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d)
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b)
  return (h ^ (h >>> 16)) >>> 0
}

export function releaseName(i: number): string {
  return `release-${String(i).padStart(6, '0')}.txt`
}

export type Generator = (i: number) => { name: string; text: string; paragraphs: number }

export function releaseGenerator(pool: Pool, seed: number): Generator {
  const languages = pool.languages.filter((l) => l.titles.length > 0 && l.paragraphs.length > 0)
  if (languages.length === 0) throw new Error('the paragraph pool is empty')
  const total = languages.reduce((sum, l) => sum + l.weight, 0)
  const cumulative: number[] = []
  let sum = 0
  for (const l of languages) cumulative.push((sum += l.weight / total))

  return (i) => {
    const random = mulberry32(seedFor(seed, i))
    const pick = random()
    const index = cumulative.findIndex((c) => pick < c)
    const language = languages[index === -1 ? languages.length - 1 : index]!
    const title = language.titles[Math.floor(random() * language.titles.length)]!
    const count = MIN_PARAGRAPHS + Math.floor(random() * (MAX_PARAGRAPHS - MIN_PARAGRAPHS + 1))
    const parts = [title]
    for (let k = 0; k < count; k++) {
      parts.push(language.paragraphs[Math.floor(random() * language.paragraphs.length)]!)
    }
    return { name: releaseName(i), text: parts.join('\n\n') + '\n', paragraphs: count }
  }
}
