/**
 * A release's text as the archive stores it: its paragraphs, their stable
 * keys and the decoded text exactly as received, in one compressed block on
 * the release's row.
 *
 * Why one compressed block: an import writes a few thousand releases a second,
 * and IndexedDB's cost grows with every row and every byte written. One row
 * per release instead of one per paragraph, and deflate on text that is mostly
 * written twice (the paragraphs and the original they came from), keep the
 * archive small and the import fast (bench/import measures both). A reader opens one release at a time, so inflating a
 * few kilobytes on open costs nothing anyone sees.
 *
 * The block is raw deflate (RFC 1951) of the body as JSON, written and read
 * with fflate. It is synchronous, so it also works inside a database upgrade
 * transaction, and in a worker it costs less than the platform's
 * CompressionStream, whose per-call stream machinery outweighs the deflate
 * itself on a few kilobytes.
 */
import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate'

export type ReleaseBody = {
  /** Reading-text paragraphs, in order (the title is not one of them). */
  paragraphs: string[]
  /** Each paragraph's stable key (shared/release/paragraph-ids), as stored when it was imported. */
  keys: string[]
  /** The decoded text exactly as received, for provenance. */
  original: string
}

export function encodeBody(body: ReleaseBody): Uint8Array {
  checkBody(body)
  return deflateSync(strToU8(JSON.stringify(body)), { level: 6 })
}

export function decodeBody(block: Uint8Array): ReleaseBody {
  const value: unknown = JSON.parse(strFromU8(inflateSync(block)))
  if (!isBody(value)) throw new Error('the stored release text is damaged')
  return value
}

function checkBody(body: ReleaseBody): void {
  if (body.keys.length !== body.paragraphs.length) {
    throw new Error(
      `a release body needs one key per paragraph (${body.keys.length} keys, ${body.paragraphs.length} paragraphs)`,
    )
  }
}

function isBody(value: unknown): value is ReleaseBody {
  if (typeof value !== 'object' || value === null) return false
  const v = value as Record<string, unknown>
  return (
    Array.isArray(v.paragraphs) &&
    Array.isArray(v.keys) &&
    v.keys.length === v.paragraphs.length &&
    v.paragraphs.every((p) => typeof p === 'string') &&
    v.keys.every((k) => typeof k === 'string') &&
    typeof v.original === 'string'
  )
}
