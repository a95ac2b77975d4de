/**
 * What the desktop shell does for each channel. Electron's dialog and app come in as
 * dependencies so tests can run these against fakes and real temporary files.
 */
import { join } from 'node:path'
import type { BaseWindow, OpenDialogOptions } from 'electron'
import type { AppInfo, IncomingFile } from '../shared/ipc/contract'
import { listSampleFiles, readIncomingFiles, type ReadOptions } from './files'
import type { ChannelImpl } from './ipc'

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

  return {
    async pickFiles(): Promise<IncomingFile[]> {
      const window = deps.getWindow()
      const result = window
        ? await deps.dialog.showOpenDialog(window, OPEN_DIALOG_OPTIONS)
        : await deps.dialog.showOpenDialog(OPEN_DIALOG_OPTIONS)
      if (result.canceled || result.filePaths.length === 0) return []
      return readIncomingFiles(result.filePaths, deps.readOptions)
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
  }
}
