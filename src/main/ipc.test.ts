import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { CHANNELS, type Reply } from '../shared/ipc/contract'
import { ChannelError, registerIpcHandlers, type ChannelImpl } from './ipc'
import { FakeIpcMain } from './test/fake-electron'

const APP_URL = 'file:///opt/communique/out/renderer/index.html'
const isTrustedSender = (url: string): boolean => url === APP_URL

const LISTING = { id: 'abc', label: 'a.txt', files: [{ name: 'a.txt', size: 2 }], problems: [] }
const STATUS = { folder: null, error: null }

function fakeImpl(overrides: Partial<ChannelImpl> = {}): ChannelImpl {
  return {
    pickFiles: vi.fn(async () => LISTING),
    pickFolder: vi.fn(async () => null),
    listDropped: vi.fn(async () => LISTING),
    readListing: vi.fn(async () => [{ name: 'a.txt', bytes: new Uint8Array([104, 105]) }]),
    closeListing: vi.fn(async () => null),
    loadSamples: vi.fn(async () => []),
    appInfo: vi.fn(async () => ({ name: 'Communiqué', version: '0.1.0', platform: 'linux' })),
    getWatchedFolder: vi.fn(async () => STATUS),
    chooseWatchedFolder: vi.fn(async () => STATUS),
    stopWatching: vi.fn(async () => STATUS),
    ...overrides,
  }
}

function setUp(impl = fakeImpl()): { ipcMain: FakeIpcMain; impl: ChannelImpl } {
  const ipcMain = new FakeIpcMain()
  registerIpcHandlers(ipcMain, impl, isTrustedSender)
  return { ipcMain, impl }
}

