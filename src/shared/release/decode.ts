/**
 * Bytes to text for the release importer. Files arrive saved from ministry
 * websites over many years, so the encoding is anything from UTF-8 to
 * windows-1251, KOI8-R, GB18030 or Big5, and nothing says which. The rule is
 * that decoding is never silently lossy: the text is returned exactly as
 * received (only a BOM is removed) and every invalid byte sequence that had to
 * become U+FFFD is counted, so the importer can warn.
 *
 * The order of evidence, strongest first:
 *  1. a byte order mark (UTF-8, UTF-16LE, UTF-16BE);
 *  2. UTF-16 without a BOM, recognised by zero bytes in one byte position only
 *     and checked to read as text;
 *  3. the bytes are valid UTF-8 (a legacy code page almost never is by accident);
 *  4. the bytes are UTF-8 except for a few broken sequences ("nearly UTF-8");
 *  5. a charset the caller read from an HTML meta tag, if it decodes cleanly;
 *  6. statistical detection (jschardet, a port of Python chardet) restricted to
 *     the code pages this archive meets, with a letter-case check that settles
 *     windows-1251 against KOI8-R and CP866;
 *  7. UTF-8 with replacements, counted.
 *
 * "Nearly UTF-8" goes before the declared charset on purpose: a page converted
 * to UTF-8 by an editor often keeps its old meta tag, and a single-byte code
 * page decodes any bytes "without errors", so the tag alone cannot outweigh
 * hundreds of well-formed multi-byte sequences.
 */
import { detect } from 'jschardet'

export type DecodedText = {
  /** The decoded text exactly as received: BOM removed, nothing else changed. */
  text: string
  /** WHATWG encoding name, lower case: 'utf-8', 'utf-16le', 'windows-1251', 'gb18030', ... */
  encoding: string
  hadBom: boolean
  /** How many invalid byte sequences became U+FFFD. */
  replacements: number
  /** True when the encoding is a statistical guess rather than a BOM, valid UTF-8 or a declaration. */
  detected: boolean
}

export type DecodeOptions = {
  /** Charset named by the document itself, e.g. an HTML `<meta charset>`; any common label. */
  declaredCharset?: string | null
}

/**
 * Encodings the detector may choose from: the legacy code pages of English,
 * Russian and Chinese official sites. A short list is deliberate: on a short
 * English text with one curly quote an unrestricted detector picks DOS or Mac
 * code pages that no ministry site ever served.
 */
const DETECTABLE = ['windows-1252', 'windows-1251', 'koi8-r', 'cp866', 'gb18030', 'big5'] as const

/** The Cyrillic single-byte code pages the letter-case check compares. */
const CYRILLIC_CODE_PAGES = ['windows-1251', 'koi8-r', 'ibm866'] as const

/** How much of the file the zero-byte and UTF-8 statistics look at. */
const SAMPLE_BYTES = 64 * 1024

export function decodeBytes(bytes: Uint8Array, options: DecodeOptions = {}): DecodedText {
  const bom = bomOf(bytes)
  if (bom) return decodeWith(bom.encoding, bytes.subarray(bom.length), true, false)

  // Before strict UTF-8: UTF-16 of English or Russian text is made only of
  // bytes below 0x80 and so passes as "valid UTF-8" full of NULs, which real
  // UTF-8 text never contains.
  const utf16 = sniffUtf16(bytes)
  if (utf16) return decodeWith(utf16, bytes, false, true)

  const strictUtf8 = tryDecodeStrict('utf-8', bytes)
  if (strictUtf8 !== null) {
    return { text: strictUtf8, encoding: 'utf-8', hadBom: false, replacements: 0, detected: false }
  }

  if (isNearlyUtf8(bytes)) return decodeWith('utf-8', bytes, false, false)

  const declared = options.declaredCharset ? normaliseCharset(options.declaredCharset) : null
  // A meta tag claiming UTF-16 is ignored as browsers do: a page read as ASCII
  // to find the tag cannot be UTF-16. UTF-8 has already failed above.
  if (declared && !declared.startsWith('utf-')) {
    const text = tryDecodeStrict(declared, bytes)
    if (text !== null) {
      return { text, encoding: declared, hadBom: false, replacements: 0, detected: false }
    }
  }

  const guessed = detectLegacyEncoding(bytes)
  if (guessed) return decodeWith(guessed, bytes, false, true)

  return decodeWith('utf-8', bytes, false, false)
}

/**
 * A charset label as written in a meta tag, a header or by a detector, turned
 * into the WHATWG encoding name TextDecoder uses; null when no decoder exists.
 * GBK and GB2312 become gb18030 (the same decoder, and the superset).
 */
