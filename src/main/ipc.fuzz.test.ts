/**
 * Every channel of the contract, reached through the real registerIpcHandlers and createHandlers
 * (with a fake dialog and app, and temporary folders), is thrown malformed payloads: wrong types,
 * wrong arity, 10 MB strings, '..' paths, NUL bytes, objects whose getters throw, hostile
 * Proxies, prototype-pollution-shaped objects, negative, NaN and infinite numbers, typed arrays
 * where strings are expected. Every call must resolve to a clean envelope, refusing all but
 * legitimately valid input; nothing may reject, pollute a prototype, flood the log, or touch a
 * file outside the temporary folder.
 */
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, join, relative } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CHANNELS, type Channel, type ChannelArgs, type Reply } from '../shared/ipc/contract'
import { BackupFiles } from './backup-files'
import { createHandlers } from './handlers'
import { registerIpcHandlers } from './ipc'
import { ListingStore } from './listings'
import { MemoryLogger } from './log'
import { SettingsStore } from './settings-store'
import { FakeApp, FakeDialog, FakeIpcMain } from './test/fake-electron'
import { FolderWatcher } from './watcher'

const APP_PAGE = 'app://communique/index.html'

let sandbox: string
let outside: string
let ipcMain: FakeIpcMain
let log: MemoryLogger
let outsideBefore: Map<string, string>
let cwdBefore: string[]
let listingId: string
let backupFiles: BackupFiles
/** A backup being saved, written and finished by the valid calls; and one open for reading. */
let savingId: string
let readingId: string

/** Every file under `dir` with its size, time and content hash. */
function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>()
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name)
      if (entry.isDirectory()) walk(path)
      else {
        const info = statSync(path)
        const hash = createHash('sha256').update(readFileSync(path)).digest('hex')
        files.set(relative(dir, path), `${info.size} ${info.mtimeMs} ${hash}`)
      }
    }
  }
  walk(dir)
  return files
}

beforeAll(async () => {
  sandbox = await mkdtemp(join(tmpdir(), 'communique-fuzz-'))
  outside = await mkdtemp(join(tmpdir(), 'communique-fuzz-outside-'))
  await writeFile(join(outside, 'canary.txt'), 'must not be read, written or deleted')
  await mkdir(join(outside, 'backups'))
  await writeFile(
    join(outside, 'backups', 'communique-daily-2020-01-01T00-00-00Z.communique-backup'),
    'an old backup elsewhere',
  )
  await mkdir(join(sandbox, 'samples'))
  await writeFile(join(sandbox, 'samples', 'a.txt'), 'Sample release')
  await mkdir(join(sandbox, 'Saved'))
  await mkdir(join(sandbox, 'restore'))
  await writeFile(join(sandbox, 'restore', 'r.communique-backup'), 'a backup to read back')
  outsideBefore = snapshot(outside)
  cwdBefore = readdirSync(process.cwd()).sort()

  const app = new FakeApp()
  app.setPath('userData', join(sandbox, 'profile'))
  app.setPath('documents', join(sandbox, 'Documents'))
  const dialog = new FakeDialog({
    canceled: false,
    filePaths: [join(sandbox, 'restore', 'r.communique-backup')],
  })
  // Room for the backups the valid calls start and never finish, besides the two below.
  backupFiles = new BackupFiles({ maxOpen: 16 })
  dialog.saveResult = { canceled: false, filePath: join(sandbox, 'Saved', 'x.communique-backup') }
  log = new MemoryLogger()
  const settings = new SettingsStore(join(sandbox, 'profile', 'settings.json'), log)
  const listings = new ListingStore({ log })
  const watcher = new FolderWatcher({ listings, settings, log, send: () => {} })
  ipcMain = new FakeIpcMain()
  registerIpcHandlers(
    ipcMain,
    createHandlers({
      dialog,
      app,
      getWindow: () => null,
      samplesDir: join(sandbox, 'samples'),
      listings,
      backupFiles,
      watcher,
      settings,
      log,
    }),
    (url) => url === APP_PAGE,
    log,
  )
  // A real listing, so readListing and closeListing have a valid id to be fuzzed around.
  await mkdir(join(sandbox, 'drop'))
  await writeFile(join(sandbox, 'drop', 'r.txt'), 'Dropped release')
  const dropped = (await ipcMain.invoke(CHANNELS.listDropped, APP_PAGE, [
    join(sandbox, 'drop'),
  ])) as Reply<{ id: string }>
  if (!dropped.ok) throw new Error(dropped.error.message)
  listingId = dropped.value.id
  // Real backup ids, so the piece channels have valid ids to be fuzzed around.
  const saving = (await ipcMain.invoke(
    CHANNELS.startBackupSave,
    APP_PAGE,
    'x.communique-backup',
  )) as Reply<{ id: string }>
  if (!saving.ok) throw new Error(saving.error.message)
  savingId = saving.value.id
  const reading = (await ipcMain.invoke(CHANNELS.openBackup, APP_PAGE)) as Reply<{ id: string }>
  if (!reading.ok) throw new Error(reading.error.message)
  readingId = reading.value.id
  // An automatic backup, in full.
  const auto = (await ipcMain.invoke(CHANNELS.startAutoBackupSave, APP_PAGE, 'daily')) as Reply<{
    id: string
  }>
  if (!auto.ok) throw new Error(auto.error.message)
  await ipcMain.invoke(CHANNELS.writeBackupPiece, APP_PAGE, auto.value.id, new Uint8Array([1]))
  const finished = (await ipcMain.invoke(
    CHANNELS.finishBackupSave,
    APP_PAGE,
    auto.value.id,
  )) as Reply<unknown>
  if (!finished.ok) throw new Error(finished.error.message)
})

