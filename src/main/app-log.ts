/**
 * The app's log file, written by electron-log's main-process logger to
 * <app.getPath('logs')>/main.log (rotated by electron-log at 1 MB).
 *
 * Main part only: electron-log also offers to collect the renderer's console through its own IPC
 * channel, which it registers as soon as it is loaded. That channel would be the one IPC handler
 * in the app that neither checks its sender nor validates its messages, so it is removed; the
 * page reports what the log needs through the contract's logImportProblems.
 */
import { join } from 'node:path'
import type { Logger } from './log'

/** The part of electron-log's main logger this module configures. */
export interface ElectronLogLike extends Logger {
  transports: {
    file: { resolvePathFn: (...args: never[]) => string; level: string | false }
  }
  errorHandler: { startCatching(options?: { showDialog?: boolean }): void }
}

export interface IpcMainCleanup {
  removeHandler(channel: string): void
  removeAllListeners(channel: string): unknown
}

/** electron-log's own channel for renderer messages (electron-log/src/main/index.js). */
export const ELECTRON_LOG_CHANNEL = '__ELECTRON_LOG__'

export const LOG_FILE_NAME = 'main.log'

export function configureAppLog(
  log: ElectronLogLike,
  opts: { logsFolder: string; ipcMain: IpcMainCleanup },
): Logger {
  const file = join(opts.logsFolder, LOG_FILE_NAME)
  log.transports.file.resolvePathFn = () => file
  log.transports.file.level = 'info'
  // Uncaught errors and rejections reach the log; the user is not shown a raw stack trace.
  log.errorHandler.startCatching({ showDialog: false })
  opts.ipcMain.removeHandler(ELECTRON_LOG_CHANNEL)
  opts.ipcMain.removeAllListeners(ELECTRON_LOG_CHANNEL)
  return log
}
