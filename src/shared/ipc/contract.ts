/**
 * The one contract between the renderer and the desktop shell.
 *
 * Every channel is `archive:<verb>`. Every reply is an envelope, so a failure
 * crosses the bridge as data with a message a person can read, never as a
 * rejected promise carrying a stack trace.
 *
 * Imports of any size go through listings: the shell walks what the user chose
 * (files, folders, a drop, the watched folder) into a list of files it keeps on
 * its side, and the renderer reads that list in slices. Paths never cross from
 * the renderer to the shell, except those the preload takes from dropped File
 * objects, so a page can only ever read what the user picked.
 */

export const CHANNELS = {
  pickFiles: 'archive:pickFiles',
  pickFolder: 'archive:pickFolder',
  listDropped: 'archive:listDropped',
  readListing: 'archive:readListing',
  closeListing: 'archive:closeListing',
  loadSamples: 'archive:loadSamples',
  appInfo: 'archive:appInfo',
  getWatchedFolder: 'archive:getWatchedFolder',
  chooseWatchedFolder: 'archive:chooseWatchedFolder',
  stopWatching: 'archive:stopWatching',
  logImportProblems: 'archive:logImportProblems',
  startBackupSave: 'archive:startBackupSave',
  startAutoBackupSave: 'archive:startAutoBackupSave',
  writeBackupPiece: 'archive:writeBackupPiece',
  finishBackupSave: 'archive:finishBackupSave',
  abortBackupSave: 'archive:abortBackupSave',
  openBackup: 'archive:openBackup',
  readBackupPiece: 'archive:readBackupPiece',
  closeBackup: 'archive:closeBackup',
  listAutoBackups: 'archive:listAutoBackups',
} as const

/** Messages the shell sends to the renderer without being asked. */
export const EVENTS = {
  /** Files were added or changed in the watched folder: a listing to import. */
  watchedFiles: 'archive:watchedFiles',
  /** The user chose an item of the app menu. */
  menuCommand: 'archive:menuCommand',
  /**
   * Files handed to the app by the system (its command line, a second launch, "Open with
   * Communiqué"): a listing to import.
   */
  openFiles: 'archive:openFiles',
} as const

export type Channel = (typeof CHANNELS)[keyof typeof CHANNELS]

export type ReplyError = {
  /** Stable, machine-readable reason. */
  code: 'invalid-argument' | 'forbidden' | 'failed'
  /** A sentence a user can read. */
  message: string
}

export type Reply<T> = { ok: true; value: T } | { ok: false; error: ReplyError }

/** A file the desktop shell read for the renderer, or the reason it could not. */
export type IncomingFile =
  { name: string; bytes: Uint8Array; lastModified?: number } | { name: string; error: string }

/** One file of a listing: its path as walked, relative to what the user chose. */
export type ListedFile = { name: string; size: number }

/**
 * Files the shell found for one import, kept on the shell's side under `id`
 * until the renderer closes the listing. Folders are walked recursively;
 * hidden files and folders (a leading dot) are left out.
 */
export type ImportListing = {
  id: string
  /** What the user chose, for the import report: a folder's name, or "3 files". */
  label: string
  files: ListedFile[]
  /** Problems found while walking (a folder that could not be read), by path and reason. */
  problems: { name: string; error: string }[]
}

export type AppInfo = {
  name: string
  version: string
  platform: string
}

export type WatchStatus = {
  /** The watched folder, or null when none is chosen. */
  folder: string | null
  /** A reason a person can read when watching failed (the folder was removed, say). */
  error: string | null
}

/** What an item of the app menu asks the page to do. */
export type MenuCommand =
  | 'import-files'
  | 'import-folder'
  | 'watch-folder'
  | 'export'
  | 'back-up'
  | 'restore'
  | 'verify-archive'
  | 'open-settings'
  | 'undo'
  | 'redo'

