import 'fake-indexeddb/auto'
import '../../db/repositories/test-support/browser-globals'
import Dexie from 'dexie'
import { describe, expect, it } from 'vitest'
import type { AutoBackupReason } from '../../../../shared/ipc/contract'
import { ArchiveDb } from '../../db/archive-db'
import {
  activeArchiveName,
  dropRetiredArchives,
  restoreTargetName,
  switchArchive,
} from '../../db/archive-name'
import { checkBackup } from '../../db/repositories/backup-repo'
import { importCorpusFiles, SCO } from '../../db/repositories/test-support/corpus'
import { LATEST_SCHEMA_VERSION, SCHEMA_VERSIONS } from '../../db/schema'
import type { Host } from '../../host/host'
import { backUpBeforeUpgrade, storedSchemaVersion } from './startup'
import { dailyBackup, isDailyBackupDue } from './use-daily-backup'

/** A host whose backups folder is a list in memory. */
function hostWithFolder(saved: { data: Blob; reason: AutoBackupReason }[]): Host {
  return {
    appInfo: async () => ({ name: 'Communiqué', version: 'test', platform: 'linux' }),
    backups: {
      save: async () => null,
      open: async () => null,
      automatic: {
        save: async (data: Blob, reason: AutoBackupReason) => {
          saved.push({ data, reason })
          return `/backups/${saved.length}`
        },
        list: async () => [],
      },
    },
  } as unknown as Host
}

async function archiveAt(versions: typeof SCHEMA_VERSIONS): Promise<string> {
  const name = `startup-${Math.random()}`
  const db = new ArchiveDb(name, versions)
  await db.open()
  await importCorpusFiles(db, SCO)
  db.close()
  return name
}

describe('before a schema upgrade', () => {
  it('backs up the archive as it is, and leaves it at its old version', async () => {
    const older = SCHEMA_VERSIONS.slice(0, -1)
    const name = await archiveAt(older)
    const saved: { data: Blob; reason: AutoBackupReason }[] = []
    const done = await backUpBeforeUpgrade(hostWithFolder(saved), name)
    expect(done).toEqual({
      from: LATEST_SCHEMA_VERSION - 1,
      to: LATEST_SCHEMA_VERSION,
      path: '/backups/1',
    })
    expect(saved.map((s) => s.reason)).toEqual(['before-upgrade'])
    const checked = await checkBackup(saved[0]!.data)
    expect(checked.manifest.database.schemaVersion).toBe(LATEST_SCHEMA_VERSION - 1)
    expect(checked.manifest.tables.releases!.rows).toBe(2)
    expect(await storedSchemaVersion(name)).toBe(LATEST_SCHEMA_VERSION - 1)
  })

  it('makes none for an archive already at this version, or one that does not exist', async () => {
    const saved: { data: Blob; reason: AutoBackupReason }[] = []
    const current = await archiveAt(SCHEMA_VERSIONS)
    expect(await backUpBeforeUpgrade(hostWithFolder(saved), current)).toBeNull()
    expect(await backUpBeforeUpgrade(hostWithFolder(saved), 'no-such-archive')).toBeNull()
    expect(saved).toEqual([])
    expect(await Dexie.getDatabaseNames()).not.toContain('no-such-archive')
  })
})

describe('the daily backup', () => {
  const DAY = 24 * 60 * 60 * 1000
  it('is due with none made, or when the newest daily one is a day old', () => {
    const now = 100 * DAY
    expect(isDailyBackupDue([], now)).toBe(true)
    expect(isDailyBackupDue([{ reason: 'daily', createdAt: now - DAY + 1 }], now)).toBe(false)
    expect(isDailyBackupDue([{ reason: 'daily', createdAt: now - DAY }], now)).toBe(true)
    // A backup before a restore is not the daily one.
    expect(isDailyBackupDue([{ reason: 'before-restore', createdAt: now }], now)).toBe(true)
  })
})

describe('the archive in use', () => {
  function memory(): Pick<Storage, 'getItem' | 'setItem'> {
    const values = new Map<string, string>()
    return {
      getItem: (key) => values.get(key) ?? null,
      setItem: (key, value) => void values.set(key, value),
    }
  }

  it('is communique-archive until a restore switches it, and the one replaced is deleted', async () => {
    const store = memory()
    expect(activeArchiveName(store)).toBe('communique-archive')
    const first = new ArchiveDb('communique-archive')
    await first.open()
    first.close()
    const restored = restoreTargetName(1_700_000_000_000)
    const target = new ArchiveDb(restored)
    await target.open()
    target.close()
    switchArchive(restored, store)
    expect(activeArchiveName(store)).toBe(restored)
    await dropRetiredArchives(store)
    const names = await Dexie.getDatabaseNames()
    expect(names).toContain(restored)
    expect(names).not.toContain('communique-archive')
  })

  it('ignores a name that is not a restored archive', () => {
    const store = memory()
    store.setItem('communique.archive', 'someone-else')
    expect(activeArchiveName(store)).toBe('communique-archive')
    expect(() => switchArchive('someone-else', store)).toThrow()
  })
})

describe('the daily backup', () => {
  const APP = { name: 'Communiqué', version: 'test' }

  it('is saved when due, and not again the same day', async () => {
    const db = new ArchiveDb(await archiveAt(SCHEMA_VERSIONS))
    const saved: { data: Blob; reason: AutoBackupReason }[] = []
    const automatic = hostWithFolder(saved).backups.automatic!
    expect(await dailyBackup(db, automatic, APP)).toBe('saved')
    expect(saved.map((s) => s.reason)).toEqual(['daily'])
    expect((await checkBackup(saved[0]!.data)).manifest.tables.releases?.rows).toBe(2)
    const now = Date.now()
    const folder = { ...automatic, list: async () => [{ reason: 'daily', createdAt: now }] }
    expect(await dailyBackup(db, folder as typeof automatic, APP, now + 1000)).toBe('not due')
    expect(saved).toHaveLength(1)
    db.close()
  })

  it('gives way to a note written while it reads, saves nothing, and the note is kept', async () => {
    const db = new ArchiveDb(await archiveAt(SCHEMA_VERSIONS))
    const saved: { data: Blob; reason: AutoBackupReason }[] = []
    let note: Promise<unknown> | null = null
    // The first release the backup reads: the researcher writes a note at that moment.
    db.releases.hook('reading', (release) => {
      note ??= Dexie.ignoreTransaction(() =>
        db.annotations.put({
          id: 'during-backup',
          releaseId: release.id,
          paragraphId: `${release.id}:p1`,
          quote: { exact: 'x', prefix: '', suffix: '' },
          position: { start: 0, end: 1 },
          color: '#f2c94c',
          note: 'Written during the daily backup.',
          tagIds: [],
          needsReview: 0,
          createdAt: 1,
          updatedAt: 1,
        } as never),
      )
      return release
    })
    const outcome = await dailyBackup(db, hostWithFolder(saved).backups.automatic!, APP)
    expect(outcome).toBe('gave way')
    expect(saved).toHaveLength(0)
    await note
    expect((await db.annotations.get('during-backup'))?.note).toBe(
      'Written during the daily backup.',
    )
    db.close()
  })
})
