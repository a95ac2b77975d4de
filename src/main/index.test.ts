import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { MenuItemConstructorOptions } from 'electron'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { CONTENT_SECURITY_POLICY } from '../shared/security/csp'
import { CHANNELS, EVENTS, type ImportListing } from '../shared/ipc/contract'
import { createFakeElectron, FakeWebContents, type FakeElectron } from './test/fake-electron'

// index.ts resolves the built files next to itself; under Vitest that is src/main.
const here = dirname(fileURLToPath(import.meta.url))
const RENDERER_FILE = join(here, '../renderer/index.html')

/** Imports the entry afresh against a new fake electron, as if the app had just started. */
async function start(setUp: (fake: FakeElectron) => void = () => {}): Promise<FakeElectron> {
  vi.resetModules()
  const fake = createFakeElectron()
  setUp(fake)
  vi.doMock('electron', () => fake)
  await import('./index')
  return fake
}

afterEach(() => {
  vi.doUnmock('electron')
  vi.unstubAllEnvs()
})

describe('main entry', () => {
  it('does nothing that needs the app to be ready before it is', async () => {
    const fake = await start()
    expect(fake.app.sandboxEnabled).toBe(true)
    expect(fake.ipcMain.handlers.size).toBe(0)
    expect(fake.BrowserWindow.instances).toHaveLength(0)
  })

  it('once ready, secures the session, registers the channels and opens one window', async () => {
    const fake = await start()
    await fake.app.becomeReady()

    const session = fake.session.defaultSession
    const headers = await session.respond({})
    expect(headers?.['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY])
    expect(await session.requestPermission('media')).toBe(false)
    expect([...fake.ipcMain.handlers.keys()].sort()).toEqual(Object.values(CHANNELS).sort())

    expect(fake.BrowserWindow.instances).toHaveLength(1)
    const window = fake.BrowserWindow.instances[0]
    expect(window?.loaded).toEqual({ file: RENDERER_FILE })
    expect(window?.options).toMatchObject({
      webPreferences: { preload: join(here, '../preload/index.cjs'), sandbox: true },
    })
  })

  it("answers IPC from the app's own page and refuses it from anywhere else", async () => {
    const fake = await start()
    await fake.app.becomeReady()
    vi.spyOn(console, 'error').mockImplementation(() => {})

    const appPage = pathToFileURL(RENDERER_FILE).href
    expect(await fake.ipcMain.invoke(CHANNELS.appInfo, appPage)).toMatchObject({ ok: true })
    expect(await fake.ipcMain.invoke(CHANNELS.appInfo, 'https://example.com/')).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    })
    vi.mocked(console.error).mockRestore()
  })

  it('locks down every web contents that is created', async () => {
    const fake = await start()
    const contents = new FakeWebContents()
    fake.app.emit('web-contents-created', {}, contents)

    expect(contents.navigate('https://example.com/')).toBe(false)
    expect(contents.navigate(pathToFileURL(RENDERER_FILE).href)).toBe(true)
    expect(contents.openWindow('https://example.com/')).toEqual({ action: 'deny' })
  })

  it('loads the dev server in development but never in a packaged app', async () => {
    vi.stubEnv('ELECTRON_RENDERER_URL', 'http://localhost:5173')

    const dev = await start()
    await dev.app.becomeReady()
    expect(dev.BrowserWindow.instances[0]?.loaded).toEqual({ url: 'http://localhost:5173' })

    const packaged = await start((fake) => (fake.app.isPackaged = true))
    await packaged.app.becomeReady()
    expect(packaged.BrowserWindow.instances[0]?.loaded).toEqual({ file: RENDERER_FILE })
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
    await fake.app.becomeReady()

    fake.BrowserWindow.instances[0]?.close()
    fake.app.emit('window-all-closed')
    expect(fake.app.quitCount).toBe(process.platform === 'darwin' ? 0 : 1)

    fake.app.emit('activate')
    expect(fake.BrowserWindow.getAllWindows()).toHaveLength(1)
    fake.app.emit('activate')
    expect(fake.BrowserWindow.getAllWindows()).toHaveLength(1)
  })

  it('quits at once when another instance already has the archive open', async () => {
    const fake = await start((f) => (f.app.hasSingleInstanceLock = false))
    await fake.app.becomeReady()
    expect(fake.app.quitCount).toBe(1)
    expect(fake.BrowserWindow.instances).toHaveLength(0)
  })

  it('installs the app menu, whose commands reach the page', async () => {
    const fake = await start()
    await fake.app.becomeReady()

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
      await fake.app.becomeReady()
      const appPage = pathToFileURL(RENDERER_FILE).href
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
      fake.app.emit('will-quit')
      await new Promise((resolve) => setTimeout(resolve, 50))
      await rm(profile, { recursive: true, force: true })
    }
  })

  it('reports a watched folder that has gone, and starts anyway', async () => {
    const profile = await mkdtemp(join(tmpdir(), 'communique-index-'))
    const gone = join(profile, 'gone')
    await writeFile(join(profile, 'settings.json'), JSON.stringify({ watchedFolder: gone }))
    const fake = await start((f) => f.app.setPath('userData', profile))
    try {
      await fake.app.becomeReady()
      const appPage = pathToFileURL(RENDERER_FILE).href
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
})