/** A file the page could not import, and why: written to the desktop app's log. */
export type ImportProblem = { file: string; reason: string }

/** At most this many import problems in one call of logImportProblems. */
export const MAX_IMPORT_PROBLEMS = 1000

/** Longest file name or reason logImportProblems accepts, in UTF-16 code units. */
export const MAX_IMPORT_PROBLEM_LENGTH = 4096

/**
 * Backups are files the page makes (the whole archive in one file) and the shell stores. They
 * cross the bridge in pieces of at most this many bytes (a large archive's backup is several
 * GB, more than one IPC message or one Node buffer carries), each way: the page starts a save,
 * writes its pieces in order and finishes it, or opens a backup and reads it piece by piece.
 */
export const MAX_BACKUP_PIECE_BYTES = 32 * 1024 * 1024

/** The extension of a backup file, without its dot. */
export const BACKUP_EXTENSION = 'communique-backup'

/**
 * A name the page may suggest for a backup: a plain file name (no folder, no leading dot)
 * ending in the backup extension.
 */
export const BACKUP_NAME = /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,150}\.communique-backup$/

/** Why an automatic backup was made; each kind is kept for its own while (see main/backups). */
export type AutoBackupReason = 'daily' | 'before-upgrade' | 'before-restore'

export const AUTO_BACKUP_REASONS: readonly AutoBackupReason[] = [
  'daily',
  'before-upgrade',
  'before-restore',
]

/** An automatic backup in the app's own backups folder. */
export type AutoBackupInfo = {
  /** Its file name. */
  name: string
  reason: AutoBackupReason
  /** When it was made, in ms since the epoch (from its name). */
  createdAt: number
  /** Its size in bytes. */
  size: number
}

/**
 * Largest file the shell will read into memory for an import. Files above it
 * are reported back by name instead of being read; the importer applies its
 * own (smaller, user-adjustable) limit on top of this one.
 */
export const MAX_READ_BYTES = 64 * 1024 * 1024

/** At most this many files are listed for one import: well above an archive's 100,000. */
export const MAX_FILES_PER_LISTING = 250_000

/** At most this many files are read in one slice of a listing. */
export const MAX_FILES_PER_READ = 500

/** At most this many paths in one drop. */
export const MAX_DROPPED_PATHS = 10_000

