/**
 * The host for the desktop app: everything goes through the preload's
 * `window.communique`, whose replies are unwrapped here into values or
 * HostErrors. Listings stay in the shell and are read in slices.
 */
import {
  MAX_BACKUP_PIECE_BYTES,
  MAX_IMPORT_PROBLEMS,
  MAX_IMPORT_PROBLEM_LENGTH,
  type DesktopApi,
  type ImportListing,
  type Reply,
} from '../../../shared/ipc/contract'
import { HostError, sourceFromList, type Host, type ImportSource } from './host'

/** Unwraps the bridge's reply envelope: a value, or a HostError with the shell's message. */
export function unwrap<T>(reply: Reply<T>): T {
  if (reply.ok) return reply.value
  throw new HostError(reply.error.message, reply.error.code)
}

export function sourceFromListing(api: DesktopApi, listing: ImportListing): ImportSource {
  return {
    label: listing.label,
    total: listing.files.length,
    problems: listing.problems,
    read: async (start, count) => unwrap(await api.readListing(listing.id, start, count)),
    close: async () => {
      unwrap(await api.closeListing(listing.id))
    },
  }
}

/**
 * `pieceBytes` is how many bytes of a backup cross the bridge at a time (tests lower it, so
 * they need not allocate megabytes).
 */
export function createElectronHost(
  api: DesktopApi,
  pieceBytes: number = MAX_BACKUP_PIECE_BYTES,
): Host {
  const toSource = (listing: ImportListing | null) =>
    listing ? sourceFromListing(api, listing) : null
  return {
    pickFiles: async () => toSource(unwrap(await api.pickFiles())),
    pickFolder: async () => toSource(unwrap(await api.pickFolder())),
    fromDrop: async (data) => {
      const files = Array.from(data.files ?? [])
      if (files.length === 0) return null
      return toSource(unwrap(await api.listDropped(files)))
    },
    loadSamples: async () => sourceFromList('Sample releases', unwrap(await api.loadSamples())),
    appInfo: async () => unwrap(await api.appInfo()),
    watchedFolder: {
      isSupported: true,
      reason: null,
      status: async () => unwrap(await api.getWatchedFolder()),
      choose: async () => unwrap(await api.chooseWatchedFolder()),
      stop: async () => unwrap(await api.stopWatching()),
      onFiles: (callback) =>
        api.onWatchedFiles((listing) => callback(sourceFromListing(api, listing))),
    },
    onMenuCommand: (callback) => api.onMenuCommand(callback),
    onOpenFiles: (callback) =>
      api.onOpenFiles((listing) => callback(sourceFromListing(api, listing))),
    logImportProblems: async (problems) => {
      const clip = (text: string) => text.slice(0, MAX_IMPORT_PROBLEM_LENGTH).replace(/\0/g, '')
      const lines = problems
        .map((p) => ({ file: clip(p.file), reason: clip(p.reason) }))
        .filter((p) => p.file !== '' && p.reason !== '')
      for (let at = 0; at < lines.length; at += MAX_IMPORT_PROBLEMS) {
        unwrap(await api.logImportProblems(lines.slice(at, at + MAX_IMPORT_PROBLEMS)))
      }
    },
    backups: {
      save: async (data, fileName) => {
        const started = unwrap(await api.startBackupSave(fileName))
        return started ? writeBackup(api, started.id, data, pieceBytes) : null
      },
      open: async () => {
        const opened = unwrap(await api.openBackup())
        return opened
          ? { name: opened.name, data: await readBackup(api, opened.id, opened.size, pieceBytes) }
          : null
      },
      automatic: {
        save: async (data, reason) => {
          const { id } = unwrap(await api.startAutoBackupSave(reason))
          return writeBackup(api, id, data, pieceBytes)
        },
        list: async () => unwrap(await api.listAutoBackups()),
      },
    },
  }
}

/**
 * Writes a backup the shell has started saving under `id`, a piece at a time, and finishes it;
 * where it went. Any failure cancels it (the file it was to replace stays as it was).
 */
async function writeBackup(
  api: DesktopApi,
  id: string,
  data: Blob,
  pieceBytes: number,
): Promise<string> {
  try {
    for (let at = 0; at < data.size; at += pieceBytes) {
      const piece = new Uint8Array(await data.slice(at, at + pieceBytes).arrayBuffer())
      unwrap(await api.writeBackupPiece(id, piece))
    }
    return unwrap(await api.finishBackupSave(id)).path
  } catch (err) {
    await api.abortBackupSave(id).catch(() => undefined)
    throw err
  }
}

/** How many pieces are gathered before they are folded into the Blob read so far. */
const PIECES_PER_FOLD = 4

/**
 * Reads a backup the shell has opened under `id`, a piece at a time, into one Blob, then closes
 * it (on failure too). Pieces are folded into a Blob every few, so the browser can keep them out
 * of the page's own memory rather than as thousands of arrays.
 */
async function readBackup(
  api: DesktopApi,
  id: string,
  size: number,
  pieceBytes: number,
): Promise<Blob> {
  try {
    let blob = new Blob([])
    let pieces: BlobPart[] = []
    for (let at = 0; at < size;) {
      const piece = unwrap(await api.readBackupPiece(id, at, Math.min(pieceBytes, size - at)))
      if (piece.byteLength === 0) {
        throw new HostError('The backup file became shorter while it was being read.', 'failed')
      }
      pieces.push(piece as BlobPart)
      at += piece.byteLength
      if (pieces.length >= PIECES_PER_FOLD) {
        blob = new Blob([blob, ...pieces])
        pieces = []
      }
    }
    return new Blob([blob, ...pieces])
  } finally {
    await api.closeBackup(id).catch(() => undefined)
  }
}
