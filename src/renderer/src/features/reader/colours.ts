/** Highlight colours the reader offers, and how a highlight's colour is painted behind text. */

export const HIGHLIGHT_COLOURS = [
  { name: 'Yellow', value: '#f2c94c' },
  { name: 'Green', value: '#6fcf97' },
  { name: 'Blue', value: '#5fa8e8' },
  { name: 'Pink', value: '#ee86b8' },
  { name: 'Orange', value: '#f2994a' },
  { name: 'Purple', value: '#a98be8' },
] as const

export const DEFAULT_COLOUR = HIGHLIGHT_COLOURS[0].value

/** The colour as `#rrggbb`; anything else (an imported annotation may carry anything) is yellow. */
export function safeColour(colour: string): string {
  return /^#[0-9a-f]{6}$/i.test(colour) ? colour.toLowerCase() : DEFAULT_COLOUR
}

/** The colour's name when it is one of the reader's, else its code. */
export function colourName(colour: string): string {
  const safe = safeColour(colour)
  return HIGHLIGHT_COLOURS.find((c) => c.value === safe)?.name ?? safe
}

/** `rgba()` of a `#rrggbb` colour, so text stays readable on a highlight. */
export function withAlpha(colour: string, alpha: number): string {
  const hex = safeColour(colour)
  const r = parseInt(hex.slice(1, 3), 16)
  const g = parseInt(hex.slice(3, 5), 16)
  const b = parseInt(hex.slice(5, 7), 16)
  return `rgba(${r}, ${g}, ${b}, ${alpha})`
}

/**
 * The background of a run of text under these highlights: one colour, or the
 * colours layered, each translucent, so overlapping passages blend and read
 * darker where more of them cover the text.
 */
export function highlightBackground(colours: readonly string[]): string {
  if (colours.length === 1) return withAlpha(colours[0] as string, 0.42)
  const alpha = colours.length === 2 ? 0.34 : 0.26
  return colours
    .map((c) => `linear-gradient(${withAlpha(c, alpha)}, ${withAlpha(c, alpha)})`)
    .join(', ')
}