describe('registerIpcHandlers', () => {
  let consoleError: ReturnType<typeof vi.spyOn>
  beforeEach(() => {
    consoleError = vi.spyOn(console, 'error').mockImplementation(() => {})
  })
  afterEach(() => {
    consoleError.mockRestore()
  })

  it("registers one handler for each of the contract's channels and no other", () => {
    const { ipcMain } = setUp()
    expect([...ipcMain.handlers.keys()].sort()).toEqual(Object.values(CHANNELS).sort())
  })

  it("wraps the implementation's result in an ok reply", async () => {
    const { ipcMain } = setUp()
    expect(await ipcMain.invoke(CHANNELS.appInfo, APP_URL)).toEqual({
      ok: true,
      value: { name: 'Communiqué', version: '0.1.0', platform: 'linux' },
    })
    expect(await ipcMain.invoke(CHANNELS.pickFiles, APP_URL)).toEqual({ ok: true, value: LISTING })
    expect(await ipcMain.invoke(CHANNELS.readListing, APP_URL, 'abc', 0, 1)).toEqual({
      ok: true,
      value: [{ name: 'a.txt', bytes: new Uint8Array([104, 105]) }],
    })
  })

  it('passes validated arguments through to the implementation', async () => {
    const { ipcMain, impl } = setUp()
    await ipcMain.invoke(CHANNELS.readListing, APP_URL, 'abc', 500, 500)
    await ipcMain.invoke(CHANNELS.listDropped, APP_URL, ['/home/r/a.txt'])
    expect(impl.readListing).toHaveBeenCalledWith('abc', 500, 500)
    expect(impl.listDropped).toHaveBeenCalledWith(['/home/r/a.txt'])
  })

  it('refuses bad listing reads and drops before they reach the implementation', async () => {
    const { ipcMain, impl } = setUp()
    const refused = [
      [CHANNELS.readListing, '../etc', 0, 1],
      [CHANNELS.readListing, 'abc', -1, 1],
      [CHANNELS.readListing, 'abc', 0, 501],
      [CHANNELS.readListing, 'abc', 0.5, 1],
      [CHANNELS.closeListing],
      [CHANNELS.listDropped, []],
      [CHANNELS.listDropped, ['/a', 7]],
      [CHANNELS.listDropped, '/etc/passwd'],
    ] as const
    for (const [channel, ...args] of refused) {
      const reply = (await ipcMain.invoke(channel, APP_URL, ...args)) as Reply<unknown>
      expect(!reply.ok && reply.error.code, `${channel} ${JSON.stringify(args)}`).toBe(
        'invalid-argument',
      )
    }
    expect(impl.readListing).not.toHaveBeenCalled()
    expect(impl.closeListing).not.toHaveBeenCalled()
    expect(impl.listDropped).not.toHaveBeenCalled()
  })

  it('answers with the code an implementation chose by throwing a ChannelError', async () => {
    const { ipcMain } = setUp(
      fakeImpl({
        readListing: async () => {
          throw new ChannelError('invalid-argument', 'That import has ended.')
        },
      }),
    )
    expect(await ipcMain.invoke(CHANNELS.readListing, APP_URL, 'abc', 0, 1)).toEqual({
      ok: false,
      error: { code: 'invalid-argument', message: 'That import has ended.' },
    })
  })

  it('refuses a request from a frame outside the app, without running the action', async () => {
    const { ipcMain, impl } = setUp()

    const reply = (await ipcMain.invoke(
      CHANNELS.pickFiles,
      'https://example.com/',
    )) as Reply<unknown>

    expect(reply.ok).toBe(false)
    expect(!reply.ok && reply.error.code).toBe('forbidden')
    expect(impl.pickFiles).not.toHaveBeenCalled()
  })

  it('refuses a request whose frame has gone', async () => {
    const { ipcMain, impl } = setUp()
    const reply = (await ipcMain.invoke(CHANNELS.loadSamples, null)) as Reply<unknown>
    expect(!reply.ok && reply.error.code).toBe('forbidden')
    expect(impl.loadSamples).not.toHaveBeenCalled()
  })

  it('refuses extra or unexpected arguments', async () => {
    const { ipcMain, impl } = setUp()

    for (const args of [['/etc/passwd'], [{ path: '/' }], [undefined], [1, 2]]) {
      const reply = (await ipcMain.invoke(CHANNELS.pickFiles, APP_URL, ...args)) as Reply<unknown>
      expect(reply.ok).toBe(false)
      expect(!reply.ok && reply.error.code).toBe('invalid-argument')
    }
    expect(impl.pickFiles).not.toHaveBeenCalled()
  })

  it('turns an exception into a failed reply with its message, and logs the channel', async () => {
    const { ipcMain } = setUp(
      fakeImpl({
        loadSamples: async () => {
          throw new Error('The sample releases could not be found.')
        },
      }),
    )

    const invocation = ipcMain.invoke(CHANNELS.loadSamples, APP_URL)

    await expect(invocation).resolves.toEqual({
      ok: false,
      error: { code: 'failed', message: 'The sample releases could not be found.' },
    })
    expect(consoleError).toHaveBeenCalledWith(
      expect.stringContaining(CHANNELS.loadSamples),
      expect.any(Error),
    )
  })

  it('gives a readable message when something other than an Error is thrown', async () => {
    const { ipcMain } = setUp(
      fakeImpl({
        appInfo: () => Promise.reject({ weird: true }),
      }),
    )
    const reply = (await ipcMain.invoke(CHANNELS.appInfo, APP_URL)) as Reply<unknown>
    expect(!reply.ok && reply.error.code).toBe('failed')
    expect(!reply.ok && reply.error.message).toMatch(/went wrong/)
  })

  it('does not throw when the sender check itself throws', async () => {
    const ipcMain = new FakeIpcMain()
    registerIpcHandlers(ipcMain, fakeImpl(), () => {
      throw new Error('frame destroyed')
    })
    await expect(ipcMain.invoke(CHANNELS.appInfo, APP_URL)).resolves.toMatchObject({
      ok: false,
      error: { code: 'failed' },
    })
  })
})
