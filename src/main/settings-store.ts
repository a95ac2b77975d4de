/**
 * The shell's own few settings (the watched folder, the folder backups were last saved in, the
 * window's size and place), in a small JSON file in the user's profile.
 * The archive itself lives in the renderer's IndexedDB; this file only has to survive restarts.
 *
 * A missing file is a first start; a corrupt or half-understood one is treated the same way
 * (field by field) rather than stopping the app from starting. Writes go to a temporary file
 * that is then renamed over the old one, so a crash mid-write leaves the old settings intact.
 */
import { randomBytes } from 'node:crypto'
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { consoleLogger, type Logger } from './log'
import { parseWindowState, type WindowState } from './window-state'

export type ShellSettings = {
  /** The folder being watched for new releases, or null. */
  watchedFolder: string | null
  /**
   * When the watched folder's files were last handed to the archive (ms since the epoch), so
   * that after a restart only the files added or changed since are imported again.
   */
  watchedSyncedAt: number
  /** The folder a backup was last saved in or restored from, where the next dialog opens. */
  lastBackupFolder: string | null
  /** The main window's size, place and maximized state when it was last moved or closed. */
  windowState: WindowState | null
}

export const DEFAULT_SETTINGS: ShellSettings = {
  watchedFolder: null,
  watchedSyncedAt: 0,
  lastBackupFolder: null,
  windowState: null,
}

/** What the other modules need of the store; tests may hand them a simpler one. */
export interface SettingsLike {
  read(): Promise<ShellSettings>
  update(patch: Partial<ShellSettings>): Promise<ShellSettings>
}

export class SettingsStore implements SettingsLike {
  private current: Promise<ShellSettings> | null = null
  // Updates run one after another, so an older write can never land after a newer one.
  private queue: Promise<unknown> = Promise.resolve()

  constructor(
    readonly file: string,
    private readonly log: Logger = consoleLogger,
  ) {}

  /** The settings as last saved (or being saved); read from disk once. */
  read(): Promise<ShellSettings> {
    this.current ??= this.load()
    return this.current
  }

  /** Changes some settings and saves them all. */
  update(patch: Partial<ShellSettings>): Promise<ShellSettings> {
    const run = this.queue.then(async () => {
      const next = { ...(await this.read()), ...patch }
      this.current = Promise.resolve(next)
      await this.writeAtomically(`${JSON.stringify(next, null, 2)}\n`)
      return next
    })
    // A failed write must not stop later ones; the caller still hears of it.
    this.queue = run.catch(() => {})
    return run
  }

  /** Resolves once every update asked for so far has been written (or has failed). */
  settled(): Promise<void> {
    return this.queue.then(() => {})
  }

  private async load(): Promise<ShellSettings> {
    let raw: string
    try {
      raw = await readFile(this.file, 'utf8')
    } catch (err) {
      if ((err as { code?: unknown }).code !== 'ENOENT') {
        this.log.error(`[settings] could not read ${this.file}; using defaults:`, err)
      }
      return { ...DEFAULT_SETTINGS }
    }
    return parseSettings(raw, this.log)
  }

  private async writeAtomically(text: string): Promise<void> {
    await mkdir(dirname(this.file), { recursive: true })
    const temporary = `${this.file}.${randomBytes(6).toString('hex')}.tmp`
    try {
      await writeFile(temporary, text, 'utf8')
      await rename(temporary, this.file)
    } catch (err) {
      await rm(temporary, { force: true })
      throw err
    }
  }
}

/** Takes what it recognises from the file's text, and defaults for the rest. */
export function parseSettings(raw: string, log: Logger = consoleLogger): ShellSettings {
  let value: unknown
  try {
    value = JSON.parse(raw)
  } catch {
    log.error('[settings] the settings file is not valid JSON; using defaults')
    return { ...DEFAULT_SETTINGS }
  }
  const record = (typeof value === 'object' && value !== null ? value : {}) as Record<
    string,
    unknown
  >
  const folder = record.watchedFolder
  const syncedAt = record.watchedSyncedAt
  const backupFolder = record.lastBackupFolder
  return {
    watchedFolder: typeof folder === 'string' && folder.length > 0 ? folder : null,
    watchedSyncedAt:
      typeof syncedAt === 'number' && Number.isFinite(syncedAt) && syncedAt >= 0 ? syncedAt : 0,
    lastBackupFolder:
      typeof backupFolder === 'string' && backupFolder.length > 0 ? backupFolder : null,
    windowState: parseWindowState(record.windowState),
  }
}
