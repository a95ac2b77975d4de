/**
 * Crash safety: an import of 2,000 real releases through Import folder… is cut short once some
 * of its batches are stored, by a renderer crash and by a SIGKILL of the whole browser. The same
 * profile is opened again: every release stored before the kill is still there, every release is
 * whole (its paragraphs, its text, the rows the library and the next import need), nothing points
 * at a release that is not there, and the app shows the archive. Importing the folder again
 * completes the archive: exactly the releases a clean import of the same files gives, with the
 * files stored before the kill reported as already in the archive.
 *
 * Each test runs Chromium on a profile of its own on disk (BrowserProfile), so IndexedDB
 * survives the kill; the clean import runs once, in a fresh profile, for both.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { ArchivePage, CORPUS } from './pages/archive-page'
import {
  integrityProblems,
  readStoredArchive,
  storedReleaseIds,
  type LogEntry,
  type StoredArchive,
} from './pages/archive-store'
import { BrowserProfile } from './pages/browser-profile'

const FILES = 2000
/** What the import reads (README: .txt, .text, .md, saved web pages). */
const IMPORTABLE = /\.(txt|text|md|html|htm)$/i
/** The folder the files are imported from, as the report names it. */
const FOLDER = 'crash-2000'
/**
 * The import writes batches of 200 files, one transaction each (features/import/import-runner):
 * the kill comes once at least two batches are stored, with at least eight still to come.
 */
const KILL_AFTER_FILES = 400

// Both tests and the clean import they compare with run one after another in one worker: on two
// cores, two imports at once would only slow each other down.
test.describe.configure({ mode: 'default' })

let root = ''
let folder = ''

/** The first 2,000 importable corpus files outside bad/, by path: every language and layout. */
function corpusSelection(): string[] {
  const files: string[] = []
  const walk = (dir: string, prefix: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name)
      if (statSync(path).isDirectory()) walk(path, `${prefix}${name}/`)
      else if (IMPORTABLE.test(name)) files.push(`${prefix}${name}`)
    }
  }
  for (const name of readdirSync(CORPUS).sort()) {
    if (name !== 'bad' && statSync(join(CORPUS, name)).isDirectory()) {
      walk(join(CORPUS, name), `${name}/`)
    }
  }
  return files.sort().slice(0, FILES)
}

test.beforeAll(() => {
  const chosen = corpusSelection()
  expect(chosen).toHaveLength(FILES)
  root = mkdtempSync(join(tmpdir(), 'communique-crash-'))
  folder = join(root, FOLDER)
  for (const file of chosen) {
    mkdirSync(dirname(join(folder, file)), { recursive: true })
    copyFileSync(join(CORPUS, file), join(folder, file))
  }
})

test.afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true })
})

function baseURL(): string {
  const url = test.info().project.use.baseURL
  if (!url) throw new Error('the web project has no baseURL')
  return url
}

/** Import folder… (Import a folder… in an empty archive) and the folder in its chooser. */
async function importFolder(app: ArchivePage): Promise<void> {
  const chooser = app.page.waitForEvent('filechooser')
  await app.page.getByRole('button', { name: /^Import (a )?folder…$/ }).click()
  await (await chooser).setFiles(folder)
  await expect(app.progress).toBeVisible()
}

/** Waits for the import under way to end, and for its report. */
async function importFinished(app: ArchivePage): Promise<string> {
  await expect(app.progress).toHaveCount(0, { timeout: 300_000 })
  await expect(app.report).toContainText(`Import report: ${FOLDER}/`)
  return (await app.importStatus.textContent()) ?? ''
}

/** "1,234 releases" in the top bar: the archive's count as the app shows it. */
function shownCount(page: Page, count: number) {
  return page
    .getByRole('banner')
    .getByText(`${count.toLocaleString('en')} release${count === 1 ? '' : 's'}`, { exact: true })
}

/** Files the progress bar says are done ("400 of 2000 files"). */
async function filesDone(app: ArchivePage): Promise<number> {
  const text = await app.progress
    .getByRole('progressbar')
    .getAttribute('aria-valuetext', { timeout: 1000 })
  return Number(/^(\d+) of /.exec(text ?? '')?.[1] ?? NaN)
}

/** Every file's outcome in one import, by file name. */
function outcomes(archive: StoredArchive, importId: string): Map<string, LogEntry> {
  return new Map(
    archive.logs
      .filter((l) => l.importId === importId)
      .sort((a, b) => a.chunk - b.chunk)
      .flatMap((l) => l.entries)
      .map((e) => [e.fileName, e]),
  )
}

type CleanImport = { ids: string[]; outcomes: Map<string, LogEntry> }
let clean: Promise<CleanImport> | null = null

/** The releases and outcomes of a clean import of the folder, in a fresh profile. */
function cleanImport(): Promise<CleanImport> {
  clean ??= (async () => {
    const profile = new BrowserProfile(baseURL())
    try {
      const app = new ArchivePage(await profile.open())
      await app.goto()
      await importFolder(app)
      await importFinished(app)
      const archive = await readStoredArchive(app.page)
      expect(integrityProblems(archive)).toEqual([])
      const [report] = archive.reports
      expect(report?.status).toBe('done')
      test.info().annotations.push({
        type: 'clean import',
        description: `${archive.releases.length} releases from ${FILES} files`,
      })
      return {
        ids: archive.releases.map((r) => r.id).sort(),
        outcomes: outcomes(archive, report?.id ?? ''),
      }
    } finally {
      await profile.dispose()
    }
  })()
  return clean
}

