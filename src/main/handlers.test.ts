import { existsSync, readdirSync } from 'node:fs'
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  CHANNELS,
  MAX_BACKUP_PIECE_BYTES,
  type AutoBackupInfo,
  type ImportListing,
  type IncomingFile,
  type Reply,
  type WatchStatus,
} from '../shared/ipc/contract'
import {
  createHandlers,
  FOLDER_DIALOG_OPTIONS,
  NOT_A_FULL_PATH,
  openBackupDialogOptions,
  saveBackupDialogOptions,
  OPEN_DIALOG_OPTIONS,
  samplesFolder,
  WATCH_DIALOG_OPTIONS,
  type HandlerDeps,
  type WatcherLike,
} from './handlers'
import { registerIpcHandlers } from './ipc'
import { BackupFiles, MAX_BACKUP_CHUNK_BYTES } from './backup-files'
import { MemoryLogger } from './log'
import { SettingsStore } from './settings-store'
import { FakeApp, FakeDialog, FakeIpcMain } from './test/fake-electron'

const APP_URL = 'app://communique/index.html'
const WINDOW = { id: 1 }

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'communique-handlers-'))
})
/** Backup files the test's handlers opened: closed after it, as at quit. */
const backupFilesInUse: BackupFiles[] = []
afterEach(async () => {
  await Promise.all(backupFilesInUse.splice(0).map((files) => files.closeAll()))
  await rm(dir, { recursive: true, force: true })
})

