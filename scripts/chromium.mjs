// Which Chromium the end-to-end tests and the screenshot script launch, and how.
import { existsSync } from 'node:fs'
import { chromium } from '@playwright/test'

/**
 * Flags for a machine with no network and no GPU: without the background-networking ones,
 * Chromium keeps trying to reach Google's services, and every attempt is refused.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/**
 * Playwright's own Chromium when it is installed, otherwise the system's (Debian's
 * /usr/bin/chromium): machines without internet cannot download Playwright's browsers.
 * CHROMIUM_PATH overrides both.
 */
export function chromiumExecutable() {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH
  if (existsSync(chromium.executablePath())) return undefined
  return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined
}
