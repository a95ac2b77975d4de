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
    startBackupSave: async () => ok(null),
    startAutoBackupSave: async () => ok({ id: 'A1' }),
    writeBackupPiece: async () => ok(null),
    finishBackupSave: async () => ok({ path: '/data/backups/x.communique-backup' }),
    abortBackupSave: async () => ok(null),
    openBackup: async () => ok(null),
    readBackupPiece: async () => ok(new Uint8Array(0)),
    closeBackup: async () => ok(null),
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

  it('saves a backup in pieces, in order, and finishes it', async () => {
    const calls: unknown[][] = []
    const host = createElectronHost(
      fakeApi({
        startBackupSave: async (name) => {
          calls.push(['start', name])
          return ok({ id: 'S1' })
        },
        writeBackupPiece: async (id, bytes) => {
          calls.push(['write', id, Array.from(bytes)])
          return ok(null)
        },
        finishBackupSave: async (id) => {
          calls.push(['finish', id])
          return ok({ path: '/home/r/a.communique-backup' })
        },
        abortBackupSave: async (id) => {
          calls.push(['abort', id])
          return ok(null)
        },
      }),
      3,
    )
    const data = new Blob([new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8])])
    expect(await host.backups.save(data, 'a.communique-backup')).toBe('/home/r/a.communique-backup')
    expect(calls).toEqual([
      ['start', 'a.communique-backup'],
      ['write', 'S1', [1, 2, 3]],
      ['write', 'S1', [4, 5, 6]],
      ['write', 'S1', [7, 8]],
      ['finish', 'S1'],
    ])
  })

  it('writes nothing when the user cancels the save dialog', async () => {
    let written = false
    const host = createElectronHost(
      fakeApi({
        writeBackupPiece: async () => {
          written = true
          return ok(null)
        },
      }),
      3,
    )
    expect(await host.backups.save(new Blob(['PK']), 'a.communique-backup')).toBeNull()
    expect(written).toBe(false)
  })

  it('cancels a backup whose piece fails, and says why', async () => {
    const calls: string[] = []
    const host = createElectronHost(
      fakeApi({
        startAutoBackupSave: async () => ok({ id: 'A1' }),
        writeBackupPiece: async (id) => {
          calls.push(`write ${id}`)
          return calls.length === 2 ? fail('failed', 'The disk is full.') : ok(null)
        },
        finishBackupSave: async (id) => {
          calls.push(`finish ${id}`)
          return ok({ path: '/x' })
        },
        abortBackupSave: async (id) => {
          calls.push(`abort ${id}`)
          return ok(null)
        },
      }),
      2,
    )
    const error = await host.backups
      .automatic!.save(new Blob(['abcdefg']), 'daily')
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(HostError)
    expect(error).toMatchObject({ message: 'The disk is full.', code: 'failed' })
    expect(calls).toEqual(['write A1', 'write A1', 'abort A1'])
  })

  it('saves an automatic backup in pieces and answers where it went', async () => {
    const pieces: number[][] = []
    const host = createElectronHost(
      fakeApi({
        writeBackupPiece: async (_id, bytes) => {
          pieces.push(Array.from(bytes))
          return ok(null)
        },
      }),
      4,
    )
    expect(await host.backups.automatic!.save(new Blob(['abcde']), 'daily')).toBe(
      '/data/backups/x.communique-backup',
    )
    expect(pieces.map((p) => p.length)).toEqual([4, 1])
  })

  it('reads a backup back in pieces into one Blob, and closes it', async () => {
    const file = Uint8Array.from({ length: 23 }, (_, i) => i)
    const reads: [string, number, number][] = []
    const closed: string[] = []
    const host = createElectronHost(
      fakeApi({
        openBackup: async () => ok({ id: 'R1', name: 'b.communique-backup', size: file.length }),
        readBackupPiece: async (id, start, length) => {
          reads.push([id, start, length])
          return ok(file.slice(start, start + length))
        },
        closeBackup: async (id) => {
          closed.push(id)
          return ok(null)
        },
      }),
      2,
    )
    const opened = await host.backups.open()
    expect(opened?.name).toBe('b.communique-backup')
    expect(Array.from(new Uint8Array(await opened!.data.arrayBuffer()))).toEqual(Array.from(file))
    expect(reads).toHaveLength(12)
    expect(reads.at(0)).toEqual(['R1', 0, 2])
    expect(reads.at(-1)).toEqual(['R1', 22, 1])
    expect(closed).toEqual(['R1'])
  })

  it('closes a backup whose read fails, and says why', async () => {
    const closed: string[] = []
    const host = createElectronHost(
      fakeApi({
        openBackup: async () => ok({ id: 'R1', name: 'b.communique-backup', size: 10 }),
        readBackupPiece: async (_id, start) =>
          start === 0 ? ok(new Uint8Array(4)) : fail('failed', 'The backup could not be read.'),
        closeBackup: async (id) => {
          closed.push(id)
          return ok(null)
        },
      }),
      4,
    )
    await expect(host.backups.open()).rejects.toThrow('The backup could not be read.')
    expect(closed).toEqual(['R1'])
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
})
