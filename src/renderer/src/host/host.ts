/**
 * What the renderer needs from wherever it runs. There are two
 * implementations, one for the desktop app and one for a browser, and
 * components never ask which one they have.
 */
import type {
  AppInfo,
  AutoBackupInfo,
  AutoBackupReason,
  ImportProblem,
  IncomingFile,
  MenuCommand,
  WatchStatus,
} from '../../../shared/ipc/contract'

/** A file to import: bytes the desktop shell read, a browser File, or why it could not be read. */
export type SourceFile = IncomingFile | { name: string; file: File }

/**
 * The files of one import, read in slices so an import of 100,000 files never
 * holds them all in memory.
 */
export interface ImportSource {
  /** What the user chose, for the report: "bad/", "3 files", "Watched folder". */
  readonly label: string
  readonly total: number
  /** Problems found before reading (a folder that could not be listed). */
  readonly problems: readonly { name: string; error: string }[]
  read(start: number, count: number): Promise<SourceFile[]>
  close(): Promise<void>
}

export interface WatchedFolderHost {
  /** False in the browser build, which cannot watch a folder; `reason` says why. */
  readonly isSupported: boolean
  readonly reason: string | null
  status(): Promise<WatchStatus>
  choose(): Promise<WatchStatus>
  stop(): Promise<WatchStatus>
  /** Calls back with the files added or changed in the watched folder. */
  onFiles(callback: (source: ImportSource) => void): () => void
}

/** Backup files: where they are written and read from, which depends on where the app runs. */
export interface BackupHost {
  /** Lets the user save a backup (a save dialog, or a download); where it went, or null. */
  save(data: Blob, fileName: string): Promise<string | null>
  /** Lets the user choose a backup file to restore; null when they cancel. */
  open(): Promise<{ name: string; data: Blob } | null>
  /** The app's own backups folder, or null where there is none (the browser build). */
  readonly automatic: AutomaticBackups | null
}

export interface AutomaticBackups {
  /** Writes a backup into the app's backups folder, which keeps the last few of each kind. */
  save(data: Blob, reason: AutoBackupReason): Promise<string>
  /** The backups in the folder, newest first. */
  list(): Promise<AutoBackupInfo[]>
}

export interface Host {
  /** Lets the user choose files to import; null when they cancel. */
  pickFiles(): Promise<ImportSource | null>
  /** Lets the user choose a folder; its files, recursively; null when they cancel. */
  pickFolder(): Promise<ImportSource | null>
  /** Files and folders dropped on the window, folders walked recursively. */
  fromDrop(data: DataTransfer): Promise<ImportSource | null>
  /** The sample releases shipped with the app. */
  loadSamples(): Promise<ImportSource>
  appInfo(): Promise<AppInfo>
  readonly watchedFolder: WatchedFolderHost
  /** Commands from the app menu (desktop only; the browser build has no app menu). */
  onMenuCommand(callback: (command: MenuCommand) => void): () => void
  /** Files the system asked the app to open ("Open with", a second launch); desktop only. */
  onOpenFiles(callback: (source: ImportSource) => void): () => void
  /** Records files an import could not take, with the reason, in the app's log (desktop). */
  logImportProblems(problems: readonly ImportProblem[]): Promise<void>
  readonly backups: BackupHost
}

/** A failure reported by the host, with a message a user can read. */
export class HostError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message)
    this.name = 'HostError'
  }
}

/** An import source over files already in memory (samples, tests). */
export function sourceFromList(label: string, files: readonly SourceFile[]): ImportSource {
  return {
    label,
    total: files.length,
    problems: [],
    read: async (start, count) => files.slice(start, start + count),
    close: async () => {},
  }
}
