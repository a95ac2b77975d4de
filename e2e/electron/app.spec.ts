/**
 * The desktop app itself, driven through Playwright's Electron launcher: the window, the
 * isolation between page and Node as Electron really applied it, the app:// page, the menus,
 * imports through the main process (a folder, the command line, a second launch) and a backup
 * restored into an empty profile. Native dialogs are stubbed in the main process with
 * app.evaluate. The browser build covers everything else in e2e/*.spec.ts.
 */
import { spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  _electron as electron,
  expect,
  test,
  type ElectronApplication,
  type Page,
} from '@playwright/test'
import { electronBinary } from '../../scripts/electron-binary.mjs'
import {
  ArchivePage,
  SCO_2014,
  SCO_2014_TITLE,
  SCO_2017,
  SCO_2017_TITLE,
} from '../pages/archive-page'

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

// Chromium refuses to start as root with its OS sandbox (CI containers); the renderer is still
// sandboxed by webPreferences, which is what these tests check.
const SANDBOX_SWITCH = process.getuid?.() === 0 ? ['--no-sandbox'] : []

/** Clicks an item of the app menu in the main process, as the user would. */
async function clickMenu(app: ElectronApplication, menu: string, item: string): Promise<void> {
  const found = await app.evaluate(
    ({ Menu }, [menuLabel, itemLabel]) => {
      const top = Menu.getApplicationMenu()?.items.find((entry) => entry.label === menuLabel)
      const entry = top?.submenu?.items.find((candidate) => candidate.label === itemLabel)
      entry?.click()
      return entry !== undefined
    },
    [menu, item] as const,
  )
  expect(found, `${menu} › ${item}`).toBe(true)
}

/** A folder with the two SCO releases of the corpus, for imports through a stubbed picker. */
function scoFolder(parent: string): string {
  const folder = join(parent, 'sco')
  mkdirSync(folder, { recursive: true })
  copyFileSync(SCO_2017, join(folder, '000_5b5391892682d1ae.txt'))
  copyFileSync(SCO_2014, join(folder, '003_e372a3fb9bb542ce.txt'))
  return folder
}

/** Makes the main process's open dialog answer `paths` without showing anything. */
async function stubOpenDialog(app: ElectronApplication, paths: string[]): Promise<void> {
  await app.evaluate(({ dialog }, chosen) => {
    dialog.showOpenDialog = (async () => ({
      canceled: false,
      filePaths: chosen,
    })) as unknown as typeof dialog.showOpenDialog
  }, paths)
}

