import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  BackupFiles,
  MAX_BACKUP_CHUNK_BYTES,
  MAX_BACKUP_FILE_BYTES,
  MAX_OPEN_BACKUP_FILES,
} from './backup-files'

let dir: string
let files: BackupFiles
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'communique-backup-files-'))
  files = new BackupFiles({ maxChunkBytes: 1024, maxFileBytes: 4096 })
})
afterEach(async () => {
  await files.closeAll()
  await rm(dir, { recursive: true, force: true })
})

const NAME = 'archive.communique-backup'
const NOT_OPEN = 'This backup file is no longer open'

/** `length` bytes counting up from `from` (mod 256), so a misplaced piece shows. */
function bytes(length: number, from = 0): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (from + i) % 256)
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0))
  let at = 0
  for (const part of parts) {
    out.set(part, at)
    at += part.byteLength
  }
  return out
}

async function contents(path: string): Promise<Uint8Array> {
  return new Uint8Array(await readFile(path))
}

const temporaries = async (folder = dir): Promise<string[]> =>
  (await readdir(folder)).filter((name) => name.endsWith('.tmp'))

describe('BackupFiles limits', () => {
  it('defaults to 64 MiB pieces, 256 GiB files and 4 open files', () => {
    expect(MAX_BACKUP_CHUNK_BYTES).toBe(64 * 1024 * 1024)
    expect(MAX_BACKUP_FILE_BYTES).toBe(256 * 1024 ** 3)
    expect(MAX_OPEN_BACKUP_FILES).toBe(4)
    const defaults = new BackupFiles()
    expect([defaults.maxChunkBytes, defaults.maxFileBytes, defaults.maxOpen]).toEqual([
      MAX_BACKUP_CHUNK_BYTES,
      MAX_BACKUP_FILE_BYTES,
      4,
    ])
    expect(() => new BackupFiles({ maxOpen: 0 })).toThrow('maxOpen must be at least 1.')
  })
})

