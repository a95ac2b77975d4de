/**
 * Character classes as a lookup table: for each UTF-16 code unit of the Basic
 * Multilingual Plane, the OR of the bits of the classes it belongs to. Text
 * scanners read `table[text.charCodeAt(i)]` instead of running a Unicode
 * property regex at every character, which is what makes the import's
 * extractors cheap. The tables are built once, from the same `\p{…}` patterns
 * a regex would use, so they agree with the Unicode data of the engine.
 *
 * Surrogates are in no class: a caller that needs astral characters handles
 * the pair itself.
 */

/** Every BMP character once, in order, NUL standing for the surrogates: a match's index is its code. */
let everyCharacter: string | null = null

function bmpCharacters(): string {
  if (everyCharacter !== null) return everyCharacter
  const codes = new Uint16Array(0x10000)
  for (let c = 0; c < 0x10000; c++) codes[c] = c
  codes.fill(0, 0xd800, 0xe000)
  let all = ''
  for (let c = 0; c < 0x10000; c += 0x1000) {
    all += String.fromCharCode(...codes.subarray(c, c + 0x1000))
  }
  everyCharacter = all
  return all
}

/**
 * The table for these classes, each a global Unicode pattern that matches runs
 * of its characters (`/\p{L}+/gu`) and the bit it sets.
 */
export function charClassTable(classes: readonly (readonly [RegExp, number])[]): Uint8Array {
  const all = bmpCharacters()
  const table = new Uint8Array(0x10000)
  for (const [run, bit] of classes) {
    if (!run.global || !run.unicode) throw new Error(`${run} must have the g and u flags`)
    for (const match of all.matchAll(run)) {
      const end = match.index + match[0].length
      for (let code = match.index; code < end; code++) table[code] = table[code]! | bit
    }
  }
  // NUL stood in for the surrogates; it is in no class of its own.
  table[0] = 0
  return table
}