export function normaliseCharset(label: string): string | null {
  const cleaned = label
    .trim()
    .replace(/^["']|["']$/g, '')
    .trim()
    .toLowerCase()
  if (!cleaned) return null
  const candidates = [
    cleaned,
    cleaned.replace(/_/g, '-'),
    // 'utf-16-le', 'utf-8-sig' (Python names)
    cleaned.replace(
      /^utf-?(8|16|32)-?(le|be)?(-sig)?$/,
      (_m, bits, order) => `utf-${bits}${order ?? ''}`,
    ),
    // 'windows1251', 'cp-1251', 'win-1251', 'win1251'
    cleaned.replace(/^(?:windows|win|cp)[-_]?(\d{3,4})$/, 'windows-$1'),
    cleaned.replace(/^(?:cp|ibm)[-_]?(866)$/, 'ibm866'),
    cleaned.replace(/^mac-?cyrillic$/, 'x-mac-cyrillic'),
  ]
  for (const candidate of candidates) {
    const name = whatwgName(candidate)
    if (name) return name === 'gbk' ? 'gb18030' : name
  }
  return null
}

/**
 * UTF-16 without a BOM: ASCII characters (spaces, digits, line breaks) put a
 * zero byte in the high half of their code unit, so one byte position is full
 * of zeros and the other has almost none. Text in a single-byte or multi-byte
 * legacy code page has no zero bytes at all. The decoded sample must also look
 * like text, which rules out binary files with 16-bit fields.
 */
export function sniffUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const sample = bytes.subarray(0, Math.min(bytes.length, SAMPLE_BYTES) & ~1)
  if (sample.length < 4) return null
  // Without a zero byte there is nothing to count (and most files have none).
  if (sample.indexOf(0) === -1) return null
  let evenZeros = 0
  let oddZeros = 0
  for (let i = 0; i < sample.length; i += 2) {
    if (sample[i] === 0) evenZeros++
    if (sample[i + 1] === 0) oddZeros++
  }
  const units = sample.length / 2
  let encoding: 'utf-16le' | 'utf-16be' | null = null
  // At least 2% of code units ASCII, and the other position at most a tenth
  // as many zeros (CJK code points like U+4E00 do end in a zero byte).
  if (oddZeros >= units * 0.02 && evenZeros * 10 <= oddZeros) encoding = 'utf-16le'
  else if (evenZeros >= units * 0.02 && oddZeros * 10 <= evenZeros) encoding = 'utf-16be'
  if (!encoding) return null
  // A sample cut inside a surrogate pair is not an error.
  const text = tryDecodeStrict(encoding, sample, true)
  return text !== null && looksLikeText(text) ? encoding : null
}

function detectLegacyEncoding(bytes: Uint8Array): string | null {
  const result = detect(bytes, { detectEncodings: [...DETECTABLE] })
  const guessed = result.encoding ? normaliseCharset(result.encoding) : null
  if (!guessed) return null
  if ((CYRILLIC_CODE_PAGES as readonly string[]).includes(guessed)) {
    return bestCyrillicCodePage(bytes, guessed)
  }
  return guessed
}

/**
 * windows-1251, KOI8-R and CP866 put the Russian alphabet at different byte
 * values, and decoding with the wrong one swaps upper and lower case or turns
 * letters into box-drawing signs. Russian prose is mostly lower-case letters
 * (capitals start sentences, names and acronyms), so the code page that yields
 * the most lower-case Cyrillic among its non-ASCII characters is the right one.
 * The detector's choice stands unless another code page is clearly better.
 */
export function bestCyrillicCodePage(bytes: Uint8Array, guessed: string): string {
  const sample = bytes.subarray(0, SAMPLE_BYTES)
  const scoreOf = (encoding: string) => lowerCaseCyrillicShare(decodeLoose(encoding, sample))
  const guessedScore = scoreOf(guessed)
  // Short texts are often acronyms ("ФСБ", "США"), all capitals in the right
  // code page and all lower case in the wrong one; there the detector's
  // letter-pair statistics are the better judge.
  if (guessedScore >= 0.5 || countNonAscii(sample) < 40) return guessed
  let best = guessed
  let bestScore = guessedScore
  for (const encoding of CYRILLIC_CODE_PAGES) {
    if (encoding === guessed) continue
    const score = scoreOf(encoding)
    if (score > bestScore) {
      best = encoding
      bestScore = score
    }
  }
  return bestScore >= 0.7 && bestScore >= guessedScore + 0.3 ? best : guessed
}

function countNonAscii(bytes: Uint8Array): number {
  let count = 0
  for (const byte of bytes) if (byte >= 0x80) count++
  return count
}

/** Share of the non-ASCII characters that are lower-case Cyrillic letters. */
export function lowerCaseCyrillicShare(text: string): number {
  let nonAscii = 0
  let lower = 0
  for (const ch of text) {
    const code = ch.codePointAt(0)!
    if (code < 0x80 || ch === '\u00a0') continue
    nonAscii++
    if ((code >= 0x0430 && code <= 0x044f) || code === 0x0451) lower++
  }
  return nonAscii === 0 ? 0 : lower / nonAscii
}

/**
 * True when the bytes are UTF-8 but for a few broken sequences: a file cut
 * in the middle of a character, or a handful of stray bytes. At least 80% of
 * the non-ASCII bytes must sit in well-formed sequences that decode to
 * characters of a common script or punctuation, with at least three times as
 * many such sequences as stray bytes. Legacy code pages fail this: their
 * letters are single high bytes, and the few chance "sequences" (CP866 puts
 * lower-case letters at A0-AF, which are UTF-8 continuation bytes) mostly
 * decode to rare blocks such as Samaritan or CJK extension A.
 */
function isNearlyUtf8(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, SAMPLE_BYTES * 4)
  let goodBytes = 0
  let goodSequences = 0
  let badBytes = 0
  let i = 0
  while (i < sample.length) {
    if (sample[i]! < 0x80) {
      i++
      continue
    }
    const length = utf8SequenceLength(sample, i)
    if (length > 0 && isCommonCharacter(decodeUtf8Sequence(sample, i, length))) {
      goodBytes += length
      goodSequences++
      i += length
    } else {
      badBytes += Math.max(length, 1)
      i += Math.max(length, 1)
    }
  }
  return (
    goodSequences >= 2 && goodSequences >= 3 * badBytes && goodBytes >= (goodBytes + badBytes) * 0.8
  )
}