afterAll(async () => {
  await rm(sandbox, { recursive: true, force: true })
  await rm(outside, { recursive: true, force: true })
})

const BYTES = new Uint8Array([1, 2, 3])
/** One valid argument list per channel; a channel added to the contract must be added here. */
const VALID: () => { [K in Channel]: ChannelArgs[K] } = () => ({
  [CHANNELS.pickFiles]: [],
  [CHANNELS.pickFolder]: [],
  [CHANNELS.listDropped]: [[join(sandbox, 'drop', 'r.txt')]],
  [CHANNELS.readListing]: [listingId, 0, 1],
  [CHANNELS.closeListing]: ['no-such-listing'],
  [CHANNELS.loadSamples]: [],
  [CHANNELS.appInfo]: [],
  [CHANNELS.getWatchedFolder]: [],
  [CHANNELS.chooseWatchedFolder]: [],
  [CHANNELS.stopWatching]: [],
  [CHANNELS.logImportProblems]: [[{ file: 'a.txt', reason: 'empty' }]],
  [CHANNELS.startBackupSave]: ['a.communique-backup'],
  [CHANNELS.startAutoBackupSave]: ['daily'],
  // In channel order, so the pieces are written before the save is finished.
  [CHANNELS.writeBackupPiece]: [savingId, BYTES],
  [CHANNELS.finishBackupSave]: [savingId],
  [CHANNELS.abortBackupSave]: ['no-such-backup'],
  [CHANNELS.openBackup]: [],
  [CHANNELS.readBackupPiece]: [readingId, 0, 1],
  [CHANNELS.closeBackup]: [readingId],
  [CHANNELS.listAutoBackups]: [],
})

const HUGE = 'x'.repeat(10 * 1024 * 1024)
const boom = (): never => {
  throw new Error('a getter that throws')
}
const trap = {
  get: boom,
  has: boom,
  ownKeys: boom,
  getPrototypeOf: boom,
  getOwnPropertyDescriptor: boom,
  apply: boom,
  construct: boom,
  set: boom,
}

