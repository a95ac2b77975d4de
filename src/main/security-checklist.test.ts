/**
 * Electron's security checklist, checked against the main process as it really starts:
 * index.ts is imported against the fake electron module and every item is read back from what
 * it configured. A change that loosens any of them fails here.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { CHANNELS, type Channel, type ChannelArgs, type Reply } from '../shared/ipc/contract'
import { CONTENT_SECURITY_POLICY } from '../shared/security/csp'
import {
  createFakeElectron,
  FakeElectronLog,
  FakeWebContents,
  type FakeElectron,
} from './test/fake-electron'

const APP_PAGE = 'app://communique/index.html'
const realArgv = process.argv
let fake: FakeElectron

beforeAll(async () => {
  vi.resetModules()
  fake = createFakeElectron()
  fake.app.isPackaged = true
  vi.doMock('electron', () => fake)
  vi.doMock('electron-log/main', () => ({ default: new FakeElectronLog() }))
  process.argv = ['/opt/Communiqué/communique']
  await import('./index')
  await fake.app.becomeReady()
  await vi.waitFor(() => expect(fake.BrowserWindow.instances).toHaveLength(1))
})

afterAll(() => {
  vi.doUnmock('electron')
  vi.doUnmock('electron-log/main')
  process.argv = realArgv
})

/** A valid argument list for every channel: a channel added to the contract must be added here. */
const BYTES = new Uint8Array([1, 2, 3])
const VALID_ARGS: { [K in Channel]: ChannelArgs[K] } = {
  [CHANNELS.pickFiles]: [],
  [CHANNELS.pickFolder]: [],
  [CHANNELS.listDropped]: [['/home/r/a.txt']],
  [CHANNELS.readListing]: ['abc', 0, 1],
  [CHANNELS.closeListing]: ['abc'],
  [CHANNELS.loadSamples]: [],
  [CHANNELS.appInfo]: [],
  [CHANNELS.getWatchedFolder]: [],
  [CHANNELS.chooseWatchedFolder]: [],
  [CHANNELS.stopWatching]: [],
  [CHANNELS.logImportProblems]: [[{ file: 'a.txt', reason: 'empty' }]],
  [CHANNELS.startBackupSave]: ['a.communique-backup'],
  [CHANNELS.startAutoBackupSave]: ['daily'],
  [CHANNELS.writeBackupPiece]: ['no-such-backup', BYTES],
  [CHANNELS.finishBackupSave]: ['no-such-backup'],
  [CHANNELS.abortBackupSave]: ['no-such-backup'],
  [CHANNELS.openBackup]: [],
  [CHANNELS.readBackupPiece]: ['no-such-backup', 0, 1],
  [CHANNELS.closeBackup]: ['no-such-backup'],
  [CHANNELS.listAutoBackups]: [],
}

