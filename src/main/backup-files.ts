/**
 * Backup files moved in pieces. A large archive's backup (2.4 GB zipped for 100,000 releases)
 * cannot travel over IPC, nor sit in one Node buffer, as one array of bytes; so the page opens a
 * backup file here, writes or reads it a piece at a time, and finishes (or cancels) it.
 *
 * A write is atomic, as in writeFileAtomically (./backups): the pieces go to a hidden temporary
 * file in the target's folder, which is flushed to the disk and renamed over the target only on
 * finish. Until then the target keeps its old content; a cancelled or failed write removes the
 * temporary file and leaves the target as it was.
 *
 * Open files are known by a random id, never by their path, so the page can only touch files it
 * was given. At most a few are open at once; closeAll (at quit) cancels writes and closes reads.
 * Every error is a sentence a person can read, naming the file.
 */
import { randomBytes } from 'node:crypto'
import { open, rename, rm, stat, type FileHandle } from 'node:fs/promises'
import { basename, dirname, isAbsolute, join } from 'node:path'
import { syncFolder } from './backups'

/** The most bytes one write or read moves: well below IPC's and Node's 2 GiB limits. */
export const MAX_BACKUP_CHUNK_BYTES = 64 * 1024 * 1024
/** The largest backup file written or read (far above any real archive). */
export const MAX_BACKUP_FILE_BYTES = 256 * 1024 * 1024 * 1024
/** How many backup files may be open at once. */
export const MAX_OPEN_BACKUP_FILES = 4

export type BackupFilesOptions = {
  /** The most bytes one write or read moves. Tests lower it to avoid allocating 64 MiB. */
  maxChunkBytes?: number
  /** The largest file written or read. Tests lower it to avoid writing 256 GiB. */
  maxFileBytes?: number
  /** How many files may be open at once. */
  maxOpen?: number
  /** `count` random bytes, for ids and temporary names (crypto's randomBytes by default). */
  random?: (count: number) => Uint8Array
}

type Common = {
  id: string
  /** The file's base name, for messages. */
  name: string
  handle: FileHandle
  /** Every operation on the file runs after the previous one, so pieces land in order. */
  queue: Promise<unknown>
  /** Set once the handle is closed (or closing): later operations are refused. */
  ended: boolean
}

type Writing = Common & {
  kind: 'write'
  target: string
  temporary: string
  /** Bytes accepted so far, including pieces still queued: the size limit counts them. */
  accepted: number
  /** Bytes on disk so far: where the next piece goes. */
  written: number
}

type Reading = Common & { kind: 'read'; size: number }

type Entry = Writing | Reading

const NOT_OPEN =
  'This backup file is no longer open: it was finished, cancelled or closed, or the app restarted.'
const CLOSING = 'The app is closing, so no backup file can be opened.'

/** Why a file operation failed, in words; `missing` says what ENOENT means in context. */
function reason(err: unknown, missing: string): string {
  const code = (err as { code?: unknown } | null)?.code
  switch (code) {
    case 'ENOENT':
      return missing
    case 'EACCES':
    case 'EPERM':
      return 'permission was denied'
    case 'ENOSPC':
      return 'the disk is full'
    case 'EDQUOT':
      return 'the disk quota is used up'
    case 'EROFS':
      return 'the disk is read-only'
    case 'EISDIR':
      return 'a folder has that name'
    case 'ENOTDIR':
      return 'part of its path is not a folder'
    case 'ENAMETOOLONG':
      return 'its name or path is too long'
    case 'EMFILE':
    case 'ENFILE':
      return 'too many files are open'
    case 'EIO':
      return 'the disk could not be read or written'
    case 'EBUSY':
      return 'another program is using it'
    default:
      return err instanceof Error ? err.message : String(err)
  }
}

function fail(message: string, cause?: unknown): Error {
  return cause === undefined ? new Error(message) : new Error(message, { cause })
}

function positiveInteger(value: number | undefined, fallback: number, what: string): number {
  if (value === undefined) return fallback
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`${what} must be at least 1.`)
  return value
}

