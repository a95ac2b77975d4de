import { expect, test } from '@playwright/test'
import {
  ArchivePage,
  CORPUS,
  SCO_2014,
  SCO_2014_TITLE,
  SCO_2017,
  SCO_2017_TITLE,
} from './pages/archive-page'
import { SearchPage } from './pages/search-page'

const KREMLIN = `${CORPUS}kremlin_ru_2025/2025-02-03_76193.txt`
const KREMLIN_TITLE = 'Встреча с Министром просвещения Сергеем Кравцовым'
const CPC = `${CORPUS}cn_gov_reports_zh/cpc_000.txt`
const CPC_TITLE = '北京共产主义组织的报告 (一大)'
const BOGOTA = `${CORPUS}wh_briefings/statements-releases__2022-08-03-president-biden-announces-presidential-delegation-to-the-republic-of-colombia-to-attend-the-inauguration-of-his-excellency-gustavo-francisco-petro-urrego.txt`
const BOGOTA_TITLE =
  'President Biden Announces Presidential Delegation to the Republic of Colombia to Attend the Inauguration of His Excellency Gustavo Francisco Petro Urrego'

async function start(page: import('@playwright/test').Page, files: string[]) {
  const app = new ArchivePage(page)
  await app.goto()
  await app.dropFiles(files)
  await expect(app.importStatus).toContainText(
    `Imported ${files.length} release${files.length === 1 ? '' : 's'}.`,
  )
  return { app, search: new SearchPage(page) }
}

test.describe('search', () => {
  test('finds "Member" written with a Cyrillic М, and marks it in the snippet', async ({
    page,
  }) => {
    const { search } = await start(page, [SCO_2017, SCO_2014])
    await search.search('Member')
    const hit = search.result(SCO_2014_TITLE)
    await expect(hit).toBeVisible()
    // The release writes the word with a Cyrillic М: the mark is on that word as written.
    await expect(hit.locator('mark').filter({ hasText: 'Мember' }).first()).toBeVisible()
    await expect(search.status).toContainText(/^\d+ releases? · \d+ ms$/)
  })

  test('finds a Russian word in any form and a Chinese phrase', async ({ page }) => {
    const { search } = await start(page, [SCO_2017, KREMLIN, CPC])
    // "министром" in the text; the dictionary form finds it (Russian stemming).
    await search.search('министр')
    await expect(search.result(KREMLIN_TITLE)).toBeVisible()
    await expect(search.results).toHaveCount(1)
    await search.search('共产主义组织')
    await expect(search.result(CPC_TITLE)).toBeVisible()
    await expect(search.results).toHaveCount(1)
    await expect(search.result(CPC_TITLE).locator('mark').first()).toContainText('共产主义组织')
  })

  test('narrows by a facet and by year, and the query shows what the clicks did', async ({
    page,
  }) => {
    const { search } = await start(page, [SCO_2017, SCO_2014, KREMLIN])
    await search.search('security OR министром')
    await expect(search.results).toHaveCount(3)
    await search.refine.getByRole('button', { name: /^English \d/ }).click()
    await expect(search.box).toHaveValue('(security OR министром) lang:en')
    await expect(search.results).toHaveCount(2)
    await search.box.fill('security year:2017')
    await expect(search.results).toHaveCount(1)
    await expect(search.result(SCO_2017_TITLE)).toBeVisible()
    await search.box.fill('security year:2014')
    await expect(search.result(SCO_2014_TITLE)).toBeVisible()
    await expect(search.results).toHaveCount(1)
  })

  test('a bar of the timeline narrows the results to its year', async ({ page }) => {
    const { search } = await start(page, [SCO_2017, SCO_2014])
    await search.search('SCO')
    await expect(search.results).toHaveCount(2)
    await expect(search.refine).toContainText('Releases by year')
    await search.refine.getByRole('button', { name: '2014: 1 release' }).click()
    await expect(search.box).toHaveValue('SCO year:2014')
    await expect(search.results).toHaveCount(1)
    await expect(search.result(SCO_2014_TITLE)).toBeVisible()
  })

  test('More like this lists the releases sharing the most telling words', async ({ page }) => {
    const { app, search } = await start(page, [SCO_2017, SCO_2014, KREMLIN])
    await app.open(SCO_2017_TITLE)
    await page.getByRole('button', { name: 'More like this' }).click()
    await expect(search.view.getByRole('heading', { level: 2 })).toHaveText(
      `Releases like “${SCO_2017_TITLE}”`,
    )
    await expect(search.results.first().getByRole('link')).toHaveText(SCO_2014_TITLE)
    await expect(search.result(SCO_2017_TITLE)).toHaveCount(0)
  })

  test('a saved search is a live collection: importing a matching release raises its count', async ({
    page,
  }) => {
    const { app, search } = await start(page, [SCO_2017])
    await search.search('"central coordinating role"')
    await expect(search.results).toHaveCount(1)
    await search.view.getByRole('button', { name: 'Save search…' }).click()
    await search.view.getByRole('textbox', { name: 'Name' }).fill('UN role')
    await search.view.getByRole('button', { name: 'Save', exact: true }).click()
    const saved = page
      .getByRole('region', { name: 'Saved searches' })
      .getByRole('link', { name: /UN role/ })
    await expect(saved).toHaveText(/UN role\s*1$/)
    await app.dropFiles([SCO_2014])
    await expect(app.importStatus).toContainText('Imported 1 release.')
    await expect(saved).toHaveText(/UN role\s*2$/)
    await saved.click()
    await expect(search.results).toHaveCount(2)
  })

  test('opening a paragraph result goes to that paragraph', async ({ page }) => {
    const { search } = await start(page, [SCO_2017])
    await search.search('"central coordinating role"')
    await search.view.getByRole('button', { name: 'Paragraphs' }).click()
    const hit = search.results.first()
    await expect(hit).toContainText(/paragraph \d+/)
    const n = /paragraph (\d+)/.exec((await hit.locator('.result-meta').textContent()) ?? '')![1]
    await hit.getByRole('link').click()
    const current = page.locator(`#p${n}`)
    await expect(current).toBeFocused()
    await expect(current).toContainText('central coordinating role')
  })

  test('a malformed query gets a plain message', async ({ page }) => {
    const { search } = await start(page, [SCO_2017])
    await search.search('security')
    await search.box.fill('security OR')
    await expect(search.view.getByRole('alert')).toContainText('“OR” needs a word on each side')
    await search.box.fill('date:2017-13')
    await expect(search.view.getByRole('alert')).toContainText('2017-13')
  })
})

