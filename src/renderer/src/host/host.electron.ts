/**
 * The host for the desktop app: everything goes through the preload's
 * `window.communique`, whose replies are unwrapped here into values or
 * HostErrors. Listings stay in the shell and are read in slices.
 */
import {
  MAX_BACKUP_BYTES,
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

export function createElectronHost(api: DesktopApi): Host {
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
      save: async (data, fileName) =>
        unwrap(await api.saveBackup(await bytesOf(data), fileName))?.path ?? null,
      open: async () => {
        const chosen = unwrap(await api.openBackup())
        return chosen ? { name: chosen.name, data: new Blob([chosen.bytes as BlobPart]) } : null
      },
      automatic: {
        save: async (data, reason) =>
          unwrap(await api.saveAutoBackup(await bytesOf(data), reason)).path,
        list: async () => unwrap(await api.listAutoBackups()),
      },
    },
  }
}

/** A backup's bytes for the bridge, which carries one piece of at most MAX_BACKUP_BYTES. */
async function bytesOf(data: Blob): Promise<Uint8Array> {
  if (data.size > MAX_BACKUP_BYTES) {
    const gb = (n: number) => `${(n / 1e9).toFixed(1)} GB`
    throw new HostError(
      `the backup is ${gb(data.size)}, more than the ${gb(MAX_BACKUP_BYTES)} the desktop app can write in one piece`,
      'invalid-argument',
    )
  }
  return new Uint8Array(await data.arrayBuffer())
}