/** Values that are wrong wherever they are put. */
function hostileValues(): [string, unknown][] {
  const outsideName = basename(outside)
  return [
    ['undefined', undefined],
    ['null', null],
    ['true', true],
    ['-1', -1],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['-Infinity', Number.NEGATIVE_INFINITY],
    ['2^53', 2 ** 53],
    ['1.5', 1.5],
    ['1e300', 1e300],
    ['bigint', 1n],
    ['symbol', Symbol('x')],
    ['function', () => 'called'],
    ['empty string', ''],
    ['10 MB string', HUGE],
    ['NUL string', 'a\0b'],
    ['relative ..', '../../etc/passwd'],
    ['absolute ..', `${sandbox}/../${outsideName}/canary.txt`],
    ['encoded ..', '..%2f..%2fetc%2fpasswd'],
    ['windows ..', 'C:\\Users\\..\\..\\Windows\\win.ini'],
    ['Uint16Array', new Uint16Array([1, 2])],
    ['Float64Array', new Float64Array([1])],
    ['ArrayBuffer', new ArrayBuffer(4)],
    ['DataView', new DataView(new ArrayBuffer(4))],
    ['empty Uint8Array', new Uint8Array(0)],
    ['Uint8Array-shaped object', Object.create(Uint8Array.prototype)],
    ['Uint8Array proxy', new Proxy(new Uint8Array(2), {})],
    ['hostile proxy', new Proxy({}, trap)],
    ['hostile array proxy', new Proxy([], trap)],
    [
      'getter object',
      {
        get file() {
          return boom()
        },
        get reason() {
          return boom()
        },
      },
    ],
    ['polluting object', JSON.parse('{"__proto__":{"polluted":true},"file":"a","reason":"b"}')],
    ['constructor.prototype', { constructor: { prototype: { polluted: true } } }],
    ['null-prototype object', Object.create(null)],
    ['Date', new Date(0)],
    ['RegExp', /x/],
    ['Map', new Map([['a', 1]])],
    ['Error', new Error('x')],
    ['empty array', []],
    ['sparse array of 1e9', new Array(1e9)],
    ['array of huge', [HUGE]],
    ['array of NUL', ['a\0b']],
    ['array of ..', ['../x', `${sandbox}/../${outsideName}`]],
    ['array of absolute ..', [`${sandbox}/../${outsideName}/canary.txt`]],
    ['array of numbers', [1, 2]],
    ['array of typed arrays', [new Uint8Array(1)]],
    ['array of hostile proxies', [new Proxy({}, trap)]],
    [
      'array of getters',
      [
        {
          get file() {
            return boom()
          },
          reason: 'x',
        },
      ],
    ],
    ['array of polluters', [JSON.parse('{"__proto__":{"polluted":true},"file":"a","reason":"b"}')]],
    ['array of problems with huge file', [{ file: HUGE, reason: 'x' }]],
    ['array of problems with NUL', [{ file: 'a\0', reason: 'x' }]],
    ['array of problems with bytes', [{ file: new Uint8Array(1), reason: 'x' }]],
    ['nested arrays', [[['a']]]],
    ['array-like', { length: 1, 0: 'a' }],
  ]
}

/** Values that may be valid in some positions: the reply may be ok or a refusal. */
const MAYBE_VALID: [string, unknown][] = [
  ['Uint8Array', new Uint8Array(5)],
  ['Buffer', Buffer.from('backup')],
  ['0', 0],
  ['-0', -0],
  ['1', 1],
]

const CODES = ['invalid-argument', 'forbidden', 'failed']

type Call = { channel: Channel; label: string; args: unknown[]; mayBeOk: boolean }

function calls(): Call[] {
  const valid = VALID()
  const out: Call[] = []
  for (const channel of Object.values(CHANNELS)) {
    const base = valid[channel] as unknown[]
    out.push({ channel, label: 'valid', args: base, mayBeOk: true })
    for (const [label, value] of hostileValues()) {
      // Arity: one too many, and the value alone.
      out.push({ channel, label: `extra ${label}`, args: [...base, value], mayBeOk: false })
      if (base.length !== 1) {
        out.push({ channel, label: `only ${label}`, args: [value], mayBeOk: false })
      }
      // Each position in turn.
      base.forEach((_, i) => {
        const args = base.map((arg, j) => (j === i ? value : arg))
        out.push({ channel, label: `${label} at ${i}`, args, mayBeOk: false })
      })
    }
    for (const [label, value] of MAYBE_VALID) {
      base.forEach((_, i) => {
        const args = base.map((arg, j) => (j === i ? value : arg))
        out.push({ channel, label: `${label} at ${i}`, args, mayBeOk: true })
      })
    }
    if (base.length > 0) {
      out.push({ channel, label: 'no arguments', args: [], mayBeOk: false })
      out.push({ channel, label: 'one short', args: base.slice(0, -1), mayBeOk: false })
    }
    out.push({
      channel,
      label: 'a hundred arguments',
      args: Array.from({ length: 100 }, () => base[0] ?? 'x'),
      mayBeOk: false,
    })
  }
  return out
}

