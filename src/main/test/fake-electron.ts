/**
 * A small hand-written stand-in for the parts of the electron module the main process and the
 * preload use. It records what the code under test registers and lets a test drive it the way
 * Electron would: a response arriving, a page navigating, a renderer invoking a channel.
 *
 * Use it directly for modules that take Electron objects as arguments, and through
 * `vi.mock('electron', () => createFakeElectron())` for modules that import electron.
 */
import type {
  MenuItemConstructorOptions,
  MessageBoxOptions,
  OpenDialogOptions,
  SaveDialogOptions,
} from 'electron'

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
type BeforeRequestListener = (
  details: { url: string },
  callback: (response: { cancel?: boolean }) => void,
) => void

export class FakeSession {
  headersListener: HeadersListener | null = null
  beforeRequestListener: BeforeRequestListener | null = null
  permissionRequestHandler: PermissionRequestHandler | null = null
  permissionCheckHandler: PermissionCheckHandler | null = null

  readonly webRequest = {
    onHeadersReceived: (listener: HeadersListener): void => {
      this.headersListener = listener
    },
    onBeforeRequest: (listener: BeforeRequestListener): void => {
      this.beforeRequestListener = listener
    },
  }

  /** A request the page makes; true when it goes ahead, false when cancelled. */
  request(url: string): Promise<boolean> {
    const listener = this.beforeRequestListener
    if (!listener) return Promise.resolve(true)
    return new Promise((resolve) => listener({ url }, (response) => resolve(!response.cancel)))
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

export class FakeIpcMain extends FakeEmitter {
  readonly handlers = new Map<string, InvokeListener>()

  removeHandler(channel: string): void {
    this.handlers.delete(channel)
  }

  removeAllListeners(channel: string): this {
    this.listeners.delete(channel)
    return this
  }

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
type SaveDialogResult = { canceled: boolean; filePath: string }
type MessageBoxResult = { response: number; checkboxChecked: boolean }

export class FakeDialog {
  readonly calls: { window: unknown; options: OpenDialogOptions }[] = []
  readonly saveCalls: { window: unknown; options: SaveDialogOptions }[] = []
  readonly messageBoxes: { window: unknown; options: MessageBoxOptions }[] = []
  saveResult: SaveDialogResult = { canceled: true, filePath: '' }
  /** The button the user presses in the next message boxes (Cancel, unless a test says). */
  messageBoxResponse = 1

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

  showSaveDialog(window: object, options: SaveDialogOptions): Promise<SaveDialogResult>
  showSaveDialog(options: SaveDialogOptions): Promise<SaveDialogResult>
  showSaveDialog(
    first: object | SaveDialogOptions,
    second?: SaveDialogOptions,
  ): Promise<SaveDialogResult> {
    if (second) this.saveCalls.push({ window: first, options: second })
    else this.saveCalls.push({ window: null, options: first as SaveDialogOptions })
    return Promise.resolve(this.saveResult)
  }

  /** Answers at once with `messageBoxResponse`, as the user's press would. */
  showMessageBoxSync(window: object, options: MessageBoxOptions): number {
    this.messageBoxes.push({ window, options })
    return this.messageBoxResponse
  }

  showMessageBox(window: object, options: MessageBoxOptions): Promise<MessageBoxResult>
  showMessageBox(options: MessageBoxOptions): Promise<MessageBoxResult>
  showMessageBox(
    first: object | MessageBoxOptions,
    second?: MessageBoxOptions,
  ): Promise<MessageBoxResult> {
    if (second) this.messageBoxes.push({ window: first, options: second })
    else this.messageBoxes.push({ window: null, options: first as MessageBoxOptions })
    return Promise.resolve({ response: this.messageBoxResponse, checkboxChecked: false })
  }
}

export class FakeShell {
  readonly openedExternal: string[] = []
  readonly openedPaths: string[] = []
  /** What openPath answers: '' for success, else the error message. */
  openPathResult = ''

  openExternal(url: string): Promise<void> {
    this.openedExternal.push(url)
    return Promise.resolve()
  }
  openPath(path: string): Promise<string> {
    this.openedPaths.push(path)
    return Promise.resolve(this.openPathResult)
  }
}

type Rect = { x: number; y: number; width: number; height: number }

export class FakeScreen {
  displays: { id: number; bounds: Rect; workArea: Rect }[] = [
    {
      id: 1,
      bounds: { x: 0, y: 0, width: 1920, height: 1080 },
      workArea: { x: 0, y: 0, width: 1920, height: 1040 },
    },
  ]
  getAllDisplays(): { id: number; bounds: Rect; workArea: Rect }[] {
    return this.displays
  }
}

export type ProtocolHandler = (request: Request) => Response | Promise<Response>
type CustomScheme = { scheme: string; privileges?: Record<string, boolean> }

export class FakeProtocol {
  readonly handlers = new Map<string, ProtocolHandler>()
  privileged: CustomScheme[] = []
  /** Whether the app was ready when the schemes were registered (Electron requires before). */
  privilegedAfterReady: boolean | null = null

  constructor(private readonly app: FakeApp) {}

  registerSchemesAsPrivileged(schemes: CustomScheme[]): void {
    this.privileged = schemes
    this.privilegedAfterReady = this.app.isReady()
  }
  handle(scheme: string, handler: ProtocolHandler): void {
    if (this.handlers.has(scheme)) throw new Error(`The scheme ${scheme} is already handled`)
    this.handlers.set(scheme, handler)
  }
  isProtocolHandled(scheme: string): boolean {
    return this.handlers.has(scheme)
  }
  /** What a page would get for `url`, through the handler of its scheme. */
  async fetch(url: string, init?: RequestInit): Promise<Response> {
    const handler = this.handlers.get(new URL(url).protocol.slice(0, -1))
    if (!handler) throw new Error(`No handler for ${url}`)
    return handler(new Request(url, init))
  }
}

export class FakeApp extends FakeEmitter {
  isPackaged = false
  version = '0.1.0'
  appPath = '/fake/app'
  hasSingleInstanceLock = true
  quitCount = 0
  sandboxEnabled = false
  private isAppReady = false
  private readonly ready: Promise<void>
  private markReady: () => void = () => {}

  constructor() {
    super()
    this.ready = new Promise((resolve) => (this.markReady = resolve))
  }

  /** Fires 'ready': until then whenReady() stays pending, as in Electron. */
  becomeReady(): Promise<void> {
    this.isAppReady = true
    this.markReady()
    // Let the code chained on whenReady() run before the test looks.
    return new Promise((resolve) => setTimeout(resolve, 0))
  }

  whenReady(): Promise<void> {
    return this.ready
  }
  isReady(): boolean {
    return this.isAppReady
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
  /** Electron: ~/Library/Logs/<name> on macOS, <userData>/logs elsewhere. */
  setAppLogsPath(): void {
    if (!this.paths.has('logs')) this.paths.set('logs', `${this.getPath('userData')}/logs`)
  }
}

export class FakeBrowserWindowBase extends FakeEmitter {
  readonly webContents = new FakeWebContents()
  loaded: { url: string } | { file: string } | null = null
  isShown = false
  destroyed = false
  focusCount = 0
  maximized = false
  minimized = false
  /** Where the window is when not maximized; Electron centres a window given no position. */
  normalBounds: Rect

  constructor(readonly options: Record<string, unknown>) {
    super()
    const width = (options.width as number | undefined) ?? 800
    const height = (options.height as number | undefined) ?? 600
    this.normalBounds = {
      x: (options.x as number | undefined) ?? Math.round((1920 - width) / 2),
      y: (options.y as number | undefined) ?? Math.round((1040 - height) / 2),
      width,
      height,
    }
  }

  getNormalBounds(): Rect {
    return { ...this.normalBounds }
  }
  getBounds(): Rect {
    return this.maximized ? { x: 0, y: 0, width: 1920, height: 1040 } : this.getNormalBounds()
  }
  /** The user moved or resized the window, as Electron reports it. */
  moveTo(bounds: Partial<Rect>): void {
    this.normalBounds = { ...this.normalBounds, ...bounds }
    this.emit(bounds.width !== undefined || bounds.height !== undefined ? 'resize' : 'move')
  }
  maximize(): void {
    this.maximized = true
    this.emit('maximize')
  }
  unmaximize(): void {
    this.maximized = false
    this.emit('unmaximize')
  }
  isMaximized(): boolean {
    return this.maximized
  }
  isDestroyed(): boolean {
    return this.destroyed
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
  focus(): void {
    this.focusCount++
  }
  restore(): void {
    this.minimized = false
  }
  isMinimized(): boolean {
    return this.minimized
  }
  close(): void {
    const event = new FakeEvent()
    this.emit('close', event)
    if (event.defaultPrevented) return
    this.destroyed = true
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
      return instances.filter((w) => !w.destroyed)
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
  const app = new FakeApp()
  return {
    app,
    BrowserWindow: makeFakeBrowserWindow(),
    dialog: new FakeDialog(),
    ipcMain: new FakeIpcMain(),
    session: { defaultSession: new FakeSession() },
    contextBridge: new FakeContextBridge(),
    ipcRenderer: new FakeIpcRenderer(),
    webUtils: new FakeWebUtils(),
    Menu: new FakeMenu(),
    protocol: new FakeProtocol(app),
    shell: new FakeShell(),
    screen: new FakeScreen(),
  }
}

/**
 * Stands in for electron-log's main-process logger (`electron-log/main`), which requires the
 * real electron module when loaded: what was logged, and how its file transport was set up.
 */
export class FakeElectronLog {
  readonly entries: { level: string; params: unknown[] }[] = []
  catching: Record<string, unknown> | null = null
  readonly transports = {
    file: {
      level: 'silly' as string | false,
      resolvePathFn: (() => '(electron-log’s default)') as () => string,
    },
    console: { level: 'silly' as string | false },
  }
  readonly errorHandler = {
    startCatching: (options: Record<string, unknown> = {}): void => {
      this.catching = options
    },
  }
  info(...params: unknown[]): void {
    this.entries.push({ level: 'info', params })
  }
  warn(...params: unknown[]): void {
    this.entries.push({ level: 'warn', params })
  }
  error(...params: unknown[]): void {
    this.entries.push({ level: 'error', params })
  }
}

export type FakeElectron = ReturnType<typeof createFakeElectron>
