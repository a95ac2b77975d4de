/** Two lowercase hex digits for every byte value. */
const HEX_BYTES = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'))

/**
 * SHA-256 of a file's original bytes, as lowercase hex. It identifies a
 * release's content: the same bytes imported twice are one release.
 * Uses Web Crypto, which browsers, workers and Node all provide.
 */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>)
  let hex = ''
  for (const byte of new Uint8Array(digest)) hex += HEX_BYTES[byte]
  return hex
}
