import { existsSync, readdirSync } from 'node:fs'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  CHANNELS,
  type ImportListing,
  type IncomingFile,
  type Reply,
  type WatchStatus,
} from '../shared/ipc/contract'
import {
  createHandlers,
  FOLDER_DIALOG_OPTIONS,
  NOT_A_FULL_PATH,
  OPEN_DIALOG_OPTIONS,
  samplesFolder,
  WATCH_DIALOG_OPTIONS,
  type HandlerDeps,
  type WatcherLike,
} from './handlers'
import { registerIpcHandlers } from './ipc'
import { FakeApp, FakeDialog, FakeIpcMain } from './test/fake-electron'

const APP_URL = 'file:///opt/communique/out/renderer/index.html'
const WINDOW = { id: 1 }

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'communique-handlers-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** The handlers behind the real IPC layer, as the renderer would reach them. */
function bridge(overrides: Partial<HandlerDeps> = {}) {
  const dialog = new FakeDialog()
  const app = new FakeApp()
  const ipcMain = new FakeIpcMain()
  const deps: HandlerDeps = {
    dialog,
    app,
    getWindow: () => WINDOW as unknown as ReturnType<HandlerDeps['getWindow']>,
    ...overrides,
  }
  registerIpcHandlers(ipcMain, createHandlers(deps), (url) => url === APP_URL)
  const invoke = (channel: string, ...args: unknown[]) =>
    ipcMain.invoke(channel, APP_URL, ...args) as Promise<Reply<unknown>>
  return { dialog, app, invoke }
}

const texts = (reply: Reply<unknown>): string[] => {
  if (!reply.ok) throw new Error(`expected ok, got ${reply.error.code}: ${reply.error.message}`)
  return (reply.value as IncomingFile[]).map((f) =>
    'bytes' in f ? `${f.name}: ${new TextDecoder().decode(f.bytes)}` : `${f.name}: ${f.error}`,
  )
}

const CORPUS_BAD = join(__dirname, '../../../shared/corpus/bad')

const listingOf = (reply: Reply<unknown>): ImportListing => {
  if (!reply.ok) throw new Error(`expected ok, got ${reply.error.code}: ${reply.error.message}`)
  return reply.value as ImportListing
}

describe('pickFiles', () => {
  it('answers null when the user cancels the picker', async () => {
    const { dialog, invoke } = bridge()
    dialog.result = { canceled: true, filePaths: [] }

    expect(await invoke(CHANNELS.pickFiles)).toEqual({ ok: true, value: null })
  })

  it('opens a picker for press releases, modal to the app window', async () => {
    const { dialog, invoke } = bridge()
    await invoke(CHANNELS.pickFiles)

    expect(dialog.calls).toHaveLength(1)
    expect(dialog.calls[0]?.window).toBe(WINDOW)
    expect(dialog.calls[0]?.options).toEqual(OPEN_DIALOG_OPTIONS)
    expect(OPEN_DIALOG_OPTIONS.title).toBe('Import press releases')
    expect(OPEN_DIALOG_OPTIONS.properties).toEqual(['openFile', 'multiSelections'])
    expect(OPEN_DIALOG_OPTIONS.filters?.[0]?.extensions).toEqual([
      'txt',
      'text',
      'md',
      'html',
      'htm',
    ])
  })

  it('still opens a picker when there is no window', async () => {
    const { dialog, invoke } = bridge({ getWindow: () => null })
    await invoke(CHANNELS.pickFiles)
    expect(dialog.calls[0]).toEqual({ window: null, options: OPEN_DIALOG_OPTIONS })
  })

  it('lists the picked files, whose bytes the renderer then reads in slices', async () => {
    const a = join(dir, 'statement.txt')
    const b = join(dir, 'communiqué.md')
    await writeFile(a, 'Joint statement')
    await writeFile(b, '# Communiqué')
    const { dialog, invoke } = bridge()
    dialog.result = { canceled: false, filePaths: [a, b] }

    const listing = listingOf(await invoke(CHANNELS.pickFiles))

    expect(listing.label).toBe('2 files')
    expect(listing.files).toEqual([
      { name: 'statement.txt', size: 15 },
      { name: 'communiqué.md', size: Buffer.byteLength('# Communiqué') },
    ])
    expect(texts(await invoke(CHANNELS.readListing, listing.id, 0, 10))).toEqual([
      'statement.txt: Joint statement',
      'communiqué.md: # Communiqué',
    ])
  })

  it('names the picked files it could not read instead of failing the whole pick', async () => {
    const good = join(dir, 'good.txt')
    const big = join(dir, 'big.txt')
    await writeFile(good, 'fine')
    await writeFile(big, 'y'.repeat(500))
    const { dialog, invoke } = bridge({ readOptions: { maxBytes: 100 } })
    dialog.result = { canceled: false, filePaths: [join(dir, 'missing.txt'), big, good] }

    const listing = listingOf(await invoke(CHANNELS.pickFiles))
    expect(listing.problems).toEqual([
      { name: 'missing.txt', error: 'could not be read (not found)' },
    ])
    const lines = texts(await invoke(CHANNELS.readListing, listing.id, 0, 10))

    expect(lines[0]).toMatch(/^big\.txt: too large: [\d.]+ MB$/)
    expect(lines[1]).toBe('good.txt: fine')
  })
})

