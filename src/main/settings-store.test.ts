import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { MemoryLogger } from './log'
import { DEFAULT_SETTINGS, parseSettings, SettingsStore } from './settings-store'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'communique-settings-'))
})
afterEach(async () => {
  vi.restoreAllMocks()
  await rm(dir, { recursive: true, force: true })
})

describe('SettingsStore', () => {
  it('starts from the defaults when there is no settings file yet', async () => {
    expect(await new SettingsStore(join(dir, 'settings.json')).read()).toEqual(DEFAULT_SETTINGS)
  })

  it('saves settings so that the next start reads them back, leaving no temporary file', async () => {
    const file = join(dir, 'profile', 'settings.json')
    await new SettingsStore(file).update({ watchedFolder: '/home/r/inbox' })
    await new SettingsStore(file).update({ watchedSyncedAt: 1234 })

    expect(await new SettingsStore(file).read()).toEqual({
      ...DEFAULT_SETTINGS,
      watchedFolder: '/home/r/inbox',
      watchedSyncedAt: 1234,
    })
    expect(await readdir(join(dir, 'profile'))).toEqual(['settings.json'])
  })

  it('keeps the last of several quick writes', async () => {
    const file = join(dir, 'settings.json')
    const store = new SettingsStore(file)
    await Promise.all([1, 2, 3, 4, 5].map((n) => store.update({ watchedSyncedAt: n })))
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ watchedSyncedAt: 5 })
  })

  it('starts from the defaults when the file is corrupt, and logs it', async () => {
    const log = new MemoryLogger()
    const file = join(dir, 'settings.json')
    await writeFile(file, '{"watchedFolder": "/home/r/inb')
    expect(await new SettingsStore(file, log).read()).toEqual(DEFAULT_SETTINGS)
    expect(log.lines()).toEqual([
      'error [settings] the settings file is not valid JSON; using defaults',
    ])
  })

  it('keeps the backup folder and the window state across restarts', async () => {
    const file = join(dir, 'settings.json')
    const windowState = { x: 10, y: 20, width: 1000, height: 700, isMaximized: true }
    const store = new SettingsStore(file)
    void store.update({ lastBackupFolder: '/home/r/Backups' })
    void store.update({ windowState })
    await store.settled()
    expect(await new SettingsStore(file).read()).toMatchObject({
      lastBackupFolder: '/home/r/Backups',
      windowState,
    })
  })
})

describe('parseSettings', () => {
  it('keeps the fields it understands and defaults the rest', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    expect(parseSettings('{"watchedFolder": "/x", "watchedSyncedAt": -5, "other": 1}')).toEqual({
      ...DEFAULT_SETTINGS,
      watchedFolder: '/x',
      watchedSyncedAt: 0,
    })
    expect(
      parseSettings('{"lastBackupFolder": 3, "windowState": {"x": 1, "y": 2, "width": -4}}'),
    ).toEqual(DEFAULT_SETTINGS)
    expect(parseSettings('{"watchedFolder": 42}')).toEqual(DEFAULT_SETTINGS)
    expect(parseSettings('null')).toEqual(DEFAULT_SETTINGS)
    expect(parseSettings('[1,2]')).toEqual(DEFAULT_SETTINGS)
    expect(parseSettings('')).toEqual(DEFAULT_SETTINGS)
  })
})
