/**
 * A release's text as the archive stores it: its paragraphs, their stable
 * keys and the decoded text exactly as received, in one block on the
 * release's row, so a release is one row however many paragraphs it has.
 *
 * The block is one marker byte (PLAIN) and the body as UTF-8 JSON. Schema
 * versions 3 and 4 wrote it as raw deflate (RFC 1951) instead, and those
 * blocks still read: the marker's bits name deflate's reserved block type, so
 * no deflate stream starts with it. Compressing cost the import more than
 * anything else but parsing (about 0.45 ms of a core per release, with
 * fflate), while IndexedDB's own storage compresses its blocks: at 10,000
 * releases the archive was 25% larger without it and the import 37% faster
 * (bench/import).
 */
import { inflateSync, strFromU8 } from 'fflate'

export type ReleaseBody = {
  /** Reading-text paragraphs, in order (the title is not one of them). */
  paragraphs: string[]
  /** Each paragraph's stable key (shared/release/paragraph-ids), as stored when it was imported. */
  keys: string[]
  /** The decoded text exactly as received, for provenance. */
  original: string
}

/** First byte of a plain block: 0b110 is a non-final deflate block of the reserved type 11. */
export const PLAIN = 0x06

const UTF8 = new TextEncoder()

export function encodeBody(body: ReleaseBody): Uint8Array {
  checkBody(body)
  const json = UTF8.encode(JSON.stringify(body))
  const block = new Uint8Array(json.byteLength + 1)
  block[0] = PLAIN
  block.set(json, 1)
  return block
}

export function decodeBody(block: Uint8Array): ReleaseBody {
  let value: unknown
  try {
    const text = block[0] === PLAIN ? strFromU8(block.subarray(1)) : strFromU8(inflateSync(block))
    value = JSON.parse(text)
  } catch {
    value = null
  }
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
