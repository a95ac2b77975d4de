/**
 * Which key presses and menu commands mean Undo and Redo, and keeping one
 * press from counting twice. In the desktop app the Edit menu's Undo and Redo
 * carry the same accelerators as the page's own keys, and depending on the
 * platform the press reaches the menu, the page, or both; each press must
 * step the archive's history (or the text field's own) exactly once.
 */

export type Direction = 'undo' | 'redo'

/**
 * The history step a key press asks for. The key is read by its character,
 * or by its place on the keyboard when the layout types another alphabet
 * (Ctrl+Я on a Russian layout is Ctrl+Z).
 */
export function historyShortcut(
  e: Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>,
): Direction | null {
  if (e.altKey || !(e.ctrlKey || e.metaKey)) return null
  const key = e.key.toLowerCase()
  const isLatin = /^[a-z]$/.test(key)
  const isZ = key === 'z' || (!isLatin && e.code === 'KeyZ')
  const isY = key === 'y' || (!isLatin && e.code === 'KeyY')
  if (isZ) return e.shiftKey ? 'redo' : 'undo'
  if (isY && e.ctrlKey && !e.shiftKey) return 'redo'
  return null
}

/** Inputs that do not take text, where Ctrl+Z is free for the archive's undo. */
const NON_TEXT_INPUTS = new Set([
  'checkbox',
  'radio',
  'button',
  'submit',
  'reset',
  'color',
  'range',
  'file',
  'image',
])

/** A field where Ctrl+Z undoes typing, as it always does, rather than the archive's last edit. */
export function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  if (target.isContentEditable || target instanceof HTMLTextAreaElement) return true
  return target instanceof HTMLInputElement && !NON_TEXT_INPUTS.has(target.type)
}

/** How far apart a key press and a menu command may arrive and still be one press. */
export const SAME_PRESS_MS = 400

/**
 * Lets the first of a key press and its menu command through and drops the
 * other: a step from one source within SAME_PRESS_MS of the same step from the
 * other source is the same press.
 */
export class StepGate {
  private last: { direction: Direction; source: 'key' | 'menu'; at: number } | null = null

  /** True when this step should be taken; records it either way. */
  admit(direction: Direction, source: 'key' | 'menu', at: number): boolean {
    const last = this.last
    const isEcho =
      last !== null &&
      last.direction === direction &&
      last.source !== source &&
      at - last.at < SAME_PRESS_MS
    // An echo is consumed: a third arrival is a new press.
    this.last = isEcho ? null : { direction, source, at }
    return !isEcho
  }
}
