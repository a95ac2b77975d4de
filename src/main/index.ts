/**
 * Entry point of the main process. Wiring only: the behaviour lives in the modules it imports
 * (security, app-protocol, ipc, handlers, listings, watcher, menu, window, window-state,
 * open-files, external-links, desktop-actions, app-log), which take Electron's objects as
 * arguments and are tested with fakes. index.test.ts and security-checklist.test.ts start this
 * file against a fake electron module.
 */
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  protocol,
  screen,
  session,
  shell,
} from 'electron'
import electronLog from 'electron-log/main'
import { EVENTS, type ImportListing } from '../shared/ipc/contract'
import { configureAppLog } from './app-log'
import {
  APP_INDEX_URL,
  APP_SCHEME,
  APP_SCHEME_PRIVILEGES,
  createAppProtocolHandler,
  rendererRoot,
} from './app-protocol'
import { BackupFiles } from './backup-files'
import { createDesktopActions } from './desktop-actions'
import { createExternalLinkOpener } from './external-links'
import { APP_NAME, createHandlers } from './handlers'
import { registerIpcHandlers } from './ipc'
import { ListingStore } from './listings'
import { installAppMenu } from './menu'
import { openPaths, PathBatcher, pathsFromCommandLine } from './open-files'
import {
  appUrlMatcher,
  blockRemoteRequests,
  denyAllPermissions,
  installContentSecurityPolicy,
  lockDownWebContents,
} from './security'
import { SettingsStore } from './settings-store'
import { FolderWatcher } from './watcher'
import { createMainWindow, WINDOW_SIZES, WindowMessenger, type WindowSource } from './window'
import { initialBounds, WindowStateKeeper } from './window-state'

// Built layout: out/main/index.js, out/preload/index.cjs, out/renderer/index.html.
const here = dirname(fileURLToPath(import.meta.url))

// Before the app is ready, as Electron requires: app:// gets its own origin and storage.
protocol.registerSchemesAsPrivileged([...APP_SCHEME_PRIVILEGES])

// Only an unpackaged app may be pointed at a dev server: in a shipped app an environment
// variable must not be able to load a remote page that has the bridge.
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL || undefined
const source: WindowSource = {
  preloadPath: join(here, '../preload/index.cjs'),
  url: devServerUrl ?? APP_INDEX_URL,
}
const isAppUrl = appUrlMatcher({ devServerUrl })

// Every renderer is sandboxed, including any a future feature creates without thinking about it.
app.enableSandbox()

// End-to-end tests run against a throwaway profile, so they start with an empty archive and
// never touch (or collide with the single-instance lock of) the developer's own. Electron has
// no --user-data-dir switch; unpackaged only, so a shipped app ignores it.
const userDataOverride = app.isPackaged ? undefined : process.env.COMMUNIQUE_USER_DATA_DIR
if (userDataOverride) app.setPath('userData', userDataOverride)
// ~/Library/Logs/Communiqué on macOS, <userData>/logs elsewhere.
app.setAppLogsPath()

const log = configureAppLog(electronLog, { logsFolder: app.getPath('logs'), ipcMain })

let mainWindow: BrowserWindow | null = null
const messenger = new WindowMessenger()
const listings = new ListingStore({ log })
// Backups being saved or read in pieces; those left open at quit are cancelled or closed.
const backupFiles = new BackupFiles()
const settings = new SettingsStore(join(app.getPath('userData'), 'settings.json'), log)
const windowState = new WindowStateKeeper({
  save: (state) => settings.update({ windowState: state }),
  log,
})
let watcher: FolderWatcher | null = null

/** Files the system asked the app to open, held until the page has loaded. */
const sendOpenFiles = (listing: ImportListing): void =>
  messenger.send(EVENTS.openFiles, listing, true)
const openFiles = new PathBatcher((paths) => {
  openPaths(paths, { listings, send: sendOpenFiles, log }).catch((err: unknown) =>
    log.error(`[open] could not list ${paths.join(', ')}:`, err),
  )
})
const commandLinePaths = (argv: readonly string[], cwd: string): Promise<string[]> =>
  pathsFromCommandLine(argv, { cwd, appPath: app.getAppPath(), isPackaged: app.isPackaged })

const getWindow = (): BrowserWindow | null => mainWindow
const offerExternal = createExternalLinkOpener({ dialog, shell, getWindow, log })

