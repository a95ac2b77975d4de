import { describe, expect, it, vi } from 'vitest'
import {
  CHANNELS,
  EVENTS,
  type DesktopApi,
  type ImportListing,
  type MenuCommand,
} from '../shared/ipc/contract'
import type { FakeFile } from '../main/test/fake-electron'

const electron = await vi.hoisted(async () => {
  const { createFakeElectron } = await import('../main/test/fake-electron')
  return createFakeElectron()
})
vi.mock('electron', () => electron)

await import('./index')

const LISTING: ImportListing = {
  id: 'abc',
  label: 'inbox',
  files: [{ name: 'inbox/a.txt', size: 3 }],
  problems: [],
}

// Every function of DesktopApi, so a missing one fails here rather than in the page.
const ACTIONS: Record<keyof DesktopApi, true> = {
  pickFiles: true,
  pickFolder: true,
  listDropped: true,
  readListing: true,
  closeListing: true,
  loadSamples: true,
  appInfo: true,
  getWatchedFolder: true,
  chooseWatchedFolder: true,
  stopWatching: true,
  logImportProblems: true,
  startBackupSave: true,
  startAutoBackupSave: true,
  writeBackupPiece: true,
  finishBackupSave: true,
  abortBackupSave: true,
  openBackup: true,
  readBackupPiece: true,
  closeBackup: true,
  listAutoBackups: true,
  onWatchedFiles: true,
  onOpenFiles: true,
  onMenuCommand: true,
}

const api = (): DesktopApi => electron.contextBridge.exposed[0]?.api as DesktopApi

/** The API as a page could call it: any function, any arguments. */
const loose = (): Record<string, (...args: unknown[]) => unknown> =>
  electron.contextBridge.exposed[0]?.api as Record<string, (...args: unknown[]) => unknown>

