// Renders resources/icon.svg to resources/icon.png (1024 x 1024, transparent corners) with the
// system's Chromium, for electron-builder, which makes the macOS .icns and the Windows .ico
// from the PNG. Run after changing the SVG: `node scripts/render-icon.mjs`.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from '@playwright/test'
import { chromiumExecutable } from './chromium.mjs'

const resources = fileURLToPath(new URL('../resources/', import.meta.url))
const SIZE = 1024

const dir = mkdtempSync(join(tmpdir(), 'communique-icon-'))
try {
  const page = join(dir, 'icon.html')
  writeFileSync(
    page,
    `<!doctype html><style>html,body{margin:0;width:${SIZE}px;height:${SIZE}px;overflow:hidden;background:transparent}</style>${readFileSync(join(resources, 'icon.svg'), 'utf8')}`,
  )
  execFileSync(
    chromiumExecutable() ?? chromium.executablePath(),
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--hide-scrollbars',
      '--default-background-color=00000000',
      `--window-size=${SIZE},${SIZE}`,
      `--screenshot=${join(resources, 'icon.png')}`,
      `file://${page}`,
    ],
    { stdio: 'ignore' },
  )
  console.log(`wrote ${join(resources, 'icon.png')}`)
} finally {
  rmSync(dir, { recursive: true, force: true })
}
