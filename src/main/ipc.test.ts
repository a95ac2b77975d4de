import { describe, expect, it, vi } from 'vitest'
import { CHANNELS, type Reply } from '../shared/ipc/contract'
import { ChannelError, registerIpcHandlers, type ChannelImpl } from './ipc'
import { MemoryLogger } from './log'
import { FakeIpcMain } from './test/fake-electron'

const APP_URL = 'app://communique/index.html'
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
    logImportProblems: vi.fn(async () => null),
    startBackupSave: vi.fn(async () => ({ id: 'b1' })),
    startAutoBackupSave: vi.fn(async () => ({ id: 'b2' })),
    writeBackupPiece: vi.fn(async () => null),
    finishBackupSave: vi.fn(async () => ({ path: '/home/r/a.communique-backup' })),
    abortBackupSave: vi.fn(async () => null),
    openBackup: vi.fn(async () => null),
    readBackupPiece: vi.fn(async () => new Uint8Array([1])),
    closeBackup: vi.fn(async () => null),
    listAutoBackups: vi.fn(async () => []),
    ...overrides,
  }
}

function setUp(impl = fakeImpl()): { ipcMain: FakeIpcMain; impl: ChannelImpl; log: MemoryLogger } {
  const ipcMain = new FakeIpcMain()
  const log = new MemoryLogger()
  registerIpcHandlers(ipcMain, impl, isTrustedSender, log)
  return { ipcMain, impl, log }
}

describe('registerIpcHandlers', () => {
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
    const { ipcMain, impl, log } = setUp()

    const reply = (await ipcMain.invoke(
      CHANNELS.pickFiles,
      'https://example.com/',
    )) as Reply<unknown>

    expect(reply.ok).toBe(false)
    expect(!reply.ok && reply.error.code).toBe('forbidden')
    expect(impl.pickFiles).not.toHaveBeenCalled()
    expect(log.lines()).toEqual([
      'warn [ipc] archive:pickFiles refused: sender https://example.com/ is not the app',
    ])
  })

  it('refuses a request whose frame has gone', async () => {
    const { ipcMain, impl } = setUp()
    const reply = (await ipcMain.invoke(CHANNELS.loadSamples, null)) as Reply<unknown>
    expect(!reply.ok && reply.error.code).toBe('forbidden')
    expect(impl.loadSamples).not.toHaveBeenCalled()
  })

  it('refuses extra or unexpected arguments, logging the channel', async () => {
    const { ipcMain, impl, log } = setUp()

    for (const args of [['/etc/passwd'], [{ path: '/' }], [undefined], [1, 2]]) {
      const reply = (await ipcMain.invoke(CHANNELS.pickFiles, APP_URL, ...args)) as Reply<unknown>
      expect(reply.ok).toBe(false)
      expect(!reply.ok && reply.error.code).toBe('invalid-argument')
    }
    expect(impl.pickFiles).not.toHaveBeenCalled()
    expect(log.lines()[0]).toBe(
      'warn [ipc] archive:pickFiles refused: archive:pickFiles takes no arguments (got 1)',
    )
  })

  it('answers a refusal thrown as a ChannelError with a warning in the log', async () => {
    const { ipcMain, log } = setUp(
      fakeImpl({
        openBackup: async () => {
          throw new ChannelError(
            'failed',
            'empty.communique-backup is empty, so it is not a backup.',
          )
        },
      }),
    )
    expect(await ipcMain.invoke(CHANNELS.openBackup, APP_URL)).toEqual({
      ok: false,
      error: {
        code: 'failed',
        message: 'empty.communique-backup is empty, so it is not a backup.',
      },
    })
    expect(log.lines()).toEqual([
      'warn [ipc] archive:openBackup refused: empty.communique-backup is empty, so it is not a backup.',
    ])
  })

  it('never rejects, even for something thrown that cannot be looked at', async () => {
    const hostile = new Proxy(
      {},
      {
        getPrototypeOf() {
          throw new Error('no')
        },
        get() {
          throw new Error('no')
        },
      },
    )
    const { ipcMain } = setUp(fakeImpl({ appInfo: () => Promise.reject(hostile) }))
    await expect(ipcMain.invoke(CHANNELS.appInfo, APP_URL)).resolves.toEqual({
      ok: false,
      error: { code: 'failed', message: 'Something went wrong in the desktop app.' },
    })
  })

  it('turns an exception into a failed reply with its message, and logs the channel', async () => {
    const { ipcMain, log } = setUp(
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
    expect(log.entries).toEqual([
      {
        level: 'error',
        params: [`[ipc] ${CHANNELS.loadSamples} failed:`, expect.any(Error)],
      },
    ])
    expect(log.lines()).toEqual([
      'error [ipc] archive:loadSamples failed: The sample releases could not be found.',
    ])
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
    registerIpcHandlers(
      ipcMain,
      fakeImpl(),
      () => {
        throw new Error('frame destroyed')
      },
      new MemoryLogger(),
    )
    await expect(ipcMain.invoke(CHANNELS.appInfo, APP_URL)).resolves.toMatchObject({
      ok: false,
      error: { code: 'failed' },
    })
  })
})
