import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { MenuItemConstructorOptions } from 'electron'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { CONTENT_SECURITY_POLICY } from '../shared/security/csp'
import { CHANNELS, EVENTS, type ImportListing } from '../shared/ipc/contract'
import {
  createFakeElectron,
  FakeElectronLog,
  FakeEvent,
  FakeWebContents,
  type FakeElectron,
} from './test/fake-electron'

// index.ts resolves the built files next to itself; under Vitest that is src/main.
const here = dirname(fileURLToPath(import.meta.url))
const RENDERER_FILE = join(here, '../renderer/index.html')
const APP_PAGE = 'app://communique/index.html'

type Started = FakeElectron & { log: FakeElectronLog }

const realArgv = process.argv

/**
 * Imports the entry afresh against a new fake electron (and a fake electron-log, which would
 * load the real electron), as if the app had just started with `argv` after the app path.
 */
async function start(
  setUp: (fake: FakeElectron) => void = () => {},
  argv: string[] = [],
): Promise<Started> {
  vi.resetModules()
  const fake = createFakeElectron()
  const log = new FakeElectronLog()
  setUp(fake)
  vi.doMock('electron', () => fake)
  vi.doMock('electron-log/main', () => ({ default: log }))
  process.argv = ['/fake/electron', fake.app.getAppPath(), ...argv]
  await import('./index')
  return Object.assign(fake, { log })
}

/** Makes the app ready and waits for its window (opened once the settings are read). */
async function ready(fake: FakeElectron): Promise<void> {
  await fake.app.becomeReady()
  await vi.waitFor(() => expect(fake.BrowserWindow.instances.length).toBeGreaterThan(0))
}

afterEach(() => {
  vi.doUnmock('electron')
  vi.doUnmock('electron-log/main')
  vi.unstubAllEnvs()
  process.argv = realArgv
})

