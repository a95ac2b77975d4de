/**
 * The watched folder: a folder whose releases flow into the archive without anyone clicking
 * Import, say where a newsletter or a scraper saves them.
 *
 * - When the user chooses a folder, the files already in it are imported once: a researcher
 *   pointing the app at their folder expects its contents to be in the archive.
 * - After that, files added or changed in it (at any depth) are imported, batched: events are
 *   gathered until the folder has been quiet for a moment and sent as one listing, and a file
 *   is only reported once its size has stopped changing, so a half-copied file is not read.
 * - Hidden files and folders are ignored, as in every other import.
 * - The choice survives restarts. On start, watching resumes and the files added or changed
 *   while the app was closed are imported; if the folder has gone, the status says so in words.
 *
 * The shell never parses anything: a batch is a listing like a pick or a drop, read in slices
 * by the renderer, whose importer skips what it already has.
 */
import { stat } from 'node:fs/promises'
import { basename, isAbsolute, relative, sep } from 'node:path'
import { watch, type FSWatcher } from 'chokidar'
import type { ImportListing, WatchStatus } from '../shared/ipc/contract'
import type { ListingStore } from './listings'
import { consoleLogger, type Logger } from './log'
import type { SettingsStore } from './settings-store'
import { compareNames, walkPaths } from './walk'

export type WatcherOptions = {
  listings: ListingStore
  settings: SettingsStore
  /** Hands a listing to the renderer. */
  send: (listing: ImportListing) => void
  /** Quiet time before a batch of changes is sent. */
  debounceMs?: number
  /** How long a file's size must stay the same before it counts as written. */
  stabilityMs?: number
  /** Passed to the walks, so tests can check the listing cap without 250,000 files. */
  maxFiles?: number
  log?: Logger
}

const DEFAULT_DEBOUNCE_MS = 500
const DEFAULT_STABILITY_MS = 1000

export class FolderWatcher {
  private folder: string | null = null
  private error: string | null = null
  private watcher: FSWatcher | null = null
  private readonly pending = new Set<string>()
  private timer: ReturnType<typeof setTimeout> | null = null
  // Bumped whenever watching starts or stops, so late work of an earlier watch is dropped.
  private generation = 0

  private readonly log: Logger

  constructor(private readonly opts: WatcherOptions) {
    this.log = opts.log ?? consoleLogger
  }

  status(): WatchStatus {
    return { folder: this.folder, error: this.error }
  }

  /** Resumes watching the folder chosen in an earlier session, if any. */
  async resume(): Promise<WatchStatus> {
    const settings = await this.opts.settings.read()
    if (settings.watchedFolder === null) return this.status()
    return this.start(settings.watchedFolder, settings.watchedSyncedAt)
  }

  /** Starts watching a folder the user has just chosen; its current files are imported once. */
  async watch(folder: string): Promise<WatchStatus> {
    await this.opts.settings.update({ watchedFolder: folder, watchedSyncedAt: 0 })
    return this.start(folder, undefined)
  }

  /** Stops watching and forgets the folder. */
  async stop(): Promise<WatchStatus> {
    await this.close()
    this.folder = null
    this.error = null
    await this.opts.settings.update({ watchedFolder: null, watchedSyncedAt: 0 })
    return this.status()
  }

  /** Stops watching but keeps the choice, for the next start (the app is quitting). */
  async close(): Promise<void> {
    this.generation++
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    this.pending.clear()
    const watcher = this.watcher
    this.watcher = null
    await watcher?.close()
  }

  private async start(folder: string, changedSince: number | undefined): Promise<WatchStatus> {
    await this.close()
    const generation = this.generation
    this.folder = folder
    this.error = null
    try {
      return await this.begin(folder, changedSince, generation)
    } catch (err) {
      this.log.error(`[watcher] could not start watching ${folder}:`, err)
      if (generation === this.generation) {
        await this.close()
        this.error = `Watching ${folder} failed: ${err instanceof Error ? err.message : String(err)}`
      }
      return this.status()
    }
  }

