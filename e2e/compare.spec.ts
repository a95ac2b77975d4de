import { expect, test, type Locator, type Page } from '@playwright/test'
import {
  ArchivePage,
  CORPUS,
  SCO_2014,
  SCO_2014_TITLE,
  SCO_2017,
  SCO_2017_TITLE,
} from './pages/archive-page'
import { writeFileSync } from 'node:fs'
import { LibraryPage, ReaderPage, selectPhrase } from './pages/reader-page'
import { SearchPage } from './pages/search-page'

const NEW_VERSION = `${CORPUS}bad/new-version-of-seed.txt`

test.describe('compare', () => {
  test('two SCO releases side by side: "central coordinating role" shared in both, aligned paragraphs level', async ({
    page,
  }) => {
    const app = new ArchivePage(page)
    await app.startWith([SCO_2017, SCO_2014])
    const library = new LibraryPage(page)
    await library.row(SCO_2014_TITLE).getByRole('checkbox').check()
    const compare = library.selectionBar.getByRole('button', { name: 'Compare' })
    await expect(compare).toBeDisabled()
    await library.row(SCO_2017_TITLE).getByRole('checkbox').check()
    await compare.click()

    const view = page.getByRole('region', { name: 'Compare releases' })
    await expect(view.getByRole('heading', { name: 'Compare 2 releases' })).toBeVisible()
    await expect(view.getByRole('link', { name: SCO_2014_TITLE })).toBeVisible()
    await expect(view.getByRole('link', { name: SCO_2017_TITLE })).toBeVisible()
    // The formula, marked as shared in each column, in the same colour.
    const marks = view.locator('mark.shared').filter({ hasText: 'central coordinating role' })
    await expect(marks).toHaveCount(2)
    // In 2014 "the UN central coordinating role", in 2017 with two words more.
    const texts = await marks.allTextContents()
    expect(texts.sort()).toEqual([
      'the UN central coordinating role',
      'the UN playing a central coordinating role',
    ])
    const colours = await marks.evaluateAll((m) =>
      m.map((e) => getComputedStyle(e).backgroundColor),
    )
    expect(colours[0]).toBe(colours[1])

    // Aligned paragraphs start level: every row's cells have the same top.
    const rows = view.getByRole('row').filter({ has: page.getByRole('cell') })
    expect(await rows.count()).toBeGreaterThan(3)
    for (const row of await rows.all()) {
      const tops = await row
        .getByRole('cell')
        .evaluateAll((cells) => cells.map((c) => Math.round(c.getBoundingClientRect().top)))
      expect(new Set(tops).size).toBe(1)
    }
    await page.screenshot({ path: 'test-results/compare.png' })
    // Each release says what share of it is shared.
    await expect(view.getByText(/^\d{4}-\d\d-\d\d.* · \d+ % shared$/)).toHaveCount(2)

    // Released to scroll freely, each column scrolls on its own.
    await view.getByLabel('Scroll together').uncheck()
    await expect(view.getByRole('row')).toHaveCount(0)
    await page.screenshot({ path: 'test-results/compare-free.png' })
    await expect(
      view.locator('mark.shared').filter({ hasText: 'central coordinating role' }),
    ).toHaveCount(2)
  })

  test('the SCO 2017 release and its new version: exactly the two changed passages as diffs', async ({
    page,
  }) => {
    const app = new ArchivePage(page)
    await app.startWith([SCO_2017])
    await app.dropFiles([NEW_VERSION])
    await expect(app.importStatus).toContainText('1 new version')
    await app.libraryItem(SCO_2017_TITLE).first().click()
    await page.getByRole('button', { name: 'Compare with previous version' }).click()

    const view = page.getByRole('region', { name: 'Compare releases' })
    await expect(view.getByText('compared as versions')).toBeVisible()
    const changed = view.getByRole('cell').filter({ has: page.locator('ins, del') })
    await expect(changed).toHaveCount(2)
    await expectDiff(
      changed.nth(0),
      ['traditionally friendly', 'constructive'],
      ['friendly, constructive', 'businesslike'],
    )
    await expectDiff(changed.nth(1), ['the '], ['Qingdao, ', ', in 2018'])

    // Opened with the newer version first, the columns still read from old to new.
    const [older, newer] = await view
      .getByRole('columnheader')
      .getByRole('link')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href')!.replace('#/release/', '')))
    await page.goto(`./#/compare/${newer},${older}`)
    await expect(changed).toHaveCount(2)
    await expectDiff(changed.nth(1), ['the '], ['Qingdao, ', ', in 2018'])
  })
})