describe('writing a backup', () => {
  it('writes three pieces in order and renames them into place on finish', async () => {
    const target = join(dir, NAME)
    const id = await files.startWrite(target)
    expect(id).toMatch(/^[A-Za-z0-9_-]{1,64}$/)
    const parts = [bytes(1000, 0), bytes(1024, 7), bytes(3, 200)]
    for (const part of parts) await files.write(id, part)
    expect(await files.finish(id)).toBe(target)
    expect(await contents(target)).toEqual(concat(...parts))
    expect(await readdir(dir)).toEqual([NAME])
    expect(files.openFiles).toBe(0)
    await expect(files.write(id, bytes(1))).rejects.toThrow(NOT_OPEN)
  })

  it('keeps pieces in order when writes are not awaited one by one', async () => {
    const target = join(dir, NAME)
    const id = await files.startWrite(target)
    const parts = [bytes(700, 1), bytes(5, 2), bytes(900, 3)]
    const writes = parts.map((part) => files.write(id, part))
    const finished = files.finish(id)
    await Promise.all(writes)
    expect(await finished).toBe(target)
    expect(await contents(target)).toEqual(concat(...parts))
  })

  it('writes into a hidden temporary file and leaves the old backup until finish', async () => {
    const target = join(dir, NAME)
    await writeFile(target, 'old backup')
    const id = await files.startWrite(target)
    await files.write(id, bytes(100))
    await files.write(id, bytes(100, 100))
    const names = await readdir(dir)
    expect(names).toHaveLength(2)
    expect(names.find((name) => name !== NAME)).toMatch(
      /^\.archive\.communique-backup\.[0-9a-f]{12}\.tmp$/,
    )
    expect(await readFile(target, 'utf8')).toBe('old backup')
    await files.finish(id)
    expect(await contents(target)).toEqual(bytes(200))
    expect(await readdir(dir)).toEqual([NAME])
  })

  it('names its temporary file with the injected random bytes, and gives distinct ids', async () => {
    let n = 0
    const seeded = new BackupFiles({ random: (count) => new Uint8Array(count).fill(n++ % 2) })
    try {
      const first = await seeded.startWrite(join(dir, NAME))
      expect(await temporaries()).toEqual([`.${NAME}.000000000000.tmp`])
      // Every later id draw repeats, so the second file must draw until its id is new.
      const second = await seeded.startWrite(join(dir, 'other.communique-backup'))
      expect(second).not.toBe(first)
      expect(second).toMatch(/^[A-Za-z0-9_-]{1,64}$/)
    } finally {
      await seeded.closeAll()
    }
  })

  it('abort removes the temporary file and leaves the old backup as it was', async () => {
    const target = join(dir, NAME)
    await writeFile(target, 'old backup')
    const id = await files.startWrite(target)
    await files.write(id, bytes(500))
    await files.abort(id)
    expect(await readdir(dir)).toEqual([NAME])
    expect(await readFile(target, 'utf8')).toBe('old backup')
    expect(files.openFiles).toBe(0)
    await expect(files.write(id, bytes(1))).rejects.toThrow(NOT_OPEN)
    await expect(files.finish(id)).rejects.toThrow(NOT_OPEN)
    // Cancelling twice (cleanup after a failure) is harmless.
    await expect(files.abort(id)).resolves.toBeUndefined()
  })

  it('abort with no earlier backup leaves no file at all', async () => {
    const id = await files.startWrite(join(dir, NAME))
    await files.write(id, bytes(10))
    await files.abort(id)
    expect(await readdir(dir)).toEqual([])
  })

  it('refuses unknown ids with a sentence', async () => {
    for (const attempt of [
      files.write('nope', bytes(1)),
      files.finish('nope'),
      files.read('nope', 0, 1),
    ]) {
      await expect(attempt).rejects.toThrow(
        'This backup file is no longer open: it was finished, cancelled or closed, or the app restarted.',
      )
    }
    await expect(files.abort('nope')).resolves.toBeUndefined()
    await expect(files.close('nope')).resolves.toBeUndefined()
  })

  it('refuses empty and oversized pieces, and the backup can still be finished', async () => {
    const target = join(dir, NAME)
    const id = await files.startWrite(target)
    await files.write(id, bytes(10))
    await expect(files.write(id, new Uint8Array(0))).rejects.toThrow(
      `A piece of the backup "${NAME}" was empty, so it was not written.`,
    )
    await expect(files.write(id, bytes(1025))).rejects.toThrow(
      `A piece of the backup "${NAME}" is too large (1025 bytes; at most 1024 bytes at a time)`,
    )
    await expect(files.write(id, 'text' as unknown as Uint8Array)).rejects.toThrow('was not bytes')
    await files.write(id, bytes(1024, 10))
    await files.finish(id)
    expect(await contents(target)).toEqual(bytes(1034))
  })

  it('accepts a backup of exactly the largest size', async () => {
    const target = join(dir, NAME)
    const id = await files.startWrite(target)
    for (let i = 0; i < 4; i++) await files.write(id, bytes(1024, i * 1024))
    await files.finish(id)
    expect(await contents(target)).toEqual(bytes(4096))
  })

  it('cancels a backup that would grow past the largest size, leaving the old one', async () => {
    const target = join(dir, NAME)
    await writeFile(target, 'old backup')
    const id = await files.startWrite(target)
    for (let i = 0; i < 4; i++) await files.write(id, bytes(1000))
    await expect(files.write(id, bytes(97))).rejects.toThrow(
      `The backup "${NAME}" would be larger than 4096 bytes, the most a backup may be, so it was not saved.`,
    )
    expect(await readdir(dir)).toEqual([NAME])
    expect(await readFile(target, 'utf8')).toBe('old backup')
    expect(files.openFiles).toBe(0)
    await expect(files.finish(id)).rejects.toThrow(NOT_OPEN)
  })

  it('counts pieces still queued towards the largest size', async () => {
    const id = await files.startWrite(join(dir, NAME))
    const queued = [1, 2, 3, 4].map(() => files.write(id, bytes(1024)))
    await expect(files.write(id, bytes(1))).rejects.toThrow('would be larger than 4096 bytes')
    const settled = await Promise.allSettled(queued)
    expect(settled.map((result) => result.status)).toEqual(Array(4).fill('fulfilled'))
    expect(await readdir(dir)).toEqual([])
  })

  it('refuses to start in a folder that does not exist, and gives the slot back', async () => {
    const missing = join(dir, 'gone', NAME)
    await expect(files.startWrite(missing)).rejects.toThrow(
      `The backup "${NAME}" could not be created: its folder does not exist.`,
    )
    expect(files.openFiles).toBe(0)
    await expect(files.startWrite('relative.communique-backup')).rejects.toThrow(
      'A backup file must be given by its full path.',
    )
  })

  it('refuses to start over a folder of the same name', async () => {
    await mkdir(join(dir, NAME))
    await expect(files.startWrite(join(dir, NAME))).rejects.toThrow(
      `The backup "${NAME}" cannot be saved there: a folder has that name.`,
    )
    expect(await temporaries()).toEqual([])
    expect(files.openFiles).toBe(0)
  })

  it('a finish that cannot rename removes the temporary file and leaves the target', async () => {
    const target = join(dir, NAME)
    const id = await files.startWrite(target)
    await files.write(id, bytes(100))
    // Something else takes the name meanwhile: a folder, which a file cannot replace.
    await mkdir(target)
    await writeFile(join(target, 'keep.txt'), 'kept')
    await expect(files.finish(id)).rejects.toThrow(`The backup "${NAME}" could not be saved:`)
    expect(await readdir(dir)).toEqual([NAME])
    expect(await readFile(join(target, 'keep.txt'), 'utf8')).toBe('kept')
    expect(files.openFiles).toBe(0)
    await expect(files.finish(id)).rejects.toThrow(NOT_OPEN)
  })

  it.skipIf(process.platform === 'win32')(
    'a folder removed part way fails with the file named, leaving nothing behind',
    async () => {
      const folder = join(dir, 'backups')
      await mkdir(folder)
      const id = await files.startWrite(join(folder, NAME))
      await files.write(id, bytes(100))
      await rm(folder, { recursive: true })
      // POSIX lets the open file be written to; the rename into the missing folder fails.
      const outcome = await files
        .write(id, bytes(100))
        .then(() => files.finish(id))
        .then(
          () => null,
          (err: unknown) => err,
        )
      expect(outcome).toBeInstanceOf(Error)
      expect((outcome as Error).message).toMatch(
        /^The backup "archive\.communique-backup" could not be (saved|written)/,
      )
      expect((outcome as Error).message).toContain('its folder no longer exists')
      expect(await readdir(dir)).toEqual([])
      expect(files.openFiles).toBe(0)
      await expect(files.write(id, bytes(1))).rejects.toThrow(NOT_OPEN)
    },
  )
})