export class BackupFiles {
  readonly maxChunkBytes: number
  readonly maxFileBytes: number
  readonly maxOpen: number
  private readonly random: (count: number) => Uint8Array
  private readonly entries = new Map<string, Entry>()
  /** Handles opened or being opened and not yet closed: the open-file limit counts these. */
  private openCount = 0
  /** Bumped by closeAll, so a file whose opening was under way then is closed at once. */
  private epoch = 0
  private readonly starting = new Set<Promise<unknown>>()

  constructor(options: BackupFilesOptions = {}) {
    this.maxChunkBytes = positiveInteger(
      options.maxChunkBytes,
      MAX_BACKUP_CHUNK_BYTES,
      'maxChunkBytes',
    )
    this.maxFileBytes = positiveInteger(options.maxFileBytes, MAX_BACKUP_FILE_BYTES, 'maxFileBytes')
    this.maxOpen = positiveInteger(options.maxOpen, MAX_OPEN_BACKUP_FILES, 'maxOpen')
    this.random = options.random ?? ((count) => randomBytes(count))
  }

  /** How many files are open (or opening, or still closing). */
  get openFiles(): number {
    return this.openCount
  }

  /**
   * Opens a hidden temporary file next to `path` for a new backup, and returns its id. `path`
   * itself is only replaced by finish.
   */
  async startWrite(path: string): Promise<string> {
    const { name } = this.checkPath(path)
    const folder = dirname(path)
    // Short enough for any file system's 255-byte name limit, whatever the target's length.
    const suffix = Buffer.from(this.random(6)).toString('hex')
    const temporary = join(folder, `.${name.slice(0, 80)}.${suffix}.tmp`)
    return this.opening(async () => {
      // Caught here rather than after gigabytes of pieces, when the rename would fail.
      const existing = await stat(path).catch(() => null)
      if (existing?.isDirectory()) {
        throw fail(`The backup "${name}" cannot be saved there: a folder has that name.`)
      }
      let handle: FileHandle
      try {
        handle = await open(temporary, 'wx')
      } catch (err) {
        throw fail(
          `The backup "${name}" could not be created: ${reason(err, 'its folder does not exist')}.`,
          err,
        )
      }
      const entry: Writing = {
        kind: 'write',
        id: '',
        name,
        handle,
        queue: Promise.resolve(),
        ended: false,
        target: path,
        temporary,
        accepted: 0,
        written: 0,
      }
      return entry
    })
  }

  /** Appends one piece to a backup being written. A piece that cannot be written ends it. */
  async write(id: string, bytes: Uint8Array): Promise<void> {
    const entry = this.get(id, 'write')
    if (!(bytes instanceof Uint8Array)) {
      throw fail(`A piece of the backup "${entry.name}" was not bytes, so it was not written.`)
    }
    if (bytes.byteLength === 0) {
      throw fail(`A piece of the backup "${entry.name}" was empty, so it was not written.`)
    }
    if (bytes.byteLength > this.maxChunkBytes) {
      throw fail(
        `A piece of the backup "${entry.name}" is too large (${bytes.byteLength} bytes; ` +
          `at most ${this.maxChunkBytes} bytes at a time), so it was not written.`,
      )
    }
    if (entry.accepted + bytes.byteLength > this.maxFileBytes) {
      // The backup can never be finished, so it is cancelled rather than left open.
      this.entries.delete(id)
      await this.enqueue(entry, () => this.discard(entry))
      throw fail(
        `The backup "${entry.name}" would be larger than ${this.maxFileBytes} bytes, ` +
          'the most a backup may be, so it was not saved.',
      )
    }
    entry.accepted += bytes.byteLength
    await this.enqueue(entry, async () => {
      if (entry.ended) {
        throw fail(`The backup "${entry.name}" is no longer open, so this piece was not written.`)
      }
      try {
        let done = 0
        while (done < bytes.byteLength) {
          const { bytesWritten } = await entry.handle.write(
            bytes,
            done,
            bytes.byteLength - done,
            entry.written + done,
          )
          done += bytesWritten
        }
        entry.written += done
      } catch (err) {
        this.entries.delete(id)
        await this.discard(entry)
        throw fail(
          `The backup "${entry.name}" could not be written (${reason(err, 'its folder no longer exists')}), so it was not saved.`,
          err,
        )
      }
    })
  }

