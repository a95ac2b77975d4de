/**
 * Character-level clean-up of decoded release text, the first step of building the reading text.
 * The original text is stored untouched for provenance; this only shapes what is read and searched.
 *
 * Rules, in order:
 * - Line breaks: CRLF and bare CR (old Mac files) become LF; NEL (U+0085), vertical tab and
 *   LINE SEPARATOR (U+2028) become LF; a form feed (a PDF page break) and PARAGRAPH SEPARATOR
 *   (U+2029) become a blank line, i.e. a paragraph break.
 * - A soft hyphen right before a line break marks a word hyphenated across lines: the soft
 *   hyphen and the break are removed together so the word is whole again.
 * - Space-like characters (no-break, narrow no-break, figure, thin, em/en, ideographic spaces…)
 *   become an ordinary space: in releases they are typesetting residue, and left alone they glue
 *   words together for search.
 * - Invisible characters that carry no meaning in running text are removed: zero-width space,
 *   word joiner, soft hyphen, byte order mark (anywhere, not only at the start), invisible math
 *   operators, the Mongolian vowel separator. ZWNJ and ZWJ (U+200C, U+200D) are kept: they change
 *   shaping and meaning in Persian, Indic scripts and emoji sequences.
 * - Other C0/C1 control characters are removed; only LF and TAB survive.
 * - Finally Unicode NFC, so that composed and decomposed spellings compare equal.
 *
 * The character classes are exported so that search can fold queries the same way.
 */

/** Characters that end a line: CR, vertical tab, NEL, LINE SEPARATOR (and LF itself). */
export const LINE_BREAK_CHARS = '\r\u000b\u0085\u2028'
/** CRLF must be matched before a bare CR, so that it becomes one line break, not two. */
export const LINE_BREAK_RE = new RegExp(`\r\n|[${LINE_BREAK_CHARS}]`, 'g')

/** Characters that end a paragraph: form feed (PDF page break) and PARAGRAPH SEPARATOR. */
export const PARAGRAPH_BREAK_RE = /[\f\u2029]/g

/** A soft hyphen at a line end: the word continues on the next line. */
export const SOFT_HYPHEN_LINE_BREAK_RE = /\u00ad[ \t]*\n[ \t]*/g

/**
 * Space-like characters that become U+0020: NBSP, Ogham space mark, the U+2000–U+200A spaces
 * (en/em quads and spaces, figure, punctuation, thin, hair), narrow NBSP, medium mathematical
 * space and the ideographic space.
 */
export const SPACE_LIKE_CHARS = '\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000'
export const SPACE_LIKE_RE = new RegExp(`[${SPACE_LIKE_CHARS}]`, 'g')

/**
 * Invisible characters that are removed: soft hyphen, Mongolian vowel separator, zero-width
 * space, word joiner, invisible times/separator/plus (U+2061–U+2064), BOM / zero-width no-break
 * space. ZWNJ (U+200C) and ZWJ (U+200D) are deliberately absent.
 */
export const INVISIBLE_CHARS = '\u00ad\u180e\u200b\u2060-\u2064\ufeff'
export const INVISIBLE_RE = new RegExp(`[${INVISIBLE_CHARS}]`, 'g')

/** C0 and C1 controls other than TAB and LF (CR, VT, FF and NEL are handled before this). */
export const CONTROL_CHARS = '\u0000-\u0008\u000b-\u001f\u007f-\u009f'
export const CONTROL_RE = new RegExp(`[${CONTROL_CHARS}]`, 'g')

/**
 * Everything the rules before NFC change, as one pattern, so that a text is scanned once and
 * work is done only where something changes: a soft hyphen with the line break after it (and
 * the spaces and tabs on both sides), a CRLF, or a single character. Taking a soft hyphen
 * together with its line break keeps the order of the rules: line breaks are normalised first
 * (CRLF is one break; a paragraph break is two, of which only the first goes with the hyphen),
 * and only the spaces and tabs of the original text count around the break.
 */
const CLEANING_RE = new RegExp(
  '\u00ad[ \t]*(?:\r\n?|[\n\u000b\u0085\u2028])[ \t]*|\u00ad[ \t]*[\f\u2029]|\r\n|' +
    `[${LINE_BREAK_CHARS}\f\u2029${SPACE_LIKE_CHARS}${INVISIBLE_CHARS}${CONTROL_CHARS}]`,
  'g',
)
const ONE_LINE_BREAK_RE = new RegExp(`^[${LINE_BREAK_CHARS}]$`)
const ONE_SPACE_LIKE_RE = new RegExp(`^[${SPACE_LIKE_CHARS}]$`)

/**
 * Characters that NFC leaves as they are and that never combine with the character before
 * them, so that a text made only of them is already NFC: everything below U+0300 (where
 * combining marks begin), and the characters of the blocks releases are mostly written in,
 * which are all precomposed or stand alone: Cyrillic letters, general punctuation (curly quotes,
 * dashes), CJK punctuation and ideographs, fullwidth forms. The tests check every one of them.
 */
export const NFC_STABLE_CHARS =
  '\u0000-\u02ff\u0400-\u0482\u048a-\u04ff\u2010-\u205e\u3001-\u3029\u4e00-\u9fff\uff01-\uff60'
const MAY_CHANGE_IN_NFC_RE = new RegExp(`[^${NFC_STABLE_CHARS}]`)

export function normaliseText(text: string): string {
  const cleaned = text.replace(CLEANING_RE, replacement)
  return MAY_CHANGE_IN_NFC_RE.test(cleaned) ? cleaned.normalize('NFC') : cleaned
}

/** What a match of CLEANING_RE becomes. */
function replacement(match: string): string {
  const first = match.charCodeAt(0)
  if (match.length > 1) {
    if (first !== 0x00ad) return '\n' // CRLF
    // A soft hyphen and its line break go; a paragraph break leaves its second line break.
    const last = match.charCodeAt(match.length - 1)
    return last === 0x0c || last === 0x2029 ? '\n' : ''
  }
  if (first === 0x0c || first === 0x2029) return '\n\n'
  if (ONE_LINE_BREAK_RE.test(match)) return '\n'
  if (ONE_SPACE_LIKE_RE.test(match)) return ' '
  return '' // invisible characters and controls
}
