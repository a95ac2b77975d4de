/**
 * Backups as a researcher uses them in the browser build: back up an archive with releases,
 * tags and a note, lose it (a fresh browser profile), restore the file and find everything
 * again; and a damaged backup is refused with the file's name and the reason, with the
 * archive untouched.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { unzipSync, zipSync } from 'fflate'
import { ArchivePage, SCO_2014_TITLE, SCO_2017_TITLE } from './pages/archive-page'
import { ReaderPage, startWithSco, tagChip } from './pages/reader-page'
import { SearchPage } from './pages/search-page'

const FORMULA = 'countering terrorism, separatism and extremism'
const NOTE = 'The formula of the three evils, again.'

class BackupsPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('link', { name: 'Backups' }).click()
    await this.page.getByRole('heading', { name: 'Backups', level: 2 }).waitFor()
  }

  /** Backs up now and returns the path of the downloaded file. */
  async backUp(): Promise<string> {
    const download = this.page.waitForEvent('download')
    await this.page.getByRole('button', { name: 'Back Up Now' }).click()
    const file = await download
    expect(file.suggestedFilename()).toMatch(
      /^communique-\d{4}-\d\d-\d\d-\d{4}\.communique-backup$/,
    )
    const path = join(mkdtempSync(join(tmpdir(), 'communique-backup-')), file.suggestedFilename())
    await file.saveAs(path)
    await expect(this.page.getByRole('status').filter({ hasText: 'Backed up' })).toBeVisible()
    return path
  }

  /** Chooses `path` in Restore… and returns the question or refusal that follows. */
  async chooseRestore(path: string): Promise<void> {
    const chooser = this.page.waitForEvent('filechooser')
    await this.page.getByRole('button', { name: 'Restore…' }).click()
    await (await chooser).setFiles(path)
  }
}

test('back up, lose the archive, restore it, and find every release, tag and note', async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000)
  const { reader } = await startWithSco(page)
  await reader.annotate(5, FORMULA, NOTE)
  await reader.tagRelease('Security/Terrorism')
  const backups = new BackupsPage(page)
  await backups.open()
  await expect(page.getByText(/^The archive uses .+ of the .+ available to it\.$/)).toBeVisible()
  const file = await backups.backUp()
  await expect(page.getByRole('status').filter({ hasText: 'Backed up' })).toContainText(
    'Backed up 2 releases, 1 annotation and 2 tags to communique-',
  )

  // A new profile: the archive is gone.
  const fresh = await browser.newContext()
  const next = await fresh.newPage()
  const app = new ArchivePage(next)
  await app.goto()
  await expect(next.getByRole('heading', { name: /empty/i })).toBeVisible()
  const again = new BackupsPage(next)
  await again.open()
  await again.chooseRestore(file)
  const question = next.getByRole('alertdialog', { name: /^Restore “communique-/ })
  await expect(question).toContainText('It holds 2 releases, 1 annotation and 2 tags.')
  await expect(question).toContainText(
    'It replaces the archive in use, which holds 0 releases, 0 annotations and 0 tags.',
  )
  await next.screenshot({ path: test.info().outputPath('restore-question.png') })
  // The archive in use is downloaded first, then the page reopens on the restored archive.
  const before = next.waitForEvent('download')
  await question.getByRole('button', { name: 'Replace the archive with this backup' }).click()
  expect((await before).suggestedFilename()).toMatch(/^communique-before-restore-/)
  await expect(app.libraryItem(SCO_2017_TITLE)).toBeVisible({ timeout: 30_000 })
  await expect(app.libraryItem(SCO_2014_TITLE)).toBeVisible()
  await expect(next.getByText('2 releases', { exact: true })).toBeVisible()

  await app.open(SCO_2017_TITLE)
  const restored = new ReaderPage(next)
  await expect(tagChip(restored.releaseTags(), 'Security/Terrorism')).toBeVisible()
  await expect(restored.annotationCard(FORMULA).getByText(NOTE, { exact: true })).toBeVisible()
  // Search works on the restored archive, whose index came with the backup.
  const search = new SearchPage(next)
  await search.search('"central coordinating role"')
  await expect(search.view).toContainText(SCO_2017_TITLE)
  // Verify Archive finds the restored archive whole.
  await again.open()
  await next.getByRole('button', { name: 'Verify Archive' }).click()
  await expect(next.getByRole('status').filter({ hasText: /^Checked/ })).toContainText(
    /^Checked 2 releases and 1 annotation in (\d+ ms|\d+\.\d s): no problems found\./,
  )
  await fresh.close()
})

test('a damaged backup is refused with its name and the reason, and the archive is untouched', async ({
  page,
}) => {
  test.setTimeout(60_000)
  const { reader } = await startWithSco(page)
  await reader.annotate(5, FORMULA, NOTE)
  const backups = new BackupsPage(page)
  await backups.open()
  const file = await backups.backUp()

  // One word changed inside the archive data, the zip otherwise intact.
  const entries = unzipSync(new Uint8Array(readFileSync(file)))
  const text = new TextDecoder().decode(entries['archive.json'])
  expect(text).toContain('Shanghai')
  entries['archive.json'] = new TextEncoder().encode(text.replace('Shanghai', 'Shanghaj'))
  const damaged = join(tmpdir(), `${test.info().testId}-damaged.communique-backup`)
  writeFileSync(damaged, zipSync(entries))
  await backups.chooseRestore(damaged)
  const alert = page.getByRole('alert')
  await expect(alert).toContainText(
    `“${test.info().testId}-damaged.communique-backup” cannot be restored: its archive data does not match its checksum: the file is damaged. The archive was not changed.`,
  )
  await expect(page.getByRole('alertdialog')).toHaveCount(0)

  // Not a backup at all.
  const notBackup = join(tmpdir(), `${test.info().testId}-notes.communique-backup`)
  writeFileSync(notBackup, 'Joint communiqué of the heads of state')
  await backups.chooseRestore(notBackup)
  await expect(page.getByRole('alert')).toContainText('it is not a Communiqué backup')

  // Nothing changed: both releases and the note are still there.
  const app = new ArchivePage(page)
  await expect(page.getByText('2 releases', { exact: true })).toBeVisible()
  await app.open(SCO_2017_TITLE)
  await expect(
    new ReaderPage(page).annotationCard(FORMULA).getByText(NOTE, { exact: true }),
  ).toBeVisible()
})