test('annotating and tagging in the compare view work as in the reader, and the reader shows them', async ({
  page,
}) => {
  const app = new ArchivePage(page)
  await app.startWith([SCO_2017, SCO_2014])
  const idOf = async (title: string) =>
    (await app.libraryItem(title).first().getAttribute('href'))!.replace('#/release/', '')
  await page.goto(`./#/compare/${await idOf(SCO_2014_TITLE)},${await idOf(SCO_2017_TITLE)}`)
  const view = page.getByRole('region', { name: 'Compare releases' })
  const reader = new ReaderPage(page)

  // Words selected in the second column (2017): the reader's toolbar, and a note on them.
  const row = view.getByRole('row').filter({ hasText: 'central coordinating role' })
  const newerCell = row.getByRole('cell').nth(1)
  await selectPhrase(
    newerCell
      .locator('li')
      .filter({ hasText: 'central coordinating role' })
      .locator('[data-paragraph-text]'),
    'central coordinating role',
  )
  await reader.toolbar.getByRole('button', { name: 'Add note' }).click()
  const panel = view.getByRole('complementary', { name: 'Annotations of a column' })
  await expect(panel.getByRole('combobox', { name: 'Annotations of' })).toHaveValue('1')
  const card = panel
    .locator('ol.annotation-list > li')
    .filter({ hasText: '“central coordinating role”' })
  const field = card.getByRole('textbox', { name: 'Note' })
  await expect(field).toBeFocused()
  await field.fill('The 2017 wording adds “playing a”.')
  await card.getByRole('button', { name: 'Done' }).click()
  await expect(field).toHaveCount(0)
  await expect(card).toContainText('The 2017 wording adds “playing a”.')
  await expect(newerCell.locator('mark.annotation-highlight')).toHaveText(
    'central coordinating role',
  )
  await expect(row.getByRole('cell').nth(0).locator('mark.annotation-highlight')).toHaveCount(0)

  // A paragraph of the first column (2014) tagged from its tag button.
  await view
    .getByRole('button', { name: `Tag paragraph 1 of “${SCO_2014_TITLE}”`, exact: true })
    .click()
  const picker = view.getByRole('combobox', { name: 'Tag paragraph 1' })
  await expect(picker).toBeFocused()
  await picker.fill('Formulas/Consultations')
  await picker.press('Enter')
  const chips = view.getByRole('list', { name: `Tags of paragraph 1 of “${SCO_2014_TITLE}”` })
  await expect(chips).toContainText('Consultations')
  await view.getByRole('table').getByRole('button', { name: 'Done' }).click()
  await expect(picker).toHaveCount(0)
  await page.screenshot({ path: 'test-results/compare-annotated.png' })

  // The same annotation and tag in the reader.
  await app.open(SCO_2017_TITLE)
  await expect(reader.annotationCard('central coordinating role')).toContainText(
    'The 2017 wording adds “playing a”.',
  )
  await expect(reader.highlights).toHaveText(['central coordinating role'])
  await app.open(SCO_2014_TITLE)
  await expect(reader.paragraphTags(1)).toContainText('Consultations')

  // Undo takes the tag off again, as it would in the reader.
  await page.getByRole('button', { name: 'Undo' }).click()
  await expect(reader.paragraphTags(1)).toHaveCount(0)
})

/** A release written for a test: front matter, then one paragraph per entry. */
function writeRelease(
  path: string,
  { title, date, place }: { title: string; date: string; place: string },
  paragraphs: string[],
): string {
  writeFileSync(
    path,
    [
      '---',
      `title: ${title}`,
      `date: ${date}`,
      `place: ${place}`,
      '---',
      '',
      ...paragraphs.map((p) => `${p}\n`),
    ].join('\n'),
  )
  return path
}

const ENGLISH = {
  title: 'Press release on the meeting of the SCO Council of Foreign Ministers',
  paragraphs: [
    'On 22 May 2019 the Council of Foreign Ministers of the Shanghai Cooperation Organisation met in Bishkek under the chairmanship of Kyrgyzstan.',
    'The ministers discussed preparations for the meeting of the Heads of State Council on 13-14 June 2019 and the draft Bishkek Declaration.',
    'They adopted 4 documents, among them a statement on the 15th anniversary of the SCO Regional Anti-Terrorist Structure.',
    'The next meeting of the Council will be held in 2020 in Moscow.',
  ],
}
const RUSSIAN = {
  title: 'Информационное сообщение о заседании Совета министров иностранных дел ШОС',
  paragraphs: [
    '22 мая 2019 года в Бишкеке под председательством Киргизии состоялось заседание Совета министров иностранных дел Шанхайской организации сотрудничества.',
    'Министры обсудили подготовку к заседанию Совета глав государств 13-14 июня 2019 года и проект Бишкекской декларации.',
    'Приняты 4 документа, в том числе заявление к 15-летию Региональной антитеррористической структуры ШОС.',
    'Следующее заседание Совета пройдёт в 2020 году в Москве.',
  ],
}

