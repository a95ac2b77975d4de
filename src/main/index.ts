/**
 * Entry point of the main process. Wiring only: the behaviour lives in security.ts, ipc.ts,
 * handlers.ts and window.ts, which take Electron's objects as arguments and are tested with fakes.
 */
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { app, BrowserWindow, dialog, ipcMain, session } from 'electron'
import { createHandlers } from './handlers'
import { registerIpcHandlers } from './ipc'
import {
  appUrlMatcher,
  denyAllPermissions,
  installContentSecurityPolicy,
  lockDownWebContents,
} from './security'
import { createMainWindow, type WindowSource } from './window'

// Built layout: out/main/index.js, out/preload/index.cjs, out/renderer/index.html.
const here = dirname(fileURLToPath(import.meta.url))

const source: WindowSource = {
  preloadPath: join(here, '../preload/index.cjs'),
  // Only an unpackaged app may be pointed at a dev server: in a shipped app an environment
  // variable must not be able to load a remote page that has the bridge.
  rendererUrl: app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL || undefined,
  rendererFile: join(here, '../renderer/index.html'),
}
const isAppUrl = appUrlMatcher(source)

let mainWindow: BrowserWindow | null = null

function openMainWindow(): void {
  const window = createMainWindow(source)
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null
  })
  mainWindow = window
}

// Every renderer is sandboxed, including any a future feature creates without thinking about it.
app.enableSandbox()

// End-to-end tests run against a throwaway profile, so they start with an empty archive and
// never touch (or collide with the single-instance lock of) the developer's own. Electron has
// no --user-data-dir switch; unpackaged only, so a shipped app ignores it.
const userDataOverride = app.isPackaged ? undefined : process.env.COMMUNIQUE_USER_DATA_DIR
if (userDataOverride) app.setPath('userData', userDataOverride)

// One archive, one window: a second instance would share the same IndexedDB profile.
if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
  })

  // Registered before any window exists, so no webContents escapes the lock-down.
  app.on('web-contents-created', (_event, contents) => lockDownWebContents(contents, isAppUrl))

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })

  app
    .whenReady()
    .then(() => {
      installContentSecurityPolicy(session.defaultSession)
      denyAllPermissions(session.defaultSession)
      registerIpcHandlers(
        ipcMain,
        createHandlers({ dialog, app, getWindow: () => mainWindow }),
        isAppUrl,
      )
      openMainWindow()
      app.on('activate', () => {
        if (BrowserWindow.getAllWindows().length === 0) openMainWindow()
      })
    })
    .catch((err: unknown) => {
      console.error('[main] startup failed:', err)
      app.quit()
    })
}
