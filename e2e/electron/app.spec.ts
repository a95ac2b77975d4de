/**
 * The desktop app itself, driven through Playwright's Electron launcher: the window, the
 * isolation between page and Node, and one import through the real bridge. The browser build
 * covers everything else in e2e/*.spec.ts.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  _electron as electron,
  expect,
  test,
  type ElectronApplication,
  type Page,
} from '@playwright/test'
import { electronBinary } from '../../scripts/electron-binary.mjs'
import { ArchivePage, SCO_2017_TITLE } from '../pages/archive-page'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))

const binary = electronBinary()

test.skip(
  binary === null,
  'Electron binary not installed (ELECTRON_SKIP_BINARY_DOWNLOAD); the desktop suite runs where it is',
)
test.skip(
  !existsSync(join(ROOT, 'out', 'main', 'index.js')),
  'out/main/index.js is missing; run `npm run build` before the desktop suite',
)

type Globals = { communique?: Record<string, unknown> }

test.describe('the desktop app', () => {
  let app: ElectronApplication
  let page: Page
  let userData: string

  async function launch(profile: string): Promise<void> {
    app = await electron.launch({
      executablePath: binary ?? undefined,
      // The project folder rather than out/main/index.js: Electron then takes the app path,
      // name and version from package.json (whose "main" is out/main/index.js), as
      // `electron-vite preview` does, so the samples resolve to resources/samples.
      args: [
        // Chromium refuses to start as root with its OS sandbox (CI containers); the renderer
        // is still sandboxed by webPreferences, which is what these tests check.
        ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
        ROOT,
      ],
      cwd: ROOT,
      env: { ...stringEnv(), COMMUNIQUE_USER_DATA_DIR: profile },
    })
    page = await app.firstWindow()
    await page.getByRole('heading', { name: 'Communiqué' }).first().waitFor()
  }

  test.beforeEach(async () => {
    userData = mkdtempSync(join(tmpdir(), 'communique-e2e-'))
    await launch(userData)
  })

  test.afterEach(async () => {
    await app?.close()
    rmSync(userData, { recursive: true, force: true })
  })

  test("opens one window titled 'Communiqué'", async () => {
    await expect(page).toHaveTitle('Communiqué')
    const titles = await app.evaluate(({ BrowserWindow }) =>
      BrowserWindow.getAllWindows().map((w) => w.getTitle()),
    )
    expect(titles).toEqual(['Communiqué'])
  })

  test('the page gets the bridge, and no Node', async () => {
    const seen = await page.evaluate(() => {
      const api = (globalThis as Globals).communique
      return {
        actions: api ? Object.keys(api).sort() : null,
        allFunctions: api ? Object.values(api).every((f) => typeof f === 'function') : false,
        require: typeof require,
        process: typeof process,
      }
    })
    expect(seen).toEqual({
      actions: [
        'appInfo',
        'chooseWatchedFolder',
        'closeListing',
        'getWatchedFolder',
        'listDropped',
        'loadSamples',
        'onMenuCommand',
        'onWatchedFiles',
        'pickFiles',
        'pickFolder',
        'readListing',
        'stopWatching',
      ],
      allFunctions: true,
      require: 'undefined',
      process: 'undefined',
    })
  })

  test('the main process runs the window isolated and sandboxed', async () => {
    const prefs = await app.evaluate(({ BrowserWindow }) => {
      const contents = BrowserWindow.getAllWindows()[0]?.webContents
      // Not in Electron's typings, but public on WebContents and used by Electron's own tests:
      // the preferences the renderer was actually created with, not the ones asked for.
      const last = (
        contents as unknown as { getLastWebPreferences(): Record<string, unknown> } | undefined
      )?.getLastWebPreferences()
      return last
        ? {
            contextIsolation: last.contextIsolation,
            sandbox: last.sandbox,
            nodeIntegration: last.nodeIntegration,
          }
        : null
    })
    expect(prefs).toEqual({ contextIsolation: true, sandbox: true, nodeIntegration: false })
  })

  test('the page cannot navigate away or open windows', async () => {
    const start = page.url()
    const opened = await page.evaluate(() => {
      const g = globalThis as unknown as {
        open(url: string): unknown
        location: { href: string }
      }
      const popup = g.open('https://example.com/')
      g.location.href = 'https://example.com/'
      return popup === null
    })
    expect(opened).toBe(true)
    await page.waitForTimeout(300)
    expect(page.url()).toBe(start)
    expect(app.windows()).toHaveLength(1)
  })

  test('the File menu offers Import Files… and Import Folder…, which reach the page', async () => {
    const labels = await app.evaluate(({ Menu }) => {
      const file = Menu.getApplicationMenu()?.items.find((item) => item.label === 'File')
      return file?.submenu?.items.map((item) => item.label).filter(Boolean) ?? null
    })
    expect(labels).toEqual(expect.arrayContaining(['Import Files…', 'Import Folder…']))

    await page.evaluate(() => {
      const g = globalThis as unknown as Globals & { seenCommands: unknown[] }
      g.seenCommands = []
      const subscribe = g.communique?.onMenuCommand as (cb: (command: unknown) => void) => void
      subscribe((command) => g.seenCommands.push(command))
    })
    await app.evaluate(({ Menu }) => {
      const file = Menu.getApplicationMenu()?.items.find((item) => item.label === 'File')
      file?.submenu?.items.find((item) => item.label === 'Import Folder…')?.click()
    })
    await expect
      .poll(() =>
        page.evaluate(() => (globalThis as unknown as { seenCommands: unknown[] }).seenCommands),
      )
      .toEqual(['import-folder'])
  })

  test('importing a folder through the (stubbed) folder picker lists its files', async () => {
    const folder = join(userData, 'releases')
    mkdirSync(join(folder, '2024'), { recursive: true })
    writeFileSync(join(folder, '2024', 'statement.txt'), 'Joint statement')
    writeFileSync(join(folder, 'briefing.md'), '# Briefing')
    writeFileSync(join(folder, '.hidden.txt'), 'not listed')
    await app.evaluate(({ dialog }, chosen) => {
      dialog.showOpenDialog = (async () => ({
        canceled: false,
        filePaths: [chosen],
      })) as unknown as typeof dialog.showOpenDialog
    }, folder)

    const result = await page.evaluate(async () => {
      type Api = {
        pickFolder(): Promise<{
          ok: boolean
          value: { id: string; files: { name: string }[] }
        }>
        readListing(
          id: string,
          start: number,
          count: number,
        ): Promise<{ ok: boolean; value: { name: string; bytes?: Uint8Array }[] }>
      }
      const api = (globalThis as Globals).communique as unknown as Api
      const listing = await api.pickFolder()
      const read = await api.readListing(listing.value.id, 0, 10)
      return {
        names: listing.value.files.map((f) => f.name),
        texts: read.value.map((f) => (f.bytes ? new TextDecoder().decode(f.bytes) : null)),
      }
    })
    expect(result).toEqual({
      names: ['releases/2024/statement.txt', 'releases/briefing.md'],
      texts: ['Joint statement', '# Briefing'],
    })
  })

  test('"Load sample releases" imports the shipped samples through the bridge', async () => {
    const archive = new ArchivePage(page)
    await page.getByRole('button', { name: 'Load sample releases' }).click()
    await expect(archive.libraryItem(SCO_2017_TITLE)).toBeVisible()
  })

  test('imported releases are still there after the app restarts', async () => {
    await page.getByRole('button', { name: 'Load sample releases' }).click()
    await expect(new ArchivePage(page).libraryItem(SCO_2017_TITLE)).toBeVisible()
    await app.close()

    await launch(userData)
    const archive = new ArchivePage(page)
    await expect(archive.library.getByRole('link')).toHaveCount(5)
    await archive.open(SCO_2017_TITLE)
    await expect(archive.paragraphs).toHaveCount(24)
  })
})

function stringEnv(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      (entry): entry is [string, string] => entry[1] !== undefined,
    ),
  )
}