  private async begin(
    folder: string,
    changedSince: number | undefined,
    generation: number,
  ): Promise<WatchStatus> {
    const missing = await folderProblem(folder)
    if (generation !== this.generation) return this.status()
    if (missing) {
      this.error = missing
      return this.status()
    }

    const watcher = watch(folder, {
      // The files already there are walked below, in the same order as any folder import.
      ignoreInitial: true,
      ignored: (path: string) => isHidden(folder, path),
      followSymlinks: false,
      awaitWriteFinish: {
        stabilityThreshold: this.opts.stabilityMs ?? DEFAULT_STABILITY_MS,
        pollInterval: 100,
      },
    })
    this.watcher = watcher
    watcher.on('add', (path) => this.queue(generation, path))
    watcher.on('change', (path) => this.queue(generation, path))
    watcher.on('unlinkDir', (path) => {
      if (generation === this.generation && path === folder) {
        this.error = `The watched folder ${folder} is no longer there. Choose it again, or stop watching.`
      }
    })
    watcher.on('error', (err) => {
      if (generation !== this.generation) return
      this.log.error(`[watcher] error while watching ${folder}:`, err)
      this.error = `Watching ${folder} failed: ${err instanceof Error ? err.message : String(err)}`
    })
    await new Promise<void>((resolve) => watcher.once('ready', resolve))
    if (generation !== this.generation) return this.status()

    // Walked after the watcher is ready, so a file added meanwhile is seen by one or the other
    // (or both: the importer skips a file it already has).
    const walkedAt = Date.now()
    const walk = await walkPaths([folder], { changedSince, maxFiles: this.opts.maxFiles })
    if (generation !== this.generation) return this.status()
    if (walk.files.length > 0 || walk.problems.length > 0) this.deliver(walk, walkedAt)
    else await this.markSynced(walkedAt)
    return this.status()
  }

  private queue(generation: number, path: string): void {
    if (generation !== this.generation) return
    this.pending.add(path)
    if (this.timer) clearTimeout(this.timer)
    this.timer = setTimeout(() => {
      this.timer = null
      void this.flush(generation)
    }, this.opts.debounceMs ?? DEFAULT_DEBOUNCE_MS)
  }

  private async flush(generation: number): Promise<void> {
    const folder = this.folder
    if (generation !== this.generation || folder === null || this.pending.size === 0) return
    const flushedAt = Date.now()
    const paths = [...this.pending].sort((a, b) =>
      compareNames(relative(folder, a), relative(folder, b)),
    )
    this.pending.clear()
    try {
      const walk = await walkPaths(paths, { base: folder, maxFiles: this.opts.maxFiles })
      if (generation !== this.generation) return
      // A file that was removed again before the batch went out is not worth a report line.
      const problems = walk.problems.filter((p) => !p.error.endsWith('(not found)'))
      if (walk.files.length === 0 && problems.length === 0) return
      this.deliver({ ...walk, problems }, flushedAt)
    } catch (err) {
      this.log.error(`[watcher] a batch of changes in ${folder} could not be listed:`, err)
    }
  }

  private deliver(walk: Awaited<ReturnType<typeof walkPaths>>, syncedAt: number): void {
    const folder = this.folder as string
    this.opts.send(this.opts.listings.add({ ...walk, label: basename(folder) || folder }, [folder]))
    void this.markSynced(syncedAt)
  }

  private async markSynced(at: number): Promise<void> {
    try {
      await this.opts.settings.update({ watchedSyncedAt: at })
    } catch (err) {
      this.log.error('[watcher] could not save the watched folder’s state:', err)
    }
  }
}

async function folderProblem(folder: string): Promise<string | null> {
  try {
    const info = await stat(folder)
    if (info.isDirectory()) return null
    return `The watched folder ${folder} is not a folder any more. Choose it again, or stop watching.`
  } catch {
    return `The watched folder ${folder} is no longer there. Choose it again, or stop watching.`
  }
}

/** True for a path inside `folder` with a hidden file or folder (a leading dot) on the way. */
function isHidden(folder: string, path: string): boolean {
  const inside = relative(folder, path)
  // '' is the folder itself; '..' leads outside it, where the folder's own name does not count.
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return false
  return inside.split(sep).some((part) => part.startsWith('.'))
}