describe('the security checklist, on the real main-process configuration', () => {
  it('1. renderers are sandboxed, isolated, without Node, webviews or insecure content', () => {
    expect(fake.app.sandboxEnabled).toBe(true)
    const prefs = fake.BrowserWindow.instances[0]?.options.webPreferences
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
    })
  })

  it('2. a strict Content-Security-Policy goes with every response, app:// ones too', async () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'")
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'")
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'")
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'")
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/)

    const headers = await fake.session.defaultSession.respond({
      'content-security-policy': ['default-src *'],
    })
    expect(headers?.['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY])
    expect(headers?.['content-security-policy']).toBeUndefined()

    for (const url of [APP_PAGE, 'app://communique/missing.js', 'app://communique/..%2f..%2fx']) {
      const response = await fake.protocol.fetch(url)
      expect(response.headers.get('Content-Security-Policy'), url).toBe(CONTENT_SECURITY_POLICY)
    }
  })

  it('3. the page comes from app://, registered before ready, with no extra privileges', async () => {
    expect(fake.protocol.privilegedAfterReady).toBe(false)
    expect(fake.protocol.privileged).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ])
    expect([...fake.protocol.handlers.keys()]).toEqual(['app'])
    expect(fake.BrowserWindow.instances[0]?.loaded).toEqual({ url: APP_PAGE })
    expect((await fake.protocol.fetch(APP_PAGE)).status).toBe(200)
    expect((await fake.protocol.fetch('app://elsewhere/index.html')).status).toBe(404)
  })

  it('4. every permission request and check is denied', async () => {
    const session = fake.session.defaultSession
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'clipboard-sanitized-write',
      'fullscreen',
      'openExternal',
      'hid',
      'serial',
      'usb',
      'fileSystem',
      'unknown-future-permission',
    ]) {
      expect(await session.requestPermission(permission), permission).toBe(false)
      expect(session.checkPermission(permission), permission).toBe(false)
    }
  })

  it('5. navigation away, new windows and webviews are refused for every web contents', () => {
    const contents = new FakeWebContents()
    fake.app.emit('web-contents-created', {}, contents)
    expect(contents.navigate('https://example.com/')).toBe(false)
    expect(contents.navigate('file:///etc/passwd')).toBe(false)
    expect(contents.navigate('https://example.com/', 'will-redirect')).toBe(false)
    expect(contents.openWindow('https://example.com/')).toEqual({ action: 'deny' })
    expect(contents.openWindow(APP_PAGE)).toEqual({ action: 'deny' })
    expect(contents.attachWebview()).toBe(false)
    expect(contents.navigate(`${APP_PAGE}#/library`)).toBe(true)
    // The app's own window is locked down too (it was created after the handler was installed).
    expect(fake.app.listenerCount('web-contents-created')).toBe(1)
  })

  it('6. no remote content: requests to the network or to file:// are cancelled', async () => {
    const session = fake.session.defaultSession
    for (const url of [
      'https://example.com/a.js',
      'http://localhost:5173/',
      'ws://localhost:5173/',
      'file:///etc/passwd',
    ]) {
      expect(await session.request(url), url).toBe(false)
    }
    expect(await session.request('app://communique/assets/index.js')).toBe(true)
  })

  it('7. the only IPC handlers are the contract’s channels (none of a library’s own)', () => {
    expect([...fake.ipcMain.handlers.keys()].sort()).toEqual(Object.values(CHANNELS).sort())
    expect([...fake.ipcMain.listeners.values()].flat()).toEqual([])
  })

  it.each(Object.values(CHANNELS))('8. %s checks its sender frame', async (channel) => {
    const dialogsBefore = fake.dialog.calls.length + fake.dialog.saveCalls.length
    for (const sender of [
      'https://example.com/',
      'file:///opt/communique/out/renderer/index.html',
      'app://evil/index.html',
      'http://localhost:5173/',
      null,
    ]) {
      const reply = (await fake.ipcMain.invoke(
        channel,
        sender,
        ...VALID_ARGS[channel],
      )) as Reply<unknown>
      expect(reply, `${channel} from ${sender}`).toEqual({
        ok: false,
        error: { code: 'forbidden', message: expect.any(String) },
      })
    }
    expect(fake.dialog.calls.length + fake.dialog.saveCalls.length).toBe(dialogsBefore)
  })

  it.each(Object.values(CHANNELS))('9. %s validates its arguments', async (channel) => {
    const valid = VALID_ARGS[channel] as unknown[]
    const refused = [
      [...valid, 'one too many'],
      ...(valid.length > 0 ? [valid.slice(0, -1), valid.map(() => ({ toString: 1 }))] : []),
    ]
    for (const args of refused) {
      const reply = (await fake.ipcMain.invoke(channel, APP_PAGE, ...args)) as Reply<unknown>
      expect(reply, `${channel} ${args.length} args`).toMatchObject({
        ok: false,
        error: { code: 'invalid-argument' },
      })
    }
  })
})
