/**
 * A small hand-written stand-in for the parts of the electron module the main process and the
 * preload use. It records what the code under test registers and lets a test drive it the way
 * Electron would: a response arriving, a page navigating, a renderer invoking a channel.
 *
 * Use it directly for modules that take Electron objects as arguments, and through
 * `vi.mock('electron', () => createFakeElectron())` for modules that import electron.
 */
import type { MenuItemConstructorOptions, OpenDialogOptions } from 'electron'

type Listener = (...args: never[]) => unknown

export class FakeEmitter {
  readonly listeners = new Map<string, Listener[]>()

  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener])
    return this
  }

  once(event: string, listener: Listener): this {
    const wrapper = (...args: never[]): unknown => {
      this.off(event, wrapper)
      return listener(...args)
    }
    return this.on(event, wrapper)
  }

  off(event: string, listener: Listener): this {
    this.listeners.set(
      event,
      (this.listeners.get(event) ?? []).filter((l) => l !== listener),
    )
    return this
  }

  emit(event: string, ...args: unknown[]): boolean {
    const listeners = this.listeners.get(event) ?? []
    for (const listener of listeners) (listener as (...a: unknown[]) => unknown)(...args)
    return listeners.length > 0
  }

  listenerCount(event: string): number {
    return this.listeners.get(event)?.length ?? 0
  }
}

export class FakeEvent {
  defaultPrevented = false
  constructor(readonly url = '') {}
  preventDefault(): void {
    this.defaultPrevented = true
  }
}

type WindowOpenHandler = (details: { url: string }) => { action: string }

export class FakeWebContents extends FakeEmitter {
  windowOpenHandler: WindowOpenHandler | null = null
  /** Messages sent to the page with send(), in order: [channel, ...args]. */
  readonly sent: unknown[][] = []
  loading = false
  destroyed = false

  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed')
    this.sent.push([channel, ...args])
  }
  isLoading(): boolean {
    return this.loading
  }
  isDestroyed(): boolean {
    return this.destroyed
  }
  /** The page finished loading, as Electron reports it. */
  finishLoading(): void {
    this.loading = false
    this.emit('did-finish-load')
  }

  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler
  }

  /** A navigation the page starts (link, form, location=); true when it was allowed through. */
  navigate(url: string, kind: 'will-navigate' | 'will-redirect' = 'will-navigate'): boolean {
    const event = new FakeEvent(url)
    this.emit(kind, event, url)
    return !event.defaultPrevented
  }

  /** window.open from the page; Electron allows it when no handler is set. */
  openWindow(url: string): { action: string } {
    return this.windowOpenHandler ? this.windowOpenHandler({ url }) : { action: 'allow' }
  }

  /** A <webview> about to attach; true when it was allowed through. */
  attachWebview(): boolean {
    const event = new FakeEvent()
    this.emit('will-attach-webview', event, {}, {})
    return !event.defaultPrevented
  }
}

type HeadersListener = (
  details: { url: string; responseHeaders?: Record<string, string[]> },
  callback: (response: { responseHeaders?: Record<string, string | string[]> }) => void,
) => void
type PermissionRequestHandler = (
  contents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
) => void
type PermissionCheckHandler = (contents: unknown, permission: string) => boolean

export class FakeSession {
  headersListener: HeadersListener | null = null
  permissionRequestHandler: PermissionRequestHandler | null = null
  permissionCheckHandler: PermissionCheckHandler | null = null

  readonly webRequest = {
    onHeadersReceived: (listener: HeadersListener): void => {
      this.headersListener = listener
    },
  }

  setPermissionRequestHandler(handler: PermissionRequestHandler): void {
    this.permissionRequestHandler = handler
  }

  setPermissionCheckHandler(handler: PermissionCheckHandler): void {
    this.permissionCheckHandler = handler
  }

  /** The headers the page would finally receive; without a listener, the server's own. */
  respond(
    responseHeaders: Record<string, string[]>,
    url = 'file:///app/index.html',
  ): Promise<Record<string, string | string[]> | undefined> {
    const listener = this.headersListener
    if (!listener) return Promise.resolve(responseHeaders)
    return new Promise((resolve) => {
      listener({ url, responseHeaders }, (response) =>
        resolve(response.responseHeaders ?? responseHeaders),
      )
    })
  }

  /** Electron grants permission requests when no handler is set. */
  requestPermission(permission: string): Promise<boolean> {
    const handler = this.permissionRequestHandler
    if (!handler) return Promise.resolve(true)
    return new Promise((resolve) => handler(null, permission, resolve))
  }

  checkPermission(permission: string): boolean {
    return this.permissionCheckHandler ? this.permissionCheckHandler(null, permission) : true
  }
}

type InvokeListener = (
  event: { senderFrame: { url: string } | null },
  ...args: unknown[]
) => unknown

export class FakeIpcMain {
  readonly handlers = new Map<string, InvokeListener>()

  handle(channel: string, listener: InvokeListener): void {
    // Electron refuses a second handler for a channel; so does the fake.
    if (this.handlers.has(channel)) {
      throw new Error(`Attempted to register a second handler for '${channel}'`)
    }
    this.handlers.set(channel, listener)
  }

  /** What a renderer whose frame is at `senderUrl` (null: frame gone) gets back from invoke. */
  async invoke(channel: string, senderUrl: string | null, ...args: unknown[]): Promise<unknown> {
    const listener = this.handlers.get(channel)
    if (!listener) throw new Error(`No handler registered for '${channel}'`)
    return listener({ senderFrame: senderUrl === null ? null : { url: senderUrl } }, ...args)
  }
}