const tick = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('preload', () => {
  const exposed = electron.contextBridge.exposed
  const invocations = electron.ipcRenderer.invocations

  it('exposes one API, as window.communique, exactly once', () => {
    expect(exposed).toHaveLength(1)
    expect(exposed[0]?.key).toBe('communique')
  })

  it('exposes only functions, all of DesktopApi and nothing else', () => {
    expect(Object.keys(api()).sort()).toEqual(Object.keys(ACTIONS).sort())
    for (const value of Object.values(loose())) expect(typeof value).toBe('function')
  })

  it('has each argument-less action invoke its own channel with no extra arguments', async () => {
    const bare = Object.keys(CHANNELS).filter(
      (action) =>
        ![
          'listDropped',
          'readListing',
          'closeListing',
          'logImportProblems',
          'startBackupSave',
          'startAutoBackupSave',
          'writeBackupPiece',
          'finishBackupSave',
          'abortBackupSave',
          'readBackupPiece',
          'closeBackup',
        ].includes(action),
    ) as (keyof typeof CHANNELS)[]
    for (const action of bare) {
      invocations.length = 0
      // Arguments a page might pass must not reach the main process.
      const reply = await loose()[action]?.('/etc/passwd')
      expect(invocations).toEqual([[CHANNELS[action]]])
      expect(reply).toEqual({ ok: true, value: `reply to ${CHANNELS[action]}` })
    }
  })

  it('passes a listing id, start and count on, and nothing more', async () => {
    invocations.length = 0
    await api().readListing('abc', 0, 200)
    await api().closeListing('abc')
    await loose().closeListing?.('abc', 'extra')
    expect(invocations).toEqual([
      [CHANNELS.readListing, 'abc', 0, 200],
      [CHANNELS.closeListing, 'abc'],
      [CHANNELS.closeListing, 'abc'],
    ])
  })

  it('passes backups and import problems on with exactly their arguments', async () => {
    invocations.length = 0
    const bytes = new Uint8Array([1, 2, 3])
    const problems = [{ file: 'a.pdf', reason: 'not a release' }]
    await loose().startBackupSave?.('a.communique-backup', '/etc/passwd')
    await loose().startAutoBackupSave?.('daily', 'extra')
    await loose().writeBackupPiece?.('b1', bytes, 'extra')
    await loose().finishBackupSave?.('b1', '/etc/passwd')
    await loose().abortBackupSave?.('b1', 'extra')
    await loose().readBackupPiece?.('r1', 0, 3, 'extra')
    await loose().closeBackup?.('r1', 'extra')
    await loose().logImportProblems?.(problems, 'extra')
    expect(invocations).toEqual([
      [CHANNELS.startBackupSave, 'a.communique-backup'],
      [CHANNELS.startAutoBackupSave, 'daily'],
      [CHANNELS.writeBackupPiece, 'b1', bytes],
      [CHANNELS.finishBackupSave, 'b1'],
      [CHANNELS.abortBackupSave, 'b1'],
      [CHANNELS.readBackupPiece, 'r1', 0, 3],
      [CHANNELS.closeBackup, 'r1'],
      [CHANNELS.logImportProblems, problems],
    ])
  })

  it('turns dropped files into their paths, leaving out files that have none', async () => {
    invocations.length = 0
    const dropped: FakeFile[] = [
      { name: 'a.txt', path: '/home/r/a.txt' },
      { name: 'made-by-the-page.txt' },
      { name: 'inbox', path: '/home/r/inbox' },
    ]
    await api().listDropped(dropped as unknown as File[])
    expect(invocations).toEqual([[CHANNELS.listDropped, ['/home/r/a.txt', '/home/r/inbox']]])
  })

  it('answers a drop with no real files itself, without asking the shell', async () => {
    invocations.length = 0
    const reply = await api().listDropped([{ name: 'x.txt' }] as unknown as File[])
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid-argument' } })
    expect(invocations).toEqual([])
  })

  it('calls menu listeners with the command only, checked, until unsubscribed', () => {
    const seen: unknown[][] = []
    const unsubscribe = loose().onMenuCommand?.((...args: unknown[]) =>
      seen.push(args),
    ) as () => void

    electron.ipcRenderer.receive(EVENTS.menuCommand, 'import-folder')
    electron.ipcRenderer.receive(EVENTS.menuCommand, 'format-disk')
    electron.ipcRenderer.receive(EVENTS.menuCommand, { command: 'import-files' })
    unsubscribe()
    electron.ipcRenderer.receive(EVENTS.menuCommand, 'open-settings')

    expect(seen).toEqual([['import-folder']])
    expect(electron.ipcRenderer.listenerCount(EVENTS.menuCommand)).toBe(0)
  })

  it('calls watched-folder listeners with the listing only, checked, until unsubscribed', async () => {
    const seen: unknown[][] = []
    const unsubscribe = loose().onWatchedFiles?.((...args: unknown[]) =>
      seen.push(args),
    ) as () => void

    electron.ipcRenderer.receive(EVENTS.watchedFiles, LISTING)
    electron.ipcRenderer.receive(EVENTS.watchedFiles, { id: 'abc', files: 'all of them' })
    electron.ipcRenderer.receive(EVENTS.watchedFiles, { ...LISTING, files: [{ name: 1 }] })
    unsubscribe()
    await tick()

    expect(seen).toEqual([[LISTING]])
  })

  it('keeps listings that arrive before anyone listens, for the first listener', async () => {
    electron.ipcRenderer.receive(EVENTS.watchedFiles, LISTING)
    electron.ipcRenderer.receive(EVENTS.watchedFiles, { ...LISTING, id: 'def' })

    const first: ImportListing[] = []
    const second: ImportListing[] = []
    const unsubscribe = api().onWatchedFiles((listing) => first.push(listing))
    const unsubscribeToo = api().onWatchedFiles((listing) => second.push(listing))
    expect(first).toEqual([])
    await tick()

    expect(first.map((l) => l.id)).toEqual(['abc', 'def'])
    expect(second).toEqual([])
    unsubscribe()
    unsubscribeToo()
  })

  it('calls open-files listeners with the listing only, checked, keeping early ones', async () => {
    electron.ipcRenderer.receive(EVENTS.openFiles, { ...LISTING, id: 'early' })
    electron.ipcRenderer.receive(EVENTS.openFiles, { id: 'bad', files: 'all' })
    // A listing on the other channel is not an opened file.
    const watched: unknown[] = []
    const stopWatched = api().onWatchedFiles((listing) => watched.push(listing))

    const seen: unknown[][] = []
    const unsubscribe = loose().onOpenFiles?.((...args: unknown[]) => seen.push(args)) as () => void
    await tick()
    electron.ipcRenderer.receive(EVENTS.openFiles, LISTING)
    unsubscribe()
    electron.ipcRenderer.receive(EVENTS.openFiles, { ...LISTING, id: 'late' })
    stopWatched()

    expect(seen).toEqual([[{ ...LISTING, id: 'early' }], [LISTING]])
    expect(watched).toEqual([])
  })

  it('types menu commands as the contract does, and passes every one on', () => {
    const commands: MenuCommand[] = [
      'import-files',
      'import-folder',
      'watch-folder',
      'export',
      'back-up',
      'restore',
      'verify-archive',
      'open-settings',
      'undo',
      'redo',
    ]
    const seen: MenuCommand[] = []
    const unsubscribe = api().onMenuCommand((command) => seen.push(command))
    for (const command of commands) electron.ipcRenderer.receive(EVENTS.menuCommand, command)
    unsubscribe()
    expect(seen).toEqual(commands)
  })
})
