/**
 * What the desktop shell does for each channel. Electron's dialog and app come in as
 * dependencies so tests can run these against fakes and real temporary files.
 *
 * Picks, folders and drops all become listings (see listings.ts and walk.ts): the renderer gets
 * names and sizes at once and reads the bytes in slices, so importing 100,000 files never holds
 * them all in memory on either side of the bridge.
 */
import { mkdir } from 'node:fs/promises'
import { basename, dirname, isAbsolute, join } from 'node:path'
import type { BaseWindow, OpenDialogOptions, SaveDialogOptions } from 'electron'
import {
  BACKUP_EXTENSION,
  type AppInfo,
  type AutoBackupInfo,
  type AutoBackupReason,
  type ImportListing,
  type ImportProblem,
  type IncomingFile,
  type WatchStatus,
} from '../shared/ipc/contract'
import { BackupFiles } from './backup-files'
import { autoBackupName, deleteExpiredAutoBackups, listAutoBackups } from './backups'
import { listSampleFiles, readIncomingFiles, type ReadOptions } from './files'
import { ChannelError, type ChannelImpl } from './ipc'
import { ListingStore } from './listings'
import { consoleLogger, type Logger } from './log'
import type { SettingsLike } from './settings-store'
import { walkPaths, type WalkOptions } from './walk'

type OpenDialogResult = { canceled: boolean; filePaths: string[] }
type SaveDialogResult = { canceled: boolean; filePath?: string }

export interface DialogLike {
  showOpenDialog(window: BaseWindow, options: OpenDialogOptions): Promise<OpenDialogResult>
  showOpenDialog(options: OpenDialogOptions): Promise<OpenDialogResult>
  showSaveDialog(window: BaseWindow, options: SaveDialogOptions): Promise<SaveDialogResult>
  showSaveDialog(options: SaveDialogOptions): Promise<SaveDialogResult>
}

export interface AppLike {
  readonly isPackaged: boolean
  getAppPath(): string
  getVersion(): string
  /** Electron's app.getPath: 'userData' (the backups folder is in it) and 'documents'. */
  getPath(name: 'userData' | 'documents'): string
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
  /** Keeps the folder backups were last saved in; without it, dialogs open in Documents. */
  settings?: SettingsLike
  log?: Logger
  /** The clock automatic backups are named by. */
  now?: () => Date
  /** Backup files being written or read in pieces; one for the app, closed at quit. */
  backupFiles?: BackupFiles
}

/** A backup file open in BackupFiles, by what it was opened as. */
type OpenBackup = {
  kind: 'save' | 'auto' | 'read'
  path: string
  /** Bytes written so far (a save), or the file's size (a read). */
  bytes: number
}

const BACKUP_NOT_OPEN =
  'This backup file is no longer open: it was finished, cancelled or closed, or the app restarted.'

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

const BACKUP_FILTER = { name: 'Communiqué backup', extensions: [BACKUP_EXTENSION] }

export function saveBackupDialogOptions(defaultPath: string): SaveDialogOptions {
  return {
    title: 'Back up the archive',
    buttonLabel: 'Back Up',
    defaultPath,
    filters: [BACKUP_FILTER],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  }
}

export function openBackupDialogOptions(defaultPath: string): OpenDialogOptions {
  return {
    title: 'Restore the archive from a backup',
    buttonLabel: 'Restore',
    defaultPath,
    properties: ['openFile'],
    filters: [BACKUP_FILTER, { name: 'All files', extensions: ['*'] }],
  }
}

