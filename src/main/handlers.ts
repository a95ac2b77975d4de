/**
 * What the desktop shell does for each channel. Electron's dialog and app come in as
 * dependencies so tests can run these against fakes and real temporary files.
 *
 * Picks, folders and drops all become listings (see listings.ts and walk.ts): the renderer gets
 * names and sizes at once and reads the bytes in slices, so importing 100,000 files never holds
 * them all in memory on either side of the bridge.
 */
import { isAbsolute, join } from 'node:path'
import type { BaseWindow, OpenDialogOptions } from 'electron'
import type { AppInfo, ImportListing, IncomingFile, WatchStatus } from '../shared/ipc/contract'
import { listSampleFiles, readIncomingFiles, type ReadOptions } from './files'
import { ChannelError, type ChannelImpl } from './ipc'
import { ListingStore } from './listings'
import { walkPaths, type WalkOptions } from './walk'

type OpenDialogResult = { canceled: boolean; filePaths: string[] }

export interface DialogLike {
  showOpenDialog(window: BaseWindow, options: OpenDialogOptions): Promise<OpenDialogResult>
  showOpenDialog(options: OpenDialogOptions): Promise<OpenDialogResult>
}

export interface AppLike {
  readonly isPackaged: boolean
  getAppPath(): string
  getVersion(): string
}

export type HandlerDeps = {
  dialog: DialogLike
  app: AppLike
  /** The window the picker is modal to; null before it exists or after it closed. */
  getWindow: () => BaseWindow | null
  /** Overrides where the sample releases are read from. */
  samplesDir?: string
  readOptions?: ReadOptions
  /** Where listings are kept between the walk and the reads; shared with the watched folder. */
  listings?: ListingStore
  walkOptions?: WalkOptions
  /** The watched folder; without one, the watch channels answer that none is available. */
  watcher?: WatcherLike
}

/** The part of FolderWatcher the channels use. */
export interface WatcherLike {
  status(): WatchStatus
  watch(folder: string): Promise<WatchStatus>
  stop(): Promise<WatchStatus>
}

export const APP_NAME = 'Communiqué'

export const OPEN_DIALOG_OPTIONS: OpenDialogOptions = {
  title: 'Import press releases',
  properties: ['openFile', 'multiSelections'],
  filters: [
    { name: 'Press releases', extensions: ['txt', 'text', 'md', 'html', 'htm'] },
    { name: 'All files', extensions: ['*'] },
  ],
}

export const FOLDER_DIALOG_OPTIONS: OpenDialogOptions = {
  title: 'Import a folder of press releases',
  properties: ['openDirectory'],
}

export const WATCH_DIALOG_OPTIONS: OpenDialogOptions = {
  title: 'Choose a folder to watch for new press releases',
  properties: ['openDirectory', 'createDirectory'],
}

export const NOT_A_FULL_PATH = 'A dropped item did not come with its full path; drop it again.'

/**
 * electron-builder copies resources/samples next to the app (extraResources); unpackaged, the
 * app path is the project root, both under `electron-vite dev` and `electron .`.
 */
export function samplesFolder(where: {
  isPackaged: boolean
  appPath: string
  resourcesPath: string
}): string {
  return where.isPackaged
    ? join(where.resourcesPath, 'samples')
    : join(where.appPath, 'resources', 'samples')
}

export function createHandlers(deps: HandlerDeps): ChannelImpl {
  const samplesDir = (): string =>
    deps.samplesDir ??
    samplesFolder({
      isPackaged: deps.app.isPackaged,
      appPath: deps.app.getAppPath(),
      resourcesPath: process.resourcesPath,
    })

  const listings = deps.listings ?? new ListingStore({ maxBytes: deps.readOptions?.maxBytes })

  /** The paths the user chose in a picker modal to the app window, or null when cancelled. */
  const choose = async (options: OpenDialogOptions): Promise<string[] | null> => {
    const window = deps.getWindow()
    const result = window
      ? await deps.dialog.showOpenDialog(window, options)
      : await deps.dialog.showOpenDialog(options)
    return result.canceled || result.filePaths.length === 0 ? null : result.filePaths
  }

  const list = async (paths: readonly string[]): Promise<ImportListing> =>
    listings.add(await walkPaths(paths, deps.walkOptions))

  const noWatcher = (): never => {
    throw new Error('Watching a folder is not available in this window.')
  }

  return {
    async pickFiles(): Promise<ImportListing | null> {
      const paths = await choose(OPEN_DIALOG_OPTIONS)
      return paths ? list(paths) : null
    },

    async pickFolder(): Promise<ImportListing | null> {
      const paths = await choose(FOLDER_DIALOG_OPTIONS)
      return paths ? list(paths) : null
    },

    async listDropped(paths: string[]): Promise<ImportListing> {
      // The preload takes these from dropped File objects, which always carry a full path; a
      // relative one did not come from a drop, and would resolve against the app's folder.
      if (!paths.every((path) => isAbsolute(path))) {
        throw new ChannelError('invalid-argument', NOT_A_FULL_PATH)
      }
      return list(paths)
    },

    async readListing(id: string, start: number, count: number): Promise<IncomingFile[]> {
      return listings.read(id, start, count)
    },

    async closeListing(id: string): Promise<null> {
      listings.close(id)
      return null
    },

    async loadSamples(): Promise<IncomingFile[]> {
      const dir = samplesDir()
      let paths: string[]
      try {
        paths = await listSampleFiles(dir)
      } catch (err) {
        const reason = err instanceof Error ? err.message : String(err)
        throw new Error(`The sample releases could not be found (${reason}).`, { cause: err })
      }
      return readIncomingFiles(paths, deps.readOptions)
    },

    async appInfo(): Promise<AppInfo> {
      return { name: APP_NAME, version: deps.app.getVersion(), platform: process.platform }
    },

    async getWatchedFolder(): Promise<WatchStatus> {
      return deps.watcher?.status() ?? { folder: null, error: null }
    },

    async chooseWatchedFolder(): Promise<WatchStatus> {
      const watcher = deps.watcher ?? noWatcher()
      const paths = await choose(WATCH_DIALOG_OPTIONS)
      const folder = paths?.[0]
      return folder ? watcher.watch(folder) : watcher.status()
    },

    async stopWatching(): Promise<WatchStatus> {
      return (deps.watcher ?? noWatcher()).stop()
    },
  }
}
