/**
 * Archive schema version 3: a release's text moves onto its row, and the
 * bookkeeping of imports moves into one row per batch.
 *
 * Version 2 kept a row per paragraph, a row for the original text, sixteen
 * band keys in a multi-entry index on every release and a row per imported
 * file in the log. Version 3 keeps the paragraphs, their keys and the original
 * text in one `body` on the release row (shared/release/body), the
 * band keys as numbers in one row per batch of releases
 * (shared/release/band-table), and the log in one row per batch of files.
 * Paragraph keys are carried over as they were, not recomputed: annotations
 * and tags may point at them.
 */
import { bandNumbers } from '../band-table'
import { encodeBody } from '../body'
import { fingerprint } from '../similarity'

export type ReleaseRowV2 = {
  id: string
  title: string
  lsh?: string[]
  [field: string]: unknown
}

export type ReleaseRowV3 = {
  id: string
  title: string
  body: Uint8Array
  [field: string]: unknown
}

export type ParagraphRowV2 = { id: string; n: number; text: string }

export type ImportLogRowV2 = {
  seq?: number
  batchId: string
  at: number
  fileName: string
  outcome: string
  message: string
  releaseId: string | null
  mixedScriptWords?: number
}

export type ImportLogChunkV3 = {
  importId: string
  chunk: number
  at: number
  entries: {
    fileName: string
    outcome: string
    message: string
    releaseId: string | null
    mixedScriptWords: number
  }[]
}

/** Files per log row: the import's batch size. */
export const LOG_CHUNK_SIZE = 200

/**
 * A version-2 release row with its paragraph rows (any order) and original
 * text, as a version-3 row, and the band numbers that leave the row.
 */
export function upgradeReleaseToV3(
  row: ReleaseRowV2,
  paragraphs: readonly ParagraphRowV2[],
  original: string | undefined,
): { row: ReleaseRowV3; bands: Uint32Array } {
  const ordered = [...paragraphs].sort((a, b) => a.n - b.n)
  const texts = ordered.map((p) => p.text)
  const prefix = `${row.id}:`
  const keys = ordered.map((p) => (p.id.startsWith(prefix) ? p.id.slice(prefix.length) : p.id))
  const lsh = row.lsh ?? fingerprint(row.title, texts).lsh
  const { lsh: dropped, ...rest } = row
  return {
    row: {
      ...rest,
      body: encodeBody({
        paragraphs: texts,
        keys,
        original: original ?? [row.title, ...texts].join('\n\n'),
      }),
    },
    bands: bandNumbers(lsh),
  }
}

/** One import's version-2 log rows as version-3 chunks, in the order the files were logged. */
export function logChunksV3(importId: string, rows: readonly ImportLogRowV2[]): ImportLogChunkV3[] {
  const ordered = [...rows].sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0))
  const chunks: ImportLogChunkV3[] = []
  for (let start = 0; start < ordered.length; start += LOG_CHUNK_SIZE) {
    const slice = ordered.slice(start, start + LOG_CHUNK_SIZE)
    chunks.push({
      importId,
      chunk: chunks.length,
      at: slice[0]?.at ?? 0,
      entries: slice.map((r) => ({
        fileName: r.fileName,
        outcome: r.outcome,
        message: r.message,
        releaseId: r.releaseId,
        mixedScriptWords: r.mixedScriptWords ?? 0,
      })),
    })
  }
  return chunks
}
