/**
 * The headless Chromium the browser benches drive: found as the end-to-end tests
 * find it (scripts/chromium.mjs), with an on-disk profile in a temporary folder,
 * since a Playwright incognito context keeps IndexedDB in memory, which is not
 * what users have. The browser and its profile go on success, failure and Ctrl-C.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type BrowserContext, type Page } from '@playwright/test'
import { CHROMIUM_ARGS, chromiumExecutable } from '../scripts/chromium.mjs'
import { BenchError, type BenchOptions } from './types.ts'

export const VIEWPORT = { width: 1280, height: 720 }

/** The Chromium to launch (undefined: Playwright's own), checked before anything is built. */
export function findChromium(): string | undefined {
  const executablePath = chromiumExecutable()
  if (executablePath ? !existsSync(executablePath) : !existsSync(chromium.executablePath())) {
    throw new BenchError(
      `Chromium not found${executablePath ? ` at ${executablePath}` : ''}: install it (Debian: /usr/bin/chromium) or set CHROMIUM_PATH to its executable.`,
    )
  }
  return executablePath
}

export type Browser = {
  page: Page
  context: BrowserContext
  version: string
  close: () => Promise<void>
}

export type BrowserOptions = {
  /** The bench's name, in the profile folder's name. */
  name: string
  /** Flags beyond the end-to-end tests' own (CHROMIUM_ARGS). */
  args?: readonly string[]
  viewport?: { width: number; height: number }
}

export async function openBrowser(
  executablePath: string | undefined,
  onExit: BenchOptions['onExit'],
  log: (message: string) => void,
  options: BrowserOptions,
): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), `communique-bench-${options.name}-`))
  let context: BrowserContext | null = null
  // The driver's cleanup: it closes once, whether called here or on exit.
  const cleanup = onExit(async () => {
    await context?.close().catch(() => {})
    await removeProfile(profile)
  })
  try {
    context = await chromium.launchPersistentContext(profile, {
      headless: true,
      executablePath,
      args: [...CHROMIUM_ARGS, ...(options.args ?? [])],
      viewport: options.viewport ?? VIEWPORT,
      // run.ts closes the browser and removes its profile on Ctrl-C; Playwright's own
      // handlers would exit the process before the profile is gone.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    })
  } catch (error) {
    await cleanup()
    throw new BenchError(
      `Chromium did not start (${executablePath ?? 'Playwright’s Chromium'}): ${message(error)}`,
    )
  }
  // tsx compiles this bench with esbuild's keepNames, which wraps a named function in a
  // call to its `__name` helper; the probes reach the page as source text, without the helper.
  await context.addInitScript({ content: 'globalThis.__name = (fn) => fn' })
  const page = context.pages()[0] ?? (await context.newPage())
  page.on('pageerror', (error) => log(`  page error: ${error.message}`))
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') log(`  console ${m.type()}: ${m.text()}`)
  })
  return {
    page,
    context,
    version: context.browser()?.version() ?? 'unknown version',
    close: async () => {
      await cleanup()
    },
  }
}

/**
 * On Ctrl-C Chromium gets the signal too and may still be writing its profile
 * while it dies, after Playwright has let go of it: retry until the folder stays gone.
 */
async function removeProfile(profile: string): Promise<void> {
  for (let attempt = 0; attempt < 10 && existsSync(profile); attempt++) {
    if (attempt > 0) await new Promise((done) => setTimeout(done, 300))
    rmSync(profile, { recursive: true, force: true, maxRetries: 3 })
  }
}

/** page.evaluate has no timeout of its own; a crashed page or a stuck probe must still end the bench. */
export async function deadline<R>(
  page: Page,
  timeoutMs: number,
  what: string,
  work: Promise<R>,
): Promise<R> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new BenchError(`${what}: no answer within ${Math.round(timeoutMs / 1000)} s`)),
      timeoutMs,
    )
  })
  let onCrash = () => {}
  const crash = new Promise<never>((_, reject) => {
    onCrash = () => reject(new BenchError(`${what}: the page crashed`))
    page.once('crash', onCrash)
  })
  try {
    return await Promise.race([work, timeout, crash])
  } finally {
    clearTimeout(timer)
    page.off('crash', onCrash)
  }
}

export const message = (error: unknown): string =>
  error instanceof Error ? error.message : String(error)