describe('reading a backup', () => {
  it('reads ranges of a written backup, short at the end and empty past it', async () => {
    const target = join(dir, NAME)
    const id = await files.startWrite(target)
    await files.write(id, bytes(1000, 0))
    await files.write(id, bytes(500, 1000))
    await files.finish(id)

    const { id: readId, size } = await files.startRead(target)
    expect(readId).toMatch(/^[A-Za-z0-9_-]{1,64}$/)
    expect(size).toBe(1500)
    expect(await files.read(readId, 0, 1024)).toEqual(bytes(1024, 0))
    expect(await files.read(readId, 1024, 1024)).toEqual(bytes(476, 1024))
    expect(await files.read(readId, 999, 2)).toEqual(bytes(2, 999))
    expect(await files.read(readId, 1500, 10)).toEqual(new Uint8Array(0))
    expect(await files.read(readId, 10_000, 1)).toEqual(new Uint8Array(0))

    const pieces: Uint8Array[] = []
    for (let start = 0; start < size; start += 300)
      pieces.push(await files.read(readId, start, 300))
    expect(concat(...pieces)).toEqual(bytes(1500))

    await files.close(readId)
    expect(files.openFiles).toBe(0)
    await expect(files.read(readId, 0, 1)).rejects.toThrow(NOT_OPEN)
  })

  it('returns only the bytes that exist when the file became shorter after opening', async () => {
    const target = join(dir, NAME)
    await writeFile(target, bytes(100))
    const { id, size } = await files.startRead(target)
    expect(size).toBe(100)
    await writeFile(target, bytes(40, 5))
    expect(await files.read(id, 0, 100)).toEqual(bytes(40, 5))
    expect(await files.read(id, 60, 10)).toEqual(new Uint8Array(0))
  })

  it('refuses reads of no bytes, too many bytes, or from a position that is not a whole number', async () => {
    const target = join(dir, NAME)
    await writeFile(target, bytes(100))
    const { id } = await files.startRead(target)
    await expect(files.read(id, 0, 0)).rejects.toThrow(
      `A read of the backup "${NAME}" must be of 1 to 1024 bytes.`,
    )
    await expect(files.read(id, 0, 1025)).rejects.toThrow('must be of 1 to 1024 bytes')
    await expect(files.read(id, 0, 1.5)).rejects.toThrow('must be of 1 to 1024 bytes')
    await expect(files.read(id, -1, 10)).rejects.toThrow(
      `A read of the backup "${NAME}" must start at a whole number of bytes.`,
    )
    await expect(files.read(id, Number.NaN, 10)).rejects.toThrow('whole number')
    expect(await files.read(id, 90, 1024)).toEqual(bytes(10, 90))
  })

  it('refuses to open what is missing, a folder, or too large, naming it', async () => {
    await expect(files.startRead(join(dir, NAME))).rejects.toThrow(
      `The backup "${NAME}" could not be opened: the file does not exist.`,
    )
    await mkdir(join(dir, 'folder.communique-backup'))
    await expect(files.startRead(join(dir, 'folder.communique-backup'))).rejects.toThrow(
      /^The backup "folder\.communique-backup" could not be opened: (it is not a file|a folder has that name)\.$/,
    )
    await writeFile(join(dir, 'big.communique-backup'), bytes(4097))
    await expect(files.startRead(join(dir, 'big.communique-backup'))).rejects.toThrow(
      'The backup "big.communique-backup" could not be opened: it is too large (4097 bytes; a backup is at most 4096 bytes).',
    )
    expect(files.openFiles).toBe(0)
  })

  it('does not mix up files being read and files being written', async () => {
    await writeFile(join(dir, 'old.communique-backup'), bytes(10))
    const { id: readId } = await files.startRead(join(dir, 'old.communique-backup'))
    const writeId = await files.startWrite(join(dir, NAME))
    await expect(files.write(readId, bytes(1))).rejects.toThrow(
      'The backup "old.communique-backup" is open for reading, not for writing.',
    )
    await expect(files.finish(readId)).rejects.toThrow('open for reading')
    await expect(files.abort(readId)).rejects.toThrow('open for reading; close it instead')
    await expect(files.read(writeId, 0, 1)).rejects.toThrow(
      `The backup "${NAME}" is being written; it can be read once it is finished.`,
    )
    await expect(files.close(writeId)).rejects.toThrow('finish or cancel it')
    expect(files.openFiles).toBe(2)
  })
})