/**
 * An archive of the English release of 22 May 2019 and its Russian translation, dated
 * `russianDate`, written as files by the test.
 */
async function startWithPair(
  page: Page,
  outputPath: (name: string) => string,
  russianDate: string,
): Promise<ArchivePage> {
  const english = writeRelease(
    outputPath('en.md'),
    { ...ENGLISH, date: '2019-05-22', place: 'Bishkek' },
    ENGLISH.paragraphs,
  )
  const russian = writeRelease(
    outputPath('ru.md'),
    { ...RUSSIAN, date: russianDate, place: 'Бишкек' },
    RUSSIAN.paragraphs,
  )
  const app = new ArchivePage(page)
  await app.startWith([english, russian])
  return app
}

test.describe('translations', () => {
  /** Every row of the view has a paragraph in both columns: paragraph n beside paragraph n. */
  async function expectParagraphForParagraph(view: Locator): Promise<void> {
    const rows = view.getByRole('row').filter({ has: view.page().getByRole('cell') })
    await expect(rows).toHaveCount(4)
    for (const [n, row] of (await rows.all()).entries()) {
      await expect(row.getByRole('cell')).toHaveText([
        new RegExp(`^¶ ${n + 1}`),
        new RegExp(`^¶ ${n + 1}`),
      ])
    }
  }

  test('the same event in English and Russian aligns as a translation, paragraph for paragraph', async ({
    page,
  }, testInfo) => {
    const app = await startWithPair(page, testInfo.outputPath.bind(testInfo), '2019-05-22')
    await app.open(ENGLISH.title)
    // The reader lists it under the title, found by day and organisation.
    const translations = page.getByRole('list', { name: 'Translations of this release' })
    await expect(translations).toContainText(`${RUSSIAN.title} (ru) · same day and organisation`)
    await translations
      .getByRole('link', { name: `Compare with the translation “${RUSSIAN.title}”` })
      .click()

    const view = page.getByRole('region', { name: 'Compare releases' })
    await expect(
      view.getByText('aligned as a translation (same day and organisation)'),
    ).toBeVisible()
    await expectParagraphForParagraph(view)
    // Shares of shared wording mean nothing across languages, and are not shown.
    await expect(view.getByText(/% shared/)).toHaveCount(0)
    await page.screenshot({ path: testInfo.outputPath('translation.png') })
  })

  test('two releases linked as translations by the user align as one, and Undo unlinks them', async ({
    page,
  }, testInfo) => {
    // Dated a day apart (the Russian one published the day after): not the same event.
    const app = await startWithPair(page, testInfo.outputPath.bind(testInfo), '2019-05-23')
    const idOf = async (title: string) =>
      (await app.libraryItem(title).first().getAttribute('href'))!.replace('#/release/', '')
    await page.goto(`./#/compare/${await idOf(ENGLISH.title)},${await idOf(RUSSIAN.title)}`)

    const view = page.getByRole('region', { name: 'Compare releases' })
    await expect(view.getByText('in another language')).toBeVisible()
    // By their words alone, the two languages have no paragraph in common.
    await expect(view.locator('.compare-gap')).not.toHaveCount(0)
    await view.getByRole('button', { name: 'Link as a translation of column 1' }).click()
    await expect(view.getByText('aligned as its linked translation')).toBeVisible()
    await expectParagraphForParagraph(view)

    // The reader lists the link, and Undo takes it off.
    await app.open(ENGLISH.title)
    const translations = page.getByRole('list', { name: 'Translations of this release' })
    await expect(translations).toContainText(`${RUSSIAN.title} (ru) · Compare · Unlink`)
    await page.screenshot({ path: testInfo.outputPath('reader-translations.png') })
    await page.getByRole('button', { name: 'Undo' }).click()
    await expect(translations).toHaveCount(0)
  })
})

