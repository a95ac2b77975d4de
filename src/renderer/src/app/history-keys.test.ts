import { describe, expect, it } from 'vitest'
import { SAME_PRESS_MS, StepGate, historyShortcut } from './history-keys'

const press = (key: string, mods: Partial<KeyboardEvent> = {}, code = '') => ({
  key,
  code,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
})

describe('history shortcuts', () => {
  it('reads Ctrl+Z and Cmd+Z as undo, with Shift (or Ctrl+Y) as redo', () => {
    expect(historyShortcut(press('z', { ctrlKey: true }))).toBe('undo')
    expect(historyShortcut(press('z', { metaKey: true }))).toBe('undo')
    expect(historyShortcut(press('Z', { ctrlKey: true, shiftKey: true }))).toBe('redo')
    expect(historyShortcut(press('y', { ctrlKey: true }))).toBe('redo')
  })

  it('reads the key by its place when the layout types another alphabet', () => {
    expect(historyShortcut(press('я', { ctrlKey: true }, 'KeyZ'))).toBe('undo')
    expect(historyShortcut(press('н', { ctrlKey: true }, 'KeyY'))).toBe('redo')
  })

  it('leaves other keys and Alt combinations alone', () => {
    expect(historyShortcut(press('z'))).toBeNull()
    expect(historyShortcut(press('z', { ctrlKey: true, altKey: true }))).toBeNull()
    expect(historyShortcut(press('x', { ctrlKey: true }))).toBeNull()
    expect(historyShortcut(press('y', { metaKey: true }))).toBeNull()
  })
})

describe('one press, one step', () => {
  it('drops the menu command that echoes a key press, and the reverse', () => {
    const gate = new StepGate()
    expect(gate.admit('undo', 'key', 1000)).toBe(true)
    expect(gate.admit('undo', 'menu', 1010)).toBe(false)
    const other = new StepGate()
    expect(other.admit('undo', 'menu', 1000)).toBe(true)
    expect(other.admit('undo', 'key', 1005)).toBe(false)
  })

  it('lets repeated presses from one source through, and a late or different step', () => {
    const gate = new StepGate()
    expect(gate.admit('undo', 'key', 0)).toBe(true)
    expect(gate.admit('undo', 'key', 50)).toBe(true)
    expect(gate.admit('undo', 'menu', 50 + SAME_PRESS_MS)).toBe(true)
    expect(gate.admit('redo', 'key', 60 + SAME_PRESS_MS)).toBe(true)
  })

  it('counts an echo once: the press after it is a new one', () => {
    const gate = new StepGate()
    expect(gate.admit('undo', 'key', 0)).toBe(true)
    expect(gate.admit('undo', 'menu', 5)).toBe(false)
    expect(gate.admit('undo', 'menu', 10)).toBe(true)
  })
})