describe('open files', () => {
  it('allows four open files at once and refuses a fifth until one is closed', async () => {
    await writeFile(join(dir, 'old.communique-backup'), bytes(10))
    const writes = [
      await files.startWrite(join(dir, 'a.communique-backup')),
      await files.startWrite(join(dir, 'b.communique-backup')),
      await files.startWrite(join(dir, 'c.communique-backup')),
    ]
    const { id: readId } = await files.startRead(join(dir, 'old.communique-backup'))
    expect(files.openFiles).toBe(4)
    const tooMany =
      'Too many backup files are open at once (at most 4); finish or close one, then try again.'
    await expect(files.startWrite(join(dir, 'e.communique-backup'))).rejects.toThrow(tooMany)
    await expect(files.startRead(join(dir, 'old.communique-backup'))).rejects.toThrow(tooMany)
    expect(await temporaries()).toHaveLength(3)

    await files.close(readId)
    const fifth = await files.startWrite(join(dir, 'e.communique-backup'))
    await expect(files.startWrite(join(dir, 'f.communique-backup'))).rejects.toThrow(tooMany)
    await files.write(writes[0] as string, bytes(1))
    await files.finish(writes[0] as string)
    await files.abort(writes[1] as string)
    expect(files.openFiles).toBe(2)
    await files.startRead(join(dir, 'a.communique-backup'))
    await files.abort(fifth)
    expect(files.openFiles).toBe(2)
  })

  it('counts files still opening, so five at once open only four', async () => {
    const names = ['a', 'b', 'c', 'd', 'e'].map((n) => join(dir, `${n}.communique-backup`))
    const results = await Promise.allSettled(names.map((name) => files.startWrite(name)))
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(4)
    expect(results.filter((result) => result.status === 'rejected')).toHaveLength(1)
    expect(await temporaries()).toHaveLength(4)
  })

  it('closeAll cancels writes, closes reads, and frees every slot', async () => {
    await writeFile(join(dir, 'a.communique-backup'), 'old a')
    await writeFile(join(dir, 'old.communique-backup'), bytes(10))
    const a = await files.startWrite(join(dir, 'a.communique-backup'))
    const b = await files.startWrite(join(dir, 'b.communique-backup'))
    await files.write(a, bytes(100))
    await files.write(b, bytes(100))
    const { id: readId } = await files.startRead(join(dir, 'old.communique-backup'))
    expect(await temporaries()).toHaveLength(2)

    await files.closeAll()
    expect(files.openFiles).toBe(0)
    expect((await readdir(dir)).sort()).toEqual(['a.communique-backup', 'old.communique-backup'])
    expect(await readFile(join(dir, 'a.communique-backup'), 'utf8')).toBe('old a')
    await expect(files.write(a, bytes(1))).rejects.toThrow(NOT_OPEN)
    await expect(files.finish(b)).rejects.toThrow(NOT_OPEN)
    await expect(files.read(readId, 0, 1)).rejects.toThrow(NOT_OPEN)

    for (let i = 0; i < 4; i++) await files.startWrite(join(dir, `${i}.communique-backup`))
    expect(files.openFiles).toBe(4)
  })

  it('closeAll also cancels a file still opening', async () => {
    const opening = files.startWrite(join(dir, NAME))
    await files.closeAll()
    await expect(opening).rejects.toThrow('The app is closing, so no backup file can be opened.')
    expect(await readdir(dir)).toEqual([])
    expect(files.openFiles).toBe(0)
  })
})
