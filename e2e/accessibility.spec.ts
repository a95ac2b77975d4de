import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page } from '@playwright/test'
import { ArchivePage, SCO_2014, SCO_2017, SCO_2017_TITLE } from './pages/archive-page'

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze()
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)
}

test('the empty archive has no serious or critical accessibility violations', async ({ page }) => {
  const app = new ArchivePage(page)
  await app.goto()
  await expect(page.getByRole('heading', { name: 'Your archive is empty' })).toBeVisible()
  expect(await seriousViolations(page)).toEqual([])
})

test('the library and reader have no serious or critical accessibility violations', async ({
  page,
}) => {
  const app = new ArchivePage(page)
  await app.goto()
  await app.dropFiles([SCO_2017, SCO_2014])
  await app.open(SCO_2017_TITLE)
  await expect(app.paragraphs).toHaveCount(24)
  expect(await seriousViolations(page)).toEqual([])
})
