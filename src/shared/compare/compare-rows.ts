/**
 * The rows of the compare view: two to four releases' paragraphs laid out so that aligned
 * paragraphs share a row, and a paragraph without a partner has a row with gaps beside it.
 *
 * Every release after the first is aligned with the first (`alignParagraphs`). A row holds one
 * or more consecutive paragraphs of the first release (more when a paragraph of another release
 * stands for two of them) and, in each other column, the paragraphs aligned with them. A
 * paragraph of another release aligned with nothing in the first gets a row of its own before
 * the first release's next paragraph; such paragraphs of several releases share those rows.
 */
import { alignParagraphs } from './align'

/** The most releases compared side by side. */
export const MAX_COMPARED = 4

/** A column's part of a row: its paragraphs (indexes), and where a lone paragraph moved. */
export type CompareCell = {
  paragraphs: number[]
  /** For a paragraph with no partner in order: its partner elsewhere in the other column. */
  moved: { column: number; paragraph: number } | null
  /** Similarity to the first release's paragraphs in the row (1 in the first column). */
  similarity: number
  /** The same words as the first column's, in the same order. */
  identical: boolean
}

export type CompareRow = { cells: (CompareCell | null)[] }

/**
 * Rows for releases given as their paragraphs' texts, the first release the one others follow.
 * `translations[k]`: release k is in another language than the first, and is aligned with it
 * as a translation.
 */
export function compareRows(
  releases: readonly (readonly string[])[],
  translations: readonly boolean[] = [],
): CompareRow[] {
  const first = releases[0] ?? []
  const others = releases
    .slice(1)
    .map((paragraphs, k) =>
      alignParagraphs(first, paragraphs, translations[k + 1] ? 'translations' : 'versions'),
    )
  // Rows of the first column: a paragraph starts one unless an alignment joins it to the one
  // before it.
  const joined = new Uint8Array(first.length)
  for (const rows of others) {
    for (const row of rows)
      if (row.kind === 'pair' && row.left.length === 2) joined[row.left[1]!] = 1
  }
  const rowOfParagraph = new Int32Array(first.length)
  const groups: number[][] = []
  first.forEach((_, p) => {
    if (!joined[p] || groups.length === 0) groups.push([])
    groups[groups.length - 1]!.push(p)
    rowOfParagraph[p] = groups.length - 1
  })

  // The main rows, and the lone paragraphs of the other columns before each (at the end: after
  // the last).
  const main: CompareRow[] = groups.map((paragraphs) => ({
    cells: [{ paragraphs, moved: null, similarity: 1, identical: true }, ...others.map(() => null)],
  }))
  const before: CompareCell[][][] = Array.from({ length: main.length + 1 }, () =>
    others.map(() => []),
  )
  others.forEach((rows, k) => {
    const column = k + 1
    let nextRow = 0
    for (const row of rows) {
      if (row.kind === 'pair') {
        const target = main[rowOfParagraph[row.left[0]!]!]!
        const cell = target.cells[column]
        if (cell) {
          cell.paragraphs.push(...row.right)
          cell.identical = false
          cell.similarity = Math.min(cell.similarity, row.similarity)
        } else {
          target.cells[column] = {
            paragraphs: [...row.right],
            moved: null,
            similarity: row.similarity,
            identical: row.identical && target.cells[0]!.paragraphs.length === 1,
          }
        }
        nextRow = rowOfParagraph[row.left[row.left.length - 1]!]! + 1
      } else if (row.kind === 'left') {
        // A gap in this column; the first column's paragraph notes where it went.
        if (row.moved !== null) {
          const cell = main[rowOfParagraph[row.paragraph]!]!.cells[0]!
          cell.moved ??= { column, paragraph: row.moved }
        }
        nextRow = rowOfParagraph[row.paragraph]! + 1
      } else {
        before[nextRow]![k]!.push({
          paragraphs: [row.paragraph],
          moved: row.moved === null ? null : { column: 0, paragraph: row.moved },
          similarity: row.similarity,
          identical: false,
        })
      }
    }
  })
  const out: CompareRow[] = []
  const lone = (at: number) => {
    const lists = before[at]!
    const count = Math.max(0, ...lists.map((l) => l.length))
    for (let i = 0; i < count; i++) out.push({ cells: [null, ...lists.map((l) => l[i] ?? null)] })
  }
  main.forEach((row, r) => {
    lone(r)
    out.push(row)
  })
  lone(main.length)
  return out
}
