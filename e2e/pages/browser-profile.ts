/**
 * A Chromium with its profile in a folder on disk, for tests that stop the browser the hard way
 * and open the same archive again: IndexedDB lives in the profile, so it outlives the processes.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium, type BrowserContext, type Page } from '@playwright/test'
import { CHROMIUM_ARGS, chromiumExecutable } from '../../scripts/chromium.mjs'

export class BrowserProfile {
  /** The profile folder (Chromium's --user-data-dir). */
  readonly dir: string
  private context: BrowserContext | null = null

  constructor(private readonly baseURL: string) {
    this.dir = resolve(mkdtempSync(join(tmpdir(), 'communique-profile-')))
  }

  /** Starts Chromium on this profile and returns its page. */
  async open(): Promise<Page> {
    if (this.context) throw new Error('the profile is already open')
    this.context = await chromium.launchPersistentContext(this.dir, {
      executablePath: chromiumExecutable(),
      args: CHROMIUM_ARGS,
      baseURL: this.baseURL,
      acceptDownloads: true,
    })
    return this.context.pages()[0] ?? this.context.newPage()
  }

  /** Another tab of the running browser, as a reload of a crashed tab gives. */
  async newPage(): Promise<Page> {
    if (!this.context) throw new Error('the profile is not open')
    return this.context.newPage()
  }

  /**
   * Crashes the renderer process of `page`, with the import workers running in it, as a
   * renderer fault or an out-of-memory kill does; the browser itself keeps running.
   */
  async crashRenderer(page: Page): Promise<void> {
    const cdp = await page.context().newCDPSession(page)
    const crashed = page.waitForEvent('crash')
    // The command never gets an answer: the process that would give it is gone.
    void cdp.send('Page.crash').catch(() => {})
    await crashed
  }

  /**
   * SIGKILLs the browser and every process it started (renderers, workers, the storage and
   * network services), all at once, as a kill from a task manager does: nothing gets to flush
   * or shut down. Returns the processes killed.
   */
  async killBrowser(): Promise<number[]> {
    const context = this.context
    if (!context) throw new Error('the profile is not open')
    const main = browserProcess(this.dir)
    if (main === null) throw new Error(`no browser process runs on ${this.dir}`)
    const pids = [main, ...descendants(main)]
    const closed = new Promise<void>((done) => context.once('close', () => done()))
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGKILL')
      } catch {
        // Already gone with its parent.
      }
    }
    await closed
    this.context = null
    // Chromium takes the profile over from a dead process; this waits for them all to be reaped.
    const deadline = Date.now() + 10_000
    while (pids.some(isAlive)) {
      if (Date.now() > deadline)
        throw new Error(`processes outlived SIGKILL: ${pids.filter(isAlive)}`)
      await new Promise((r) => setTimeout(r, 50))
    }
    return pids
  }

  /** Closes the browser, if it runs, and deletes the profile. */
  async dispose(): Promise<void> {
    await this.context?.close().catch(() => {})
    this.context = null
    rmSync(this.dir, { recursive: true, force: true })
  }
}

/** The browser process (not a renderer or a service: no --type) running on the profile `dir`. */
function browserProcess(dir: string): number | null {
  for (const pid of pids()) {
    const args = cmdline(pid)
    if (args.includes(`--user-data-dir=${dir}`) && !args.some((a) => a.startsWith('--type='))) {
      return pid
    }
  }
  return null
}

function descendants(root: number): number[] {
  const parentOf = new Map(pids().map((pid) => [pid, parentPid(pid)]))
  const found: number[] = []
  const queue = [root]
  while (queue.length > 0) {
    const parent = queue.shift() as number
    for (const [pid, ppid] of parentOf) {
      if (ppid === parent) {
        found.push(pid)
        queue.push(pid)
      }
    }
  }
  return found
}

function pids(): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
}

function cmdline(pid: number): string[] {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')
  } catch {
    return []
  }
}

function parentPid(pid: number): number | null {
  try {
    // "pid (comm) state ppid …": comm may hold spaces and brackets, so read after the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
  } catch {
    return null
  }
}

/** True while the process exists and is not a zombie waiting to be reaped. */
function isAlive(pid: number): boolean {
  if (!existsSync(`/proc/${pid}`)) return false
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z'
  } catch {
    return false
  }
}