describe('main entry', () => {
  it('does nothing that needs the app to be ready before it is', async () => {
    const fake = await start()
    expect(fake.app.sandboxEnabled).toBe(true)
    expect(fake.ipcMain.handlers.size).toBe(0)
    expect(fake.BrowserWindow.instances).toHaveLength(0)
    expect(fake.protocol.privileged.map((s) => s.scheme)).toEqual(['app'])
    expect(fake.protocol.privilegedAfterReady).toBe(false)
    expect(fake.protocol.handlers.size).toBe(0)
  })

  it('once ready, secures the session, registers the channels and opens one window', async () => {
    const fake = await start()
    await ready(fake)

    const session = fake.session.defaultSession
    const headers = await session.respond({})
    expect(headers?.['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY])
    expect(await session.requestPermission('media')).toBe(false)
    expect([...fake.ipcMain.handlers.keys()].sort()).toEqual(Object.values(CHANNELS).sort())

    expect(fake.BrowserWindow.instances).toHaveLength(1)
    const window = fake.BrowserWindow.instances[0]
    expect(window?.loaded).toEqual({ url: APP_PAGE })
    expect(window?.options).toMatchObject({
      webPreferences: { preload: join(here, '../preload/index.cjs'), sandbox: true },
    })
  })

  it("answers IPC from the app's own page and refuses it from anywhere else, logging it", async () => {
    const fake = await start()
    await ready(fake)

    expect(await fake.ipcMain.invoke(CHANNELS.appInfo, APP_PAGE)).toMatchObject({ ok: true })
    for (const sender of ['https://example.com/', pathToFileURL(RENDERER_FILE).href]) {
      expect(await fake.ipcMain.invoke(CHANNELS.appInfo, sender)).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      })
    }
    expect(fake.log.entries).toContainEqual({
      level: 'warn',
      params: ['[ipc] archive:appInfo refused: sender https://example.com/ is not the app'],
    })
  })

  it("writes the log to main.log in the app's logs folder, and import problems reach it", async () => {
    const fake = await start((f) => f.app.setPath('userData', '/home/r/.config/Communiqué'))
    await ready(fake)
    expect(fake.log.transports.file.resolvePathFn()).toBe(
      join('/home/r/.config/Communiqué/logs', 'main.log'),
    )
    await fake.ipcMain.invoke(CHANNELS.logImportProblems, APP_PAGE, [
      { file: 'inbox/minutes.pdf', reason: 'not a type the archive reads' },
    ])
    expect(fake.log.entries).toContainEqual({
      level: 'warn',
      params: ['[import] "inbox/minutes.pdf": "not a type the archive reads"'],
    })
  })

  it('serves the page over app:// from the renderer folder, with the policy', async () => {
    const fake = await start()
    await ready(fake)
    const response = await fake.protocol.fetch(APP_PAGE)
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY)
    expect(await response.text()).toBe(await readFile(RENDERER_FILE, 'utf8'))
    expect((await fake.protocol.fetch('app://communique/../main/index.ts')).status).not.toBe(200)
  })

  it('locks down every web contents that is created', async () => {
    const fake = await start()
    const contents = new FakeWebContents()
    fake.app.emit('web-contents-created', {}, contents)

    expect(contents.navigate('https://example.com/')).toBe(false)
    expect(contents.navigate(APP_PAGE)).toBe(true)
    expect(contents.navigate(pathToFileURL(RENDERER_FILE).href)).toBe(false)
    expect(contents.openWindow('https://example.com/')).toEqual({ action: 'deny' })
  })

  it('asks before opening a web link in the browser, and opens only on Open', async () => {
    const fake = await start()
    await ready(fake)
    const contents = fake.BrowserWindow.instances[0]?.webContents as FakeWebContents
    fake.app.emit('web-contents-created', {}, contents)

    fake.dialog.messageBoxResponse = 1
    expect(contents.navigate('https://example.com/cancelled')).toBe(false)
    await vi.waitFor(() => expect(fake.dialog.messageBoxes).toHaveLength(1))
    fake.dialog.messageBoxResponse = 0
    expect(contents.openWindow('https://example.com/opened')).toEqual({ action: 'deny' })
    await vi.waitFor(() =>
      expect(fake.shell.openedExternal).toEqual(['https://example.com/opened']),
    )
    expect(fake.dialog.messageBoxes.map((box) => box.options.message)).toEqual([
      'Open https://example.com/cancelled in your browser?',
      'Open https://example.com/opened in your browser?',
    ])
    contents.navigate('file:///etc/passwd')
    contents.openWindow('smb://server/share')
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(fake.dialog.messageBoxes).toHaveLength(2)
    expect(fake.shell.openedExternal).toEqual(['https://example.com/opened'])
  })

  it('loads the dev server in development but never in a packaged app', async () => {
    vi.stubEnv('ELECTRON_RENDERER_URL', 'http://localhost:5173')

    const dev = await start()
    await ready(dev)
    expect(dev.BrowserWindow.instances[0]?.loaded).toEqual({ url: 'http://localhost:5173' })
    expect(await dev.session.defaultSession.request('http://localhost:5173/src/main.tsx')).toBe(
      true,
    )

    const packaged = await start((fake) => (fake.app.isPackaged = true))
    await ready(packaged)
    expect(packaged.BrowserWindow.instances[0]?.loaded).toEqual({ url: APP_PAGE })
    expect(
      await packaged.session.defaultSession.request('http://localhost:5173/src/main.tsx'),
    ).toBe(false)
    expect(await packaged.ipcMain.invoke(CHANNELS.appInfo, 'http://localhost:5173/')).toMatchObject(
      { ok: false, error: { code: 'forbidden' } },
    )
  })

  it('uses a throwaway profile when the tests ask for one, unless packaged', async () => {
    vi.stubEnv('COMMUNIQUE_USER_DATA_DIR', '/tmp/communique-e2e-1')

    const dev = await start()
    expect(dev.app.paths.get('userData')).toBe('/tmp/communique-e2e-1')

    const packaged = await start((fake) => (fake.app.isPackaged = true))
    expect(packaged.app.paths.has('userData')).toBe(false)
  })

  it('quits when the last window closes (not on macOS) and reopens one on activate', async () => {
    const fake = await start()
    await ready(fake)

    fake.BrowserWindow.instances[0]?.close()
    fake.app.emit('window-all-closed')
    expect(fake.app.quitCount).toBe(process.platform === 'darwin' ? 0 : 1)

    fake.app.emit('activate')
    fake.app.emit('activate')
    await vi.waitFor(() => expect(fake.BrowserWindow.getAllWindows()).toHaveLength(1))
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(fake.BrowserWindow.instances).toHaveLength(2)
  })

  it('quits at once when another instance already has the archive open', async () => {
    const fake = await start((f) => (f.app.hasSingleInstanceLock = false))
    await fake.app.becomeReady()
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(fake.app.quitCount).toBe(1)
    expect(fake.BrowserWindow.instances).toHaveLength(0)
  })

  it('installs the app menu, whose commands reach the page', async () => {
    const fake = await start()
    await ready(fake)

    const menu = fake.Menu.applicationMenu?.template ?? []
    const file = menu.find((item) => item.label === 'File')?.submenu as MenuItemConstructorOptions[]
    const importFiles = file.find((item) => item.label === 'Import Files…')
    ;(importFiles?.click as (...args: unknown[]) => void)({}, undefined, {})

    expect(fake.BrowserWindow.instances[0]?.webContents.sent).toEqual([
      [EVENTS.menuCommand, 'import-files'],
    ])
  })

  it('resumes watching the folder chosen before, sending what arrived meanwhile', async () => {
    const profile = await mkdtemp(join(tmpdir(), 'communique-index-'))
    const inbox = join(profile, 'inbox')
    await mkdir(inbox)
    await writeFile(join(inbox, 'new.txt'), 'New release')
    await writeFile(join(profile, 'settings.json'), JSON.stringify({ watchedFolder: inbox }))
    const fake = await start((f) => f.app.setPath('userData', profile))
    try {
      await ready(fake)
      const appPage = APP_PAGE
      const contents = fake.BrowserWindow.instances[0]?.webContents

      await vi.waitFor(() => expect(contents?.sent).toHaveLength(1), { timeout: 5000 })
      const [channel, listing] = contents?.sent[0] as [string, ImportListing]
      expect(channel).toBe(EVENTS.watchedFiles)
      expect(listing.files).toEqual([{ name: 'inbox/new.txt', size: 11 }])
      expect(await fake.ipcMain.invoke(CHANNELS.getWatchedFolder, appPage)).toEqual({
        ok: true,
        value: { folder: inbox, error: null },
      })
      expect(
        await fake.ipcMain.invoke(CHANNELS.readListing, appPage, listing.id, 0, 1),
      ).toMatchObject({ ok: true, value: [{ name: 'inbox/new.txt' }] })
    } finally {
      fake.app.emit('will-quit', new FakeEvent())
      await new Promise((resolve) => setTimeout(resolve, 50))
      await rm(profile, { recursive: true, force: true })
    }
  })

  it('cancels a backup still being saved when the app quits, leaving no file behind', async () => {
    const profile = await mkdtemp(join(tmpdir(), 'communique-index-'))
    const fake = await start((f) => f.app.setPath('userData', profile))
    try {
      await ready(fake)
      const started = (await fake.ipcMain.invoke(
        CHANNELS.startAutoBackupSave,
        APP_PAGE,
        'daily',
      )) as { ok: boolean; value: { id: string } }
      expect(started.ok).toBe(true)
      expect(
        await fake.ipcMain.invoke(
          CHANNELS.writeBackupPiece,
          APP_PAGE,
          started.value.id,
          new Uint8Array([1, 2, 3]),
        ),
      ).toEqual({ ok: true, value: null })
      expect(await readdir(join(profile, 'backups'))).toHaveLength(1)
      const quitting = new FakeEvent()
      fake.app.emit('will-quit', quitting)
      expect(quitting.defaultPrevented).toBe(true)
      await vi.waitFor(() => expect(fake.app.quitCount).toBeGreaterThan(0))
      expect(await readdir(join(profile, 'backups'))).toEqual([])
    } finally {
      await rm(profile, { recursive: true, force: true })
    }
  })

  it('reports a watched folder that has gone, and starts anyway', async () => {
    const profile = await mkdtemp(join(tmpdir(), 'communique-index-'))
    const gone = join(profile, 'gone')
    await writeFile(join(profile, 'settings.json'), JSON.stringify({ watchedFolder: gone }))
    const fake = await start((f) => f.app.setPath('userData', profile))
    try {
      await ready(fake)
      const appPage = APP_PAGE
      await vi.waitFor(async () =>
        expect(await fake.ipcMain.invoke(CHANNELS.getWatchedFolder, appPage)).toMatchObject({
          value: { folder: gone, error: expect.stringMatching(/no longer there/) },
        }),
      )
      expect(fake.BrowserWindow.instances).toHaveLength(1)
      expect(fake.app.quitCount).toBe(0)
    } finally {
      await rm(profile, { recursive: true, force: true })
    }
  })

  describe('files the system asks the app to open', () => {
    let folder: string
    afterEach(async () => {
      await rm(folder, { recursive: true, force: true })
    })

    async function releases(): Promise<string> {
      folder = await mkdtemp(join(tmpdir(), 'communique-open-'))
      await writeFile(join(folder, 'statement.txt'), 'Joint statement')
      await mkdir(join(folder, 'inbox'))
      await writeFile(join(folder, 'inbox', 'a.md'), '# A')
      return folder
    }

    const opened = (fake: FakeElectron): ImportListing[] =>
      (fake.BrowserWindow.instances[0]?.webContents.sent ?? [])
        .filter(([channel]) => channel === EVENTS.openFiles)
        .map(([, listing]) => listing as ImportListing)

    it("imports the files on the first launch's command line once the page has loaded", async () => {
      const dir = await releases()
      const fake = await start(
        (f) => f.app.setPath('userData', join(dir, 'profile')),
        ['--no-sandbox', join(dir, 'statement.txt'), join(dir, 'missing.txt')],
      )
      fake.BrowserWindow.prototype.loadURL = function (
        this: { loaded: unknown; webContents: FakeWebContents },
        url: string,
      ) {
        this.loaded = { url }
        this.webContents.loading = true
        return Promise.resolve()
      }
      await ready(fake)
      const contents = fake.BrowserWindow.instances[0]?.webContents as FakeWebContents
      await new Promise((resolve) => setTimeout(resolve, 300))
      expect(opened(fake)).toEqual([])

      contents.finishLoading()
      expect(opened(fake)).toHaveLength(1)
      const [listing] = opened(fake)
      expect(listing?.files).toEqual([{ name: 'statement.txt', size: 15 }])
      expect(
        await fake.ipcMain.invoke(CHANNELS.readListing, APP_PAGE, listing?.id, 0, 1),
      ).toMatchObject({ ok: true, value: [{ name: 'statement.txt' }] })
    })

    it('focuses the window on a second launch and imports the files it was given', async () => {
      const dir = await releases()
      // Packaged: the second launch's command line is the executable, switches and files.
      const fake = await start((f) => {
        f.app.isPackaged = true
        f.app.setPath('userData', join(dir, 'profile'))
      })
      await ready(fake)
      const window = fake.BrowserWindow.instances[0]
      if (!window) throw new Error('no window')
      window.minimized = true

      fake.app.emit(
        'second-instance',
        new FakeEvent(),
        [
          '/opt/Communiqué/communique',
          '--allow-file-access-from-files',
          'statement.txt',
          'inbox',
          '--flag',
        ],
        dir,
      )
      expect(window.isMinimized()).toBe(false)
      expect(window.focusCount).toBe(1)
      await vi.waitFor(() => expect(opened(fake)).toHaveLength(1), { timeout: 3000 })
      expect(opened(fake)[0]?.files.map((file) => file.name)).toEqual([
        'statement.txt',
        'inbox/a.md',
      ])
      expect(fake.BrowserWindow.instances).toHaveLength(1)
    })

    it('opens a window for a second launch when none is open (macOS keeps running)', async () => {
      const dir = await releases()
      const fake = await start((f) => {
        f.app.isPackaged = true
        f.app.setPath('userData', join(dir, 'profile'))
      })
      await ready(fake)
      fake.BrowserWindow.instances[0]?.close()
      fake.app.emit('second-instance', new FakeEvent(), ['/opt/c/communique', 'statement.txt'], dir)
      await vi.waitFor(() => expect(fake.BrowserWindow.getAllWindows()).toHaveLength(1))
      const next = fake.BrowserWindow.instances[1]
      await vi.waitFor(() =>
        expect(
          next?.webContents.sent.filter(([channel]) => channel === EVENTS.openFiles),
        ).toHaveLength(1),
      )
    })

    it('only focuses the window when a second launch names no files', async () => {
      const dir = await releases()
      const fake = await start((f) => f.app.setPath('userData', join(dir, 'profile')))
      await ready(fake)
      fake.app.emit('second-instance', new FakeEvent(), ['/opt/Communiqué/communique'], dir)
      await new Promise((resolve) => setTimeout(resolve, 400))
      expect(fake.BrowserWindow.instances[0]?.focusCount).toBe(1)
      expect(opened(fake)).toEqual([])
    })

    it('takes macOS open-file events, even before the app is ready, as one listing', async () => {
      const dir = await releases()
      const fake = await start((f) => f.app.setPath('userData', join(dir, 'profile')))
      const early = new FakeEvent()
      fake.app.emit('open-file', early, join(dir, 'statement.txt'))
      expect(early.defaultPrevented).toBe(true)
      await ready(fake)
      fake.app.emit('open-file', new FakeEvent(), join(dir, 'inbox'))
      await vi.waitFor(() => expect(opened(fake)).toHaveLength(1), { timeout: 3000 })
      expect(opened(fake)[0]?.files).toHaveLength(2)
    })
  })

  describe('the window’s size and place', () => {
    let profile: string
    afterEach(async () => {
      await rm(profile, { recursive: true, force: true })
    })

    it('opens where it was left, maximized, when that is still on a screen', async () => {
      profile = await mkdtemp(join(tmpdir(), 'communique-window-'))
      const windowState = { x: 200, y: 100, width: 1000, height: 700, isMaximized: true }
      await writeFile(join(profile, 'settings.json'), JSON.stringify({ windowState }))
      const fake = await start((f) => f.app.setPath('userData', profile))
      await ready(fake)
      const window = fake.BrowserWindow.instances[0]
      expect(window?.options).toMatchObject({ x: 200, y: 100, width: 1000, height: 700 })
      expect(window?.isMaximized()).toBe(true)
    })

    it('opens centred at the default size when its screen has gone', async () => {
      profile = await mkdtemp(join(tmpdir(), 'communique-window-'))
      const windowState = { x: 2500, y: 100, width: 1000, height: 700, isMaximized: false }
      await writeFile(join(profile, 'settings.json'), JSON.stringify({ windowState }))
      const fake = await start((f) => f.app.setPath('userData', profile))
      await ready(fake)
      const options = fake.BrowserWindow.instances[0]?.options
      expect(options).toMatchObject({ width: 1280, height: 820 })
      expect(options?.x).toBeUndefined()
    })

    it('saves where the window was when it closes, before the app quits', async () => {
      profile = await mkdtemp(join(tmpdir(), 'communique-window-'))
      const fake = await start((f) => f.app.setPath('userData', profile))
      await ready(fake)
      const window = fake.BrowserWindow.instances[0]
      window?.moveTo({ x: 33, y: 44, width: 900, height: 650 })
      window?.close()
      const quitting = new FakeEvent()
      fake.app.emit('will-quit', quitting)
      // Held until the settings are on disk, then quit for real.
      expect(quitting.defaultPrevented).toBe(true)
      await vi.waitFor(() => expect(fake.app.quitCount).toBeGreaterThan(0))
      const saved = JSON.parse(await readFile(join(profile, 'settings.json'), 'utf8'))
      expect(saved.windowState).toEqual({
        x: 33,
        y: 44,
        width: 900,
        height: 650,
        isMaximized: false,
      })
      const again = new FakeEvent()
      fake.app.emit('will-quit', again)
      expect(again.defaultPrevented).toBe(false)
    })
  })
})