let opening: Promise<void> | null = null
function openMainWindow(): Promise<void> {
  opening ??= (async () => {
    const saved = (await settings.read()).windowState
    const placement = initialBounds(saved, screen.getAllDisplays(), WINDOW_SIZES)
    const window = createMainWindow(source, { placement, log })
    windowState.track(window)
    // Kept from creation: a closed window's webContents can no longer be asked for.
    const contents = window.webContents
    window.on('closed', () => {
      messenger.detach(contents)
      if (mainWindow === window) mainWindow = null
    })
    mainWindow = window
    messenger.attach(contents)
  })().finally(() => {
    opening = null
  })
  return opening
}

function focusMainWindow(): void {
  if (!mainWindow) {
    // macOS keeps the app running with no window; files handed to it need one to go to.
    if (app.isReady()) void openMainWindow()
    return
  }
  if (mainWindow.isMinimized()) mainWindow.restore()
  mainWindow.focus()
}

// One archive, one window: a second instance would share the same IndexedDB profile.
if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  // A second launch (say "Open with Communiqué" while the app runs) quits at once and hands
  // its command line here: its files are imported into this window.
  app.on('second-instance', (_event, argv, workingDirectory) => {
    focusMainWindow()
    commandLinePaths(argv, workingDirectory)
      .then((paths) => openFiles.add(paths))
      .catch((err: unknown) => log.error('[open] a second launch’s files were lost:', err))
  })

  // macOS hands files to open (Finder's Open With, the Dock icon) as events, possibly before
  // the app is ready.
  app.on('open-file', (event, path) => {
    event.preventDefault()
    openFiles.add([path])
    focusMainWindow()
  })

  // Registered before any window exists, so no webContents escapes the lock-down.
  app.on('web-contents-created', (_event, contents) =>
    lockDownWebContents(contents, isAppUrl, (url) => void offerExternal(url)),
  )

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })

  // Quitting waits for the last writes (the window's place, the watched folder's state), which
  // are asynchronous and would otherwise be cut off, and for unfinished backups to be cancelled
  // (their temporary files removed) and open ones closed.
  let flushed = false
  app.on('will-quit', (event) => {
    if (flushed) return
    flushed = true
    event.preventDefault()
    void Promise.allSettled([
      watcher?.close(),
      windowState.settled(),
      settings.settled(),
      backupFiles.closeAll(),
    ]).then(() => app.quit())
  })

  app
    .whenReady()
    .then(async () => {
      protocol.handle(
        APP_SCHEME,
        createAppProtocolHandler(rendererRoot(here), {
          onRefused: (url, status, reason) =>
            log.warn(`[protocol] ${url} refused (${status}): ${reason}`),
        }),
      )
      installContentSecurityPolicy(session.defaultSession)
      denyAllPermissions(session.defaultSession)
      blockRemoteRequests(session.defaultSession, { devServerUrl })
      const folderWatcher = new FolderWatcher({
        listings,
        settings,
        log,
        // Held while no window is open (macOS), so no batch of watched files is lost.
        send: (listing) => messenger.send(EVENTS.watchedFiles, listing, true),
      })
      watcher = folderWatcher
      registerIpcHandlers(
        ipcMain,
        createHandlers({
          dialog,
          app,
          getWindow,
          listings,
          backupFiles,
          watcher: folderWatcher,
          settings,
          log,
        }),
        isAppUrl,
        log,
      )
      const actions = createDesktopActions({
        appName: APP_NAME,
        app,
        shell,
        dialog,
        getWindow,
        log,
      })
      installAppMenu(Menu, {
        appName: APP_NAME,
        platform: process.platform,
        isPackaged: app.isPackaged,
        send: (command) => messenger.send(EVENTS.menuCommand, command),
        actions: {
          showAbout: () => void actions.showAbout(),
          openDataFolder: () => void actions.openDataFolder(),
          openLogs: () => void actions.openLogs(),
        },
      })
      await openMainWindow()
      app.on('activate', () => {
        if (BrowserWindow.getAllWindows().length === 0) void openMainWindow()
      })
      // Files on the first launch's own command line, then any that arrived meanwhile; the
      // messenger holds them until the page has loaded.
      openFiles.add(await commandLinePaths(process.argv, process.cwd()))
      openFiles.start()
      // After the window exists, so a batch found at start waits for its page to load. A
      // failure here only means no watching: the status reports it, the app carries on.
      folderWatcher.resume().catch((err: unknown) => {
        log.error('[main] the watched folder could not be resumed:', err)
      })
    })
    .catch((err: unknown) => {
      log.error('[main] startup failed:', err)
      app.quit()
    })
}