describe('pickFolder', () => {
  it('opens a folder picker and lists the folder, named from the folder', async () => {
    await mkdir(join(dir, 'releases', '2024'), { recursive: true })
    await writeFile(join(dir, 'releases', '2024', 'may.txt'), 'May')
    await writeFile(join(dir, 'releases', 'index.html'), '<p>Index</p>')
    const { dialog, invoke } = bridge()
    dialog.result = { canceled: false, filePaths: [join(dir, 'releases')] }

    const listing = listingOf(await invoke(CHANNELS.pickFolder))

    expect(dialog.calls[0]?.options).toEqual(FOLDER_DIALOG_OPTIONS)
    expect(FOLDER_DIALOG_OPTIONS.properties).toEqual(['openDirectory'])
    expect(listing.label).toBe('releases')
    expect(listing.files.map((f) => f.name)).toEqual([
      'releases/2024/may.txt',
      'releases/index.html',
    ])
  })

  it('answers null when the user cancels', async () => {
    const { invoke } = bridge()
    expect(await invoke(CHANNELS.pickFolder)).toEqual({ ok: true, value: null })
  })
})

describe('listDropped', () => {
  it.skipIf(!existsSync(CORPUS_BAD))(
    "lists a dropped folder of the corpus by the folder's name, every file in it",
    async () => {
      const { invoke } = bridge()
      const listing = listingOf(await invoke(CHANNELS.listDropped, [CORPUS_BAD]))

      const onDisk = readdirSync(CORPUS_BAD).filter((name) => !name.startsWith('.'))
      expect(listing.label).toBe('bad')
      expect(listing.files).toHaveLength(onDisk.length)
      expect(listing.files.map((f) => f.name)).toContain('bad/expected.json')
      expect(listing.files.every((f) => f.name.startsWith('bad/'))).toBe(true)
      const empty = listing.files.find((f) => f.name.endsWith('empty.txt'))
      if (empty) expect(empty.size).toBe(0)
    },
  )

  it('lists dropped files and folders together, a vanished one as a problem', async () => {
    await mkdir(join(dir, 'folder'))
    await writeFile(join(dir, 'folder', 'inner.txt'), 'inner')
    await writeFile(join(dir, 'loose.txt'), 'loose')
    const { invoke } = bridge()

    const listing = listingOf(
      await invoke(CHANNELS.listDropped, [
        join(dir, 'loose.txt'),
        join(dir, 'folder'),
        join(dir, 'vanished.txt'),
      ]),
    )

    expect(listing.files.map((f) => f.name)).toEqual(['loose.txt', 'folder/inner.txt'])
    expect(listing.problems).toEqual([
      { name: 'vanished.txt', error: 'could not be read (not found)' },
    ])
    expect(listing.label).toBe('1 folder and 2 files')
  })

  it('refuses paths that are not absolute, without walking anything', async () => {
    const { invoke } = bridge()
    vi.spyOn(console, 'error').mockImplementation(() => {})

    const reply = await invoke(CHANNELS.listDropped, [join(dir, 'a.txt'), 'relative/b.txt'])

    expect(reply).toEqual({
      ok: false,
      error: { code: 'invalid-argument', message: NOT_A_FULL_PATH },
    })
    vi.mocked(console.error).mockRestore()
  })
})

describe('readListing and closeListing', () => {
  it('reads a listing in slices and refuses it once it is closed', async () => {
    for (const n of [1, 2, 3]) await writeFile(join(dir, `${n}.txt`), `release ${n}`)
    const { dialog, invoke } = bridge()
    dialog.result = { canceled: false, filePaths: [dir] }
    const listing = listingOf(await invoke(CHANNELS.pickFolder))
    const folder = listing.label

    expect(texts(await invoke(CHANNELS.readListing, listing.id, 1, 5))).toEqual([
      `${folder}/2.txt: release 2`,
      `${folder}/3.txt: release 3`,
    ])
    expect(await invoke(CHANNELS.closeListing, listing.id)).toEqual({ ok: true, value: null })

    vi.spyOn(console, 'error').mockImplementation(() => {})
    expect(await invoke(CHANNELS.readListing, listing.id, 0, 1)).toEqual({
      ok: false,
      error: {
        code: 'invalid-argument',
        message: 'That import has ended; choose the files again.',
      },
    })
    vi.mocked(console.error).mockRestore()
  })
})