test.describe('the desktop app', () => {
  let app: ElectronApplication
  let page: Page
  let userData: string

  async function launch(profile: string, files: string[] = []): Promise<void> {
    app = await electron.launch({
      executablePath: binary ?? undefined,
      // The project folder rather than out/main/index.js: Electron then takes the app path,
      // name and version from package.json (whose "main" is out/main/index.js), as
      // `electron-vite preview` does, so the samples resolve to resources/samples. Files after
      // it are opened as "Open with Communiqué" would open them.
      args: [...SANDBOX_SWITCH, ROOT, ...files],
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
        'abortBackupSave',
        'appInfo',
        'chooseWatchedFolder',
        'closeBackup',
        'closeListing',
        'finishBackupSave',
        'getWatchedFolder',
        'listAutoBackups',
        'listDropped',
        'loadSamples',
        'logImportProblems',
        'onMenuCommand',
        'onOpenFiles',
        'onWatchedFiles',
        'openBackup',
        'pickFiles',
        'pickFolder',
        'readBackupPiece',
        'readListing',
        'startAutoBackupSave',
        'startBackupSave',
        'stopWatching',
        'writeBackupPiece',
      ],
      allFunctions: true,
      require: 'undefined',
      process: 'undefined',
    })
  })

  test('the window runs the page from app:// with the web preferences really in force', async () => {
    const seen = await app.evaluate(({ BrowserWindow }) => {
      const contents = BrowserWindow.getAllWindows()[0]?.webContents
      // Not in Electron's typings, but public on WebContents and used by Electron's own tests:
      // the preferences the renderer was actually created with, not the ones asked for.
      const last = (
        contents as unknown as { getLastWebPreferences(): Record<string, unknown> } | undefined
      )?.getLastWebPreferences()
      return {
        url: contents?.getURL() ?? null,
        prefs: last
          ? {
              contextIsolation: last.contextIsolation,
              sandbox: last.sandbox,
              nodeIntegration: last.nodeIntegration,
              nodeIntegrationInWorker: last.nodeIntegrationInWorker,
              nodeIntegrationInSubFrames: last.nodeIntegrationInSubFrames,
              webSecurity: last.webSecurity,
              allowRunningInsecureContent: last.allowRunningInsecureContent,
              webviewTag: last.webviewTag,
            }
          : null,
      }
    })
    expect(seen.prefs).toEqual({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    })
    expect(seen.url).toMatch(/^app:\/\/communique\/index\.html(#.*)?$/)
    expect(page.url()).toMatch(/^app:\/\/communique\//)
    // The page's own origin, with the policy the protocol handler sends.
    const policy = await page.evaluate(async () => {
      const response = await fetch('/index.html')
      return response.headers.get('Content-Security-Policy')
    })
    expect(policy).toContain("default-src 'none'")
  })

  test('the page cannot navigate away or open windows; a web link is offered to the browser', async () => {
    await app.evaluate(({ dialog, shell }) => {
      const g = globalThis as unknown as { asked: string[]; opened: string[] }
      g.asked = []
      g.opened = []
      dialog.showMessageBox = (async (...args: unknown[]) => {
        const options = args.at(-1) as { message: string }
        g.asked.push(options.message)
        return { response: 1, checkboxChecked: false } // Cancel
      }) as unknown as typeof dialog.showMessageBox
      shell.openExternal = (async (url: string) => {
        g.opened.push(url)
      }) as typeof shell.openExternal
    })
    const start = page.url()
    const opened = await page.evaluate(() => {
      const g = globalThis as unknown as {
        open(url: string): unknown
        location: { href: string }
      }
      const popup = g.open('https://example.com/')
      g.location.href = 'file:///etc/passwd'
      return popup === null
    })
    expect(opened).toBe(true)
    await page.waitForTimeout(300)
    expect(page.url()).toBe(start)
    expect(app.windows()).toHaveLength(1)
    const record = await app.evaluate(() => {
      const g = globalThis as unknown as { asked: string[]; opened: string[] }
      return { asked: g.asked, opened: g.opened }
    })
    expect(record.asked).toEqual(['Open https://example.com/ in your browser?'])
    expect(record.opened).toEqual([])
  })

  test('the File menu has the imports, export and backups, and its commands reach the page', async () => {
    const labels = await app.evaluate(({ Menu }) => {
      const file = Menu.getApplicationMenu()?.items.find((item) => item.label === 'File')
      return file?.submenu?.items.map((item) => item.label).filter(Boolean) ?? null
    })
    expect(labels).toEqual(
      expect.arrayContaining([
        'Import Files…',
        'Import Folder…',
        'Watch Folder…',
        'Export…',
        'Back Up Now',
        'Restore…',
        'Verify Archive',
      ]),
    )

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

  test('Import Folder… in the menu imports a folder chosen in the (stubbed) picker', async () => {
    await stubOpenDialog(app, [scoFolder(userData)])
    await clickMenu(app, 'File', 'Import Folder…')
    const archive = new ArchivePage(page)
    await expect(archive.libraryItem(SCO_2017_TITLE)).toBeVisible()
    await expect(archive.libraryItem(SCO_2014_TITLE)).toBeVisible()
  })

  test('files on the command line are imported, as "Open with Communiqué" does', async () => {
    await app.close()
    await launch(userData, [SCO_2017])
    await expect(new ArchivePage(page).libraryItem(SCO_2017_TITLE)).toBeVisible()
  })

  test('a second launch with a file focuses this window and imports the file', async () => {
    const second = spawnSync(binary as string, [...SANDBOX_SWITCH, ROOT, SCO_2014], {
      cwd: ROOT,
      env: { ...stringEnv(), COMMUNIQUE_USER_DATA_DIR: userData },
      timeout: 20_000,
    })
    // The second instance finds the archive open, hands over its command line and quits.
    expect(second.status).toBe(0)
    await expect(new ArchivePage(page).libraryItem(SCO_2014_TITLE)).toBeVisible()
    expect(app.windows()).toHaveLength(1)
  })

  test('Back Up Now writes a backup that Restore… brings back into an empty archive', async () => {
    const folder = scoFolder(userData)
    await stubOpenDialog(app, [folder])
    await clickMenu(app, 'File', 'Import Folder…')
    const archive = new ArchivePage(page)
    await expect(archive.libraryItem(SCO_2014_TITLE)).toBeVisible()

    const backup = join(userData, 'saved', 'archive.communique-backup')
    mkdirSync(dirname(backup), { recursive: true })
    await app.evaluate(({ dialog }, path) => {
      dialog.showSaveDialog = (async () => ({
        canceled: false,
        filePath: path,
      })) as unknown as typeof dialog.showSaveDialog
    }, backup)
    await clickMenu(app, 'File', 'Back Up Now')
    await expect(page.getByRole('status').filter({ hasText: /^Backed up/ })).toContainText(backup)
    expect(existsSync(backup)).toBe(true)
    await expect(page.getByRole('button', { name: 'Back Up Now' })).toBeVisible()

    // A new, empty profile (inside this test's folder, which afterEach removes): the restore
    // has to bring everything back.
    await app.close()
    await launch(join(userData, 'fresh-profile'))
    await stubOpenDialog(app, [backup])
    await clickMenu(app, 'File', 'Restore…')
    const confirm = page.getByRole('alertdialog', { name: /Restore/ })
    await expect(confirm).toBeVisible()
    await expect(page.getByRole('button', { name: 'Restore…' })).toBeVisible()
    await confirm.getByRole('button', { name: 'Replace the archive with this backup' }).click()
    const restored = new ArchivePage(page)
    await expect(restored.libraryItem(SCO_2017_TITLE)).toBeVisible({ timeout: 20_000 })
    await expect(restored.libraryItem(SCO_2014_TITLE)).toBeVisible()
    // The archive it replaced was kept among the automatic backups.
    const automatic = await page.evaluate(async () => {
      const api = (globalThis as Globals).communique as unknown as {
        listAutoBackups(): Promise<{ ok: boolean; value: { reason: string }[] }>
      }
      return (await api.listAutoBackups()).value.map((b) => b.reason)
    })
    expect(automatic).toContain('before-restore')
  })
})

function stringEnv(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      (entry): entry is [string, string] => entry[1] !== undefined,
    ),
  )
}