type OpenDialogResult = { canceled: boolean; filePaths: string[] }

export class FakeDialog {
  readonly calls: { window: unknown; options: OpenDialogOptions }[] = []
  constructor(public result: OpenDialogResult = { canceled: true, filePaths: [] }) {}

  showOpenDialog(window: object, options: OpenDialogOptions): Promise<OpenDialogResult>
  showOpenDialog(options: OpenDialogOptions): Promise<OpenDialogResult>
  showOpenDialog(
    first: object | OpenDialogOptions,
    second?: OpenDialogOptions,
  ): Promise<OpenDialogResult> {
    if (second) this.calls.push({ window: first, options: second })
    else this.calls.push({ window: null, options: first as OpenDialogOptions })
    return Promise.resolve(this.result)
  }
}

export class FakeApp extends FakeEmitter {
  isPackaged = false
  version = '0.1.0'
  appPath = '/fake/app'
  hasSingleInstanceLock = true
  quitCount = 0
  sandboxEnabled = false
  private readonly ready: Promise<void>
  private markReady: () => void = () => {}

  constructor() {
    super()
    this.ready = new Promise((resolve) => (this.markReady = resolve))
  }

  /** Fires 'ready': until then whenReady() stays pending, as in Electron. */
  becomeReady(): Promise<void> {
    this.markReady()
    // Let the code chained on whenReady() run before the test looks.
    return new Promise((resolve) => setTimeout(resolve, 0))
  }

  whenReady(): Promise<void> {
    return this.ready
  }
  getVersion(): string {
    return this.version
  }
  getAppPath(): string {
    return this.appPath
  }
  quit(): void {
    this.quitCount++
  }
  enableSandbox(): void {
    this.sandboxEnabled = true
  }
  readonly paths = new Map<string, string>()
  setPath(name: string, path: string): void {
    this.paths.set(name, path)
  }
  getPath(name: string): string {
    return this.paths.get(name) ?? `/fake/${name}`
  }
  requestSingleInstanceLock(): boolean {
    return this.hasSingleInstanceLock
  }
}

export class FakeBrowserWindowBase extends FakeEmitter {
  readonly webContents = new FakeWebContents()
  loaded: { url: string } | { file: string } | null = null
  isShown = false
  isDestroyed = false

  constructor(readonly options: Record<string, unknown>) {
    super()
  }

  loadURL(url: string): Promise<void> {
    this.loaded = { url }
    return Promise.resolve()
  }
  loadFile(file: string): Promise<void> {
    this.loaded = { file }
    return Promise.resolve()
  }
  show(): void {
    this.isShown = true
  }
  focus(): void {}
  restore(): void {}
  isMinimized(): boolean {
    return false
  }
  close(): void {
    this.isDestroyed = true
    this.webContents.destroyed = true
    this.emit('closed')
  }
}

/** A BrowserWindow class with its own registry, so tests do not share windows. */
export function makeFakeBrowserWindow(): typeof FakeBrowserWindowBase & {
  instances: FakeBrowserWindowBase[]
  getAllWindows(): FakeBrowserWindowBase[]
} {
  const instances: FakeBrowserWindowBase[] = []
  return class FakeBrowserWindow extends FakeBrowserWindowBase {
    static instances = instances
    static getAllWindows(): FakeBrowserWindowBase[] {
      return instances.filter((w) => !w.isDestroyed)
    }
    constructor(options: Record<string, unknown>) {
      super(options)
      instances.push(this)
    }
  }
}

export class FakeContextBridge {
  readonly exposed: { key: string; api: unknown }[] = []
  exposeInMainWorld(key: string, api: unknown): void {
    this.exposed.push({ key, api })
  }
}

export class FakeIpcRenderer extends FakeEmitter {
  readonly invocations: unknown[][] = []
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invocations.push([channel, ...args])
    return Promise.resolve({ ok: true, value: `reply to ${channel}` })
  }
  removeListener(event: string, listener: Listener): this {
    return this.off(event, listener)
  }
  /** A message from the main process, as webContents.send delivers it: event first. */
  receive(channel: string, payload: unknown): void {
    this.emit(channel, { sender: 'the IPC event', senderId: 0 }, payload)
  }
}

/** A dropped file as the fake sees it: Electron knows its path, a page-made File has none. */
export type FakeFile = { name: string; path?: string }

export class FakeWebUtils {
  getPathForFile(file: FakeFile): string {
    return file.path ?? ''
  }
}

/** A built menu: the template it came from, so tests can read labels and click items. */
export type FakeBuiltMenu = { template: MenuItemConstructorOptions[] }

export class FakeMenu {
  applicationMenu: FakeBuiltMenu | null = null
  buildFromTemplate(template: MenuItemConstructorOptions[]): FakeBuiltMenu {
    return { template }
  }
  setApplicationMenu(menu: FakeBuiltMenu | null): void {
    this.applicationMenu = menu
  }
}

export function createFakeElectron() {
  return {
    app: new FakeApp(),
    BrowserWindow: makeFakeBrowserWindow(),
    dialog: new FakeDialog(),
    ipcMain: new FakeIpcMain(),
    session: { defaultSession: new FakeSession() },
    contextBridge: new FakeContextBridge(),
    ipcRenderer: new FakeIpcRenderer(),
    webUtils: new FakeWebUtils(),
    Menu: new FakeMenu(),
  }
}

export type FakeElectron = ReturnType<typeof createFakeElectron>
