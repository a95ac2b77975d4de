import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { CHANNELS, type IncomingFile, type Reply } from '../shared/ipc/contract'
import { createHandlers, OPEN_DIALOG_OPTIONS, samplesFolder, type HandlerDeps } from './handlers'
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
  const invoke = (channel: string) => ipcMain.invoke(channel, APP_URL) as Promise<Reply<unknown>>
  return { dialog, app, invoke }
}

const texts = (reply: Reply<unknown>): string[] => {
  if (!reply.ok) throw new Error(`expected ok, got ${reply.error.code}: ${reply.error.message}`)
  return (reply.value as IncomingFile[]).map((f) =>
    'bytes' in f ? `${f.name}: ${new TextDecoder().decode(f.bytes)}` : `${f.name}: ${f.error}`,
  )
}

describe('pickFiles', () => {
  it('returns an empty list when the user cancels the picker', async () => {
    const { dialog, invoke } = bridge()
    dialog.result = { canceled: true, filePaths: [] }

    expect(await invoke(CHANNELS.pickFiles)).toEqual({ ok: true, value: [] })
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

  it('returns the bytes of the files the user picked', async () => {
    const a = join(dir, 'statement.txt')
    const b = join(dir, 'communiqué.md')
    await writeFile(a, 'Joint statement')
    await writeFile(b, '# Communiqué')
    const { dialog, invoke } = bridge()
    dialog.result = { canceled: false, filePaths: [a, b] }

    expect(texts(await invoke(CHANNELS.pickFiles))).toEqual([
      'statement.txt: Joint statement',
      'communiqué.md: # Communiqué',
    ])
  })

  it('names the picked files it could not read instead of failing the whole pick', async () => {
    const good = join(dir, 'good.txt')
    const big = join(dir, 'big.txt')
    await writeFile(good, 'fine')
    await writeFile(big, 'y'.repeat(500))
    await mkdir(join(dir, 'folder'))
    const { dialog, invoke } = bridge({ readOptions: { maxBytes: 100 } })
    dialog.result = {
      canceled: false,
      filePaths: [join(dir, 'folder'), join(dir, 'missing.txt'), big, good],
    }

    const lines = texts(await invoke(CHANNELS.pickFiles))

    expect(lines[0]).toBe('folder: not a file')
    expect(lines[1]).toMatch(/^missing\.txt: unreadable: /)
    expect(lines[2]).toMatch(/^big\.txt: too large: [\d.]+ MB$/)
    expect(lines[3]).toBe('good.txt: fine')
  })
})

describe('loadSamples', () => {
  it('reads the .txt files of resources/samples under the app path, in name order', async () => {
    const samples = join(dir, 'resources', 'samples')
    await mkdir(samples, { recursive: true })
    await writeFile(join(samples, '02-second.txt'), 'Second release')
    await writeFile(join(samples, '01-first.txt'), 'First release')
    await writeFile(join(samples, 'README.md'), 'not a release')
    const { app, invoke } = bridge()
    app.appPath = dir

    expect(texts(await invoke(CHANNELS.loadSamples))).toEqual([
      '01-first.txt: First release',
      '02-second.txt: Second release',
    ])
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
