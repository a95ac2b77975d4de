/**
 * Entry point of the main process. Wiring only: the behaviour lives in security.ts, ipc.ts,
 * handlers.ts, listings.ts, watcher.ts, menu.ts and window.ts, which take Electron's objects as
 * arguments and are tested with fakes.
 */
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { app, BrowserWindow, dialog, ipcMain, Menu, session } from 'electron'
import { EVENTS } from '../shared/ipc/contract'
import { APP_NAME, createHandlers } from './handlers'
import { registerIpcHandlers } from './ipc'
import { ListingStore } from './listings'
import { installAppMenu } from './menu'
import {
  appUrlMatcher,
  denyAllPermissions,
  installContentSecurityPolicy,
  lockDownWebContents,
} from './security'
import { SettingsStore } from './settings-store'
import { FolderWatcher } from './watcher'
import { createMainWindow, WindowMessenger, type WindowSource } from './window'

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
const messenger = new WindowMessenger()
let watcher: FolderWatcher | null = null

function openMainWindow(): void {
  const window = createMainWindow(source)
  // Kept from creation: a closed window's webContents can no longer be asked for.
  const contents = window.webContents
  window.on('closed', () => {
    messenger.detach(contents)
    if (mainWindow === window) mainWindow = null
  })
  mainWindow = window
  messenger.attach(contents)
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

  app.on('will-quit', () => {
    void watcher?.close()
  })

  app
    .whenReady()
    .then(() => {
      installContentSecurityPolicy(session.defaultSession)
      denyAllPermissions(session.defaultSession)
      const listings = new ListingStore()
      const folderWatcher = new FolderWatcher({
        listings,
        settings: new SettingsStore(join(app.getPath('userData'), 'settings.json')),
        // Held while no window is open (macOS), so no batch of watched files is lost.
        send: (listing) => messenger.send(EVENTS.watchedFiles, listing, true),
      })
      watcher = folderWatcher
      registerIpcHandlers(
        ipcMain,
        createHandlers({
          dialog,
          app,
          getWindow: () => mainWindow,
          listings,
          watcher: folderWatcher,
        }),
        isAppUrl,
      )
      installAppMenu(Menu, {
        appName: APP_NAME,
        platform: process.platform,
        isPackaged: app.isPackaged,
        send: (command) => messenger.send(EVENTS.menuCommand, command),
      })
      openMainWindow()
      app.on('activate', () => {
        if (BrowserWindow.getAllWindows().length === 0) openMainWindow()
      })
      // After the window exists, so a batch found at start waits for its page to load. A
      // failure here only means no watching: the status reports it, the app carries on.
      folderWatcher.resume().catch((err: unknown) => {
        console.error('[main] the watched folder could not be resumed:', err)
      })
    })
    .catch((err: unknown) => {
      console.error('[main] startup failed:', err)
      app.quit()
    })
}
