import { BrowserWindow, dialog, type BrowserWindowConstructorOptions } from 'electron'
import { consoleLogger, type Logger } from './log'
import type { InitialBounds, WindowSizes } from './window-state'

/** Matches the page background, so the window does not flash white or grey while it loads. */
export const PAGE_BACKGROUND = '#faf9f6'

/** The window's default and smallest sizes. */
export const WINDOW_SIZES: WindowSizes = { width: 1280, height: 820, minWidth: 720, minHeight: 480 }

/**
 * Imported releases are untrusted text, so the renderer runs as a plain sandboxed web page:
 * no Node, no remote content, no webviews; the preload's bridge is its only way out.
 * Several flags restate Electron's defaults on purpose, so a future default cannot loosen them.
 */
export function mainWindowOptions(
  preloadPath: string,
  bounds: InitialBounds['bounds'] = { width: WINDOW_SIZES.width, height: WINDOW_SIZES.height },
): BrowserWindowConstructorOptions {
  return {
    title: 'Communiqué',
    ...bounds,
    minWidth: WINDOW_SIZES.minWidth,
    minHeight: WINDOW_SIZES.minHeight,
    show: false,
    backgroundColor: PAGE_BACKGROUND,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      spellcheck: false,
    },
  }
}

export type WindowSource = {
  preloadPath: string
  /** The page: app://communique/index.html, or the electron-vite dev server in development. */
  url: string
}

export function createMainWindow(
  source: WindowSource,
  opts: { placement?: InitialBounds; log?: Logger } = {},
): BrowserWindow {
  const log = opts.log ?? consoleLogger
  const window = new BrowserWindow(mainWindowOptions(source.preloadPath, opts.placement?.bounds))
  if (opts.placement?.isMaximized) window.maximize()
  // Shown once painted, so the first frame the user sees is the app rather than an empty frame.
  window.once('ready-to-show', () => window.show())
  window.webContents.on('will-prevent-unload', (event) => {
    if (askToLeaveUnsaved(window)) event.preventDefault()
  })
  window
    .loadURL(source.url)
    .catch((err: unknown) => log.error(`[window] the app page ${source.url} failed to load:`, err))
  return window
}

/**
 * The page refused to go (closing, quitting or reloading) because an edit is waiting to be
 * stored behind a read of the whole archive. Electron shows no question of its own: this one
 * asks, and staying is the default. True when the user chose to leave anyway.
 */
export function askToLeaveUnsaved(window: BrowserWindow): boolean {
  const choice = dialog.showMessageBoxSync(window, {
    type: 'warning',
    buttons: ['Stay', 'Close Anyway'],
    defaultId: 0,
    cancelId: 0,
    noLink: true,
    message: 'Your latest edit is not saved yet',
    detail:
      'The archive is busy (a backup or an import is working on it), and your edit is saved as ' +
      'soon as it is free. Stay, and the edit is saved; close now, and it is lost.',
  })
  return choice === 1
}

/** The part of a window's webContents that messages to its page go through. */
export interface MessageTarget {
  send(channel: string, ...args: unknown[]): void
  isLoading(): boolean
  isDestroyed(): boolean
  once(event: 'did-finish-load', listener: () => void): unknown
}

// As many as the shell keeps listings for: older ones could not be read any more anyway.
const MAX_HELD_MESSAGES = 8

/**
 * Messages from the shell to the page. A message sent while the page is still loading would
 * be lost (nothing is listening yet), so it waits for the load to finish; one that must not be
 * lost (files from the watched folder) is also held while no window is open, for the next one.
 */
export class WindowMessenger {
  private target: MessageTarget | null = null
  private readonly held: { channel: string; payload: unknown }[] = []

  /** Points messages at a newly opened window, and gives it what was held. */
  attach(target: MessageTarget): void {
    this.target = target
    for (const message of this.held.splice(0)) this.send(message.channel, message.payload, true)
  }

  detach(target: MessageTarget): void {
    if (this.target === target) this.target = null
  }

  send(channel: string, payload: unknown, holdWhileClosed = false): void {
    const target = this.target
    if (!target || target.isDestroyed()) {
      if (!holdWhileClosed) return
      this.held.push({ channel, payload })
      if (this.held.length > MAX_HELD_MESSAGES) this.held.shift()
      return
    }
    if (target.isLoading()) {
      target.once('did-finish-load', () => {
        if (!target.isDestroyed()) target.send(channel, payload)
      })
      return
    }
    target.send(channel, payload)
  }
}
