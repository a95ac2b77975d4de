import { describe, expect, it } from 'vitest'
import {
  BACKUP_NAME,
  CHANNELS,
  MAX_BACKUP_PIECE_BYTES,
  MAX_IMPORT_PROBLEMS,
  validateArgs,
  type Channel,
} from './contract'

const BYTES = new Uint8Array([1])

describe('validateArgs', () => {
  it('knows every channel of the contract', () => {
    for (const channel of Object.values(CHANNELS)) {
      expect(validateArgs(channel, ['surely not']), channel).not.toMatch(/^unknown channel/)
    }
    expect(validateArgs('archive:format' as Channel, [])).toBe('unknown channel archive:format')
  })

  it('takes a real Uint8Array for a piece of a backup, and nothing that merely looks like one', () => {
    expect(validateArgs(CHANNELS.writeBackupPiece, ['b1', BYTES])).toBeNull()
    expect(validateArgs(CHANNELS.writeBackupPiece, ['b1', Buffer.from('x')])).toBeNull()
    const impostors: unknown[] = [
      new Int8Array(1),
      new Uint8ClampedArray(1),
      new DataView(new ArrayBuffer(1)),
      new ArrayBuffer(1),
      Object.create(Uint8Array.prototype),
      Object.setPrototypeOf(new DataView(new ArrayBuffer(1)), Uint8Array.prototype),
      new Proxy(BYTES, {}),
      { byteLength: 1, length: 1, 0: 1 },
      [1],
      '\u0001',
      new Uint8Array(0),
    ]
    for (const bytes of impostors) {
      expect(validateArgs(CHANNELS.writeBackupPiece, ['b1', bytes])).toMatch(/bytes|empty/)
    }
  })

  it('refuses a piece of a backup larger than the limit without reading it', () => {
    expect(MAX_BACKUP_PIECE_BYTES).toBe(32 * 1024 * 1024)
    // An own byteLength on a real array stands in for a piece too large to allocate lightly.
    const big = new Uint8Array(1)
    Object.defineProperty(big, 'byteLength', { value: MAX_BACKUP_PIECE_BYTES + 1 })
    expect(validateArgs(CHANNELS.writeBackupPiece, ['b1', big])).toMatch(/at most/)
    expect(validateArgs(CHANNELS.writeBackupPiece, ['../b1', BYTES])).toMatch(/bad backup id/)
  })

  it('reads a backup in pieces of 1 to MAX_BACKUP_PIECE_BYTES bytes, from a whole start', () => {
    expect(validateArgs(CHANNELS.readBackupPiece, ['b1', 0, 1])).toBeNull()
    expect(
      validateArgs(CHANNELS.readBackupPiece, ['b1', 3 * 1024 ** 3, MAX_BACKUP_PIECE_BYTES]),
    ).toBeNull()
    for (const [start, length] of [
      [0, 0],
      [0, MAX_BACKUP_PIECE_BYTES + 1],
      [-1, 1],
      [0.5, 1],
      ['0', 1],
      [0, Number.NaN],
    ]) {
      expect(validateArgs(CHANNELS.readBackupPiece, ['b1', start, length])).not.toBeNull()
    }
    expect(validateArgs(CHANNELS.readBackupPiece, ['', 0, 1])).toMatch(/bad backup id/)
  })

  it('takes one backup id to finish, cancel or close, and a name or reason to start', () => {
    for (const channel of [
      CHANNELS.finishBackupSave,
      CHANNELS.abortBackupSave,
      CHANNELS.closeBackup,
    ]) {
      expect(validateArgs(channel, ['b1'])).toBeNull()
      expect(validateArgs(channel, ['b/1'])).toMatch(/backup id/)
      expect(validateArgs(channel, [])).toMatch(/backup id/)
    }
    expect(validateArgs(CHANNELS.startBackupSave, ['a.communique-backup'])).toBeNull()
    expect(validateArgs(CHANNELS.startBackupSave, ['../a.communique-backup'])).not.toBeNull()
    expect(validateArgs(CHANNELS.startAutoBackupSave, ['before-restore'])).toBeNull()
    expect(validateArgs(CHANNELS.startAutoBackupSave, ['weekly'])).not.toBeNull()
  })

  it('takes plain backup names only', () => {
    for (const ok of [
      'a.communique-backup',
      'Communique 2025-03-01.communique-backup',
      'x_y-z.1.communique-backup',
    ]) {
      expect(BACKUP_NAME.test(ok), ok).toBe(true)
    }
    for (const bad of [
      '.communique-backup',
      '../a.communique-backup',
      'a/b.communique-backup',
      'a\\b.communique-backup',
      'a.communique-backup\n',
      'a.zip',
      ' a.communique-backup',
    ]) {
      expect(BACKUP_NAME.test(bad), bad).toBe(false)
    }
  })

  it('refuses import problems shaped to pollute prototypes or to run code when read', () => {
    const channel = CHANNELS.logImportProblems
    const ok = { file: 'a.txt', reason: 'empty' }
    expect(validateArgs(channel, [[ok]])).toBeNull()
    expect(validateArgs(channel, [[Object.assign(Object.create(null), ok)]])).toBeNull()
    const polluting = JSON.parse('{"file":"a","reason":"b","__proto__":{"isAdmin":true}}')
    const getter = {
      get file() {
        throw new Error('boom')
      },
      reason: 'b',
    }
    const hostile = new Proxy([ok], {
      get() {
        throw new Error('boom')
      },
    })
    class Problem {
      file = 'a'
      reason = 'b'
    }
    for (const problems of [[polluting], [getter], hostile, [new Problem()], [[ok]], [null]]) {
      expect(validateArgs(channel, [problems])).toEqual(expect.any(String))
    }
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined()
    expect(validateArgs(channel, [Array(MAX_IMPORT_PROBLEMS + 1).fill(ok)])).toMatch(/1 to 1000/)
  })

  it('refuses dropped paths that climb out of a folder or carry NUL', () => {
    expect(validateArgs(CHANNELS.listDropped, [['/home/r/a..b.txt']])).toBeNull()
    expect(validateArgs(CHANNELS.listDropped, [['/home/r/../../etc/passwd']])).toMatch(/'\.\.'/)
    expect(validateArgs(CHANNELS.listDropped, [['C:\\Users\\r\\..\\x']])).toMatch(/'\.\.'/)
    expect(validateArgs(CHANNELS.listDropped, [['/a\0b']])).toMatch(/NUL/)
  })
})
