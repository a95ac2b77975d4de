/**
 * Repair of double-encoded UTF-8 ("mojibake"): UTF-8 bytes that some tool
 * read as windows-1252 and wrote out again as UTF-8, so that a curly quote
 * (E2 80 9C) became the three characters "â€œ" and "José" became "JosÃ©".
 * Some 1998 UN General Debate speeches are stored like that.
 *
 * A run of characters is repaired only when it maps back through windows-1252
 * to one well-formed UTF-8 sequence. Legitimate text almost never does: in
 * "Größe" or "café" the accented letter is followed by an ASCII letter, not by
 * a continuation byte, and Cyrillic or Chinese characters have no windows-1252
 * byte at all, so Russian and Chinese text is never touched.
 *
 * The five bytes windows-1252 leaves undefined (81, 8D, 8F, 90, 9D) survive a
 * round trip as the C1 control characters U+0081 etc.; a right double quote
 * (E2 80 9D) therefore shows up as "â€" followed by U+009D. The other C1
 * controls are accepted too, for text that went through ISO-8859-1 instead.
 */
import { decodeUtf8Sequence, utf8SequenceLength, WINDOWS_1252_80_TO_9F } from './decode'

export type MojibakeRepair = {
  text: string
  /** How many double-encoded characters were repaired. */
  repairs: number
}

/** Character to the windows-1252 byte it came from; only bytes 0x80-0xFF matter here. */
const BYTE_OF = new Map<string, number>()
for (let byte = 0x80; byte <= 0xff; byte++) BYTE_OF.set(String.fromCharCode(byte), byte)
WINDOWS_1252_80_TO_9F.forEach((codePoint, k) =>
  BYTE_OF.set(String.fromCharCode(codePoint), 0x80 + k),
)

/** The lead character of any double-encoded sequence (bytes C2-F4). */
const POSSIBLE_LEAD = /[\u00c2-\u00f4]/g

export function repairDoubleEncoding(text: string): MojibakeRepair {
  let out = ''
  let copiedUpTo = 0
  let repairs = 0
  // Only the possible lead characters are looked at; the regex finds them faster than a loop.
  POSSIBLE_LEAD.lastIndex = 0
  for (let match = POSSIBLE_LEAD.exec(text); match; match = POSSIBLE_LEAD.exec(text)) {
    const i = match.index
    const lead = text.charCodeAt(i)
    const bytes = [lead]
    for (let k = 1; k < 4 && i + k < text.length; k++) {
      const byte = BYTE_OF.get(text[i + k]!)
      if (byte === undefined || byte > 0xbf) break
      bytes.push(byte)
    }
    const length = utf8SequenceLength(bytes, 0)
    if (length === 0) continue
    const codePoint = decodeUtf8Sequence(bytes, 0, length)
    if (length === 2 && !isLikelyTwoByteCharacter(codePoint)) continue
    out += text.slice(copiedUpTo, i) + String.fromCodePoint(codePoint)
    copiedUpTo = i + length
    POSSIBLE_LEAD.lastIndex = copiedUpTo
    repairs++
  }
  if (repairs === 0) return { text, repairs: 0 }
  return { text: out + text.slice(copiedUpTo), repairs }
}

/**
 * Two-character candidates ("Ã©") are the ones real text could produce by
 * chance: a capital accented letter followed by a symbol, as in "«CAFÉ»".
 * They are repaired only when the result is a letter or sign of a script an
 * official text uses (Latin-1, Latin Extended, Greek, Cyrillic, Hebrew,
 * Arabic), not an IPA letter, a combining mark or a C1 control.
 */
function isLikelyTwoByteCharacter(codePoint: number): boolean {
  return (
    (codePoint >= 0xa0 && codePoint <= 0x024f) ||
    (codePoint >= 0x0370 && codePoint <= 0x04ff) ||
    (codePoint >= 0x0590 && codePoint <= 0x06ff)
  )
}
