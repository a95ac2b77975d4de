import { readFileSync } from 'node:fs'
import { expect, test } from '@playwright/test'
import { ArchivePage, CORPUS, SCO_2014_TITLE, SCO_2017_TITLE } from './pages/archive-page'

type Expected = Record<string, { outcome: string; reason?: string; of?: string }>
const EXPECTED = JSON.parse(readFileSync(`${CORPUS}bad/expected.json`, 'utf8')) as Expected
const SEED_TITLES: Record<string, string> = {
  '000_5b5391892682d1ae.txt': SCO_2017_TITLE,
  '003_e372a3fb9bb542ce.txt': SCO_2014_TITLE,
}

test.describe('importing folders', () => {
  test('dropping bad/ after the two SCO releases gives every file the outcome expected.json gives it', async ({
    page,
  }) => {
    test.slow()
    const app = new ArchivePage(page)
    await app.goto()
    await app.dropFolder(`${CORPUS}sco`)
    await expect(app.importStatus).toContainText('Imported 2 releases.')

    const dropped = await app.dropFolder(`${CORPUS}bad`)
    await expect(app.report).toContainText('Import report: bad/')
    await expect(app.report).toContainText(`${dropped.length} files ·`, { timeout: 60_000 })

    const [header, ...rows] = await app.exportReport()
    expect(header).toEqual(['file', 'outcome', 'reason', 'release'])
    const byFile = new Map(rows.map(([file, outcome, reason]) => [file, { outcome, reason }]))
    expect(rows).toHaveLength(dropped.length)
    for (const [file, want] of Object.entries(EXPECTED)) {
      const got = byFile.get(`bad/${file}`)
      expect(got, file).toBeDefined()
      expect(got?.outcome, `${file}: ${got?.reason}`).toBe(want.outcome)
      // expected.json writes "too-large"; the report says "too large (12.0 MB; the limit is 10.0 MB)".
      if (want.reason)
        expect(got?.reason?.replace(/-/g, ' ')).toMatch(
          new RegExp(`^${want.reason.replace(/-/g, ' ')}`),
        )
      if (want.outcome === 'duplicate')
        expect(got?.reason).toBe(`duplicate of “${SEED_TITLES[want.of!]}”`)
      if (want.outcome === 'version')
        expect(got?.reason).toContain(`new version of “${SEED_TITLES[want.of!]}”`)
    }
    // The manifest itself is not a release.
    expect(byFile.get('bad/expected.json')).toEqual({
      outcome: 'rejected',
      reason: 'unsupported type',
    })

    // The report filters by outcome.
    await app.report.getByRole('button', { name: /^refused/ }).click()
    const refused = rows.filter((r) => r[1] === 'rejected').length
    await expect(app.report.getByRole('listitem')).toHaveCount(refused)
  })

  test('hostile markup in a release shows as literal text and nothing runs or loads', async ({
    page,
  }) => {
    const requests: string[] = []
    page.on('request', (r) => requests.push(r.url()))
    const dialogs: string[] = []
    page.on('dialog', (d) => {
      dialogs.push(d.message())
      void d.dismiss()
    })
    const app = new ArchivePage(page)
    await app.goto()
    const before = requests.length
    await app.dropFiles([`${CORPUS}bad/hostile-markup.txt`])
    const title = 'Statement with hostile markup <script>alert("x")</script>'
    await app.open(title)
    await expect(app.paragraphs.first()).toContainText(
      'Paragraph one <img src=x onerror="alert(1)"> and <a href="javascript:alert(2)">a link</a>.',
    )
    await expect(app.paragraphs.nth(1)).toContainText(
      '<iframe src="https://example.invalid"></iframe>',
    )
    await expect(
      page.locator('article img, article iframe, article script, article a[href^="javascript"]'),
    ).toHaveCount(0)
    expect(dialogs).toEqual([])
    expect(requests.slice(before).filter((u) => !u.startsWith('http://127.0.0.1'))).toEqual([])
  })

  test('words that mix alphabets are counted in the report and marked in the reader', async ({
    page,
  }) => {
    const app = new ArchivePage(page)
    await app.goto()
    await app.dropFiles([`${CORPUS}bad/homoglyph-mixed-script.txt`])
    await expect(app.importStatus).toContainText('3 words mixing scripts')
    await app.library.getByRole('link').first().click()
    const marks = app.reader.locator('mark.mixed-script')
    await expect(marks.first()).toBeVisible()
    expect(new Set(await marks.allTextContents())).toEqual(
      new Set(['Мember', 'Shаnghai', 'Afghаnistan']),
    )
  })

  test('Import folder… walks the chosen folder and names files by their path in it', async ({
    page,
  }) => {
    const app = new ArchivePage(page)
    await app.goto()
    const chooser = page.waitForEvent('filechooser')
    await page.getByRole('button', { name: 'Import a folder…' }).click()
    await (await chooser).setFiles(`${CORPUS}sco`)
    await expect(app.importStatus).toContainText('Imported 2 releases.')
    await expect(app.report).toContainText('Import report: sco/')
    await expect(app.reportRow('sco/000_5b5391892682d1ae.txt')).toHaveText([
      'sco/000_5b5391892682d1ae.txt',
      'imported',
      '',
    ])
  })

  test('the size limit is a setting: a 12 MB release is refused at 10 MB and imported at 13 MB', async ({
    page,
  }) => {
    test.slow()
    const app = new ArchivePage(page)
    await app.goto()
    await app.dropFiles([`${CORPUS}bad/huge-single-line.txt`])
    await expect(app.reportRow('huge-single-line.txt').nth(2)).toHaveText(
      /^too large \(1\d\.\d MB; the limit is 10\.0 MB\)$/,
    )

    await page.getByRole('link', { name: 'Settings' }).click()
    await page.getByLabel('Largest file to import (MB)').fill('13')
    await page.getByRole('button', { name: 'Save' }).click()
    await expect(page.getByRole('button', { name: 'Save' })).toBeDisabled()

    await app.dropFiles([`${CORPUS}bad/huge-single-line.txt`])
    await expect(app.importStatus).toContainText('Imported 1 release', { timeout: 60_000 })
    await expect(app.library.getByRole('link')).toHaveCount(1)
  })

  test('the browser build shows the watched folder disabled, with the reason', async ({ page }) => {
    const app = new ArchivePage(page)
    await app.goto()
    await page.getByRole('link', { name: 'Settings' }).click()
    const group = page.getByRole('group', { name: 'Watched folder' })
    await expect(group).toContainText('Watching a folder needs the desktop app')
    await expect(group.getByRole('button', { name: 'Choose a folder to watch…' })).toBeDisabled()
  })
})
