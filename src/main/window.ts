import { BrowserWindow, type BrowserWindowConstructorOptions } from 'electron'

/** Matches the page background, so the window does not flash white or grey while it loads. */
export const PAGE_BACKGROUND = '#faf9f6'

/**
 * Imported releases are untrusted text, so the renderer runs as a plain sandboxed web page:
 * no Node, no remote content, no webviews; the preload's bridge is its only way out.
 * Several flags restate Electron's defaults on purpose, so a future default cannot loosen them.
 */
export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    title: 'Communiqué',
    width: 1280,
    height: 820,
    minWidth: 720,
    minHeight: 480,
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
  /** The electron-vite dev server, in development only. */
  rendererUrl?: string
  /** The built renderer's index.html. */
  rendererFile: string
}

export function createMainWindow(source: WindowSource): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(source.preloadPath))
  // Shown once painted, so the first frame the user sees is the app rather than an empty frame.
  window.once('ready-to-show', () => window.show())
  const loading = source.rendererUrl
    ? window.loadURL(source.rendererUrl)
    : window.loadFile(source.rendererFile)
  loading.catch((err: unknown) => console.error('[window] the app page failed to load:', err))
  return window
}