/** The code point of a well-formed UTF-8 sequence of `length` bytes at `start`. */
export function decodeUtf8Sequence(
  bytes: ArrayLike<number>,
  start: number,
  length: number,
): number {
  let codePoint = bytes[start]! & (0xff >> (length + 1))
  for (let k = 1; k < length; k++) codePoint = (codePoint << 6) | (bytes[start + k]! & 0x3f)
  return codePoint
}

/**
 * Characters official texts in English, Russian and Chinese are made of, plus
 * their neighbours: Latin, Greek, Cyrillic, Hebrew, Arabic, punctuation and
 * symbols, CJK, kana, Hangul, full-width forms and emoji; and U+FFFD, which
 * files that went through an earlier lossy conversion carry.
 */
function isCommonCharacter(codePoint: number): boolean {
  return (
    (codePoint >= 0xa0 && codePoint <= 0x024f) ||
    (codePoint >= 0x0370 && codePoint <= 0x052f) ||
    (codePoint >= 0x0590 && codePoint <= 0x06ff) ||
    (codePoint >= 0x2000 && codePoint <= 0x2bff) ||
    (codePoint >= 0x3000 && codePoint <= 0x30ff) ||
    (codePoint >= 0x4e00 && codePoint <= 0x9fff) ||
    (codePoint >= 0xac00 && codePoint <= 0xd7af) ||
    (codePoint >= 0xfe30 && codePoint <= 0xfe4f) ||
    (codePoint >= 0xff00 && codePoint <= 0xffef) ||
    codePoint === 0xfeff ||
    codePoint === 0xfffd ||
    (codePoint >= 0x1f000 && codePoint <= 0x1faff)
  )
}

/**
 * Length of the well-formed UTF-8 sequence starting at `start` (2 to 4), or 0.
 * Follows the Unicode table of well-formed byte sequences: no overlong forms,
 * no surrogates, nothing above U+10FFFF.
 */
export function utf8SequenceLength(bytes: ArrayLike<number>, start: number): number {
  const lead = bytes[start]!
  let length: number
  let min = 0x80
  let max = 0xbf
  if (lead >= 0xc2 && lead <= 0xdf) length = 2
  else if (lead >= 0xe0 && lead <= 0xef) {
    length = 3
    if (lead === 0xe0) min = 0xa0
    if (lead === 0xed) max = 0x9f
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    length = 4
    if (lead === 0xf0) min = 0x90
    if (lead === 0xf4) max = 0x8f
  } else return 0
  if (start + length > bytes.length) return 0
  const second = bytes[start + 1]!
  if (second < min || second > max) return 0
  for (let k = 2; k < length; k++) {
    const next = bytes[start + k]!
    if (next < 0x80 || next > 0xbf) return 0
  }
  return length
}

function bomOf(bytes: Uint8Array): { encoding: string; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { encoding: 'utf-8', length: 3 }
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 }
  return null
}