  /**
   * Flushes a backup being written to the disk and renames it over its target, then returns the
   * target's path. If that fails, the temporary file is removed and the target is unchanged.
   */
  async finish(id: string): Promise<string> {
    const entry = this.get(id, 'write')
    this.entries.delete(id)
    return this.enqueue(entry, async () => {
      if (entry.ended) {
        throw fail(
          `The backup "${entry.name}" was not saved: it was cancelled, or a piece of it could not be written.`,
        )
      }
      try {
        let synced: unknown = null
        try {
          await entry.handle.sync()
        } catch (err) {
          synced = err
        }
        entry.ended = true
        // A disk may report a failed write only when the file is closed.
        const closed = await this.closeHandle(entry)
        if (synced !== null) throw synced
        if (closed !== null) throw closed
        await rename(entry.temporary, entry.target)
      } catch (err) {
        await rm(entry.temporary, { force: true }).catch(() => undefined)
        throw fail(
          `The backup "${entry.name}" could not be saved: ${reason(err, 'its folder no longer exists')}.`,
          err,
        )
      }
      await syncFolder(dirname(entry.target))
      return entry.target
    })
  }

  /**
   * Cancels a backup being written: its temporary file is removed and the target is untouched.
   * Cancelling one that is no longer open (finished, cancelled, or ended by a failed piece) does
   * nothing, so cleaning up after a failure is always safe.
   */
  async abort(id: string): Promise<void> {
    const entry = this.entries.get(id)
    if (!entry) return
    if (entry.kind !== 'write') {
      throw fail(`The backup "${entry.name}" is open for reading; close it instead.`)
    }
    this.entries.delete(id)
    await this.enqueue(entry, () => this.discard(entry))
  }

  /** Opens a backup file for reading, and returns its id and size in bytes. */
  async startRead(path: string): Promise<{ id: string; size: number }> {
    const { name } = this.checkPath(path)
    let size = 0
    const id = await this.opening(async () => {
      let handle: FileHandle
      try {
        handle = await open(path, 'r')
      } catch (err) {
        throw fail(
          `The backup "${name}" could not be opened: ${reason(err, 'the file does not exist')}.`,
          err,
        )
      }
      let problem: string | null = null
      let cause: unknown
      try {
        const info = await handle.stat()
        size = info.size
        if (!info.isFile()) problem = 'it is not a file'
        else if (size > this.maxFileBytes) {
          problem = `it is too large (${size} bytes; a backup is at most ${this.maxFileBytes} bytes)`
        }
      } catch (err) {
        problem = reason(err, 'the file no longer exists')
        cause = err
      }
      if (problem !== null) {
        await handle.close().catch(() => undefined)
        throw fail(`The backup "${name}" could not be opened: ${problem}.`, cause)
      }
      const entry: Reading = {
        kind: 'read',
        id: '',
        name,
        handle,
        queue: Promise.resolve(),
        ended: false,
        size,
      }
      return entry
    })
    return { id, size }
  }

  /**
   * Reads up to `length` bytes from `start` of a backup open for reading: fewer near the end,
   * none from the end on.
   */
  async read(id: string, start: number, length: number): Promise<Uint8Array> {
    const entry = this.get(id, 'read')
    if (!Number.isSafeInteger(start) || start < 0) {
      throw fail(`A read of the backup "${entry.name}" must start at a whole number of bytes.`)
    }
    if (!Number.isSafeInteger(length) || length < 1 || length > this.maxChunkBytes) {
      throw fail(
        `A read of the backup "${entry.name}" must be of 1 to ${this.maxChunkBytes} bytes.`,
      )
    }
    return this.enqueue(entry, async () => {
      if (entry.ended) throw fail(NOT_OPEN)
      const buffer = new Uint8Array(Math.min(length, Math.max(0, entry.size - start)))
      let done = 0
      try {
        while (done < buffer.byteLength) {
          const { bytesRead } = await entry.handle.read(
            buffer,
            done,
            buffer.byteLength - done,
            start + done,
          )
          if (bytesRead === 0) break // The file became shorter since it was opened.
          done += bytesRead
        }
      } catch (err) {
        throw fail(
          `The backup "${entry.name}" could not be read: ${reason(err, 'the file no longer exists')}.`,
          err,
        )
      }
      return done === buffer.byteLength ? buffer : buffer.slice(0, done)
    })
  }

