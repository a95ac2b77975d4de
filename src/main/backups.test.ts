import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { AutoBackupReason } from '../shared/ipc/contract'
import {
  autoBackupName,
  backupsToDelete,
  isoWeek,
  listAutoBackups,
  parseAutoBackupName,
  saveAutoBackup,
  writeFileAtomically,
  type DatedBackup,
} from './backups'
import { MemoryLogger } from './log'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'communique-backups-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const DAY = 24 * 60 * 60 * 1000
const at = (iso: string): number => Date.parse(iso)

function backup(reason: AutoBackupReason, iso: string): DatedBackup {
  const createdAt = at(iso)
  return { name: autoBackupName(reason, new Date(createdAt)), reason, createdAt }
}

/** One daily backup at 09:00 UTC on each of `days` days, ending on `last`. */
function dailies(last: string, days: number): DatedBackup[] {
  return Array.from({ length: days }, (_, i) =>
    backup('daily', new Date(at(`${last}T09:00:00Z`) - i * DAY).toISOString()),
  )
}

const day = (name: string): string => /\d{4}-\d{2}-\d{2}/.exec(name)?.[0] ?? name

describe('automatic backup names', () => {
  it('names a backup by its reason and its UTC time, and reads the name back', () => {
    const name = autoBackupName('before-upgrade', new Date('2025-03-01T09:30:05.678Z'))
    expect(name).toBe('communique-before-upgrade-2025-03-01T09-30-05Z.communique-backup')
    expect(parseAutoBackupName(name)).toEqual({
      reason: 'before-upgrade',
      createdAt: at('2025-03-01T09:30:05Z'),
    })
  })

  it('does not recognise any other name', () => {
    for (const name of [
      'communique-daily-2025-03-01T09-30-05Z.communique-backup.tmp',
      '.communique-daily-2025-03-01T09-30-05Z.communique-backup.abc.tmp',
      'communique-weekly-2025-03-01T09-30-05Z.communique-backup',
      'communique-daily-2025-02-31T09-30-05Z.communique-backup',
      'communique-daily-2025-03-01T09-30-05.communique-backup',
      'my archive.communique-backup',
      'communique-daily-2025-03-01T09-30-05Z.communique-backup ',
    ]) {
      expect(parseAutoBackupName(name), name).toBeNull()
    }
  })
})

describe('isoWeek', () => {
  it('follows ISO 8601, including weeks that straddle a new year', () => {
    expect(isoWeek(at('2025-03-03T00:00:00Z'))).toBe('2025-W10') // a Monday
    expect(isoWeek(at('2025-03-09T23:59:59Z'))).toBe('2025-W10') // that week's Sunday
    expect(isoWeek(at('2024-12-30T12:00:00Z'))).toBe('2025-W01')
    expect(isoWeek(at('2021-01-03T12:00:00Z'))).toBe('2020-W53')
    expect(isoWeek(at('2026-01-01T12:00:00Z'))).toBe('2026-W01')
  })
})

describe('backupsToDelete', () => {
  it('keeps everything while there are few backups', () => {
    expect(backupsToDelete(dailies('2025-03-20', 7))).toEqual([])
    expect(backupsToDelete([])).toEqual([])
  })

  it('keeps 7 daily and then the newest of each of 4 earlier weeks', () => {
    // 60 days of daily use, ending on Thursday 2025-03-20.
    const all = dailies('2025-03-20', 60)
    const deleted = new Set(backupsToDelete(all))
    const kept = all.filter((b) => !deleted.has(b.name)).map((b) => day(b.name))
    expect(kept).toEqual([
      // The seven newest: 14 to 20 March.
      '2025-03-20',
      '2025-03-19',
      '2025-03-18',
      '2025-03-17',
      '2025-03-16',
      '2025-03-15',
      '2025-03-14',
      // Then the newest of each earlier week: 13 March (week 11's Thursday), and the Sundays
      // ending weeks 10, 9 and 8.
      '2025-03-13',
      '2025-03-09',
      '2025-03-02',
      '2025-02-23',
    ])
    expect(deleted.size).toBe(60 - 11)
  })

  it('keeps the 4 newest before-upgrade and before-restore backups each, apart from dailies', () => {
    const upgrades = [1, 2, 3, 4, 5, 6].map((d) =>
      backup('before-upgrade', `2025-01-0${d}T10:00:00Z`),
    )
    const restores = [1, 2, 3, 4, 5].map((d) => backup('before-restore', `2025-02-0${d}T10:00:00Z`))
    const daily = dailies('2025-03-01', 3)
    const deleted = backupsToDelete([...daily, ...restores, ...upgrades].reverse())
    expect(deleted.sort()).toEqual(
      [upgrades[0], upgrades[1], restores[0]].map((b) => b?.name).sort(),
    )
  })

  it('gives the same answer whatever order the backups come in', () => {
    const all = dailies('2025-03-20', 40)
    const shuffled = [...all].sort(
      (a, b) => (a.name.charCodeAt(30) % 7) - (b.name.charCodeAt(30) % 7),
    )
    expect(backupsToDelete(shuffled).sort()).toEqual(backupsToDelete(all).sort())
  })

  it('counts several backups on one day as dailies in time order', () => {
    const sameDay = ['08', '09', '10', '11', '12', '13', '14', '15'].map((h) =>
      backup('daily', `2025-03-20T${h}:00:00Z`),
    )
    // Eight backups on one Thursday: the oldest becomes that week's weekly backup.
    expect(backupsToDelete(sameDay)).toEqual([])
    const nine = [...sameDay, backup('daily', '2025-03-20T07:00:00Z')]
    expect(backupsToDelete(nine)).toEqual([
      autoBackupName('daily', new Date('2025-03-20T07:00:00Z')),
    ])
  })
})

