import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page } from '@playwright/test'
import { ArchivePage, SCO_2014, SCO_2017, SCO_2017_TITLE } from './pages/archive-page'
import { ReaderPage } from './pages/reader-page'

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

test('the reader with an annotation, its side panel, the tag manager and the export view have no serious or critical accessibility violations', async ({
  page,
}) => {
  const app = new ArchivePage(page)
  const reader = new ReaderPage(page)
  await app.goto()
  await app.dropFiles([SCO_2017])
  await app.open(SCO_2017_TITLE)
  await reader.annotate(2, 'chaired by Kazakhstan', 'Kazakhstan chairs in 2017.')
  await reader.tagParagraph(2, 'Hosts/Kazakhstan')
  await expect(reader.highlights).toHaveText(['chaired by Kazakhstan'])
  expect(await seriousViolations(page), 'the reader with an annotation').toEqual([])

  // The side panel with the annotation chosen and its editor open.
  const card = reader.annotationCard('chaired by Kazakhstan')
  await card.getByRole('button', { name: /chaired by Kazakhstan/ }).click()
  await card.getByRole('button', { name: 'Edit' }).click()
  await expect(card.getByRole('textbox', { name: 'Note' })).toHaveValue(
    'Kazakhstan chairs in 2017.',
  )
  await card.getByRole('button', { name: 'Add tag…' }).click()
  await expect(card.getByRole('combobox', { name: 'Tag this passage' })).toBeFocused()
  expect(await seriousViolations(page), 'the annotation editor').toEqual([])

  await page.getByRole('link', { name: 'Tags', exact: true }).click()
  const tree = page.getByRole('list', { name: 'Tag tree' })
  await expect(tree).toContainText('Hosts')
  await expect(tree).toContainText('Kazakhstan')
  expect(await seriousViolations(page), 'the tag manager').toEqual([])

  await page.getByRole('link', { name: 'Export', exact: true }).click()
  await expect(page.getByRole('heading', { name: 'Export annotations' })).toBeVisible()
  await expect(page.getByRole('main').getByRole('status').first()).toContainText('1 annotation')
  expect(await seriousViolations(page), 'the export view').toEqual([])
})

test('the compare view, scrolled together and freely, and phrase history have no serious or critical accessibility violations', async ({
  page,
}) => {
  const app = new ArchivePage(page)
  await app.startWith([SCO_2017, SCO_2014])
  const ids = await page
    .getByRole('navigation', { name: 'Library' })
    .getByRole('link')
    .evaluateAll((links) =>
      links.map((a) => /#\/release\/([^/]+)/.exec(a.getAttribute('href') ?? '')?.[1]),
    )
  await page.goto(`./#/compare/${ids.filter(Boolean).join(',')}`)
  const view = page.getByRole('region', { name: 'Compare releases' })
  await expect(view.locator('mark.shared').first()).toBeVisible()
  expect(await seriousViolations(page)).toEqual([])
  await view.getByLabel('Scroll together').uncheck()
  expect(await seriousViolations(page)).toEqual([])
  await page.goto('./#/phrase?q=central%20coordinating%20role')
  await expect(
    page.getByRole('region', { name: 'Phrase history' }).getByRole('status'),
  ).toContainText('In 2 releases')
  expect(await seriousViolations(page)).toEqual([])
})
