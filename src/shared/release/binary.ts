/**
 * Whether a dropped file is binary rather than text, so the importer rejects
 * it instead of storing pages of mojibake. People rename files freely (a PNG
 * or a .gz saved as .txt), so the extension proves nothing; the bytes decide.
 *
 * Two kinds of evidence:
 *  - a known file signature at offset 0 (images, PDF, archives, executables,
 *    databases, office containers);
 *  - NUL bytes. Plain text in UTF-8 or a legacy code page never contains NUL,
 *    while UTF-16 text is full of them, so NULs count only when the text is not
 *    UTF-16 or UTF-32.
 */
import { sniffUtf16 } from './decode'

/** Parts of a signature: a byte, ASCII text, or null for any byte. */
type Signature = { name: string; offset?: number; bytes: (number | string | null)[] }

/**
 * Magic numbers from the formats' specifications. Entries that are plain
 * ASCII and could begin a sentence ("MZ", "BZh", "PK") carry enough following
 * bytes to make a coincidence impossible in real prose.
 */
const SIGNATURES: Signature[] = [
  { name: 'PNG', bytes: [0x89, 'PNG', 0x0d, 0x0a, 0x1a, 0x0a] },
  { name: 'GIF', bytes: ['GIF87a'] },
  { name: 'GIF', bytes: ['GIF89a'] },
  { name: 'JPEG', bytes: [0xff, 0xd8, 0xff] },
  { name: 'PDF', bytes: ['%PDF-'] },
  { name: 'ZIP', bytes: ['PK', 0x03, 0x04] },
  { name: 'ZIP (empty)', bytes: ['PK', 0x05, 0x06] },
  { name: 'ZIP (spanned)', bytes: ['PK', 0x07, 0x08] },
  { name: 'GZIP', bytes: [0x1f, 0x8b, 0x08] },
  { name: '7z', bytes: ['7z', 0xbc, 0xaf, 0x27, 0x1c] },
  { name: 'RAR', bytes: ['Rar!', 0x1a, 0x07] },
  { name: 'XZ', bytes: [0xfd, '7zXZ', 0x00] },
  { name: 'Zstandard', bytes: [0x28, 0xb5, 0x2f, 0xfd] },
  { name: 'BZIP2', bytes: ['BZh'] },
  { name: 'ELF', bytes: [0x7f, 'ELF'] },
  { name: 'Mach-O', bytes: [0xfe, 0xed, 0xfa, 0xce] },
  { name: 'Mach-O', bytes: [0xfe, 0xed, 0xfa, 0xcf] },
  { name: 'Mach-O', bytes: [0xce, 0xfa, 0xed, 0xfe] },
  { name: 'Mach-O', bytes: [0xcf, 0xfa, 0xed, 0xfe] },
  { name: 'Mach-O universal / Java class', bytes: [0xca, 0xfe, 0xba, 0xbe] },
  { name: 'SQLite', bytes: ['SQLite format 3', 0x00] },
  { name: 'WebAssembly', bytes: [0x00, 'asm'] },
  {
    name: 'OLE compound file (doc, xls, msg)',
    bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
  },
  { name: 'TIFF', bytes: ['II*', 0x00] },
  { name: 'TIFF', bytes: ['MM', 0x00, '*'] },
  { name: 'WebP', bytes: ['RIFF', null, null, null, null, 'WEBP'] },
  { name: 'WAV', bytes: ['RIFF', null, null, null, null, 'WAVE'] },
  { name: 'AVI', bytes: ['RIFF', null, null, null, null, 'AVI '] },
  { name: 'Ogg', bytes: ['OggS', 0x00] },
  { name: 'MP3 (ID3)', bytes: ['ID3', 0x03] },
  { name: 'MP3 (ID3)', bytes: ['ID3', 0x04] },
  { name: 'ISO media (MP4, MOV, HEIC)', offset: 4, bytes: ['ftyp'] },
  { name: 'WOFF', bytes: ['wOFF'] },
  { name: 'WOFF2', bytes: ['wOF2'] },
  { name: 'ICO', bytes: [0x00, 0x00, 0x01, 0x00] },
  { name: 'tar', offset: 257, bytes: ['ustar'] },
]

const ANY_BYTE = -1

const COMPILED = SIGNATURES.map(({ name, offset = 0, bytes }) => ({
  name,
  offset,
  bytes: bytes.flatMap((part) =>
    part === null
      ? [ANY_BYTE]
      : typeof part === 'number'
        ? [part]
        : Array.from(part, (ch) => ch.charCodeAt(0)),
  ),
}))

/** Name of the binary format whose signature the bytes start with, or null. */
export function binarySignature(bytes: Uint8Array): string | null {
  for (const signature of COMPILED) {
    if (!matchesAt(bytes, signature.offset, signature.bytes)) continue
    if (signature.name === 'BZIP2' && !isBzip2(bytes)) continue
    return signature.name
  }
  if (isWindowsExecutable(bytes)) return 'Windows executable'
  return null
}

/**
 * True for bytes that are not text. `decodedEncoding` is the encoding the
 * decoder chose; without it, a BOM or the UTF-16 zero-byte pattern marks
 * UTF-16 text.
 */
export function isBinary(bytes: Uint8Array, decodedEncoding?: string): boolean {
  if (binarySignature(bytes) !== null) return true
  if (!bytes.includes(0)) return false
  const encoding = decodedEncoding?.toLowerCase() ?? sniffUnicodeWithZeros(bytes)
  if (encoding && /^utf-?(16|32)/.test(encoding)) return false
  return true
}

function sniffUnicodeWithZeros(bytes: Uint8Array): string | null {
  if (
    matchesAt(bytes, 0, [0xff, 0xfe, 0x00, 0x00]) ||
    matchesAt(bytes, 0, [0x00, 0x00, 0xfe, 0xff])
  ) {
    return 'utf-32'
  }
  if (matchesAt(bytes, 0, [0xff, 0xfe]) || matchesAt(bytes, 0, [0xfe, 0xff])) return 'utf-16'
  return sniffUtf16(bytes)
}

/** "BZh", a block size digit, then the block magic (pi) or the end-of-stream magic (sqrt pi). */
function isBzip2(bytes: Uint8Array): boolean {
  const level = bytes[3]
  if (level === undefined || level < 0x31 || level > 0x39) return false
  return (
    matchesAt(bytes, 4, [0x31, 0x41, 0x59, 0x26, 0x53, 0x59]) ||
    matchesAt(bytes, 4, [0x17, 0x72, 0x45, 0x38, 0x50, 0x90])
  )
}

/**
 * "MZ" alone could start a line of text, so the DOS header must also point
 * (at offset 0x3C) to a "PE\0\0" header, or a short stub must contain the
 * NUL-padded header fields no text has.
 */
function isWindowsExecutable(bytes: Uint8Array): boolean {
  if (bytes[0] !== 0x4d || bytes[1] !== 0x5a || bytes.length < 0x40) return false
  const peOffset = bytes[0x3c]! | (bytes[0x3d]! << 8) | (bytes[0x3e]! << 16) | (bytes[0x3f]! << 24)
  if (peOffset > 0 && matchesAt(bytes, peOffset, [0x50, 0x45, 0x00, 0x00])) return true
  return bytes.subarray(0, 0x40).includes(0)
}

function matchesAt(bytes: Uint8Array, offset: number, expected: number[]): boolean {
  if (offset + expected.length > bytes.length) return false
  for (let k = 0; k < expected.length; k++) {
    if (expected[k] !== ANY_BYTE && bytes[offset + k] !== expected[k]) return false
  }
  return true
}