describe('the watched folder channels', () => {
  function fakeWatcher(): WatcherLike & { watched: string[] } {
    let status: WatchStatus = { folder: null, error: null }
    const watched: string[] = []
    return {
      watched,
      status: () => status,
      watch: async (folder) => {
        watched.push(folder)
        return (status = { folder, error: null })
      },
      stop: async () => (status = { folder: null, error: null }),
    }
  }

  it('chooses a folder with a folder picker, and stops watching it', async () => {
    const watcher = fakeWatcher()
    const { dialog, invoke } = bridge({ watcher })
    dialog.result = { canceled: false, filePaths: ['/home/r/inbox'] }

    expect(await invoke(CHANNELS.chooseWatchedFolder)).toEqual({
      ok: true,
      value: { folder: '/home/r/inbox', error: null },
    })
    expect(dialog.calls[0]?.options).toEqual(WATCH_DIALOG_OPTIONS)
    expect(await invoke(CHANNELS.getWatchedFolder)).toMatchObject({
      value: { folder: '/home/r/inbox' },
    })
    expect(await invoke(CHANNELS.stopWatching)).toEqual({
      ok: true,
      value: { folder: null, error: null },
    })
  })

  it('leaves the watched folder as it was when the picker is cancelled', async () => {
    const watcher = fakeWatcher()
    await watcher.watch('/home/r/inbox')
    const { invoke } = bridge({ watcher })

    expect(await invoke(CHANNELS.chooseWatchedFolder)).toEqual({
      ok: true,
      value: { folder: '/home/r/inbox', error: null },
    })
    expect(watcher.watched).toEqual(['/home/r/inbox'])
  })
})

describe('loadSamples', () => {
  it('reads the releases of resources/samples under the app path, in name order', async () => {
    const samples = join(dir, 'resources', 'samples')
    await mkdir(samples, { recursive: true })
    await writeFile(join(samples, '02-second.txt'), 'Second release')
    await writeFile(join(samples, '01-first.txt'), 'First release')
    await writeFile(join(samples, '03-third.md'), '# Third release')
    await writeFile(join(samples, '04-fourth.html'), '<h1>Fourth release</h1>')
    await writeFile(join(samples, 'README.md'), 'not a release')
    const { app, invoke } = bridge()
    app.appPath = dir

    expect(texts(await invoke(CHANNELS.loadSamples))).toEqual([
      '01-first.txt: First release',
      '02-second.txt: Second release',
      '03-third.md: # Third release',
      '04-fourth.html: <h1>Fourth release</h1>',
    ])
  })

  it('finds the samples shipped in resources/samples, without their README', async () => {
    const { app, invoke } = bridge()
    app.appPath = join(__dirname, '../..')
    const names = texts(await invoke(CHANNELS.loadSamples)).map((line) => line.split(':')[0])
    expect(names.length).toBeGreaterThanOrEqual(5)
    expect(names).toContain('000_5b5391892682d1ae.txt')
    expect(names).not.toContain('README.md')
  })

  it('fails with a readable message when the samples folder is missing', async () => {
    const { app, invoke } = bridge()
    app.appPath = join(dir, 'nowhere')
    vi.spyOn(console, 'error').mockImplementation(() => {})

    const reply = await invoke(CHANNELS.loadSamples)

    expect(reply.ok).toBe(false)
    expect(!reply.ok && reply.error).toEqual({
      code: 'failed',
      message: expect.stringMatching(/^The sample releases could not be found/),
    })
    vi.mocked(console.error).mockRestore()
  })
})

describe('samplesFolder', () => {
  it('uses the resources folder of a packaged app and the project folder otherwise', () => {
    const where = { appPath: '/src/communique', resourcesPath: '/Applications/C.app/Resources' }
    expect(samplesFolder({ ...where, isPackaged: true })).toBe(
      join('/Applications/C.app/Resources', 'samples'),
    )
    expect(samplesFolder({ ...where, isPackaged: false })).toBe(
      join('/src/communique', 'resources', 'samples'),
    )
  })
})

describe('appInfo', () => {
  it("reports the app's name, version and platform", async () => {
    const { app, invoke } = bridge()
    app.version = '1.2.3'
    expect(await invoke(CHANNELS.appInfo)).toEqual({
      ok: true,
      value: { name: 'Communiqué', version: '1.2.3', platform: process.platform },
    })
  })
})