describe('writeFileAtomically', () => {
  it('writes the bytes and leaves no temporary file', async () => {
    const path = join(dir, 'archive.communique-backup')
    await writeFileAtomically(path, new Uint8Array([1, 2, 3]))
    expect(new Uint8Array(await readFile(path))).toEqual(new Uint8Array([1, 2, 3]))
    expect(await readdir(dir)).toEqual(['archive.communique-backup'])
  })

  it('replaces an older file whole', async () => {
    const path = join(dir, 'archive.communique-backup')
    await writeFile(path, 'old backup, longer than the new one')
    await writeFileAtomically(path, new TextEncoder().encode('new'))
    expect(await readFile(path, 'utf8')).toBe('new')
    expect(await readdir(dir)).toEqual(['archive.communique-backup'])
  })

  it('leaves the old file and no temporary file when the write cannot finish', async () => {
    // The target is a folder, so the final rename fails after the bytes were written.
    const path = join(dir, 'taken')
    await mkdir(join(path, 'inside'), { recursive: true })
    await expect(writeFileAtomically(path, new Uint8Array([1]))).rejects.toThrow()
    expect((await readdir(dir)).sort()).toEqual(['taken'])
    await expect(
      writeFileAtomically(join(dir, 'missing', 'x'), new Uint8Array([1])),
    ).rejects.toThrow()
  })
})

describe('saveAutoBackup and listAutoBackups', () => {
  it('writes into the backups folder, creating it, and lists backups newest first', async () => {
    const folder = join(dir, 'backups')
    expect(await listAutoBackups(folder)).toEqual([])
    const log = new MemoryLogger()
    const first = await saveAutoBackup(
      folder,
      new Uint8Array([1, 2]),
      'daily',
      new Date('2025-03-01T09:00:00Z'),
      log,
    )
    await saveAutoBackup(
      folder,
      new Uint8Array([3]),
      'before-restore',
      new Date('2025-03-02T09:00:00Z'),
      log,
    )
    expect(first.path).toBe(join(folder, 'communique-daily-2025-03-01T09-00-00Z.communique-backup'))
    expect(await listAutoBackups(folder)).toEqual([
      {
        name: 'communique-before-restore-2025-03-02T09-00-00Z.communique-backup',
        reason: 'before-restore',
        createdAt: at('2025-03-02T09:00:00Z'),
        size: 1,
      },
      {
        name: 'communique-daily-2025-03-01T09-00-00Z.communique-backup',
        reason: 'daily',
        createdAt: at('2025-03-01T09:00:00Z'),
        size: 2,
      },
    ])
  })

  it('applies the retention rule after each backup, deleting only its own files', async () => {
    const folder = join(dir, 'backups')
    await mkdir(join(folder, 'communique-daily-2020-01-01T00-00-00Z.communique-backup'), {
      recursive: true,
    })
    const mine = [
      'notes.txt',
      'communique-daily-old.communique-backup',
      'kept by hand.communique-backup',
    ]
    for (const name of mine) await writeFile(join(folder, name), 'the user’s own')
    const log = new MemoryLogger()
    for (let i = 20; i >= 1; i--) {
      const when = new Date(at('2025-03-20T09:00:00Z') - i * DAY)
      await saveAutoBackup(folder, new Uint8Array([i]), 'daily', when, log)
    }
    for (let i = 6; i >= 1; i--) {
      const when = new Date(at('2025-03-20T10:00:00Z') - i * 60_000)
      await saveAutoBackup(folder, new Uint8Array([i]), 'before-upgrade', when, log)
    }

    const backups = await listAutoBackups(folder)
    expect(backups.filter((b) => b.reason === 'daily')).toHaveLength(7 + 3)
    expect(backups.filter((b) => b.reason === 'before-upgrade')).toHaveLength(4)
    const left = await readdir(folder)
    for (const name of mine) expect(left).toContain(name)
    // A folder with a backup's name is not a backup file.
    expect(left).toContain('communique-daily-2020-01-01T00-00-00Z.communique-backup')
    expect(left.filter((name) => name.endsWith('.tmp'))).toEqual([])
    expect(log.lines().filter((line) => line.includes('(retention)'))).toHaveLength(20 - 10 + 2)
  })

  it('never deletes the backup it has just written, even with newer ones about', async () => {
    const folder = join(dir, 'backups')
    const log = new MemoryLogger()
    // Eleven from a clock that ran ahead.
    for (let i = 0; i < 12; i++) {
      await saveAutoBackup(
        folder,
        new Uint8Array([1]),
        'daily',
        new Date(at('2030-01-01T00:00:00Z') + i * DAY),
        log,
      )
    }
    const { path } = await saveAutoBackup(
      folder,
      new Uint8Array([2]),
      'daily',
      new Date('2025-01-01T00:00:00Z'),
      log,
    )
    expect(await readdir(folder)).toContain(path.slice(folder.length + 1))
  })
})
