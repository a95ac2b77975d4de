/**
 * The renderer's only door to the desktop: one function per action, each a bare invoke of its
 * channel. The renderer never sees ipcRenderer, an IPC event or a channel name, so a compromised
 * page can ask for exactly these actions and nothing else. Bundled to CommonJS for the sandbox,
 * which is why it imports nothing but electron and the contract.
 *
 * Two exceptions to "bare invoke", both about trust and timing:
 * - Dropped files are turned into paths here, with webUtils, so the page never handles a path:
 *   it can only pass File objects the user actually dropped.
 * - Messages from the shell are checked for shape before the page's callback sees them, and
 *   the callback gets the payload alone, never the IPC event (which carries `sender`).
 *   Listings that arrive before the page subscribes (the shell resumes watching at start, and
 *   files on the command line are sent as soon as the page has loaded, while it is still
 *   setting up) are kept and handed over when it does: watched files and opened files alike.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron'
import {
  CHANNELS,
  EVENTS,
  fail,
  type AutoBackupReason,
  type DesktopApi,
  type ImportListing,
  type ImportProblem,
  type MenuCommand,
} from '../shared/ipc/contract'

type ListingListener = (listing: ImportListing) => void

// As many as the shell keeps listings for; an older one could not be read any more.
const MAX_UNDELIVERED = 8

/**
 * Listings the shell sends on `channel`, checked, and kept while nobody listens: the first
 * subscriber gets those that came before it, just after its subscribe call returns.
 */
function listingEvents(channel: string): (callback: ListingListener) => () => void {
  const listeners = new Set<ListingListener>()
  const undelivered: ImportListing[] = []
  ipcRenderer.on(channel, (_event, payload: unknown) => {
    if (!isListing(payload)) return
    if (listeners.size === 0) {
      undelivered.push(payload)
      if (undelivered.length > MAX_UNDELIVERED) undelivered.shift()
      return
    }
    for (const listener of [...listeners]) listener(payload)
  })
  return (callback) => {
    if (typeof callback !== 'function') return () => {}
    listeners.add(callback)
    // Handed over after this call returns, so the page has its unsubscribe function first.
    const waiting = undelivered.splice(0)
    if (waiting.length > 0) {
      queueMicrotask(() => {
        for (const listing of waiting) callback(listing)
      })
    }
    return () => {
      listeners.delete(callback)
    }
  }
}

const onWatchedFiles = listingEvents(EVENTS.watchedFiles)
const onOpenFiles = listingEvents(EVENTS.openFiles)

const api = {
  pickFiles: () => ipcRenderer.invoke(CHANNELS.pickFiles),
  pickFolder: () => ipcRenderer.invoke(CHANNELS.pickFolder),
  listDropped: (files: readonly File[]) => {
    const paths = dropPaths(files)
    if (paths.length === 0) {
      return Promise.resolve(
        fail('invalid-argument', 'Nothing that was dropped is a file or folder on this computer.'),
      )
    }
    return ipcRenderer.invoke(CHANNELS.listDropped, paths)
  },
  readListing: (id: string, start: number, count: number) =>
    ipcRenderer.invoke(CHANNELS.readListing, id, start, count),
  closeListing: (id: string) => ipcRenderer.invoke(CHANNELS.closeListing, id),
  loadSamples: () => ipcRenderer.invoke(CHANNELS.loadSamples),
  appInfo: () => ipcRenderer.invoke(CHANNELS.appInfo),
  getWatchedFolder: () => ipcRenderer.invoke(CHANNELS.getWatchedFolder),
  chooseWatchedFolder: () => ipcRenderer.invoke(CHANNELS.chooseWatchedFolder),
  stopWatching: () => ipcRenderer.invoke(CHANNELS.stopWatching),
  logImportProblems: (problems: ImportProblem[]) =>
    ipcRenderer.invoke(CHANNELS.logImportProblems, problems),
  startBackupSave: (suggestedName: string) =>
    ipcRenderer.invoke(CHANNELS.startBackupSave, suggestedName),
  startAutoBackupSave: (reason: AutoBackupReason) =>
    ipcRenderer.invoke(CHANNELS.startAutoBackupSave, reason),
  writeBackupPiece: (id: string, bytes: Uint8Array) =>
    ipcRenderer.invoke(CHANNELS.writeBackupPiece, id, bytes),
  finishBackupSave: (id: string) => ipcRenderer.invoke(CHANNELS.finishBackupSave, id),
  abortBackupSave: (id: string) => ipcRenderer.invoke(CHANNELS.abortBackupSave, id),
  openBackup: () => ipcRenderer.invoke(CHANNELS.openBackup),
  readBackupPiece: (id: string, start: number, length: number) =>
    ipcRenderer.invoke(CHANNELS.readBackupPiece, id, start, length),
  closeBackup: (id: string) => ipcRenderer.invoke(CHANNELS.closeBackup, id),
  listAutoBackups: () => ipcRenderer.invoke(CHANNELS.listAutoBackups),

  onWatchedFiles: (callback: ListingListener) => onWatchedFiles(callback),
  onOpenFiles: (callback: ListingListener) => onOpenFiles(callback),

  onMenuCommand: (callback: (command: MenuCommand) => void) => {
    if (typeof callback !== 'function') return () => {}
    const listener = (_event: unknown, payload: unknown): void => {
      if (isMenuCommand(payload)) callback(payload)
    }
    ipcRenderer.on(EVENTS.menuCommand, listener)
    return () => {
      ipcRenderer.removeListener(EVENTS.menuCommand, listener)
    }
  },
} satisfies DesktopApi

contextBridge.exposeInMainWorld('communique', api)

/** The paths of dropped files; those without one (made by a page, not dropped) are left out. */
function dropPaths(files: readonly File[]): string[] {
  const paths: string[] = []
  for (const file of Array.from(files ?? [])) {
    try {
      const path = webUtils.getPathForFile(file)
      if (path) paths.push(path)
    } catch {
      // Not a File at all: nothing to import from it.
    }
  }
  return paths
}

// A record, so a command added to MenuCommand and not here fails the type check.
const MENU_COMMANDS: readonly string[] = Object.keys({
  'import-files': true,
  'import-folder': true,
  'watch-folder': true,
  export: true,
  'back-up': true,
  restore: true,
  'verify-archive': true,
  'open-settings': true,
  undo: true,
  redo: true,
} satisfies Record<MenuCommand, true>)

function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && MENU_COMMANDS.includes(value)
}

function isListing(value: unknown): value is ImportListing {
  if (typeof value !== 'object' || value === null) return false
  const listing = value as Record<string, unknown>
  return (
    typeof listing.id === 'string' &&
    typeof listing.label === 'string' &&
    Array.isArray(listing.files) &&
    listing.files.every(
      (file: unknown) =>
        typeof file === 'object' &&
        file !== null &&
        typeof (file as Record<string, unknown>).name === 'string' &&
        typeof (file as Record<string, unknown>).size === 'number',
    ) &&
    Array.isArray(listing.problems) &&
    listing.problems.every(
      (problem: unknown) =>
        typeof problem === 'object' &&
        problem !== null &&
        typeof (problem as Record<string, unknown>).name === 'string' &&
        typeof (problem as Record<string, unknown>).error === 'string',
    )
  )
}