test.describe('search follows the archive', () => {
  test('a deleted release leaves the results, and Undo brings it back', async ({ page }) => {
    const { app, search } = await start(page, [SCO_2017, SCO_2014])
    await search.search('SCO')
    await expect(search.results).toHaveCount(2)
    await search.result(SCO_2014_TITLE).getByRole('link').click()
    await page.getByRole('button', { name: 'Delete release…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Delete release' })
    await expect(dialog).toContainText(
      `Delete “${SCO_2014_TITLE}” from the archive? Undo brings it back.`,
    )
    await dialog.getByRole('button', { name: 'Delete' }).click()
    await expect(app.libraryItem(SCO_2014_TITLE)).toHaveCount(0)
    await search.search('SCO')
    await expect(search.results).toHaveCount(1)
    await page.getByRole('button', { name: 'Undo' }).click()
    await expect(search.results).toHaveCount(2)
    await expect(search.result(SCO_2014_TITLE)).toBeVisible()
  })

  test('diacritics are ignored unless the setting says to match them', async ({ page }) => {
    const { search } = await start(page, [BOGOTA])
    await search.search('Bogota')
    await expect(search.result(BOGOTA_TITLE)).toBeVisible()
    await expect(search.result(BOGOTA_TITLE).locator('mark').first()).toHaveText('Bogotá')
    await page.getByRole('link', { name: 'Settings' }).click()
    const setting = page.getByRole('checkbox', { name: 'Match diacritics' })
    await setting.click()
    await expect(setting).toBeChecked()
    await search.search('Bogota')
    await expect(search.status).toContainText('Nothing found')
    await search.box.fill('Bogotá')
    await expect(search.result(BOGOTA_TITLE)).toBeVisible()
  })
})