/**
 * Imports the folder into an empty archive, kills the import with `kill` once some batches are
 * stored, opens the profile again (`kill` returns the new page), checks what is there, then
 * imports the folder again and checks that the archive is complete.
 */
async function crashAndRecover(
  kill: (profile: BrowserProfile, page: Page) => Promise<Page>,
): Promise<void> {
  const expected = await cleanImport()
  const profile = new BrowserProfile(baseURL())
  try {
    const app = new ArchivePage(await profile.open())
    await app.goto()
    await importFolder(app)
    await expect
      .poll(() => filesDone(app), { intervals: [25], timeout: 120_000 })
      .toBeGreaterThanOrEqual(KILL_AFTER_FILES)
    // What a read sees is committed: these must all survive the kill.
    const committed = await storedReleaseIds(app.page)
    const done = await filesDone(app)
    expect(done, 'the import is still running at the kill').toBeLessThan(FILES)
    const page = await kill(profile, app.page)
    test.info().annotations.push({
      type: 'kill',
      description: `${committed.length} releases stored, ${done} of ${FILES} files done`,
    })

    // Reopened: the archive is whole and holds every release stored before the kill.
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text())
    })
    const after = new ArchivePage(page)
    await after.goto()
    const crashed = await readStoredArchive(page)
    const stored = new Set(crashed.releases.map((r) => r.id))
    expect(
      committed.filter((id) => !stored.has(id)),
      'releases stored before the kill and lost',
    ).toEqual([])
    expect(integrityProblems(crashed)).toEqual([])
    expect(crashed.releases.length, 'the kill cut the import short').toBeLessThan(
      expected.ids.length,
    )
    test.info().annotations.push({
      type: 'reopened',
      description: `${crashed.releases.length} releases in the archive`,
    })

    // The app shows them: the count, and a release stored before the kill with its paragraphs.
    await expect(shownCount(page, crashed.releases.length)).toBeVisible()
    const sample = crashed.releases
      .filter((r) => committed.includes(r.id) && r.paragraphCount >= 3 && r.paragraphCount <= 20)
      .sort((a, b) => a.id.localeCompare(b.id))[0]
    expect(sample, 'a stored release of 3 to 20 paragraphs').toBeDefined()
    await page.goto(`./#/release/${sample!.id}`)
    await expect(page.getByRole('heading', { level: 2, name: sample!.title })).toBeVisible()
    await expect(after.paragraphs).toHaveCount(sample!.paragraphCount)
    await page.goto('./')
    await expect(shownCount(page, crashed.releases.length)).toBeVisible()
    // The cut-off import's report says it did not finish, and lists what it stored.
    await page.getByRole('link', { name: 'Last import' }).click()
    await expect(after.report).toContainText(`Import report: ${FOLDER}/`)
    await expect(after.importStatus).toHaveText(/^Not finished\. Imported [\d,]+ releases?/)
    const [, ...listed] = await after.exportReport()
    expect(listed.length).toBe(crashed.logs.reduce((n, l) => n + l.entries.length, 0))
    await page.goto('./')

    // Importing the folder again completes the archive: exactly a clean import's releases.
    await importFolder(after)
    const summary = await importFinished(after)
    const final = await readStoredArchive(page)
    expect(integrityProblems(final)).toEqual([])
    expect(final.releases.map((r) => r.id).sort()).toEqual(expected.ids)
    await expect(shownCount(page, expected.ids.length)).toBeVisible()

    // The files stored before the kill are reported as already there; the rest as a clean
    // import reports them.
    const first = crashed.reports[0]
    const second = final.reports.find((r) => r.id !== first?.id)
    expect(crashed.reports).toHaveLength(1)
    expect(second?.status).toBe('done')
    const before = outcomes(crashed, first?.id ?? '')
    const again = outcomes(final, second?.id ?? '')
    expect(again.size).toBe(FILES)
    expect(before.size).toBeGreaterThanOrEqual(KILL_AFTER_FILES)
    const wrong: string[] = []
    for (const [file, now] of again) {
      const was = before.get(file)
      const want =
        was && was.outcome !== 'rejected' ? 'duplicate' : expected.outcomes.get(file)?.outcome
      if (now.outcome !== want) wrong.push(`${file}: ${now.outcome}, expected ${want}`)
    }
    expect(wrong).toEqual([])
    const already = [...again.values()].filter((e) => e.outcome === 'duplicate').length
    expect(summary).toMatch(/^Imported /)
    expect(summary).toContain(`${already.toLocaleString('en')} already in the archive`)
    expect(errors).toEqual([])
  } finally {
    await profile.dispose()
  }
}

test('a renderer crash in the middle of an import of 2,000 files loses no stored release, and importing again completes it', async () => {
  // 82 s and 48 s on a free 2-core machine; room for a busy one.
  test.setTimeout(360_000)
  await crashAndRecover(async (profile, page) => {
    await profile.crashRenderer(page)
    // The tab is opened again in the same browser, as after "Aw, Snap!".
    return profile.newPage()
  })
})

test('a SIGKILL of the whole browser in the middle of an import of 2,000 files loses no stored release, and importing again completes it', async () => {
  // 82 s and 48 s on a free 2-core machine; room for a busy one.
  test.setTimeout(360_000)
  await crashAndRecover(async (profile) => {
    const killed = await profile.killBrowser()
    expect(killed.length, 'the browser and the processes it started').toBeGreaterThan(1)
    return profile.open()
  })
})
