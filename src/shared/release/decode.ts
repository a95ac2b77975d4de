/**
 * Bytes to text. This first version knows UTF-8 (with or without a BOM) and
 * UTF-16 with a BOM; it never loses text silently: where bytes are not valid
 * UTF-8 they are replaced and the count is reported, so the importer can warn.
 */

export type DecodedText = {
  text: string
  /** WHATWG encoding label of what was decoded. */
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be'
  hadBom: boolean
  /** How many invalid byte sequences became U+FFFD. */
  replacements: number
}

export function decodeBytes(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return decodeWith('utf-8', bytes.subarray(3), true)
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return decodeWith('utf-16le', bytes.subarray(2), true)
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return decodeWith('utf-16be', bytes.subarray(2), true)
  }
  return decodeWith('utf-8', bytes, false)
}

function decodeWith(
  encoding: DecodedText['encoding'],
  bytes: Uint8Array,
  hadBom: boolean,
): DecodedText {
  // ignoreBOM: the BOM has been handled above; a U+FEFF after it is content.
  try {
    const text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes)
    return { text, encoding, hadBom, replacements: 0 }
  } catch {
    const text = new TextDecoder(encoding, { fatal: false, ignoreBOM: true }).decode(bytes)
    return { text, encoding, hadBom, replacements: countReplacements(text) }
  }
}

function countReplacements(text: string): number {
  let count = 0
  for (const ch of text) if (ch === '\uFFFD') count++
  return count
}