function decodeWith(
  encoding: string,
  bytes: Uint8Array,
  hadBom: boolean,
  detected: boolean,
): DecodedText {
  const strict = tryDecodeStrict(encoding, bytes)
  if (strict !== null) return { text: strict, encoding, hadBom, replacements: 0, detected }
  const text = decodeLoose(encoding, bytes)
  const replacements = countChar(text, '\uFFFD') - literalReplacementCharacters(encoding, bytes)
  return { text, encoding, hadBom, replacements, detected }
}

/** Decodes without replacement; null if any byte sequence is invalid. */
function tryDecodeStrict(encoding: string, bytes: Uint8Array, stream = false): string | null {
  // windows-1252 maps all 256 bytes, so it never fails.
  if (encoding === 'windows-1252') return decodeWindows1252(bytes)
  try {
    // ignoreBOM: a BOM has been handled by the caller; a U+FEFF after it is content.
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes, { stream })
  } catch {
    return null
  }
}

function decodeLoose(encoding: string, bytes: Uint8Array): string {
  if (encoding === 'windows-1252') return decodeWindows1252(bytes)
  return new TextDecoder(encoding, { fatal: false, ignoreBOM: true }).decode(bytes)
}

/**
 * U+FFFD characters that were in the file as such, so that they are not
 * counted as replacements: EF BF BD in UTF-8, FFFD code units in UTF-16, and
 * 84 31 A4 37 in GB18030. Single-byte code pages and Big5 cannot encode it.
 */
function literalReplacementCharacters(encoding: string, bytes: Uint8Array): number {
  const pattern =
    encoding === 'utf-8'
      ? [0xef, 0xbf, 0xbd]
      : encoding === 'utf-16le'
        ? [0xfd, 0xff]
        : encoding === 'utf-16be'
          ? [0xff, 0xfd]
          : encoding === 'gb18030'
            ? [0x84, 0x31, 0xa4, 0x37]
            : null
  if (!pattern) return 0
  const aligned = encoding.startsWith('utf-16')
  let count = 0
  outer: for (let i = 0; i + pattern.length <= bytes.length; i += aligned ? 2 : 1) {
    for (let k = 0; k < pattern.length; k++) if (bytes[i + k] !== pattern[k]) continue outer
    count++
  }
  return count
}

/**
 * windows-1252 bytes 0x80-0x9F as the WHATWG index defines them; the five
 * bytes the code page leaves undefined (81, 8D, 8F, 90, 9D) stay U+0081 etc.
 * Every other byte is its own code point.
 */
export const WINDOWS_1252_80_TO_9F: readonly number[] = [
  0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039,
  0x0152, 0x8d, 0x017d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc,
  0x2122, 0x0161, 0x203a, 0x0153, 0x9d, 0x017e, 0x0178,
]

/**
 * windows-1252 by table rather than TextDecoder: Node 20.18.3+ and 22.13+
 * decode it as ISO-8859-1, so curly quotes became C1 controls
 * (nodejs/node#60888). Browsers are right; this keeps Node and the Worker equal.
 */
function decodeWindows1252(bytes: Uint8Array): string {
  const units = new Uint16Array(bytes.length)
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!
    units[i] = byte >= 0x80 && byte <= 0x9f ? WINDOWS_1252_80_TO_9F[byte - 0x80]! : byte
  }
  let text = ''
  for (let i = 0; i < units.length; i += 8192) {
    text += String.fromCharCode(...units.subarray(i, i + 8192))
  }
  return text
}

function countChar(text: string, ch: string): number {
  let count = 0
  for (let i = text.indexOf(ch); i !== -1; i = text.indexOf(ch, i + 1)) count++
  return count
}

function whatwgName(label: string): string | null {
  try {
    return new TextDecoder(label).encoding
  } catch {
    return null
  }
}

/**
 * Whether decoded UTF-16 reads as text in the scripts an archive of official
 * statements meets: ASCII, Latin, Cyrillic, Greek, punctuation, CJK, kana and
 * Hangul. Private-use, control and unassigned-looking code units are few in
 * real text and many when bytes were paired up wrongly.
 */
function looksLikeText(text: string): boolean {
  if (text.length === 0) return false
  let plausible = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (
      (c >= 0x20 && c < 0x7f) ||
      c === 0x09 ||
      c === 0x0a ||
      c === 0x0c ||
      c === 0x0d ||
      (c >= 0xa0 && c <= 0x052f) ||
      (c >= 0x2000 && c <= 0x2bff) ||
      (c >= 0x3000 && c <= 0x30ff) ||
      (c >= 0x3400 && c <= 0x4dbf) ||
      (c >= 0x4e00 && c <= 0x9fff) ||
      (c >= 0xac00 && c <= 0xd7af) ||
      (c >= 0xd800 && c <= 0xdfff) ||
      (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xffef) ||
      c === 0xfeff
    ) {
      plausible++
    }
  }
  return plausible >= text.length * 0.95
}