/** The API the preload script exposes on `window.communique`: one function per action. */
export interface DesktopApi {
  /** Shows the system file picker; null when the user cancels. */
  pickFiles(): Promise<Reply<ImportListing | null>>
  /** Shows the system folder picker and walks the folder; null when the user cancels. */
  pickFolder(): Promise<Reply<ImportListing | null>>
  /** Walks files and folders dropped on the window. Takes the dropped File objects themselves. */
  listDropped(files: readonly File[]): Promise<Reply<ImportListing>>
  /** Reads `count` files of a listing from `start`, in listing order. */
  readListing(id: string, start: number, count: number): Promise<Reply<IncomingFile[]>>
  /** Forgets a listing. */
  closeListing(id: string): Promise<Reply<null>>
  /** Reads the sample releases shipped with the app. */
  loadSamples(): Promise<Reply<IncomingFile[]>>
  appInfo(): Promise<Reply<AppInfo>>
  getWatchedFolder(): Promise<Reply<WatchStatus>>
  /** Shows the folder picker and starts watching the chosen folder; unchanged when cancelled. */
  chooseWatchedFolder(): Promise<Reply<WatchStatus>>
  stopWatching(): Promise<Reply<WatchStatus>>
  /** Writes files the page could not import to the desktop app's log, each with its reason. */
  logImportProblems(problems: ImportProblem[]): Promise<Reply<null>>
  /**
   * Shows the save dialog (in the folder last used for backups) and starts writing a backup
   * there, known by the returned id; null when the user cancels. Nothing replaces the chosen
   * file until finishBackupSave.
   */
  startBackupSave(suggestedName: string): Promise<Reply<{ id: string } | null>>
  /** Starts writing an automatic backup into the app's backups folder, known by the returned id. */
  startAutoBackupSave(reason: AutoBackupReason): Promise<Reply<{ id: string }>>
  /** Appends the next piece (1 to MAX_BACKUP_PIECE_BYTES bytes) of a backup being saved. */
  writeBackupPiece(id: string, bytes: Uint8Array): Promise<Reply<null>>
  /**
   * Puts a backup being saved in place, all at once, and answers where it is. For an automatic
   * backup, then deletes the automatic backups the retention rule no longer keeps.
   */
  finishBackupSave(id: string): Promise<Reply<{ path: string }>>
  /** Cancels a backup being saved: whatever the chosen file held before stays as it was. */
  abortBackupSave(id: string): Promise<Reply<null>>
  /**
   * Shows the open dialog for a backup file and opens it for reading, known by the returned id;
   * null when the user cancels.
   */
  openBackup(): Promise<Reply<{ id: string; name: string; size: number } | null>>
  /**
   * Reads up to `length` (1 to MAX_BACKUP_PIECE_BYTES) bytes of an open backup from `start`:
   * fewer at its end.
   */
  readBackupPiece(id: string, start: number, length: number): Promise<Reply<Uint8Array>>
  /** Closes an open backup. */
  closeBackup(id: string): Promise<Reply<null>>
  /** The automatic backups in the app's backups folder, newest first. */
  listAutoBackups(): Promise<Reply<AutoBackupInfo[]>>
  /** Calls back with a listing whenever files are added or changed in the watched folder. */
  onWatchedFiles(callback: (listing: ImportListing) => void): () => void
  /**
   * Calls back with a listing of files the system asked the app to open (its command line, a
   * second launch, "Open with"). Listings that arrive before anyone subscribes are kept for
   * the first subscriber.
   */
  onOpenFiles(callback: (listing: ImportListing) => void): () => void
  onMenuCommand(callback: (command: MenuCommand) => void): () => void
}

/** Arguments each channel accepts, as they cross the bridge. */
export type ChannelArgs = {
  [CHANNELS.pickFiles]: []
  [CHANNELS.pickFolder]: []
  [CHANNELS.listDropped]: [paths: string[]]
  [CHANNELS.readListing]: [id: string, start: number, count: number]
  [CHANNELS.closeListing]: [id: string]
  [CHANNELS.loadSamples]: []
  [CHANNELS.appInfo]: []
  [CHANNELS.getWatchedFolder]: []
  [CHANNELS.chooseWatchedFolder]: []
  [CHANNELS.stopWatching]: []
  [CHANNELS.logImportProblems]: [problems: ImportProblem[]]
  [CHANNELS.startBackupSave]: [suggestedName: string]
  [CHANNELS.startAutoBackupSave]: [reason: AutoBackupReason]
  [CHANNELS.writeBackupPiece]: [id: string, bytes: Uint8Array]
  [CHANNELS.finishBackupSave]: [id: string]
  [CHANNELS.abortBackupSave]: [id: string]
  [CHANNELS.openBackup]: []
  [CHANNELS.readBackupPiece]: [id: string, start: number, length: number]
  [CHANNELS.closeBackup]: [id: string]
  [CHANNELS.listAutoBackups]: []
}

const LISTING_ID = /^[A-Za-z0-9_-]{1,64}$/

/** Longest path a drop may carry, in UTF-16 code units. */
const MAX_PATH_LENGTH = 4096

/**
 * Validates the raw argument list received for a channel. Returns a message when the arguments
 * are not acceptable, or null when they are.
 *
 * It never throws, whatever it is given: a value whose getter throws or a Proxy that refuses
 * to be read is refused like any other bad argument. (Arguments that really cross the bridge
 * are structured clones, plain data, but the check does not rely on that.)
 */
