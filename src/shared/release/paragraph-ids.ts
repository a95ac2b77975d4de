/**
 * Stable keys for the paragraphs of a release. Annotations point at these keys, so a key depends
 * only on the paragraph's own text and on how many identical paragraphs came before it in the
 * same release — never on its position. Inserting, deleting or moving other paragraphs leaves a
 * paragraph's key unchanged; editing the paragraph itself gives it a new key.
 *
 * Key format: `p` + the text hash, and `-2`, `-3`… for the second, third identical paragraph.
 * The storage layer prefixes keys with the release id.
 */
import { base36 } from './base36'

/**
 * cyrb53, a fast non-cryptographic 53-bit string hash by bryc (public domain,
 * https://github.com/bryc/code/blob/master/jshash/experimental/cyrb53.js). Two 32-bit lanes
 * mixed with Math.imul, combined into a number below 2^53 so it is exact in a double. It hashes
 * UTF-16 code units; callers pass normalised (NFC) text so equal text gives equal hashes.
 */
function cyrb53(text: string, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed
  let h2 = 0x41c6ce57 ^ seed
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i)
    h1 = Math.imul(h1 ^ ch, 2654435761)
    h2 = Math.imul(h2 ^ ch, 1597334677)
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507)
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507)
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  return 4294967296 * (2097151 & h2) + (h1 >>> 0)
}

/** Base-36 length of 2^53 - 1, so every hash has the same width. */
const HASH_WIDTH = 11

/** The 53-bit cyrb53 hash of the text as 11 base-36 characters (fixed width, lower case). */
export function hashText(text: string): string {
  return base36(cyrb53(text), HASH_WIDTH)
}

/** One key per paragraph, in order; equal paragraphs get `-2`, `-3`… by occurrence. */
export function paragraphKeys(paragraphs: string[]): string[] {
  const seen = new Map<string, number>()
  return paragraphs.map((paragraph) => {
    const base = `p${hashText(paragraph)}`
    const count = (seen.get(base) ?? 0) + 1
    seen.set(base, count)
    return count === 1 ? base : `${base}-${count}`
  })
}
