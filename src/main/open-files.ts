/**
 * Files the system hands the app to open: those on its command line ("Open with Communiqué",
 * a file dropped on the app's icon, `communique statement.txt` in a terminal), those of a second
 * launch (which quits at once and passes its command line to this one), and on macOS the
 * `open-file` events. They are walked like a drop and sent to the page as one listing to import.
 */
import { stat } from 'node:fs/promises'
import { resolve } from 'node:path'
import { MAX_DROPPED_PATHS, type ImportListing } from '../shared/ipc/contract'
import type { ListingStore } from './listings'
import type { Logger } from './log'
import { walkPaths, type WalkOptions } from './walk'

export type CommandLineContext = {
  /** The folder relative paths are taken from: the launching process's working directory. */
  cwd: string
  /** app.getAppPath(): an unpackaged app is started as `electron <app path> ...`. */
  appPath: string
  isPackaged: boolean
}

/**
 * The files and folders named on a command line that exist, as absolute paths, in order and
 * without repeats. Left out: the executable (argv[0]), switches (`--no-sandbox`, macOS's
 * `-psn_0_123`), the app's own folder when unpackaged, and anything that is not there.
 */
export async function pathsFromCommandLine(
  argv: readonly string[],
  where: CommandLineContext,
): Promise<string[]> {
  let args = argv
    .slice(1)
    .filter((arg) => typeof arg === 'string' && arg !== '' && !arg.startsWith('-'))
  // Unpackaged, the first argument is the app folder Electron was told to run.
  if (!where.isPackaged) args = args.slice(1)
  const appPath = resolve(where.appPath)
  const seen = new Set<string>()
  const paths: string[] = []
  for (const arg of args) {
    if (arg.includes('\0')) continue
    const path = resolve(where.cwd, arg)
    if (path === appPath || seen.has(path)) continue
    seen.add(path)
    try {
      const info = await stat(path)
      if (info.isFile() || info.isDirectory()) paths.push(path)
    } catch {
      // Not a file: a URL, a typo, an argument meant for Chromium.
    }
    if (paths.length === MAX_DROPPED_PATHS) break
  }
  return paths
}

export type OpenFilesDeps = {
  listings: ListingStore
  /** Hands the listing to the page (held until it has loaded). */
  send: (listing: ImportListing) => void
  log: Logger
  walkOptions?: WalkOptions
}

/** Walks paths the system asked the app to open and sends them to the page as one listing. */
export async function openPaths(
  paths: readonly string[],
  deps: OpenFilesDeps,
): Promise<ImportListing | null> {
  if (paths.length === 0) return null
  const listing = deps.listings.add(await walkPaths(paths, deps.walkOptions), paths)
  deps.log.info(`[open] ${listing.files.length} files to import from ${paths.join(', ')}`)
  deps.send(listing)
  return listing
}

/**
 * Gathers paths that arrive one by one (macOS sends one `open-file` event per file) into one
 * batch, sent once none has come for `delayMs`, and not before `start()` (the app is ready).
 */
export class PathBatcher {
  private paths: string[] = []
  private timer: ReturnType<typeof setTimeout> | null = null
  private started = false

  constructor(
    private readonly deliver: (paths: string[]) => void,
    private readonly delayMs = 200,
  ) {}

  add(paths: readonly string[]): void {
    this.paths.push(...paths)
    if (this.started) this.schedule()
  }

  start(): void {
    this.started = true
    if (this.paths.length > 0) this.schedule()
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = setTimeout(() => {
      this.timer = null
      const batch = [...new Set(this.paths)]
      this.paths = []
      if (batch.length > 0) this.deliver(batch)
    }, this.delayMs)
  }
}
