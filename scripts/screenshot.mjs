// Takes the README's screenshot of the library and reader: starts the web
// build, loads the sample releases, opens one, tags it, annotates a passage
// with a note, and saves docs/screenshot.png.
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

  await page.getByRole('button', { name: /^\+ Tag/ }).click()
  const releaseTag = page.getByRole('combobox', { name: 'Tag this release' })
  await releaseTag.fill('Threats/Terrorism')
  await releaseTag.press('Enter')

  // Select the passage with the mouse, as a reader would.
  const phrase = 'countering terrorism, separatism and extremism'
  const paragraph = page
    .getByRole('list', { name: 'Paragraphs' })
    .getByRole('listitem')
    .filter({ hasText: phrase })
  await paragraph.scrollIntoViewIfNeeded()
  /* global document, NodeFilter -- the function runs in the page */
  const box = await paragraph.locator('[data-paragraph-text]').evaluate((container, wanted) => {
    const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.data.indexOf(wanted)
      if (at === -1) continue
      const range = document.createRange()
      range.setStart(node, at)
      range.setEnd(node, at + 1)
      const first = range.getBoundingClientRect()
      range.setStart(node, at + wanted.length - 1)
      range.setEnd(node, at + wanted.length)
      const last = range.getBoundingClientRect()
      return { x1: first.left + 1, y1: first.top + 8, x2: last.right - 1, y2: last.top + 8 }
    }
    throw new Error(`"${wanted}" is not in one text node of its paragraph`)
  }, phrase)
  await page.mouse.move(box.x1, box.y1)
  await page.mouse.down()
  await page.mouse.move(box.x2, box.y2, { steps: 5 })
  await page.mouse.up()
  await page
    .getByRole('toolbar', { name: 'Annotate selection' })
    .getByRole('button', { name: 'Add note' })
    .click()
  await page.getByRole('textbox', { name: 'Note' }).fill('The standard SCO formula, as in 2014.')
  await page.getByRole('button', { name: 'Done' }).click()
  await page.mouse.click(5, 795)
  await page.screenshot({ path: process.argv[2] ?? 'docs/screenshot.png' })
} finally {
  await browser.close()
  server.kill()
}