describe('IPC fuzz', () => {
  it('answers every malformed call with a clean envelope, refusing all but valid input', async () => {
    const problems: string[] = []
    const okChannels = new Set<string>()
    for (const call of calls()) {
      const what = `${call.channel} ${call.label}`
      let reply: unknown
      try {
        reply = await ipcMain.invoke(call.channel, APP_PAGE, ...call.args)
      } catch (err) {
        problems.push(`${what}: rejected (${String(err)})`)
        continue
      }
      try {
        structuredClone(reply)
      } catch {
        problems.push(`${what}: the reply cannot cross the bridge`)
      }
      const envelope = reply as Reply<unknown>
      if (envelope?.ok === true) {
        if (!call.mayBeOk) problems.push(`${what}: accepted`)
        else okChannels.add(call.channel)
        continue
      }
      if (envelope?.ok !== false) {
        problems.push(`${what}: not an envelope`)
        continue
      }
      const { code, message } = envelope.error
      if (!CODES.includes(code)) problems.push(`${what}: code ${String(code)}`)
      if (typeof message !== 'string' || message.length === 0 || message.length > 1000) {
        problems.push(`${what}: message of ${String(message).length} characters`)
      }
      if (call.mayBeOk === false && code !== 'invalid-argument') {
        problems.push(`${what}: refused as ${code}, not invalid-argument`)
      }
    }
    expect(problems).toEqual([])
    // The valid calls went through, so the refusals above are not a handler that refuses all.
    expect([...okChannels].sort()).toEqual(Object.values(CHANNELS).sort())
  }, 120_000)

  it('polluted no prototype', () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(Object.keys(Object.prototype)).toEqual([])
    expect(Object.keys(Array.prototype)).toEqual([])
  })

  it('touched nothing outside its folder, and wrote only where it was asked to', async () => {
    // As at quit: the saves the fuzz started and never finished leave nothing behind.
    await backupFiles.closeAll()
    expect(backupFiles.openFiles).toBe(0)
    expect(snapshot(outside)).toEqual(outsideBefore)
    expect(readdirSync(process.cwd()).sort()).toEqual(cwdBefore)
    const written = [...snapshot(sandbox).keys()].sort()
    for (const path of written) {
      expect(path).toMatch(/^(samples|drop|restore)\/|^Saved\/x\.communique-backup$|^profile\//)
    }
    expect(written).toContain('Saved/x.communique-backup')
    expect(written.some((path) => path.startsWith('profile/backups/communique-daily-'))).toBe(true)
  })

  it('logged every refusal with its channel, and no line the size of a payload', () => {
    const lines = log.lines()
    expect(lines.length).toBeGreaterThan(100)
    expect(Math.max(...lines.map((line) => line.length))).toBeLessThan(10_000)
    for (const line of lines.filter((l) => l.includes('refused'))) {
      expect(line).toMatch(/^warn \[ipc\] archive:\w+ refused/)
    }
  })

  it.each(Object.values(CHANNELS))('%s answers only the app’s own page', async (channel) => {
    const args = VALID()[channel] as unknown[]
    for (const sender of [
      'https://example.com/',
      'file:///opt/communique/out/renderer/index.html',
      'app://communique.evil/index.html',
      'app://user@communique/index.html',
      'devtools://devtools/bundled/inspector.html',
      '',
      null,
    ]) {
      expect(await ipcMain.invoke(channel, sender, ...args), `${sender}`).toEqual({
        ok: false,
        error: { code: 'forbidden', message: 'This request did not come from the app’s own page.' },
      })
    }
  })
})
