import 'fake-indexeddb/auto'
import '../db/repositories/test-support/browser-globals'
import { afterEach, describe, expect, it } from 'vitest'
import { ArchiveDb } from '../db/archive-db'
import { createBackup } from '../db/repositories/backup-repo'
import { guardLeaving, leavingLosesEdits, trackUnsaved } from './leaving'

const APP = { name: 'Communiqué', version: '0.0.0-test' }
const opened: ArchiveDb[] = []

/** An archive with enough rows that Back Up Now reads it in several pieces. */
async function archive(): Promise<ArchiveDb> {
  const db = new ArchiveDb(`leaving-${Math.random()}`)
  opened.push(db)
  await db.savedSearches.bulkPut(
    Array.from({ length: 3000 }, (_, i) => ({
      id: `s${i}`,
      name: `Search ${i}`,
      query: 'terrorism',
      mode: 'release' as const,
      createdAt: i,
    })),
  )
  return db
}

/** Whether the page asks before going, as the browser would learn it from beforeunload. */
function pageAsks(target: EventTarget): boolean {
  const event = new Event('beforeunload', { cancelable: true })
  target.dispatchEvent(event)
  return event.defaultPrevented
}

afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close()
    await db.delete()
  }
})

describe('leaving while an edit waits behind Back Up Now', () => {
  it('asks while a note waits behind the backup, and not once it is stored', async () => {
    const db = await archive()
    const page = new EventTarget()
    const unguard = guardLeaving(page, db)
    expect(pageAsks(page)).toBe(false)

    let write: Promise<unknown> | null = null
    let whileHeld: { waiting: ReturnType<ArchiveDb['writesWaiting']>; asks: boolean } | null = null
    const backup = createBackup(db, APP, {
      onProgress: (progress) => {
        if (progress.stage !== 'reading' || progress.done === 0) return
        if (!write) {
          // The researcher saves a note while the backup reads.
          write = db.savedSearches.put({
            id: 'during',
            name: 'Saved during a backup',
            query: 'summit',
            mode: 'release',
            createdAt: 1,
          })
        } else {
          // A piece later, the write is still waiting, and the researcher closes the window.
          whileHeld ??= { waiting: db.writesWaiting(), asks: pageAsks(page) }
        }
      },
    })
    await backup
    await write
    expect(whileHeld).toEqual({ waiting: { count: 1, held: true }, asks: true })

    // Stored: nothing waits, and the page goes without a question.
    expect(db.writesWaiting()).toEqual({ count: 0, held: false })
    expect(pageAsks(page)).toBe(false)
    expect(await db.savedSearches.get('during')).toMatchObject({ name: 'Saved during a backup' })
    unguard()
  })

  it('asks for text typed but not yet sent while the backup reads, and sends it', async () => {
    const db = await archive()
    let draft = 'A note still being typed'
    let stored = ''
    let saves = 0
    const untrack = trackUnsaved({
      isUnsaved: () => draft !== stored,
      save: () => {
        saves += 1
      },
    })
    // With nothing holding writes, typed text is sent as the page goes; no question.
    expect(leavingLosesEdits(db)).toBe(false)
    expect(saves).toBe(1)

    let during: boolean | null = null
    await createBackup(db, APP, {
      onProgress: (progress) => {
        if (progress.stage === 'reading' && progress.done > 0) during ??= leavingLosesEdits(db)
      },
    })
    expect(during).toBe(true)
    expect(saves).toBe(2)

    stored = draft
    expect(leavingLosesEdits(db)).toBe(false)
    expect(saves).toBe(2)
    untrack()
    draft = 'typed after the editor closed'
    expect(leavingLosesEdits(db)).toBe(false)
    expect(saves).toBe(2)
  })

  it('counts a write that has waited a second as held, whatever holds it', async () => {
    const db = await archive()
    const now = Date.now()
    const write = db.savedSearches.put({
      id: 'w',
      name: 'W',
      query: 'q',
      mode: 'release',
      createdAt: 0,
    })
    expect(db.writesWaiting(now)).toEqual({ count: 1, held: false })
    expect(db.writesWaiting(now + 1500)).toEqual({ count: 1, held: true })
    expect(leavingLosesEdits(db, now + 1500)).toBe(true)
    await write
    expect(db.writesWaiting(now + 1500)).toEqual({ count: 0, held: false })
  })
})
