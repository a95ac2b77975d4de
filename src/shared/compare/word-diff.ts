/**
 * A word-level diff of two texts (a paragraph and its counterpart in another version), by
 * diff-match-patch over words: each word, and each run of what lies between words, is coded as
 * one character (the library's line mode, applied to words), diffed, cleaned up for people to
 * read (`diff_cleanupSemantic`), and decoded. So a change is always whole words, and a changed
 * word next to an unchanged one reads as that word deleted and its replacement inserted.
 */
import DiffMatchPatch from 'diff-match-patch'
import { WORD_RUN } from '../text/tokens'

export type DiffPart = { kind: 'same' | 'deleted' | 'inserted'; text: string }

/** Code units from U+0100 to U+FFFF less the surrogates. */
const MAX_PIECES = 0xffff - 0x100 - 0x800

const KINDS = { [-1]: 'deleted', 0: 'same', 1: 'inserted' } as const

/**
 * The texts' differences, in order: every character of `before` is in a same or deleted part,
 * every character of `after` in a same or inserted one.
 */
export function wordDiff(before: string, after: string): DiffPart[] {
  const codes = new Map<string, string>()
  const pieces: string[] = []
  const encode = (text: string) => {
    let out = ''
    for (const piece of piecesOf(text)) {
      let code = codes.get(piece)
      if (code === undefined) {
        // Code units from U+0100 up, skipping the surrogates, as line mode does.
        let unit = pieces.length + 0x100
        if (unit >= 0xd800) unit += 0x800
        code = String.fromCharCode(unit)
        codes.set(piece, code)
        pieces.push(piece)
      }
      out += code
    }
    return out
  }
  const dmp = new DiffMatchPatch()
  dmp.Diff_Timeout = 0
  const codedBefore = encode(before)
  const codedAfter = encode(after)
  // More distinct pieces than code units: a character diff (never for a release's paragraphs).
  if (pieces.length > MAX_PIECES) return decoded(dmp, dmp.diff_main(before, after, false), (t) => t)
  const diffs = dmp.diff_main(codedBefore, codedAfter, false)
  return decoded(dmp, diffs, (coded) => {
    let text = ''
    for (const unit of coded) {
      let index = unit.charCodeAt(0) - 0x100
      if (index >= 0xd800 - 0x100) index -= 0x800
      text += pieces[index]!
    }
    return text
  })
}

/** Cleaned up for reading, decoded, and adjacent parts of a kind joined. */
function decoded(
  dmp: DiffMatchPatch,
  diffs: DiffMatchPatch.Diff[],
  decode: (coded: string) => string,
): DiffPart[] {
  dmp.diff_cleanupSemantic(diffs)
  const parts: DiffPart[] = []
  for (const [op, coded] of diffs) {
    const text = decode(coded)
    const kind = KINDS[op as -1 | 0 | 1]
    const last = parts[parts.length - 1]
    if (last?.kind === kind) last.text += text
    else if (text) parts.push({ kind, text })
  }
  return parts
}

/** Words and the runs between them, in order. */
function piecesOf(text: string): string[] {
  const out: string[] = []
  let at = 0
  for (const match of text.matchAll(WORD_RUN)) {
    if (match.index > at) out.push(text.slice(at, match.index))
    out.push(match[0])
    at = match.index + match[0].length
  }
  if (at < text.length) out.push(text.slice(at))
  return out
}

/** A diff as marks on one paragraph of the newer text: inserted ranges, deleted words by place. */
export type ParagraphDiff = {
  inserted: { start: number; end: number }[]
  deleted: { at: number; text: string }[]
}

/**
 * The diff of `before` against the paragraphs `after` (compared joined by a space, as one
 * aligned cell), cut up by paragraph, in each paragraph's own offsets. Deleted words at a
 * paragraph break go with the paragraph before it.
 */
export function diffByParagraph(before: string, after: readonly string[]): ParagraphDiff[] {
  const out: ParagraphDiff[] = after.map(() => ({ inserted: [], deleted: [] }))
  const starts: number[] = []
  let length = 0
  for (const paragraph of after) {
    starts.push(length)
    length += paragraph.length + 1
  }
  const paragraphAt = (offset: number) => {
    let p = 0
    while (p + 1 < after.length && offset > starts[p]! + after[p]!.length) p++
    return p
  }
  let at = 0
  for (const part of wordDiff(before, after.join(' '))) {
    if (part.kind === 'deleted') {
      const p = paragraphAt(at)
      if (out[p])
        out[p].deleted.push({ at: Math.min(at - starts[p]!, after[p]!.length), text: part.text })
      continue
    }
    const end = at + part.text.length
    if (part.kind === 'inserted') {
      after.forEach((paragraph, p) => {
        const from = Math.max(at, starts[p]!) - starts[p]!
        const to = Math.min(end, starts[p]! + paragraph.length) - starts[p]!
        if (to > from) out[p]!.inserted.push({ start: from, end: to })
      })
    }
    at = end
  }
  return out
}
