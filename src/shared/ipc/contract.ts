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
} as const

/** Messages the shell sends to the renderer without being asked. */
export const EVENTS = {
  /** Files were added or changed in the watched folder: a listing to import. */
  watchedFiles: 'archive:watchedFiles',
  /** The user chose an item of the app menu. */
  menuCommand: 'archive:menuCommand',
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

export type MenuCommand = 'import-files' | 'import-folder' | 'open-settings' | 'undo' | 'redo'

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
  /** Calls back with a listing whenever files are added or changed in the watched folder. */
  onWatchedFiles(callback: (listing: ImportListing) => void): () => void
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
}

const LISTING_ID = /^[A-Za-z0-9_-]{1,64}$/

/**
 * Validates the raw argument list received for a channel. Returns a message
 * when the arguments are not acceptable, or null when they are.
 */
export function validateArgs(channel: Channel, args: readonly unknown[]): string | null {
  switch (channel) {
    case CHANNELS.pickFiles:
    case CHANNELS.pickFolder:
    case CHANNELS.loadSamples:
    case CHANNELS.appInfo:
    case CHANNELS.getWatchedFolder:
    case CHANNELS.chooseWatchedFolder:
    case CHANNELS.stopWatching:
      return args.length === 0 ? null : `${channel} takes no arguments (got ${args.length})`
    case CHANNELS.listDropped: {
      if (args.length !== 1 || !Array.isArray(args[0])) return `${channel} takes one list of paths`
      const paths = args[0] as unknown[]
      if (paths.length === 0 || paths.length > MAX_DROPPED_PATHS) {
        return `${channel} takes 1 to ${MAX_DROPPED_PATHS} paths (got ${paths.length})`
      }
      for (const path of paths) {
        if (typeof path !== 'string' || path.length === 0 || path.length > 4096) {
          return `${channel}: every path must be a non-empty string of at most 4096 characters`
        }
        if (path.includes('\0')) return `${channel}: a path may not contain a NUL character`
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
    default:
      return `unknown channel ${String(channel)}`
  }
}

export function ok<T>(value: T): Reply<T> {
  return { ok: true, value }
}

export function fail(code: ReplyError['code'], message: string): Reply<never> {
  return { ok: false, error: { code, message } }
}
