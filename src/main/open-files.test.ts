import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ImportListing } from '../shared/ipc/contract'
import { ListingStore } from './listings'
import { MemoryLogger } from './log'
import { openPaths, PathBatcher, pathsFromCommandLine } from './open-files'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'communique-open-'))
  await writeFile(join(dir, 'statement.txt'), 'Joint statement')
  await mkdir(join(dir, 'inbox'))
  await writeFile(join(dir, 'inbox', 'a.md'), '# A')
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('pathsFromCommandLine', () => {
  it('takes the files and folders a packaged app was given, leaving out switches', async () => {
    const argv = [
      '/opt/Communiqué/communique',
      '--no-sandbox',
      join(dir, 'statement.txt'),
      '-psn_0_12345',
      'inbox',
      '--enable-logging=file',
    ]
    expect(
      await pathsFromCommandLine(argv, {
        cwd: dir,
        appPath: '/opt/Communiqué/resources/app.asar',
        isPackaged: true,
      }),
    ).toEqual([join(dir, 'statement.txt'), join(dir, 'inbox')])
  })

  it('leaves out the app folder of an unpackaged app, however it is written', async () => {
    const appPath = join(dir, 'project')
    await mkdir(appPath)
    const where = { cwd: dir, appPath, isPackaged: false }
    expect(await pathsFromCommandLine(['electron', 'project', 'statement.txt'], where)).toEqual([
      join(dir, 'statement.txt'),
    ])
    // A second instance's command line may come with Chromium's switches first.
    expect(
      await pathsFromCommandLine(
        ['electron', '--allow-file-access-from-files', appPath, join(appPath)],
        where,
      ),
    ).toEqual([])
  })

  it('leaves out what does not exist, repeats and NULs', async () => {
    expect(
      await pathsFromCommandLine(
        [
          'exe',
          'missing.txt',
          'statement.txt',
          join(dir, 'statement.txt'),
          'app://communique/',
          'a\0b',
          '',
        ],
        { cwd: dir, appPath: '/elsewhere', isPackaged: true },
      ),
    ).toEqual([join(dir, 'statement.txt')])
    expect(
      await pathsFromCommandLine(['exe'], { cwd: dir, appPath: '/x', isPackaged: true }),
    ).toEqual([])
  })
})

describe('openPaths', () => {
  it('walks the paths into one listing and sends it to the page', async () => {
    const sent: ImportListing[] = []
    const listings = new ListingStore()
    const log = new MemoryLogger()
    const listing = await openPaths([join(dir, 'statement.txt'), join(dir, 'inbox')], {
      listings,
      send: (l) => sent.push(l),
      log,
    })
    expect(sent).toEqual([listing])
    expect(listing?.files).toEqual([
      { name: 'statement.txt', size: 15 },
      { name: 'inbox/a.md', size: 3 },
    ])
    expect(listing && listings.has(listing.id)).toBe(true)
    expect(await listings.read(listing?.id ?? '', 0, 5)).toMatchObject([
      { name: 'statement.txt' },
      { name: 'inbox/a.md' },
    ])
  })

  it('sends nothing when there is nothing to open', async () => {
    const send = vi.fn()
    expect(
      await openPaths([], { listings: new ListingStore(), send, log: new MemoryLogger() }),
    ).toBeNull()
    expect(send).not.toHaveBeenCalled()
  })
})

describe('PathBatcher', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('holds paths until started, then sends them as one batch once they stop coming', async () => {
    const batches: string[][] = []
    const batcher = new PathBatcher((paths) => batches.push(paths), 200)
    batcher.add(['/a'])
    batcher.add(['/b', '/a'])
    await vi.advanceTimersByTimeAsync(1000)
    expect(batches).toEqual([])

    batcher.start()
    await vi.advanceTimersByTimeAsync(150)
    batcher.add(['/c'])
    await vi.advanceTimersByTimeAsync(199)
    expect(batches).toEqual([])
    await vi.advanceTimersByTimeAsync(1)
    expect(batches).toEqual([['/a', '/b', '/c']])

    batcher.add(['/d'])
    await vi.advanceTimersByTimeAsync(200)
    expect(batches).toEqual([['/a', '/b', '/c'], ['/d']])
  })
})
