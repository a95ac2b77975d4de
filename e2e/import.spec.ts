import { writeFileSync } from 'node:fs'
import { expect, test } from '@playwright/test'
import {
  ArchivePage,
  SCO_2014,
  SCO_2014_TITLE,
  SCO_2017,
  SCO_2017_TITLE,
} from './pages/archive-page'

test.describe('importing releases into an empty archive', () => {
  test('an empty archive shows where to drop files and how to start', async ({ page }) => {
    const app = new ArchivePage(page)
    await app.goto()
    await expect(page.getByRole('heading', { name: 'Your archive is empty' })).toBeVisible()
    await expect(
      page.getByText('Drop press releases or whole folders of them anywhere on this window'),
    ).toBeVisible()
    await expect(page.getByRole('button', { name: 'Load sample releases' })).toBeVisible()
    await expect(app.library).toHaveCount(0)
  })

  test('dropping the two SCO releases lists both; each opens with its paragraphs; a reload keeps them', async ({
    page,
  }) => {
    const app = new ArchivePage(page)
    await app.goto()
    await app.dropFiles([SCO_2017, SCO_2014])

    await expect(app.importStatus).toContainText('Imported 2 releases.')
    await expect(app.libraryItem(SCO_2017_TITLE)).toBeVisible()
    await expect(app.libraryItem(SCO_2014_TITLE)).toBeVisible()
    await expect(app.libraryItem(SCO_2017_TITLE)).toContainText('24 paragraphs')

    await app.open(SCO_2017_TITLE)
    await expect(app.paragraphs).toHaveCount(24)
    await expect(app.paragraphs.first()).toHaveText(
      /^1The 12th meeting of the SCO National Security Council Secretaries$/,
    )
    await expect(app.paragraphs.last()).toContainText('The next meeting of')

    await app.open(SCO_2014_TITLE)
    await expect(app.paragraphs).toHaveCount(8)
    await expect(app.paragraphs.nth(4)).toContainText('the UN central coordinating role')

    await page.reload()
    await expect(app.libraryItem(SCO_2017_TITLE)).toBeVisible()
    await expect(app.libraryItem(SCO_2014_TITLE)).toBeVisible()
    // The open release is part of the address, so the reader comes back too.
    await expect(page.getByRole('heading', { level: 2, name: SCO_2014_TITLE })).toBeVisible()
    await expect(app.paragraphs).toHaveCount(8)
    await app.open(SCO_2017_TITLE)
    await expect(app.paragraphs).toHaveCount(24)
  })

  test('the Import button opens a file chooser and imports the chosen file', async ({ page }) => {
    const app = new ArchivePage(page)
    await app.goto()
    const chooser = page.waitForEvent('filechooser')
    await page.getByRole('button', { name: 'Import files…' }).click()
    await (await chooser).setFiles([SCO_2014])
    await expect(app.libraryItem(SCO_2014_TITLE)).toBeVisible()
    await expect(app.libraryItem(SCO_2014_TITLE)).toContainText('8 paragraphs')
  })

  test('"Load sample releases" fills the archive with the shipped samples', async ({ page }) => {
    const app = new ArchivePage(page)
    await app.goto()
    await page.getByRole('button', { name: 'Load sample releases' }).click()
    // The 2024 spyware statement repeats most of the 2023 one: it is kept as its new version.
    await expect(app.importStatus).toContainText('Imported 4 releases, 1 new version.')
    await expect(app.report).toContainText('Sample releases')
    await expect(app.library.getByRole('link')).toHaveCount(5)
    await expect(app.libraryItem(SCO_2017_TITLE)).toBeVisible()
    await expect(
      app.libraryItem('Joint Statement on U.S.-China Economic and Trade Meeting in Geneva'),
    ).toBeVisible()
  })

  test('refused and duplicate files are named with the reason, and the archive keeps what it had', async ({
    page,
  }, testInfo) => {
    const app = new ArchivePage(page)
    await app.goto()
    await app.dropFiles([SCO_2017])
    await expect(app.libraryItem(SCO_2017_TITLE)).toBeVisible()

    const empty = testInfo.outputPath('blank.txt')
    writeFileSync(empty, '  \n\n')
    const pdf = testInfo.outputPath('minutes.pdf')
    writeFileSync(pdf, '%PDF-1.7\n')
    await app.dropFiles([SCO_2017, empty, pdf])

    await expect(app.importStatus).toContainText(
      'Imported 0 releases, 1 already in the archive, 2 refused.',
    )
    await expect(app.reportRow('000_5b5391892682d1ae.txt')).toHaveText([
      '000_5b5391892682d1ae.txt',
      'duplicate',
      `duplicate of “${SCO_2017_TITLE}”`,
    ])
    await expect(app.reportRow('blank.txt')).toHaveText(['blank.txt', 'refused', 'empty'])
    await expect(app.reportRow('minutes.pdf')).toHaveText([
      'minutes.pdf',
      'refused',
      'unsupported type',
    ])
    await expect(app.library.getByRole('link')).toHaveCount(1)
    await app.open(SCO_2017_TITLE)
    await expect(app.paragraphs).toHaveCount(24)
  })
})
