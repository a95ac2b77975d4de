import { describe, expect, it } from 'vitest'
import { fail, ok, type DesktopApi, type ImportListing } from '../../../shared/ipc/contract'
import { HostError } from './host'
import { createElectronHost } from './host.electron'

const sample = { name: 'a.txt', bytes: new Uint8Array([65]) }
const listing: ImportListing = {
  id: 'L1',
  label: 'bad/',
  files: [
    { name: 'bad/a.txt', size: 1 },
    { name: 'bad/b.txt', size: 1 },
    { name: 'bad/c.txt', size: 1 },
  ],
  problems: [],
}

function fakeApi(overrides: Partial<DesktopApi>): DesktopApi {
  const status = ok({ folder: null, error: null })
  return {
    pickFiles: async () => ok(null),
    pickFolder: async () => ok(listing),
    listDropped: async () => ok(listing),
    readListing: async (_id, start, count) =>
      ok(
        listing.files
          .slice(start, start + count)
          .map((f) => ({ name: f.name, bytes: new Uint8Array([66]) })),
      ),
    closeListing: async () => ok(null),
    loadSamples: async () => ok([sample]),
    appInfo: async () => ok({ name: 'Communiqué', version: '0.1.0', platform: 'linux' }),
    getWatchedFolder: async () => status,
    chooseWatchedFolder: async () => status,
    stopWatching: async () => status,
    logImportProblems: async () => ok(null),
    saveBackup: async () => ok(null),
    openBackup: async () => ok(null),
    saveAutoBackup: async () => ok({ path: '/data/backups/x.communique-backup' }),
    listAutoBackups: async () => ok([]),
    onWatchedFiles: () => () => {},
    onOpenFiles: () => () => {},
    onMenuCommand: () => () => {},
    ...overrides,
  }
}

describe('the desktop host', () => {
  it('hands components the value inside a successful reply', async () => {
    const host = createElectronHost(fakeApi({}))
    const samples = await host.loadSamples()
    expect(await samples.read(0, 10)).toEqual([sample])
    expect(await host.pickFiles()).toBeNull()
  })

  it('reads a folder listing in slices, by position', async () => {
    const source = await createElectronHost(fakeApi({})).pickFolder()
    expect(source).toMatchObject({ label: 'bad/', total: 3 })
    expect((await source!.read(1, 5)).map((f) => f.name)).toEqual(['bad/b.txt', 'bad/c.txt'])
  })

  it("turns a failed reply into a HostError carrying the shell's message and code", async () => {
    const host = createElectronHost(
      fakeApi({
        pickFiles: async () => fail('forbidden', 'This request did not come from the app.'),
      }),
    )
    const error = await host.pickFiles().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(HostError)
    expect(error).toMatchObject({
      message: 'This request did not come from the app.',
      code: 'forbidden',
    })
  })

  it('sends a backup to the shell as bytes, and reads one back as a Blob', async () => {
    const saved: { bytes: Uint8Array; name: string }[] = []
    const host = createElectronHost(
      fakeApi({
        saveBackup: async (bytes, name) => {
          saved.push({ bytes, name })
          return ok({ path: `/home/r/${name}` })
        },
        openBackup: async () =>
          ok({ name: 'b.communique-backup', bytes: new Uint8Array([80, 75, 3, 4]) }),
      }),
    )
    const where = await host.backups.save(new Blob(['PK']), 'a.communique-backup')
    expect(where).toBe('/home/r/a.communique-backup')
    expect(saved.map((s) => [Array.from(s.bytes), s.name])).toEqual([
      [[80, 75], 'a.communique-backup'],
    ])
    const opened = await host.backups.open()
    expect(opened?.name).toBe('b.communique-backup')
    expect(Array.from(new Uint8Array(await opened!.data.arrayBuffer()))).toEqual([80, 75, 3, 4])
  })

  it('logs import problems in slices the shell accepts, without empty or NUL-bearing lines', async () => {
    const calls: { file: string; reason: string }[][] = []
    const host = createElectronHost(
      fakeApi({
        logImportProblems: async (problems) => {
          calls.push(problems)
          return ok(null)
        },
      }),
    )
    const problems = Array.from({ length: 1500 }, (_, i) => ({
      file: `bad/${i}.txt`,
      reason: i === 0 ? 'binary\0data' : 'not a press release',
    }))
    await host.logImportProblems([...problems, { file: '', reason: 'x' }])
    expect(calls.map((c) => c.length)).toEqual([1000, 500])
    expect(calls[0]![0]).toEqual({ file: 'bad/0.txt', reason: 'binarydata' })
  })

  it('refuses a backup larger than the bridge carries in one piece, with its size', async () => {
    let called = false
    const host = createElectronHost(
      fakeApi({
        saveBackup: async () => {
          called = true
          return ok(null)
        },
      }),
    )
    const huge = { size: 2_400_000_000, arrayBuffer: () => Promise.reject(new Error('read')) }
    await expect(host.backups.save(huge as unknown as Blob, 'a.communique-backup')).rejects.toThrow(
      'the backup is 2.4 GB, more than the 2.1 GB the desktop app can write in one piece',
    )
    expect(called).toBe(false)
  })
})
