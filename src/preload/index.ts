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
 *   Batches from the watched folder that arrive before the page subscribes (the shell resumes
 *   watching at start, while the page is still setting up) are kept and handed over when it does.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron'
import {
  CHANNELS,
  EVENTS,
  fail,
  type DesktopApi,
  type ImportListing,
  type MenuCommand,
} from '../shared/ipc/contract'

type WatchedListener = (listing: ImportListing) => void

const watchedListeners = new Set<WatchedListener>()
const undelivered: ImportListing[] = []
// As many as the shell keeps listings for; an older one could not be read any more.
const MAX_UNDELIVERED = 8

ipcRenderer.on(EVENTS.watchedFiles, (_event, payload: unknown) => {
  if (!isListing(payload)) return
  if (watchedListeners.size === 0) {
    undelivered.push(payload)
    if (undelivered.length > MAX_UNDELIVERED) undelivered.shift()
    return
  }
  for (const listener of [...watchedListeners]) listener(payload)
})

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

  onWatchedFiles: (callback: WatchedListener) => {
    if (typeof callback !== 'function') return () => {}
    watchedListeners.add(callback)
    // Handed over after this call returns, so the page has its unsubscribe function first.
    const waiting = undelivered.splice(0)
    if (waiting.length > 0) {
      queueMicrotask(() => {
        for (const listing of waiting) callback(listing)
      })
    }
    return () => {
      watchedListeners.delete(callback)
    }
  },

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

const MENU_COMMANDS: readonly string[] = [
  'import-files',
  'import-folder',
  'open-settings',
  'undo',
  'redo',
]

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