test.describe('phrase history', () => {
  test('selecting "countering terrorism, separatism and extremism" lists the releases with it, oldest first', async ({
    page,
  }, testInfo) => {
    // A release of 2012 with the same wording, so the history spans years.
    const earlier = testInfo.outputPath('2012-statement.md')
    writeFileSync(
      earlier,
      [
        '---',
        'title: Statement of the SCO Heads of State Council',
        'date: 2012-06-07',
        'place: Beijing',
        '---',
        '',
        'The Member States will go on countering terrorism, separatism and extremism together.',
        '',
      ].join('\n'),
    )
    const app = new ArchivePage(page)
    await app.startWith([SCO_2017, SCO_2014, earlier])
    await app.open(SCO_2017_TITLE)
    const reader = new ReaderPage(page)
    await reader.selectText(5, 'countering terrorism, separatism and extremism')
    await reader.toolbar.getByRole('button', { name: 'Phrase history' }).click()

    const view = page.getByRole('region', { name: 'Phrase history' })
    await expect(view.getByRole('status')).toContainText(
      'In 2 releases, first on 2012-06-07 in “Statement of the SCO Heads of State Council”',
    )
    const items = view
      .getByRole('list', { name: 'Releases with this wording, oldest first' })
      .getByRole('listitem')
    await expect(items).toHaveText([
      /^2012-06-07 Statement of the SCO Heads of State Council · Beijing · first appearance · Compare$/,
      new RegExp(`^2017-04-05 ${SCO_2017_TITLE} · Astana$`),
    ])
    await page.screenshot({ path: testInfo.outputPath('phrase-history.png') })
    // Any of them opens beside the release the phrase was chosen in.
    await items
      .nth(0)
      .getByRole('link', { name: /^Compare/ })
      .click()
    const compare = page.getByRole('region', { name: 'Compare releases' })
    await expect(compare.getByRole('link', { name: SCO_2017_TITLE })).toBeVisible()
    await expect(
      compare.getByRole('link', { name: 'Statement of the SCO Heads of State Council' }),
    ).toBeVisible()
    await expect(
      compare
        .locator('mark.shared')
        .filter({ hasText: 'countering terrorism, separatism and extremism' }),
    ).toHaveCount(2)
  })
})

test('results picked in a search open side by side', async ({ page }) => {
  const app = new ArchivePage(page)
  await app.startWith([SCO_2017, SCO_2014])
  const search = new SearchPage(page)
  await search.search('security')
  await search
    .result(SCO_2014_TITLE)
    .getByRole('checkbox', { name: /^Compare/ })
    .check()
  const bar = page.getByRole('region', { name: 'Compare results' })
  await expect(bar.getByRole('button', { name: 'Compare' })).toBeDisabled()
  await search
    .result(SCO_2017_TITLE)
    .getByRole('checkbox', { name: /^Compare/ })
    .check()
  await expect(bar).toContainText('2 releases picked.')
  await page.screenshot({ path: test.info().outputPath('search-picked.png') })
  await bar.getByRole('button', { name: 'Compare' }).click()
  await expect(
    page.getByRole('region', { name: 'Compare releases' }).getByRole('columnheader'),
  ).toHaveCount(2)
})

test('a release dragged from the library onto the open one opens beside it', async ({ page }) => {
  const app = new ArchivePage(page)
  await app.startWith([SCO_2017, SCO_2014])
  await app.open(SCO_2017_TITLE)
  await app.libraryItem(SCO_2014_TITLE).dragTo(page.getByRole('heading', { name: SCO_2017_TITLE }))
  const compare = page.getByRole('region', { name: 'Compare releases' })
  await expect(compare.getByRole('columnheader')).toHaveText([
    new RegExp(`^${SCO_2017_TITLE}`),
    new RegExp(`^${SCO_2014_TITLE.replace(/[’]/g, '.')}`),
  ])
})

test('"See also" lists the releases most like the open one, each to compare with it', async ({
  page,
}) => {
  const app = new ArchivePage(page)
  await app.startWith([SCO_2017, SCO_2014, `${CORPUS}kremlin_ru_2025/2025-02-03_76193.txt`])
  await app.open(SCO_2017_TITLE)
  await page.getByText('See also', { exact: true }).click()
  const similar = page.getByRole('list', { name: 'Similar releases' }).getByRole('listitem')
  // The other SCO release comes first; the Russian meeting shares none of the telling words.
  await expect(similar.first()).toContainText(SCO_2014_TITLE)
  await expect(similar).toHaveCount(1)
  await page.screenshot({ path: test.info().outputPath('see-also.png') })
  await similar
    .first()
    .getByRole('link', { name: /^Compare with/ })
    .click()
  await expect(page.getByRole('heading', { name: 'Compare 2 releases' })).toBeVisible()
})

async function expectDiff(cell: Locator, deleted: string[], inserted: string[]) {
  await expect(cell.locator('del')).toHaveText(deleted)
  await expect(cell.locator('ins')).toHaveText(inserted)
}