export function validateArgs(channel: Channel, args: readonly unknown[]): string | null {
  try {
    return checkArgs(channel, args)
  } catch {
    return `${String(channel)}: the arguments could not be read`
  }
}

function checkArgs(channel: Channel, args: readonly unknown[]): string | null {
  switch (channel) {
    case CHANNELS.pickFiles:
    case CHANNELS.pickFolder:
    case CHANNELS.loadSamples:
    case CHANNELS.appInfo:
    case CHANNELS.getWatchedFolder:
    case CHANNELS.chooseWatchedFolder:
    case CHANNELS.stopWatching:
    case CHANNELS.openBackup:
    case CHANNELS.listAutoBackups:
      return args.length === 0 ? null : `${channel} takes no arguments (got ${args.length})`
    case CHANNELS.listDropped: {
      if (args.length !== 1 || !Array.isArray(args[0])) return `${channel} takes one list of paths`
      const paths = args[0] as unknown[]
      if (paths.length === 0 || paths.length > MAX_DROPPED_PATHS) {
        return `${channel} takes 1 to ${MAX_DROPPED_PATHS} paths (got ${paths.length})`
      }
      for (const path of paths) {
        if (typeof path !== 'string' || path.length === 0 || path.length > MAX_PATH_LENGTH) {
          return `${channel}: every path must be a non-empty string of at most ${MAX_PATH_LENGTH} characters`
        }
        if (path.includes('\0')) return `${channel}: a path may not contain a NUL character`
        // A dropped file's path is the file's own, never one that climbs out of a folder.
        if (path.split(/[\\/]/).includes('..')) return `${channel}: a path may not contain '..'`
      }
      return null
    }
    case CHANNELS.readListing: {
      const [id, start, count] = args
      if (args.length !== 3) return `${channel} takes a listing id, a start and a count`
      if (typeof id !== 'string' || !LISTING_ID.test(id)) return `${channel}: bad listing id`
      if (!Number.isSafeInteger(start) || (start as number) < 0) {
        return `${channel}: start must be a whole number from 0`
      }
      if (!Number.isSafeInteger(count) || (count as number) < 1) {
        return `${channel}: count must be a whole number from 1`
      }
      if ((count as number) > MAX_FILES_PER_READ) {
        return `${channel}: at most ${MAX_FILES_PER_READ} files per read`
      }
      return null
    }
    case CHANNELS.closeListing:
      return args.length === 1 && typeof args[0] === 'string' && LISTING_ID.test(args[0])
        ? null
        : `${channel} takes one listing id`
    case CHANNELS.logImportProblems: {
      if (args.length !== 1 || !Array.isArray(args[0])) {
        return `${channel} takes one list of problems`
      }
      const problems = args[0] as unknown[]
      if (problems.length === 0 || problems.length > MAX_IMPORT_PROBLEMS) {
        return `${channel} takes 1 to ${MAX_IMPORT_PROBLEMS} problems (got ${problems.length})`
      }
      for (const problem of problems) {
        const fields = plainFields(problem, ['file', 'reason'])
        if (fields === null) return `${channel}: every problem must be { file, reason }`
        for (const value of Object.values(fields)) {
          if (
            typeof value !== 'string' ||
            value.length === 0 ||
            value.length > MAX_IMPORT_PROBLEM_LENGTH ||
            value.includes('\0')
          ) {
            return `${channel}: a problem's file and reason must be text of 1 to ${MAX_IMPORT_PROBLEM_LENGTH} characters, without NUL`
          }
        }
      }
      return null
    }
    case CHANNELS.startBackupSave: {
      const [name] = args
      if (args.length !== 1) return `${channel} takes a file name`
      if (typeof name !== 'string' || !BACKUP_NAME.test(name)) {
        return `${channel}: the suggested name must be a plain file name ending in .${BACKUP_EXTENSION}`
      }
      return null
    }
    case CHANNELS.startAutoBackupSave: {
      const [reason] = args
      if (args.length !== 1) return `${channel} takes a reason`
      if (
        typeof reason !== 'string' ||
        !(AUTO_BACKUP_REASONS as readonly string[]).includes(reason)
      ) {
        return `${channel}: the reason must be one of ${AUTO_BACKUP_REASONS.join(', ')}`
      }
      return null
    }
    case CHANNELS.writeBackupPiece: {
      const [id, bytes] = args
      if (args.length !== 2) return `${channel} takes a backup id and a piece's bytes`
      if (typeof id !== 'string' || !LISTING_ID.test(id)) return `${channel}: bad backup id`
      const problem = backupPieceProblem(bytes)
      return problem ? `${channel}: ${problem}` : null
    }
    case CHANNELS.readBackupPiece: {
      const [id, start, length] = args
      if (args.length !== 3) return `${channel} takes a backup id, a start and a length`
      if (typeof id !== 'string' || !LISTING_ID.test(id)) return `${channel}: bad backup id`
      if (!Number.isSafeInteger(start) || (start as number) < 0) {
        return `${channel}: start must be a whole number from 0`
      }
      if (
        !Number.isSafeInteger(length) ||
        (length as number) < 1 ||
        (length as number) > MAX_BACKUP_PIECE_BYTES
      ) {
        return `${channel}: length must be a whole number from 1 to ${MAX_BACKUP_PIECE_BYTES}`
      }
      return null
    }
    case CHANNELS.finishBackupSave:
    case CHANNELS.abortBackupSave:
    case CHANNELS.closeBackup:
      return args.length === 1 && typeof args[0] === 'string' && LISTING_ID.test(args[0])
        ? null
        : `${channel} takes one backup id`
    default:
      return `unknown channel ${String(channel)}`
  }
}

