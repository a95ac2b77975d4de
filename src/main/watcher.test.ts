import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ImportListing, IncomingFile } from '../shared/ipc/contract'
import { ListingStore } from './listings'
import { SettingsStore } from './settings-store'
import { FolderWatcher } from './watcher'

let dir: string
let watchers: FolderWatcher[]
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'communique-watch-'))
  watchers = []
})
afterEach(async () => {
  await Promise.all(watchers.map((w) => w.close()))
  // A settings write (a temporary file renamed into place) may still be landing in the
  // profile folder: removal retries instead of failing on a folder that just gained a file.
  await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 })
})

const text = (file: IncomingFile | undefined): string =>
  !file
    ? 'missing'
    : 'bytes' in file
      ? new TextDecoder().decode(file.bytes)
      : `error: ${file.error}`

/** A watcher as the app wires it, with short timings; `sent` collects what reaches the page. */
function setUp(settingsFile = join(dir, 'profile', 'settings.json'), debounceMs = 100) {
  const sent: ImportListing[] = []
  const listings = new ListingStore()
  const settings = new SettingsStore(settingsFile)
  const watcher = new FolderWatcher({
    listings,
    settings,
    send: (listing) => sent.push(listing),
    debounceMs,
    stabilityMs: 150,
  })
  watchers.push(watcher)
  return { watcher, sent, listings, settings }
}

async function folder(name = 'inbox'): Promise<string> {
  const path = join(dir, name)
  await mkdir(path, { recursive: true })
  return path
}

const names = (listing: ImportListing | undefined): string[] =>
  listing?.files.map((f) => f.name) ?? []

describe('FolderWatcher', () => {
  it('imports the files already in a newly chosen folder once, hidden ones left out', async () => {
    const inbox = await folder()
    await writeFile(join(inbox, 'old.txt'), 'Earlier release')
    await writeFile(join(inbox, '.DS_Store'), 'junk')
    const { watcher, sent, listings } = setUp()

    expect(await watcher.watch(inbox)).toEqual({ folder: inbox, error: null })

    expect(sent).toHaveLength(1)
    expect(sent[0]?.label).toBe('inbox')
    expect(names(sent[0])).toEqual(['inbox/old.txt'])
    expect(text((await listings.read(sent[0]?.id as string, 0, 1))[0])).toBe('Earlier release')
  })

  it('sends new and changed files as one listing, which reads back their bytes', async () => {
    const inbox = await folder()
    // A generous quiet time, so a slow machine still sees the writes as one batch.
    const { watcher, sent, listings } = setUp(undefined, 400)
    await watcher.watch(inbox)
    expect(sent).toEqual([])

    await writeFile(join(inbox, 'statement.txt'), 'Joint statement')
    await mkdir(join(inbox, 'May'))
    await writeFile(join(inbox, 'May', 'briefing.md'), '# Briefing')
    await writeFile(join(inbox, '.partial.txt'), 'hidden')

    await vi.waitFor(() => expect(names(sent.at(-1))).toHaveLength(2), { timeout: 5000 })
    expect(sent).toHaveLength(1)
    expect(names(sent[0])).toEqual(['inbox/May/briefing.md', 'inbox/statement.txt'])
    const files = await listings.read(sent[0]?.id as string, 0, 2)
    expect(files.map(text)).toEqual(['# Briefing', 'Joint statement'])

    await writeFile(join(inbox, 'statement.txt'), 'Joint statement, corrected')
    await vi.waitFor(() => expect(sent).toHaveLength(2), { timeout: 5000 })
    expect(names(sent[1])).toEqual(['inbox/statement.txt'])
    expect(text((await listings.read(sent[1]?.id as string, 0, 1))[0])).toBe(
      'Joint statement, corrected',
    )
  })

  it('stops sending once watching stops, and forgets the folder', async () => {
    const inbox = await folder()
    const { watcher, sent, settings } = setUp()
    await watcher.watch(inbox)

    expect(await watcher.stop()).toEqual({ folder: null, error: null })
    await writeFile(join(inbox, 'late.txt'), 'Too late')
    await new Promise((resolve) => setTimeout(resolve, 800))

    expect(sent).toEqual([])
    expect((await settings.read()).watchedFolder).toBeNull()
  })

  it('resumes after a restart, importing only what arrived while the app was closed', async () => {
    const inbox = await folder()
    await writeFile(join(inbox, 'before.txt'), 'Already imported')
    const settingsFile = join(dir, 'profile', 'settings.json')
    const first = setUp(settingsFile)
    await first.watcher.watch(inbox)
    expect(names(first.sent[0])).toEqual(['inbox/before.txt'])
    await first.watcher.close()
    // File times have a coarse resolution on some file systems; be clearly after the sync.
    await new Promise((resolve) => setTimeout(resolve, 50))
    await writeFile(join(inbox, 'while-closed.txt'), 'New while closed')

    const second = setUp(settingsFile)
    expect(await second.watcher.resume()).toEqual({ folder: inbox, error: null })

    expect(second.sent).toHaveLength(1)
    expect(names(second.sent[0])).toEqual(['inbox/while-closed.txt'])
    expect(JSON.parse(await readFile(settingsFile, 'utf8'))).toMatchObject({ watchedFolder: inbox })
  })

  it('says in words when the watched folder has gone since the last start', async () => {
    const settingsFile = join(dir, 'profile', 'settings.json')
    const gone = join(dir, 'removed-folder')
    await new SettingsStore(settingsFile).update({ watchedFolder: gone })
    const { watcher, sent } = setUp(settingsFile)

    const status = await watcher.resume()

    expect(status.folder).toBe(gone)
    expect(status.error).toMatch(/removed-folder is no longer there/)
    expect(watcher.status()).toEqual(status)
    expect(sent).toEqual([])
  })

  it('does nothing at start when no folder was chosen', async () => {
    const { watcher, sent } = setUp()
    expect(await watcher.resume()).toEqual({ folder: null, error: null })
    expect(sent).toEqual([])
  })
})
