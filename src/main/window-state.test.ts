import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { MemoryLogger } from './log'
import { makeFakeBrowserWindow } from './test/fake-electron'
import {
  captureWindowState,
  displayShowing,
  initialBounds,
  parseWindowState,
  WindowStateKeeper,
  type WindowState,
} from './window-state'

const SIZES = { width: 1280, height: 820, minWidth: 720, minHeight: 480 }
const LAPTOP = { workArea: { x: 0, y: 0, width: 1440, height: 875 } }
// A second monitor to the right of the laptop.
const MONITOR = { workArea: { x: 1440, y: 0, width: 2560, height: 1400 } }

const saved = (overrides: Partial<WindowState> = {}): WindowState => ({
  x: 100,
  y: 50,
  width: 1000,
  height: 700,
  isMaximized: false,
  ...overrides,
})

describe('initialBounds', () => {
  it('opens at the default size, centred, the first time', () => {
    expect(initialBounds(null, [LAPTOP], SIZES)).toEqual({
      bounds: { width: 1280, height: 820 },
      isMaximized: false,
    })
  })

  it('puts the window back where it was, maximized if it was', () => {
    expect(initialBounds(saved(), [LAPTOP], SIZES)).toEqual({
      bounds: { x: 100, y: 50, width: 1000, height: 700 },
      isMaximized: false,
    })
    expect(initialBounds(saved({ x: 2000, isMaximized: true }), [LAPTOP, MONITOR], SIZES)).toEqual({
      bounds: { x: 2000, y: 50, width: 1000, height: 700 },
      isMaximized: true,
    })
  })

  it('opens centred at the default size when its screen has gone', () => {
    const onMonitor = saved({ x: 2000, isMaximized: true })
    expect(initialBounds(onMonitor, [LAPTOP], SIZES)).toEqual({
      bounds: { width: 1280, height: 820 },
      isMaximized: false,
    })
  })

  it('keeps a window whose title bar is partly on screen, and not one that is just off it', () => {
    // Windows puts a snapped window a few pixels above the work area (its invisible border).
    expect(initialBounds(saved({ x: -7, y: -7 }), [LAPTOP], SIZES).bounds.x).toBe(-7)
    expect(initialBounds(saved({ x: 1440 - 120 }), [LAPTOP], SIZES).bounds.x).toBe(1320)
    // Only 50 px of the title bar on screen: too little to grab.
    expect(initialBounds(saved({ x: 1440 - 50 }), [LAPTOP], SIZES).bounds.x).toBeUndefined()
    // Title bar below the bottom of the screen.
    expect(initialBounds(saved({ y: 870 }), [LAPTOP], SIZES).bounds.x).toBeUndefined()
    // Title bar above the top.
    expect(initialBounds(saved({ y: -40 }), [LAPTOP], SIZES).bounds.x).toBeUndefined()
  })

  it('shrinks a window larger than the screen it opens on, never below the minimum', () => {
    const huge = saved({ x: 0, y: 0, width: 2500, height: 1300 })
    expect(initialBounds(huge, [LAPTOP], SIZES).bounds).toEqual({
      x: 0,
      y: 0,
      width: 1440,
      height: 875,
    })
    const tiny = { workArea: { x: 0, y: 0, width: 600, height: 400 } }
    expect(initialBounds(saved({ x: 0, y: 0 }), [tiny], SIZES).bounds).toMatchObject({
      width: 720,
      height: 480,
    })
  })

  it('finds which screen shows the window', () => {
    expect(displayShowing(saved({ x: 3000 }), [LAPTOP, MONITOR])).toBe(MONITOR)
    expect(displayShowing(saved({ x: 9000 }), [LAPTOP, MONITOR])).toBeNull()
    expect(displayShowing(saved(), [])).toBeNull()
  })
})

describe('parseWindowState', () => {
  it('takes a saved state and refuses anything else', () => {
    expect(parseWindowState(saved())).toEqual(saved())
    expect(parseWindowState({ ...saved(), isMaximized: 'yes' })).toEqual(saved())
    for (const bad of [
      null,
      'x',
      { ...saved(), width: 0 },
      { ...saved(), height: -1 },
      { ...saved(), x: 1.5 },
      { ...saved(), y: Number.NaN },
      { ...saved(), x: 1e9 },
      { x: 1, y: 2 },
    ]) {
      expect(parseWindowState(bad), JSON.stringify(bad)).toBeNull()
    }
  })
})

describe('WindowStateKeeper', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  function tracked() {
    const BrowserWindow = makeFakeBrowserWindow()
    const window = new BrowserWindow({ x: 10, y: 20, width: 900, height: 600 })
    const saves: WindowState[] = []
    const keeper = new WindowStateKeeper({
      save: async (state) => saves.push(state),
      log: new MemoryLogger(),
      debounceMs: 500,
    })
    keeper.track(window)
    return { window, saves, keeper }
  }

  it('saves once the window has stopped moving, not on every step of a drag', async () => {
    const { window, saves, keeper } = tracked()
    for (let x = 11; x <= 60; x++) window.moveTo({ x })
    await vi.advanceTimersByTimeAsync(499)
    expect(saves).toEqual([])
    await vi.advanceTimersByTimeAsync(1)
    await keeper.settled()
    expect(saves).toEqual([{ x: 60, y: 20, width: 900, height: 600, isMaximized: false }])
  })

  it('saves the size before maximizing along with the maximized state', async () => {
    const { window, saves, keeper } = tracked()
    window.moveTo({ width: 1000, height: 700 })
    window.maximize()
    await vi.advanceTimersByTimeAsync(500)
    await keeper.settled()
    expect(saves).toEqual([{ x: 10, y: 20, width: 1000, height: 700, isMaximized: true }])
    expect(captureWindowState(window)).toEqual(saves[0])
  })

  it('saves at once when the window closes, and not again after', async () => {
    const { window, saves, keeper } = tracked()
    window.moveTo({ x: 300 })
    window.close()
    await keeper.settled()
    expect(saves).toEqual([{ x: 300, y: 20, width: 900, height: 600, isMaximized: false }])
    await vi.advanceTimersByTimeAsync(1000)
    expect(saves).toHaveLength(1)
  })

  it('logs a failed save and keeps going', async () => {
    const BrowserWindow = makeFakeBrowserWindow()
    const window = new BrowserWindow({ width: 900, height: 600 })
    const log = new MemoryLogger()
    const keeper = new WindowStateKeeper({
      save: () => Promise.reject(new Error('disk full')),
      log,
      debounceMs: 10,
    })
    keeper.track(window)
    window.moveTo({ x: 5 })
    await vi.advanceTimersByTimeAsync(10)
    await keeper.settled()
    expect(log.lines()).toEqual(['error [window] could not save its size and place: disk full'])
  })
})
