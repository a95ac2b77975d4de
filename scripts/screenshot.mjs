// Takes the README's screenshot of the library and reader: starts the web
// build, loads the sample releases, opens one, and saves docs/screenshot.png.
import { spawn } from 'node:child_process'
import { chromium } from '@playwright/test'
import { CHROMIUM_ARGS, chromiumExecutable } from './chromium.mjs'

const port = 4391
const server = spawn(process.execPath, ['scripts/web.mjs', '--port', String(port)], {
  stdio: ['ignore', 'pipe', 'inherit'],
})
await new Promise((resolve) =>
  server.stdout.on('data', (d) => String(d).includes('running') && resolve()),
)

const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS })
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
  await page.goto(`http://127.0.0.1:${port}/`)
  await page.getByRole('button', { name: 'Load sample releases' }).click()
  await page
    .getByRole('link', { name: /^Press release on the outcome of the 12th meeting/ })
    .click()
  await page.getByRole('list', { name: 'Paragraphs' }).waitFor()
  await page.getByRole('button', { name: 'Dismiss' }).click()
  await page.screenshot({ path: process.argv[2] ?? 'docs/screenshot.png' })
} finally {
  await browser.close()
  server.kill()
}
