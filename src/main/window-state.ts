/**
 * The window comes back where the user left it: its size, its position and whether it was
 * maximized, kept in the shell's settings file.
 *
 * A position is used again only if the window's title bar would still be on one of the screens
 * (a laptop taken off its second monitor would otherwise open the app out of sight); failing
 * that, the window opens at its default size, centred. The size is never larger than the screen
 * it lands on.
 */
import type { Logger } from './log'

export type Rect = { x: number; y: number; width: number; height: number }

export type WindowState = Rect & { isMaximized: boolean }

export type DisplayLike = { workArea: Rect }

export type WindowSizes = { width: number; height: number; minWidth: number; minHeight: number }

/** Where to create the window: no x and y means centred. */
export type InitialBounds = {
  bounds: { x?: number; y?: number; width: number; height: number }
  isMaximized: boolean
}

// The part of the window that must be on a screen for the user to grab and move it.
const TITLE_BAR_HEIGHT = 32
const MIN_VISIBLE_WIDTH = 100
const MIN_VISIBLE_HEIGHT = 16
// Far beyond any screen: a value above it is a corrupt file, not a window.
const MAX_COORDINATE = 100_000

/** A saved state as read back from the settings file, or null when it is not one. */
export function parseWindowState(value: unknown): WindowState | null {
  if (typeof value !== 'object' || value === null) return null
  const record = value as Record<string, unknown>
  const { x, y, width, height, isMaximized } = record
  const coordinate = (n: unknown): n is number =>
    Number.isSafeInteger(n) && Math.abs(n as number) <= MAX_COORDINATE
  const size = (n: unknown): n is number => coordinate(n) && (n as number) > 0
  if (!coordinate(x) || !coordinate(y) || !size(width) || !size(height)) return null
  return { x, y, width, height, isMaximized: isMaximized === true }
}

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  }
}

/** The display whose work area shows enough of the window's title bar, or null. */
export function displayShowing(state: Rect, displays: readonly DisplayLike[]): DisplayLike | null {
  const titleBar = { x: state.x, y: state.y, width: state.width, height: TITLE_BAR_HEIGHT }
  for (const display of displays) {
    const shared = overlap(titleBar, display.workArea)
    if (
      shared.width >= Math.min(MIN_VISIBLE_WIDTH, state.width) &&
      shared.height >= MIN_VISIBLE_HEIGHT
    ) {
      return display
    }
  }
  return null
}

/** Where the window opens: as saved if it is still on a screen, else centred at the default size. */
export function initialBounds(
  saved: WindowState | null,
  displays: readonly DisplayLike[],
  sizes: WindowSizes,
): InitialBounds {
  const centred: InitialBounds = {
    bounds: { width: sizes.width, height: sizes.height },
    isMaximized: false,
  }
  if (!saved) return centred
  const display = displayShowing(saved, displays)
  if (!display) return centred
  const area = display.workArea
  return {
    bounds: {
      x: saved.x,
      y: saved.y,
      width: Math.max(sizes.minWidth, Math.min(saved.width, area.width)),
      height: Math.max(sizes.minHeight, Math.min(saved.height, area.height)),
    },
    isMaximized: saved.isMaximized,
  }
}

/** The parts of a BrowserWindow the keeper reads and listens to. */
export interface TrackedWindow {
  on(event: 'resize' | 'move' | 'maximize' | 'unmaximize' | 'close', listener: () => void): unknown
  getNormalBounds(): Rect
  isMaximized(): boolean
  isDestroyed(): boolean
}

/** The window's state to save: its bounds when not maximized, and whether it is. */
export function captureWindowState(window: TrackedWindow): WindowState {
  const { x, y, width, height } = window.getNormalBounds()
  return { x, y, width, height, isMaximized: window.isMaximized() }
}

const DEFAULT_DEBOUNCE_MS = 500

/**
 * Saves a window's state a moment after it was last moved or resized (a drag sends dozens of
 * events), and at once when it closes.
 */
export class WindowStateKeeper {
  private timer: ReturnType<typeof setTimeout> | null = null
  private last: string | null = null
  private pending: Promise<unknown> = Promise.resolve()

  constructor(
    private readonly opts: {
      save: (state: WindowState) => Promise<unknown>
      log: Logger
      debounceMs?: number
    },
  ) {}

  track(window: TrackedWindow): void {
    const later = (): void => {
      if (this.timer) clearTimeout(this.timer)
      this.timer = setTimeout(() => {
        this.timer = null
        this.saveNow(window)
      }, this.opts.debounceMs ?? DEFAULT_DEBOUNCE_MS)
    }
    for (const event of ['resize', 'move', 'maximize', 'unmaximize'] as const) {
      window.on(event, later)
    }
    window.on('close', () => {
      if (this.timer) clearTimeout(this.timer)
      this.timer = null
      this.saveNow(window)
    })
  }

  /** Resolves once every save started so far has finished (or failed, which is logged). */
  settled(): Promise<void> {
    return this.pending.then(() => {})
  }

  private saveNow(window: TrackedWindow): void {
    if (window.isDestroyed()) return
    const state = captureWindowState(window)
    const key = JSON.stringify(state)
    if (key === this.last) return
    this.last = key
    this.pending = this.pending
      .then(() => this.opts.save(state))
      .catch((err: unknown) =>
        this.opts.log.error('[window] could not save its size and place:', err),
      )
  }
}