/** The handlers behind the real IPC layer, as the renderer would reach them. */
function bridge(overrides: Partial<HandlerDeps> = {}) {
  const dialog = new FakeDialog()
  const app = new FakeApp()
  app.setPath('userData', join(dir, 'profile'))
  app.setPath('documents', join(dir, 'Documents'))
  const ipcMain = new FakeIpcMain()
  const log = new MemoryLogger()
  const settings = new SettingsStore(join(dir, 'profile', 'settings.json'), log)
  const deps: HandlerDeps = {
    dialog,
    app,
    getWindow: () => WINDOW as unknown as ReturnType<HandlerDeps['getWindow']>,
    settings,
    log,
    backupFiles: new BackupFiles(),
    ...overrides,
  }
  if (deps.backupFiles) backupFilesInUse.push(deps.backupFiles)
  registerIpcHandlers(ipcMain, createHandlers(deps), (url) => url === APP_URL, log)
  const invoke = (channel: string, ...args: unknown[]) =>
    ipcMain.invoke(channel, APP_URL, ...args) as Promise<Reply<unknown>>
  return { dialog, app, invoke, log, settings }
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

    const reply = await invoke(CHANNELS.listDropped, [join(dir, 'a.txt'), 'relative/b.txt'])

    expect(reply).toEqual({
      ok: false,
      error: { code: 'invalid-argument', message: NOT_A_FULL_PATH },
    })
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

    expect(await invoke(CHANNELS.readListing, listing.id, 0, 1)).toEqual({
      ok: false,
      error: {
        code: 'invalid-argument',
        message: 'That import has ended; choose the files again.',
      },
    })
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

    const reply = await invoke(CHANNELS.loadSamples)

    expect(reply.ok).toBe(false)
    expect(!reply.ok && reply.error).toEqual({
      code: 'failed',
      message: expect.stringMatching(/^The sample releases could not be found/),
    })
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

describe('logging what could not be listed or read', () => {
  it('logs a file that could not be read and a root that could not be listed, with paths', async () => {
    const big = join(dir, 'big.txt')
    await writeFile(big, 'y'.repeat(500))
    const { dialog, invoke, log } = bridge({ readOptions: { maxBytes: 100 } })
    const missing = join(dir, 'missing.txt')
    dialog.result = { canceled: false, filePaths: [missing, big] }

    const listing = listingOf(await invoke(CHANNELS.pickFiles))
    await invoke(CHANNELS.readListing, listing.id, 0, 10)

    expect(log.lines()).toEqual([
      `warn [listing] missing.txt (in ${missing}, ${big}): could not be read (not found)`,
      expect.stringMatching(new RegExp(`^warn \\[read\\] ${big}: too large: [\\d.]+ MB$`)),
    ])
  })
})

describe('logImportProblems', () => {
  it("writes each of the page's import problems to the log, with the file and the reason", async () => {
    const { invoke, log } = bridge()
    expect(
      await invoke(CHANNELS.logImportProblems, [
        { file: 'inbox/minutes.pdf', reason: 'refused: not a type the archive reads' },
        { file: 'inbox/evil\nerror [ipc] forged.txt', reason: 'empty' },
      ]),
    ).toEqual({ ok: true, value: null })
    expect(log.lines()).toEqual([
      'warn [import] "inbox/minutes.pdf": "refused: not a type the archive reads"',
      'warn [import] "inbox/evil\\nerror [ipc] forged.txt": "empty"',
    ])
  })

  it('refuses what is not a list of problems, logging the refusal', async () => {
    const { invoke, log } = bridge()
    for (const args of [
      [[]],
      [[{ file: '', reason: 'x' }]],
      [[{ file: 'a', reason: 'x', extra: 1 }]],
      [[{ file: 'a' }]],
      [[{ file: 'a\0b', reason: 'x' }]],
      [[{ file: 'a'.repeat(4097), reason: 'x' }]],
      [Array.from({ length: 1001 }, () => ({ file: 'a', reason: 'b' }))],
      ['a.txt'],
    ]) {
      const reply = await invoke(CHANNELS.logImportProblems, ...args)
      expect(!reply.ok && reply.error.code).toBe('invalid-argument')
    }
    expect(
      log.lines().every((line) => line.startsWith('warn [ipc] archive:logImportProblems refused')),
    ).toBe(true)
    expect(
      await invoke(
        CHANNELS.logImportProblems,
        Array.from({ length: 1000 }, () => ({ file: 'a', reason: 'b' })),
      ),
    ).toEqual({ ok: true, value: null })
  })
})

const BACKUP = new TextEncoder().encode('{"formatName":"dexie","data":{}}')
const NAME = 'Communique 2025-03-01.communique-backup'

const valueOf = <T>(reply: Reply<unknown>): T => {
  if (!reply.ok) throw new Error(`expected ok, got ${reply.error.code}: ${reply.error.message}`)
  return reply.value as T
}

type Invoke = ReturnType<typeof bridge>['invoke']

/** Writes `pieces` to a backup started under `id` and finishes it: the finish reply. */
async function writeAndFinish(
  invoke: Invoke,
  id: string,
  pieces: Uint8Array[],
): Promise<Reply<unknown>> {
  for (const piece of pieces) {
    expect(await invoke(CHANNELS.writeBackupPiece, id, piece)).toEqual({ ok: true, value: null })
  }
  return invoke(CHANNELS.finishBackupSave, id)
}

describe('startBackupSave, writeBackupPiece and finishBackupSave', () => {
  it('moves pieces no larger than BackupFiles takes', () => {
    expect(MAX_BACKUP_PIECE_BYTES).toBeLessThanOrEqual(MAX_BACKUP_CHUNK_BYTES)
  })

  it('asks where to save, starting in Documents, and writes the pieces there in order', async () => {
    const { dialog, invoke, log } = bridge()
    const target = join(dir, 'chosen', 'mine.communique-backup')
    await mkdir(join(dir, 'chosen'))
    await writeFile(target, 'the old backup')
    dialog.saveResult = { canceled: false, filePath: target }

    const { id } = valueOf<{ id: string }>(await invoke(CHANNELS.startBackupSave, NAME))
    expect(dialog.saveCalls).toEqual([
      { window: WINDOW, options: saveBackupDialogOptions(join(dir, 'Documents', NAME)) },
    ])
    expect(dialog.saveCalls[0]?.options.filters).toEqual([
      { name: 'Communiqué backup', extensions: ['communique-backup'] },
    ])
    await invoke(CHANNELS.writeBackupPiece, id, BACKUP.subarray(0, 10))
    // Nothing replaces the old backup before the save is finished.
    expect(await readFile(target, 'utf8')).toBe('the old backup')
    expect(await writeAndFinish(invoke, id, [BACKUP.subarray(10)])).toEqual({
      ok: true,
      value: { path: target },
    })
    expect(new Uint8Array(await readFile(target))).toEqual(BACKUP)
    expect(await readdir(join(dir, 'chosen'))).toEqual(['mine.communique-backup'])
    expect(log.lines()).toContain(`info [backup] wrote ${target} (${BACKUP.byteLength} bytes)`)
    // A finished save's id is of no further use.
    expect(await invoke(CHANNELS.writeBackupPiece, id, BACKUP)).toMatchObject({
      ok: false,
      error: { code: 'invalid-argument' },
    })
  })

  it('opens the next dialog in the folder last used, and adds the extension if missing', async () => {
    const { dialog, invoke, settings } = bridge()
    await mkdir(join(dir, 'Backups'))
    dialog.saveResult = { canceled: false, filePath: join(dir, 'Backups', 'monday') }
    const { id } = valueOf<{ id: string }>(await invoke(CHANNELS.startBackupSave, NAME))
    expect(await writeAndFinish(invoke, id, [BACKUP])).toEqual({
      ok: true,
      value: { path: join(dir, 'Backups', 'monday.communique-backup') },
    })
    await invoke(CHANNELS.startBackupSave, NAME)
    expect(dialog.saveCalls[1]?.options.defaultPath).toBe(join(dir, 'Backups', NAME))
    expect((await settings.read()).lastBackupFolder).toBe(join(dir, 'Backups'))
  })

  it('answers null and writes nothing when the user cancels', async () => {
    const { invoke } = bridge()
    expect(await invoke(CHANNELS.startBackupSave, NAME)).toEqual({ ok: true, value: null })
    expect(existsSync(join(dir, 'Documents'))).toBe(false)
  })

  it('leaves the old backup as it was when a save is cancelled', async () => {
    const { dialog, invoke } = bridge()
    const target = join(dir, 'kept.communique-backup')
    await writeFile(target, 'the old backup')
    dialog.saveResult = { canceled: false, filePath: target }
    const { id } = valueOf<{ id: string }>(await invoke(CHANNELS.startBackupSave, NAME))
    await invoke(CHANNELS.writeBackupPiece, id, BACKUP)
    expect(await invoke(CHANNELS.abortBackupSave, id)).toEqual({ ok: true, value: null })
    expect(await invoke(CHANNELS.abortBackupSave, id)).toEqual({ ok: true, value: null })
    expect(await readFile(target, 'utf8')).toBe('the old backup')
    expect(readdirSync(dir)).toEqual(['kept.communique-backup'])
    expect(await invoke(CHANNELS.finishBackupSave, id)).toMatchObject({
      ok: false,
      error: { code: 'invalid-argument', message: expect.stringContaining('no longer open') },
    })
  })

  it('fails with a readable message, logged, when the folder cannot be written', async () => {
    const { dialog, invoke, log } = bridge()
    dialog.saveResult = { canceled: false, filePath: join(dir, 'gone', 'x.communique-backup') }
    expect(await invoke(CHANNELS.startBackupSave, NAME)).toEqual({
      ok: false,
      error: {
        code: 'failed',
        message:
          'The backup "x.communique-backup" could not be created: its folder does not exist.',
      },
    })
    expect(log.lines()[0]).toContain(
      `[backup] could not start writing ${join(dir, 'gone', 'x.communique-backup')}`,
    )
  })

  it('refuses bad names, bad ids and anything but bytes, before any dialog or file', async () => {
    const { dialog, invoke } = bridge()
    for (const name of [
      '../escape.communique-backup',
      '/etc/x.communique-backup',
      '.hidden.communique-backup',
      'backup.zip',
      `${'a'.repeat(152)}.communique-backup`,
    ]) {
      const reply = await invoke(CHANNELS.startBackupSave, name)
      expect(!reply.ok && reply.error.code, name).toBe('invalid-argument')
    }
    expect(dialog.saveCalls).toEqual([])
    for (const args of [
      ['b1', new Uint8Array(0)],
      ['b1', 'bytes'],
      ['b1', [1, 2, 3]],
      ['b1', new Uint16Array(4)],
      ['b1', BACKUP.buffer],
      ['../b1', BACKUP],
      [BACKUP],
    ]) {
      const reply = await invoke(CHANNELS.writeBackupPiece, ...args)
      expect(!reply.ok && reply.error.code).toBe('invalid-argument')
    }
  })

  it('lets an id work only for its own kind: a save is not read, a read is not written', async () => {
    const { dialog, invoke } = bridge()
    const file = join(dir, 'r.communique-backup')
    await writeFile(file, BACKUP)
    dialog.result = { canceled: false, filePaths: [file] }
    dialog.saveResult = { canceled: false, filePath: join(dir, 's.communique-backup') }
    const save = valueOf<{ id: string }>(await invoke(CHANNELS.startBackupSave, NAME)).id
    const read = valueOf<{ id: string }>(await invoke(CHANNELS.openBackup)).id
    for (const reply of [
      await invoke(CHANNELS.writeBackupPiece, read, BACKUP),
      await invoke(CHANNELS.finishBackupSave, read),
      await invoke(CHANNELS.abortBackupSave, read),
      await invoke(CHANNELS.readBackupPiece, save, 0, 1),
      await invoke(CHANNELS.closeBackup, save),
    ]) {
      expect(reply).toMatchObject({ ok: false, error: { code: 'invalid-argument' } })
    }
    // Both still work for what they are.
    expect(valueOf<Uint8Array>(await invoke(CHANNELS.readBackupPiece, read, 0, 4))).toEqual(
      BACKUP.subarray(0, 4),
    )
    expect(await writeAndFinish(invoke, save, [BACKUP])).toMatchObject({ ok: true })
  })
})

describe('openBackup, readBackupPiece and closeBackup', () => {
  it('opens a backup chosen in the dialog, in the folder last used, and reads it in pieces', async () => {
    const { dialog, invoke, settings } = bridge()
    await mkdir(join(dir, 'Backups'))
    const file = join(dir, 'Backups', 'friday.communique-backup')
    await writeFile(file, BACKUP)
    await settings.update({ lastBackupFolder: join(dir, 'Backups') })
    dialog.result = { canceled: false, filePaths: [file] }

    const opened = valueOf<{ id: string; name: string; size: number }>(
      await invoke(CHANNELS.openBackup),
    )
    expect(opened).toEqual({
      id: expect.stringMatching(/^[A-Za-z0-9_-]+$/),
      name: 'friday.communique-backup',
      size: BACKUP.byteLength,
    })
    expect(dialog.calls).toEqual([
      { window: WINDOW, options: openBackupDialogOptions(join(dir, 'Backups')) },
    ])
    expect(dialog.calls[0]?.options.filters?.map((f) => f.extensions)).toEqual([
      ['communique-backup'],
      ['*'],
    ])
    const pieces: Uint8Array[] = []
    for (let at = 0; at < opened.size; at += 5) {
      pieces.push(valueOf<Uint8Array>(await invoke(CHANNELS.readBackupPiece, opened.id, at, 5)))
    }
    expect(new Uint8Array(Buffer.concat(pieces))).toEqual(BACKUP)
    // At the end there is nothing more to read.
    expect(
      valueOf<Uint8Array>(await invoke(CHANNELS.readBackupPiece, opened.id, opened.size, 5)),
    ).toHaveLength(0)
    expect(await invoke(CHANNELS.closeBackup, opened.id)).toEqual({ ok: true, value: null })
    expect(await invoke(CHANNELS.closeBackup, opened.id)).toEqual({ ok: true, value: null })
    expect(await invoke(CHANNELS.readBackupPiece, opened.id, 0, 1)).toMatchObject({
      ok: false,
      error: { code: 'invalid-argument' },
    })
  })

  it('answers null when the user cancels', async () => {
    const { dialog, invoke } = bridge()
    expect(await invoke(CHANNELS.openBackup)).toEqual({ ok: true, value: null })
    expect(dialog.calls[0]?.options.defaultPath).toBe(join(dir, 'Documents'))
  })

  it('says so when the chosen file is empty, a folder, or gone, and keeps none open', async () => {
    const backupFiles = new BackupFiles()
    const { dialog, invoke } = bridge({ backupFiles })
    await writeFile(join(dir, 'empty.communique-backup'), '')
    const messages: string[] = []
    for (const path of ['empty.communique-backup', '.', 'gone.communique-backup']) {
      dialog.result = { canceled: false, filePaths: [join(dir, path)] }
      const reply = await invoke(CHANNELS.openBackup)
      messages.push(!reply.ok ? reply.error.message : 'ok')
    }
    expect(messages).toEqual([
      'empty.communique-backup is empty, so it is not a backup.',
      `The backup "${dir.split('/').at(-1)}" could not be opened: it is not a file.`,
      'The backup "gone.communique-backup" could not be opened: the file does not exist.',
    ])
    expect(backupFiles.openFiles).toBe(0)
  })
})

describe('startAutoBackupSave and listAutoBackups', () => {
  it('writes dated backups into the profile, keeps 7 daily and 4 weekly, and lists them', async () => {
    let clock = Date.parse('2025-01-01T08:00:00Z')
    const { invoke } = bridge({ now: () => new Date(clock) })
    const folder = join(dir, 'profile', 'backups')
    await mkdir(folder, { recursive: true })
    await writeFile(join(folder, 'a copy I made.communique-backup'), 'mine')

    const autoSave = async (reason: string): Promise<Reply<unknown>> => {
      const { id } = valueOf<{ id: string }>(await invoke(CHANNELS.startAutoBackupSave, reason))
      return writeAndFinish(invoke, id, [BACKUP.subarray(0, 7), BACKUP.subarray(7)])
    }
    const first = await autoSave('daily')
    expect(first).toEqual({
      ok: true,
      value: { path: join(folder, 'communique-daily-2025-01-01T08-00-00Z.communique-backup') },
    })
    for (let day = 1; day < 60; day++) {
      clock += 24 * 60 * 60 * 1000
      await autoSave('daily')
    }
    clock += 60_000
    await autoSave('before-restore')

    const listed = await invoke(CHANNELS.listAutoBackups)
    if (!listed.ok) throw new Error(listed.error.message)
    const backups = listed.value as AutoBackupInfo[]
    expect(backups.map((b) => b.reason)).toEqual(['before-restore', ...Array(11).fill('daily')])
    expect(backups[1]?.name).toBe('communique-daily-2025-03-01T08-00-00Z.communique-backup')
    expect(backups.every((b) => b.size === BACKUP.byteLength)).toBe(true)
    expect(backups.map((b) => b.createdAt)).toEqual(
      [...backups.map((b) => b.createdAt)].sort((a, b) => b - a),
    )
    expect(await readdir(folder)).toContain('a copy I made.communique-backup')
  })

  it('lists nothing before the first backup', async () => {
    const { invoke } = bridge()
    expect(await invoke(CHANNELS.listAutoBackups)).toEqual({ ok: true, value: [] })
  })

  it('refuses a reason it does not know', async () => {
    const { invoke } = bridge()
    for (const args of [['weekly'], ['../daily'], [BACKUP], [], ['daily', 'daily']]) {
      const reply = await invoke(CHANNELS.startAutoBackupSave, ...args)
      expect(!reply.ok && reply.error.code).toBe('invalid-argument')
    }
    expect(existsSync(join(dir, 'profile', 'backups'))).toBe(false)
  })

  it('fails with a readable message when the profile cannot be written', async () => {
    await writeFile(join(dir, 'file-not-folder'), '')
    const { app, invoke } = bridge()
    app.setPath('userData', join(dir, 'file-not-folder'))
    const reply = await invoke(CHANNELS.startAutoBackupSave, 'daily')
    expect(!reply.ok && reply.error).toEqual({
      code: 'failed',
      message: expect.stringMatching(/^The automatic backup could not be saved \(/),
    })
  })
})