  /** Closes a backup open for reading. Closing one that is no longer open does nothing. */
  async close(id: string): Promise<void> {
    const entry = this.entries.get(id)
    if (!entry) return
    if (entry.kind !== 'read') {
      throw fail(
        `The backup "${entry.name}" is being written; finish or cancel it instead of closing it.`,
      )
    }
    this.entries.delete(id)
    await this.enqueue(entry, async () => {
      if (entry.ended) return
      entry.ended = true
      await this.closeHandle(entry)
    })
  }

  /**
   * Cancels every backup being written and closes every one being read (at quit), including any
   * still opening. Never throws.
   */
  async closeAll(): Promise<void> {
    this.epoch++
    const entries = [...this.entries.values()]
    this.entries.clear()
    await Promise.all([
      ...entries.map((entry) =>
        this.enqueue(entry, async () => {
          if (entry.kind === 'write') {
            await this.discard(entry)
          } else if (!entry.ended) {
            entry.ended = true
            await this.closeHandle(entry)
          }
        }).catch(() => undefined),
      ),
      ...[...this.starting].map((starting) => starting.catch(() => undefined)),
    ])
  }

  private checkPath(path: string): { name: string } {
    if (typeof path !== 'string' || path === '' || !isAbsolute(path)) {
      throw fail('A backup file must be given by its full path.')
    }
    return { name: basename(path) }
  }

  /**
   * Takes a slot under the open-file limit, runs `opener` and registers what it opened under a
   * new id. The slot is given back if opening fails, or if closeAll ran meanwhile.
   */
  private async opening(opener: () => Promise<Entry>): Promise<string> {
    if (this.openCount >= this.maxOpen) {
      throw fail(
        `Too many backup files are open at once (at most ${this.maxOpen}); ` +
          'finish or close one, then try again.',
      )
    }
    this.openCount++
    const epoch = this.epoch
    const run = (async (): Promise<string> => {
      let entry: Entry
      try {
        entry = await opener()
      } catch (err) {
        this.openCount--
        throw err
      }
      if (epoch !== this.epoch) {
        if (entry.kind === 'write') await this.discard(entry)
        else {
          entry.ended = true
          await this.closeHandle(entry)
        }
        throw fail(CLOSING)
      }
      entry.id = this.newId()
      this.entries.set(entry.id, entry)
      return entry.id
    })()
    this.starting.add(run)
    try {
      return await run
    } finally {
      this.starting.delete(run)
    }
  }

  private newId(): string {
    for (;;) {
      const id = Buffer.from(this.random(18)).toString('base64url')
      if (/^[A-Za-z0-9_-]{1,64}$/.test(id) && !this.entries.has(id)) return id
    }
  }

  private get<K extends Entry['kind']>(id: string, kind: K): Extract<Entry, { kind: K }> {
    const entry = typeof id === 'string' ? this.entries.get(id) : undefined
    if (!entry) throw fail(NOT_OPEN)
    if (entry.kind !== kind) {
      throw fail(
        kind === 'write'
          ? `The backup "${entry.name}" is open for reading, not for writing.`
          : `The backup "${entry.name}" is being written; it can be read once it is finished.`,
      )
    }
    return entry as Extract<Entry, { kind: K }>
  }

  /** Runs `task` after every earlier operation on the same file, whether they failed or not. */
  private enqueue<T>(entry: Entry, task: () => Promise<T>): Promise<T> {
    const result = entry.queue.then(task, task)
    entry.queue = result.catch(() => undefined)
    return result
  }

  /** Closes a write's handle and removes its temporary file; never throws. */
  private async discard(entry: Writing): Promise<void> {
    if (entry.ended) return
    entry.ended = true
    await this.closeHandle(entry)
    await rm(entry.temporary, { force: true }).catch(() => undefined)
  }

  /** Closes a handle and gives its slot back (call once per file); returns the error, if any. */
  private async closeHandle(entry: Entry): Promise<unknown> {
    try {
      await entry.handle.close()
      return null
    } catch (err) {
      // The handle is gone either way; only finish cares why.
      return err
    } finally {
      this.openCount--
    }
  }
}
