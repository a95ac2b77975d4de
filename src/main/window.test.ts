import { describe, expect, it, vi } from 'vitest'
import {
  FakeEvent,
  FakeWebContents,
  type FakeBrowserWindowBase,
  type FakeElectron,
} from './test/fake-electron'

const electron = await vi.hoisted(async () => {
  const { createFakeElectron } = await import('./test/fake-electron')
  return createFakeElectron()
})
vi.mock('electron', () => electron)

const { createMainWindow, mainWindowOptions, PAGE_BACKGROUND, WindowMessenger } =
  await import('./window')

const windows = (): FakeBrowserWindowBase[] =>
  (electron.BrowserWindow as FakeElectron['BrowserWindow']).instances

describe('mainWindowOptions', () => {
  it('runs the renderer isolated and sandboxed, with no Node and no webviews', () => {
    const prefs = mainWindowOptions('/app/out/preload/index.cjs').webPreferences
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.cjs',
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

  it("is titled 'Communiqué' and starts hidden on the page's background colour", () => {
    const options = mainWindowOptions('/p.cjs')
    expect(options.title).toBe('Communiqué')
    expect(options.show).toBe(false)
    expect(options.backgroundColor).toBe(PAGE_BACKGROUND)
    expect(PAGE_BACKGROUND).toBe('#faf9f6')
    expect(options.width).toBeGreaterThanOrEqual(options.minWidth ?? 0)
  })
})

describe('createMainWindow', () => {
  it('loads the page and shows the window only once it is ready', () => {
    const before = windows().length
    createMainWindow({ preloadPath: '/p.cjs', url: 'app://communique/index.html' })

    expect(windows()).toHaveLength(before + 1)
    const window = windows().at(-1) as FakeBrowserWindowBase
    expect(window.options).toEqual(mainWindowOptions('/p.cjs'))
    expect(window.options).toMatchObject({ width: 1280, height: 820 })
    expect(window.options.x).toBeUndefined()
    expect(window.loaded).toEqual({ url: 'app://communique/index.html' })
    expect(window.isShown).toBe(false)

    window.emit('ready-to-show')
    expect(window.isShown).toBe(true)
  })

  it('opens where it is told, maximized if it was', () => {
    createMainWindow(
      { preloadPath: '/p.cjs', url: 'app://communique/index.html' },
      { placement: { bounds: { x: 40, y: 30, width: 1000, height: 700 }, isMaximized: true } },
    )
    const window = windows().at(-1) as FakeBrowserWindowBase
    expect(window.options).toMatchObject({ x: 40, y: 30, width: 1000, height: 700 })
    expect(window.isMaximized()).toBe(true)
    expect(window.getNormalBounds()).toEqual({ x: 40, y: 30, width: 1000, height: 700 })
  })
})

describe('leaving with an edit not yet stored', () => {
  const dialog = electron.dialog as FakeElectron['dialog']
  const pageRefusesToGo = (window: FakeBrowserWindowBase): boolean => {
    const event = new FakeEvent()
    window.webContents.emit('will-prevent-unload', event)
    return event.defaultPrevented
  }

  it('asks, staying by default; the page stays unless the user chooses to close anyway', () => {
    createMainWindow({ preloadPath: '/p.cjs', url: 'app://communique/index.html' })
    const window = windows().at(-1) as FakeBrowserWindowBase
    const asked = dialog.messageBoxes.length

    dialog.messageBoxResponse = 0
    // Not prevented: Electron keeps the page, as its beforeunload asked.
    expect(pageRefusesToGo(window)).toBe(false)
    const question = dialog.messageBoxes[asked]
    expect(question?.window).toBe(window)
    expect(question?.options).toMatchObject({
      type: 'warning',
      message: 'Your latest edit is not saved yet',
      buttons: ['Stay', 'Close Anyway'],
      defaultId: 0,
      cancelId: 0,
    })
    expect(question?.options.detail).toContain('close now, and it is lost')

    dialog.messageBoxResponse = 1
    // Prevented: Electron ignores the page's beforeunload, and the window goes.
    expect(pageRefusesToGo(window)).toBe(true)
    expect(dialog.messageBoxes).toHaveLength(asked + 2)
  })
})

describe('WindowMessenger', () => {
  it('sends at once to a loaded page, and waits for a loading page to finish', () => {
    const messenger = new WindowMessenger()
    const contents = new FakeWebContents()
    messenger.attach(contents)

    messenger.send('archive:menuCommand', 'import-files')
    contents.loading = true
    messenger.send('archive:menuCommand', 'import-folder')

    expect(contents.sent).toEqual([['archive:menuCommand', 'import-files']])
    contents.finishLoading()
    expect(contents.sent).toEqual([
      ['archive:menuCommand', 'import-files'],
      ['archive:menuCommand', 'import-folder'],
    ])
  })

  it('holds what must not be lost while no window is open, for the next window', () => {
    const messenger = new WindowMessenger()
    const closed = new FakeWebContents()
    messenger.attach(closed)
    messenger.detach(closed)

    messenger.send('archive:menuCommand', 'open-settings')
    messenger.send('archive:watchedFiles', { id: 'a' }, true)
    const next = new FakeWebContents()
    messenger.attach(next)

    expect(next.sent).toEqual([['archive:watchedFiles', { id: 'a' }]])
    expect(closed.sent).toEqual([])
  })

  it('never sends to a destroyed page', () => {
    const messenger = new WindowMessenger()
    const contents = new FakeWebContents()
    messenger.attach(contents)
    contents.loading = true
    messenger.send('archive:watchedFiles', { id: 'a' }, true)
    contents.destroyed = true
    expect(() => contents.emit('did-finish-load')).not.toThrow()
    expect(contents.sent).toEqual([])
  })
})
