/**
 * The annotations the reader bench writes into the archive: passages chosen
 * with a seeded generator, so every run annotates the same words. Each is a
 * span of 3-20 whole words (runs of non-space) of one paragraph, with the
 * selectors the app stores (db/records AnnotationRecord), made by the app's own
 * shared/annotation/reading-text: the quote with its context, and the position
 * in the release's reading text in UTF-16 code units.
 */
import {
  paragraphStarts,
  readingText,
  selectorsFor,
} from '../../src/shared/annotation/reading-text.ts'
import { mulberry32 } from '../import/synth.ts'

export const MIN_WORDS = 3
export const MAX_WORDS = 20

/** What the bench needs of a stored release: its title, paragraphs and their keys. */
export type ReleaseText = {
  id: string
  /** sha256 (hex) of the reading text, as the import stored it. */
  contentHash: string
  title: string
  paragraphs: string[]
  keys: string[]
}

/** The stored shape of db/records AnnotationRecord, written straight into IndexedDB. */
export type AnnotationRow = {
  id: string
  releaseId: string
  paragraphId: string
  quote: { exact: string; prefix: string; suffix: string }
  position: { start: number; end: number }
  color: string
  note: string
  tagIds: string[]
  needsReview: boolean
  createdAt: number
  updatedAt: number
}

/**
 * Yellow, green, blue and pink of the reader's palette (features/reader/colours.ts, which
 * the Node configuration this bench is checked with cannot import).
 */
const COLOURS = ['#f2c94c', '#6fcf97', '#5fa8e8', '#ee86b8']
/** A fixed date (2025-01-01T00:00:00Z), so the rows are the same on every run. */
const CREATED_AT = 1_735_689_600_000

/** releases-repo paragraphIdFor: the release and the paragraph's stored key. */
export const paragraphId = (release: ReleaseText, index: number): string =>
  `${release.id}:${release.keys[index]!}`

/**
 * `count` annotations on `release`, a pure function of the release and the seed.
 * Colours are the reader's own; every third one carries a note, as the side panel shows notes.
 */
export function makeAnnotations(
  release: ReleaseText,
  count: number,
  seed: number,
): AnnotationRow[] {
  const random = mulberry32(seed)
  const pick = (n: number) => Math.floor(random() * n)
  const words = release.paragraphs.map((p) => [...p.matchAll(/\S+/g)])
  const usable = words.flatMap((w, i) => (w.length > 0 ? [i] : []))
  if (usable.length === 0) throw new Error(`release ${release.id} has no words to annotate`)

  const rows: AnnotationRow[] = []
  for (let i = 0; i < count; i++) {
    const index = usable[pick(usable.length)]!
    const paragraphWords = words[index]!
    const length = Math.min(MIN_WORDS + pick(MAX_WORDS - MIN_WORDS + 1), paragraphWords.length)
    const from = pick(paragraphWords.length - length + 1)
    const first = paragraphWords[from]!
    const last = paragraphWords[from + length - 1]!
    const at = CREATED_AT + i * 1000
    rows.push({
      id: uuid(random),
      releaseId: release.id,
      paragraphId: paragraphId(release, index),
      ...selectorsFor(
        release.title,
        release.paragraphs,
        index,
        first.index,
        last.index + last[0].length,
      ),
      color: COLOURS[pick(COLOURS.length)]!,
      note: i % 3 === 0 ? `Bench note ${i + 1}: compare with the previous communiqué.` : '',
      tagIds: [],
      needsReview: false,
      createdAt: at,
      updatedAt: at,
    })
  }
  return rows
}

/**
 * Checks that every row is what makeAnnotations promises: its position holds
 * its quote in the reading text, inside one paragraph whose id it carries, on
 * whole words, 3-20 of them (fewer only in a shorter paragraph). The first
 * mismatch in words, or null.
 */
export function checkAnnotations(release: ReleaseText, rows: AnnotationRow[]): string | null {
  const text = readingText(release.title, release.paragraphs)
  const paragraphs = paragraphStarts(release.title, release.paragraphs).map((start, index) => ({
    index,
    start,
    end: start + release.paragraphs[index]!.length,
    words: release.paragraphs[index]!.split(/\s+/).filter(Boolean).length,
  }))
  for (const row of rows) {
    const { start, end } = row.position
    const paragraph = paragraphs.find((p) => p.start <= start && end <= p.end)
    const words = row.quote.exact.split(/\s+/).length
    if (!paragraph) return `${row.id}: [${start}, ${end}) is not inside one paragraph`
    if (row.paragraphId !== paragraphId(release, paragraph.index))
      return `${row.id}: ${row.paragraphId} is not the id of paragraph ${paragraph.index + 1}`
    if (text.slice(start, end) !== row.quote.exact)
      return `${row.id}: the text at [${start}, ${end}) is not its quote`
    if (/\S/.test(text[start - 1] ?? '') || /\S/.test(text[end] ?? ''))
      return `${row.id}: [${start}, ${end}) cuts a word`
    if (words > MAX_WORDS || words < Math.min(MIN_WORDS, paragraph.words))
      return `${row.id}: ${words} words`
  }
  return null
}

/** A version 4 UUID from the seeded generator. */
function uuid(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16))
  hex[12] = '4'
  hex[16] = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)
  const s = hex.join('')
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`
}