/** Automatic backups are kept in this folder of the user's profile (app.getPath('userData')). */
export const AUTO_BACKUP_FOLDER = 'backups'

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

  const log = deps.log ?? consoleLogger
  const listings = deps.listings ?? new ListingStore({ maxBytes: deps.readOptions?.maxBytes, log })
  const backupFiles = deps.backupFiles ?? new BackupFiles()
  /**
   * What each backup id was opened as, so an id only works for its own kind: a save the user
   * chose (its folder is remembered when it is finished), an automatic backup (the retention
   * rule runs when it is finished), or a backup being read.
   */
  const openBackups = new Map<string, OpenBackup>()

  /** The backup an id names, which must be of one of `kinds`. */
  const backupOf = (id: string, kinds: readonly OpenBackup['kind'][]): OpenBackup => {
    const open = openBackups.get(id)
    if (!open) throw new ChannelError('invalid-argument', BACKUP_NOT_OPEN)
    if (!kinds.includes(open.kind)) {
      throw new ChannelError(
        'invalid-argument',
        open.kind === 'read'
          ? `The backup "${basename(open.path)}" is open for reading, not for saving.`
          : `The backup "${basename(open.path)}" is being saved, not read.`,
      )
    }
    return open
  }

  /** Runs a BackupFiles operation, logging a failure and answering it with its own sentence. */
  const onBackupFile = async <T>(what: string, path: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run()
    } catch (err) {
      log.error(`[backup] could not ${what} ${path}:`, err)
      throw new ChannelError('failed', err instanceof Error ? err.message : String(err))
    }
  }
  const autoBackupFolder = (): string => join(deps.app.getPath('userData'), AUTO_BACKUP_FOLDER)

  /** Where backup dialogs open: the folder last used for a backup, else Documents. */
  const backupFolder = async (): Promise<string> => {
    try {
      const folder = (await deps.settings?.read())?.lastBackupFolder
      if (folder) return folder
    } catch (err) {
      log.warn('[backup] could not read the last backup folder:', err)
    }
    return deps.app.getPath('documents')
  }

  const rememberBackupFolder = async (folder: string): Promise<void> => {
    try {
      await deps.settings?.update({ lastBackupFolder: folder })
    } catch (err) {
      // The backup itself is done; only the next dialog's starting folder is lost.
      log.warn('[backup] could not remember the backup folder:', err)
    }
  }

  /** The paths the user chose in a picker modal to the app window, or null when cancelled. */
  const choose = async (options: OpenDialogOptions): Promise<string[] | null> => {
    const window = deps.getWindow()
    const result = window
      ? await deps.dialog.showOpenDialog(window, options)
      : await deps.dialog.showOpenDialog(options)
    return result.canceled || result.filePaths.length === 0 ? null : result.filePaths
  }

  const list = async (paths: readonly string[]): Promise<ImportListing> =>
    listings.add(await walkPaths(paths, deps.walkOptions), paths)

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
      return readIncomingFiles(paths, { log, ...deps.readOptions })
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

    async logImportProblems(problems: ImportProblem[]): Promise<null> {
      // Quoted, so a file name with a line break cannot pass for another line of the log.
      for (const { file, reason } of problems) {
        log.warn(`[import] ${JSON.stringify(file)}: ${JSON.stringify(reason)}`)
      }
      return null
    },

    async startBackupSave(suggestedName: string): Promise<{ id: string } | null> {
      const options = saveBackupDialogOptions(join(await backupFolder(), suggestedName))
      const window = deps.getWindow()
      const result = window
        ? await deps.dialog.showSaveDialog(window, options)
        : await deps.dialog.showSaveDialog(options)
      if (result.canceled || !result.filePath) return null
      if (!isAbsolute(result.filePath)) {
        throw new ChannelError('failed', 'The save dialog did not give a full path.')
      }
      // Linux file dialogs do not add the extension the filter names; without it the backup
      // would not show up in the open dialog's filter.
      const path = result.filePath.endsWith(`.${BACKUP_EXTENSION}`)
        ? result.filePath
        : `${result.filePath}.${BACKUP_EXTENSION}`
      const id = await onBackupFile('start writing', path, () => backupFiles.startWrite(path))
      openBackups.set(id, { kind: 'save', path, bytes: 0 })
      return { id }
    },

    async startAutoBackupSave(reason: AutoBackupReason): Promise<{ id: string }> {
      const folder = autoBackupFolder()
      const path = join(folder, autoBackupName(reason, (deps.now ?? now)()))
      let id: string
      try {
        await mkdir(folder, { recursive: true })
        id = await backupFiles.startWrite(path)
      } catch (err) {
        log.error(`[backup] the ${reason} backup could not be started:`, err)
        throw new ChannelError(
          'failed',
          `The automatic backup could not be saved (${reasonOf(err)}).`,
        )
      }
      openBackups.set(id, { kind: 'auto', path, bytes: 0 })
      return { id }
    },

    async writeBackupPiece(id: string, bytes: Uint8Array): Promise<null> {
      const open = backupOf(id, ['save', 'auto'])
      try {
        await onBackupFile('write', open.path, () => backupFiles.write(id, bytes))
      } catch (err) {
        // BackupFiles has cancelled the backup; its id is of no further use.
        openBackups.delete(id)
        throw err
      }
      open.bytes += bytes.byteLength
      return null
    },

    async finishBackupSave(id: string): Promise<{ path: string }> {
      const open = backupOf(id, ['save', 'auto'])
      openBackups.delete(id)
      const path = await onBackupFile('save', open.path, () => backupFiles.finish(id))
      log.info(`[backup] wrote ${path} (${open.bytes} bytes)`)
      if (open.kind === 'save') {
        await rememberBackupFolder(dirname(path))
      } else {
        try {
          await deleteExpiredAutoBackups(dirname(path), basename(path), log)
        } catch (err) {
          // The new backup is in place; only the thinning out of old ones waits for the next.
          log.error('[backup] could not apply the retention rule:', err)
        }
      }
      return { path }
    },

    async abortBackupSave(id: string): Promise<null> {
      const open = openBackups.get(id)
      // One no longer open (finished, cancelled, ended by a failed piece) is already cancelled.
      if (!open) return null
      backupOf(id, ['save', 'auto'])
      openBackups.delete(id)
      await onBackupFile('cancel', open.path, () => backupFiles.abort(id))
      log.info(`[backup] cancelled ${open.path}`)
      return null
    },

    async openBackup(): Promise<{ id: string; name: string; size: number } | null> {
      const paths = await choose(openBackupDialogOptions(await backupFolder()))
      const path = paths?.[0]
      if (!path) return null
      const name = basename(path)
      const { id, size } = await onBackupFile('open', path, () => backupFiles.startRead(path))
      if (size === 0) {
        await backupFiles.close(id).catch(() => undefined)
        throw new ChannelError('failed', `${name} is empty, so it is not a backup.`)
      }
      openBackups.set(id, { kind: 'read', path, bytes: size })
      await rememberBackupFolder(dirname(path))
      return { id, name, size }
    },

    async readBackupPiece(id: string, start: number, length: number): Promise<Uint8Array> {
      const open = backupOf(id, ['read'])
      return onBackupFile('read', open.path, () => backupFiles.read(id, start, length))
    },

    async closeBackup(id: string): Promise<null> {
      const open = openBackups.get(id)
      if (!open) return null
      backupOf(id, ['read'])
      openBackups.delete(id)
      await onBackupFile('close', open.path, () => backupFiles.close(id))
      return null
    },

    async listAutoBackups(): Promise<AutoBackupInfo[]> {
      return listAutoBackups(autoBackupFolder())
    },
  }
}

function now(): Date {
  return new Date()
}

function reasonOf(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code
  if (code === 'ENOENT') return 'the file or its folder is not there'
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied'
  if (code === 'ENOSPC') return 'the disk is full'
  if (code === 'EROFS') return 'the disk is read-only'
  return err instanceof Error ? err.message : String(err)
}