// The getter behind Uint8Array.prototype[Symbol.toStringTag]: it reads the internal slot of a
// real typed array, so neither a Proxy nor an object dressed up with Uint8Array.prototype, nor
// a DataView or an Int8Array, passes for one.
const typedArrayTag = Object.getOwnPropertyDescriptor(
  Object.getPrototypeOf(Uint8Array.prototype) as object,
  Symbol.toStringTag,
)?.get as (this: unknown) => string | undefined

function isUint8Array(value: unknown): value is Uint8Array {
  return typedArrayTag.call(value) === 'Uint8Array'
}

function backupPieceProblem(bytes: unknown): string | null {
  if (!isUint8Array(bytes)) return 'a piece of a backup must be bytes (a Uint8Array)'
  if (bytes.byteLength === 0) return 'a piece of a backup may not be empty'
  if (bytes.byteLength > MAX_BACKUP_PIECE_BYTES) {
    return `a piece of a backup is at most ${MAX_BACKUP_PIECE_BYTES} bytes`
  }
  return null
}

/**
 * The named fields of a plain object (one with no other own keys, no getters and no special
 * prototype), or null when `value` is anything else: a prototype-pollution-shaped object with
 * an own `__proto__` key, an object with accessors, an array, a class instance.
 */
function plainFields<K extends string>(
  value: unknown,
  keys: readonly K[],
): Record<K, unknown> | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null
  const proto = Object.getPrototypeOf(value) as unknown
  if (proto !== Object.prototype && proto !== null) return null
  const own = Reflect.ownKeys(value)
  if (
    own.length !== keys.length ||
    !own.every((key) => (keys as readonly PropertyKey[]).includes(key))
  ) {
    return null
  }
  const fields = {} as Record<K, unknown>
  for (const key of keys) {
    const descriptor = Object.getOwnPropertyDescriptor(value, key)
    if (!descriptor || !('value' in descriptor)) return null
    fields[key] = descriptor.value
  }
  return fields
}

export function ok<T>(value: T): Reply<T> {
  return { ok: true, value }
}

export function fail(code: ReplyError['code'], message: string): Reply<never> {
  return { ok: false, error: { code, message } }
}
