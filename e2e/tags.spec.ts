import { copyFileSync, readFileSync, writeFileSync } from 'node:fs'
import { expect, test } from '@playwright/test'
import {
  ArchivePage,
  parseCsv,
  SCO_2014,
  SCO_2014_TITLE,
  SCO_2017,
  SCO_2017_TITLE,
} from './pages/archive-page'
import {
  ExchangePage,
  JSONLD,
  LibraryPage,
  TagManagerPage,
  expectChips,
  historyNotice,
  startWithSco,
  tagChip,
} from './pages/reader-page'

const GENEVA_TITLE = 'Joint Statement on U.S.-China Economic and Trade Meeting in Geneva'
const REGION = 'Region/Central Asia'

/** How often `phrase` occurs in `text`. */
function occurrences(text: string, phrase: string): number {
  return text.split(phrase).length - 1
}

type CodebookNode = {
  path: string
  name: string
  color: string
  description: string
  counts: { releases: number; paragraphs: number; passages: number }
  children: CodebookNode[]
}

test.describe('tags across the archive', () => {
  test('tag every selected release at once, and take it off again', async ({ page }) => {
    const app = new ArchivePage(page)
    const library = new LibraryPage(page)
    await app.goto()
    await page.getByRole('button', { name: 'Load sample releases' }).click()
    await expect(app.importStatus).toContainText('Imported 4 releases, 1 new version.')
    await expect(library.rows).toHaveCount(5)
    const checkboxes = library.rows.getByRole('checkbox')

    // Two ticks, then a shift-click extends the second to a range.
    await checkboxes.nth(0).check()
    await checkboxes.nth(2).check()
    await expect(library.selectionBar).toContainText('2 selected')
    await checkboxes.nth(4).click({ modifiers: ['Shift'] })
    await expect(library.selectionBar).toContainText('4 selected')
    await expect(checkboxes.nth(3)).toBeChecked()
    await expect(checkboxes.nth(4)).toBeChecked()
    await expect(checkboxes.nth(1)).not.toBeChecked()

    await app.library.getByRole('button', { name: 'Select all 5' }).click()
    await expect(library.selectionBar).toContainText('5 selected')
    for (let i = 0; i < 5; i++) await expect(checkboxes.nth(i)).toBeChecked()

    await library.tagSelection(REGION)
    await expect(library.selectionStatus).toHaveText(`Tagged 5 releases “${REGION}”.`)
    for (let i = 0; i < 5; i++) {
      await expect(library.chip(library.rows.nth(i), REGION)).toHaveText('Central Asia')
    }

    // The tag tree beside the list: Region, and under it Central Asia on 5 releases.
    await expect(library.treeItem('Region')).toHaveAttribute('aria-level', '1')
    const centralAsia = library.treeItem('Central Asia')
    await expect(centralAsia).toHaveAttribute('aria-level', '2')
    await expect(centralAsia).toHaveAccessibleName('Central Asia 5 releases')
    await expect(
      centralAsia.getByTitle(`${REGION}: 5 releases · 0 paragraphs · 0 passages`),
    ).toBeVisible()

    // A sub-selection of two loses the tag; the other three keep it.
    await library.selectionBar.getByRole('button', { name: 'Clear' }).click()
    await expect(library.selectionBar).toHaveCount(0)
    const untagged = [SCO_2014_TITLE, GENEVA_TITLE]
    for (const title of untagged) {
      await library.row(title).getByRole('checkbox').check()
    }
    await expect(library.selectionBar).toContainText('2 selected')
    await library.removeFromSelection(REGION)
    for (const title of untagged) {
      await expect(library.chip(library.row(title), REGION)).toHaveCount(0)
    }
    await expect(library.rows.getByTitle(REGION, { exact: true })).toHaveCount(3)
    await expect(centralAsia).toHaveAccessibleName('Central Asia 3 releases')
    await expect(
      centralAsia.getByTitle(`${REGION}: 3 releases · 0 paragraphs · 0 passages`),
    ).toBeVisible()

    // Choosing the tag in the tree lists only the releases that carry it.
    await centralAsia.click()
    await expect(centralAsia).toHaveAttribute('aria-selected', 'true')
    await expect(app.library.getByText(`3 releases tagged “${REGION}”`)).toBeVisible()
    await expect(library.rows).toHaveCount(3)
    for (const title of untagged) await expect(library.row(title)).toHaveCount(0)
    await expect(library.row(SCO_2017_TITLE)).toHaveCount(1)
    for (let i = 0; i < 3; i++) {
      await expect(library.chip(library.rows.nth(i), REGION)).toBeVisible()
    }

    // Undo puts the tag back on the two, and the filtered list shows all five again.
    await page.keyboard.press('Control+z')
    await expect(historyNotice(page)).toContainText('Undone: ')
    await expect(app.library.getByText(`5 releases tagged “${REGION}”`)).toBeVisible()
    await expect(library.rows).toHaveCount(5)
    for (const title of untagged) {
      await expect(library.chip(library.row(title), REGION)).toHaveText('Central Asia')
    }
    await expect(
      centralAsia.getByTitle(`${REGION}: 5 releases · 0 paragraphs · 0 passages`),
    ).toBeVisible()
  })

  test('the tag manager moves and deletes, with a confirmation that states the counts', async ({
    page,
  }) => {
    test.setTimeout(60_000)
    const { app, reader } = await startWithSco(page)
    const manager = new TagManagerPage(page)
    const library = new LibraryPage(page)

    await manager.open()
    await manager.create('Threats/Terrorism', {
      colour: '#c0392b',
      description: 'Acts and threats of terrorism',
    })
    await manager.create('Economy', { colour: '#2e7d32', description: 'Trade and investment' })
    await expect(manager.tree.getByRole('heading', { level: 3 })).toHaveText(['Economy', 'Threats'])
    await expect(
      manager.node('Threats').getByRole('list').getByRole('heading', { level: 4 }),
    ).toHaveText(['Terrorism'])
    await expect(manager.colour('Threats/Terrorism')).toHaveValue('#c0392b')
    await expect(manager.row('Threats/Terrorism')).toContainText('Acts and threats of terrorism')
    await expect(manager.colour('Economy')).toHaveValue('#2e7d32')
    await expect(manager.row('Economy')).toContainText('Trade and investment')

    // One release, one paragraph and one passage carry Terrorism.
    const phrase = 'countering terrorism, separatism and extremism'
    const note = 'Standard SCO formula'
    await app.open(SCO_2017_TITLE)
    await reader.tagRelease('Threats/Terrorism')
    await reader.tagParagraph(2, 'Threats/Terrorism')
    const card = await reader.annotateWith(5, phrase, { note, tags: ['Threats/Terrorism'] })
    const cardTags = card.getByRole('list', { name: 'Tags of this passage' })
    const expectTerrorism = async (path: string | null) => {
      const paths = path ? [path] : []
      await expectChips(reader.releaseTags(), paths)
      await expectChips(reader.paragraphTags(2), paths)
      await expectChips(cardTags, paths)
    }
    await expectTerrorism('Threats/Terrorism')

    // Moved to the top level, Terrorism sits beside Threats, and every chip names its new path.
    await manager.open()
    await manager.move('Threats/Terrorism', null)
    await expect(manager.tree.getByRole('heading', { level: 3 })).toHaveText([
      'Economy',
      'Terrorism',
      'Threats',
    ])
    await expect(manager.tree.getByRole('heading', { level: 4 })).toHaveCount(0)
    await expect(manager.row('Terrorism')).toContainText('1 release · 1 paragraph · 1 passage')
    await expect(library.treeItem('Terrorism')).toHaveAttribute('aria-level', '1')
    await expect(library.treeItem('Terrorism')).toHaveAccessibleName('Terrorism 1 release')
    await app.open(SCO_2017_TITLE)
    await expectTerrorism('Terrorism')
    await expect(tagChip(reader.releaseTags(), 'Terrorism').locator('.tag-dot')).toHaveCSS(
      'background-color',
      'rgb(192, 57, 43)',
    )

    // Threats, now empty, is on nothing: the question says so.
    await manager.open()
    const deleteThreats = await manager.askDelete('Threats')
    await expect(deleteThreats).toContainText(
      'Delete “Threats”? It is not on any release, paragraph or passage.',
    )
    await deleteThreats.getByRole('button', { name: 'Delete', exact: true }).click()
    await expect(deleteThreats).toHaveCount(0)
    await expect(manager.status).toHaveText('Deleted “Threats”.')
    await expect(manager.tree.getByRole('heading', { level: 3 })).toHaveText([
      'Economy',
      'Terrorism',
    ])

    // Terrorism is in use: the question counts its uses; Escape keeps it.
    const question =
      'Delete “Terrorism”? It is on 1 release, 1 paragraph and 1 passage; they keep everything else.'
    let dialog = await manager.askDelete('Terrorism')
    await expect(dialog).toHaveAccessibleDescription(question)
    await page.keyboard.press('Escape')
    await expect(dialog).toHaveCount(0)
    await expect(manager.row('Terrorism')).toContainText('1 release · 1 paragraph · 1 passage')

    dialog = await manager.askDelete('Terrorism')
    await expect(dialog).toHaveAccessibleDescription(question)
    await dialog.getByRole('button', { name: 'Delete', exact: true }).click()
    await expect(dialog).toHaveCount(0)
    await expect(manager.status).toHaveText('Deleted “Terrorism”.')
    await expect(manager.tree.getByRole('heading', { level: 3 })).toHaveText(['Economy'])

    // The release, the paragraph and the passage lose the tag; the annotation keeps its note.
    await app.open(SCO_2017_TITLE)
    await expectTerrorism(null)
    await expect(reader.annotationCards).toHaveCount(1)
    await expect(card.getByText(note, { exact: true })).toBeVisible()
    await expect(reader.paragraph(5).getByTitle(`Annotated passage: ${note}`)).toHaveText(phrase)

    // Undo brings the tag back, and with it every use.
    await page.keyboard.press('Control+z')
    await expect(historyNotice(page)).toContainText('Undone: ')
    await expectTerrorism('Terrorism')
    await expect(card.getByText(note, { exact: true })).toBeVisible()
    await manager.open()
    await expect(manager.tree.getByRole('heading', { level: 3 })).toHaveText([
      'Economy',
      'Terrorism',
    ])
    await expect(manager.row('Terrorism')).toContainText('1 release · 1 paragraph · 1 passage')
    await expect(manager.row('Terrorism')).toContainText('Acts and threats of terrorism')
  })

  test('exports of one tag and one release: the Markdown report groups quotes by tag, the codebook lists the tree', async ({
    page,
  }) => {
    test.setTimeout(60_000)
    const { app, reader } = await startWithSco(page)
    const manager = new TagManagerPage(page)
    const exchange = new ExchangePage(page)

    const both = {
      n: 5,
      phrase: 'countering terrorism, separatism and extremism',
      note: 'Standard SCO formula',
      tags: ['Threats/Terrorism', 'Cooperation'],
    }
    const cooperationOnly = {
      n: 12,
      phrase: 'expanding cooperation between all regional organisations',
      note: 'Kazakhstan on the Security Council',
      tags: ['Cooperation'],
    }
    const in2014 = {
      n: 2,
      phrase: 'fighting international terrorism and religious extremism',
      note: 'The same concern, 2014',
      tags: ['Threats/Terrorism'],
    }
    for (const p of [both, cooperationOnly]) await reader.annotateWith(p.n, p.phrase, p)
    await app.open(SCO_2014_TITLE)
    await reader.annotateWith(in2014.n, in2014.phrase, in2014)

    // The dates the library shows for the two releases, as the report should give them.
    const dateOf = (title: string) =>
      app.libraryItem(title).locator('time').getAttribute('datetime')
    const date2017 = await dateOf(SCO_2017_TITLE)
    const date2014 = await dateOf(SCO_2014_TITLE)
    expect(date2017).toMatch(/^2017-/)
    expect(date2014).toMatch(/^2014-/)

    await manager.open()
    await manager.describe('Threats/Terrorism', 'Acts and threats of terrorism')
    const colours = new Map<string, string>()
    for (const path of ['Cooperation', 'Threats', 'Threats/Terrorism']) {
      colours.set(path, await manager.colour(path).inputValue())
    }

    // One tag: the report has a section for it with both of its quotes, and nothing else of theirs.
    await exchange.open()
    await exchange.chooseTag('Threats/Terrorism')
    await expect(page.getByText('Tag Threats/Terrorism: 2 annotations on 2 releases')).toBeVisible()
    const report = readFileSync(
      await exchange.download('Markdown report, grouped by tag (.md)'),
      'utf8',
    )
    const sections = report.split(/^## /m)
    const terrorism = sections.find((s) => s.startsWith('Threats/Terrorism\n'))
    expect(terrorism, 'a section headed Threats/Terrorism').toBeDefined()
    expect(report).toMatch(/^## Threats\/Terrorism$/m)
    expect(terrorism).toContain(`> ${both.phrase}`)
    expect(terrorism).toContain(`— *${SCO_2017_TITLE}*, ${date2017}, ¶ ${both.n}`)
    expect(terrorism).toContain(both.note)
    expect(terrorism).toContain(`> ${in2014.phrase}`)
    expect(terrorism).toContain(`— *${SCO_2014_TITLE}*, ${date2014}, ¶ ${in2014.n}`)
    expect(terrorism).toContain(in2014.note)
    expect(report).not.toContain(cooperationOnly.phrase)
    expect(report).not.toContain(cooperationOnly.note)

    // The codebook of the whole archive: the tree with each tag's colour, description and uses.
    await exchange.chooseScope('The whole archive')
    await expect(page.getByText('The whole archive: 3 annotations on 2 releases')).toBeVisible()
    const codebook = JSON.parse(
      readFileSync(await exchange.download('Codebook JSON (.json)'), 'utf8'),
    ) as CodebookNode[]
    expect(codebook.map((node) => node.path)).toEqual(['Cooperation', 'Threats'])
    const [cooperation, threats] = codebook as [CodebookNode, CodebookNode]
    expect(cooperation.counts).toEqual({ releases: 0, paragraphs: 0, passages: 2 })
    expect(cooperation.color).toBe(colours.get('Cooperation'))
    expect(cooperation.children).toEqual([])
    expect(threats.counts).toEqual({ releases: 0, paragraphs: 0, passages: 0 })
    expect(threats.children).toEqual([
      {
        path: 'Threats/Terrorism',
        name: 'Terrorism',
        color: colours.get('Threats/Terrorism'),
        description: 'Acts and threats of terrorism',
        counts: { releases: 0, paragraphs: 0, passages: 2 },
        children: [],
      },
    ])

    const csvBytes = readFileSync(await exchange.download('Codebook CSV (.csv)'))
    expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const rows = parseCsv(new TextDecoder('utf-8', { fatal: true }).decode(csvBytes))
    const header = rows[0] ?? []
    const column = (name: string) => header.indexOf(name)
    for (const name of ['Path', 'Colour', 'Description', 'Passages']) {
      expect(column(name), `the ${name} column`).toBeGreaterThanOrEqual(0)
    }
    expect(rows.slice(1).map((row) => row[column('Path')])).toEqual([
      'Cooperation',
      'Threats',
      'Threats/Terrorism',
    ])
    for (const row of rows.slice(1)) {
      const path = row[column('Path')] as string
      expect(row[column('Colour')], path).toBe(colours.get(path))
    }
    const terrorismRow = rows.find((row) => row[column('Path')] === 'Threats/Terrorism')
    expect(terrorismRow?.[column('Description')]).toBe('Acts and threats of terrorism')
    expect(terrorismRow?.[column('Passages')]).toBe('2')

    // One release: SCO 2014, the one last open, has the one annotation.
    await exchange.chooseScope(/^The release last open/)
    await expect(page.getByRole('radio', { name: /^The release last open/ })).toHaveAccessibleName(
      `The release last open: “${SCO_2014_TITLE}”`,
    )
    await expect(page.getByText(/: 1 annotation on 1 release;/)).toBeVisible()
    const file = test.info().outputPath('sco-2014.jsonld')
    copyFileSync(await exchange.download(JSONLD), file)
    const collection = JSON.parse(readFileSync(file, 'utf8')) as {
      total: number
      first: {
        items: { target: { source: string; selector: { type: string; exact?: string }[] } }[]
      }
    }
    expect(collection.total).toBe(1)
    expect(collection.first.items).toHaveLength(1)
    const target = collection.first.items[0]?.target
    expect(target?.source).toMatch(/^urn:sha256:[0-9a-f]{64}$/)
    expect(target?.selector.find((s) => s.type === 'TextQuoteSelector')?.exact).toBe(in2014.phrase)
  })

  test('an annotation file from another tool is matched by its quote', async ({ page }) => {
    const { app, reader } = await startWithSco(page)
    const exchange = new ExchangePage(page)

    // A phrase the 2014 release has once, and the 2017 one not at all.
    const phrase = 'illicit opium economy in Afghanistan'
    expect(occurrences(readFileSync(SCO_2014, 'utf8'), phrase)).toBe(1)
    expect(occurrences(readFileSync(SCO_2017, 'utf8'), phrase)).toBe(0)
    const missing = 'a sentence that no release in this archive has ever contained'
    expect(occurrences(readFileSync(SCO_2014, 'utf8'), missing)).toBe(0)
    expect(occurrences(readFileSync(SCO_2017, 'utf8'), missing)).toBe(0)
    const note = 'Drugs as a condition of security'

    // As Hypothesis writes them: a web page as the source, a target array, selectors of its own.
    const hypothesis = (id: string, exact: string, text: string, tags: string[]) => ({
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      type: 'Annotation',
      id: `https://hypothes.is/a/${id}`,
      created: '2024-03-02T10:15:00.000000+00:00',
      modified: '2024-03-02T10:16:30.000000+00:00',
      creator: 'acct:reader@hypothes.is',
      body: [
        { type: 'TextualBody', value: text, format: 'text/markdown', purpose: 'commenting' },
        ...tags.map((tag) => ({ type: 'TextualBody', value: tag, purpose: 'tagging' })),
      ],
      target: [
        {
          source: 'https://example.org/some-page',
          selector: [
            {
              type: 'RangeSelector',
              startSelector: { type: 'XPathSelector', value: '/main[1]/p[3]' },
              endSelector: { type: 'XPathSelector', value: '/main[1]/p[3]' },
              startOffset: 12,
              endOffset: 48,
            },
            { type: 'TextPositionSelector', start: 4021, end: 4021 + exact.length },
            { type: 'TextQuoteSelector', exact, prefix: 'importance of combating terrorism and ' },
          ],
        },
      ],
    })
    const file = test.info().outputPath('hypothesis.json')
    writeFileSync(
      file,
      JSON.stringify(
        [
          hypothesis('kX9q2LrPEe6', phrase, note, ['Imported']),
          hypothesis('Zt7Ay0Lr9k1', missing, 'Nowhere to be found', ['Imported']),
        ],
        null,
        2,
      ),
    )

    await exchange.open()
    await exchange.importAnnotations(file)
    await expect(exchange.importResult).toContainText('Imported from “hypothesis.json”.')
    await expect(exchange.importResult).toContainText(
      'Added 1, updated 0, kept 0; 1 could not be placed.',
    )
    const unplaced = page.getByRole('list', { name: 'Annotations that could not be placed' })
    await expect(unplaced.getByRole('listitem')).toHaveCount(1)
    await expect(unplaced.getByRole('listitem')).toHaveText(
      `${missing} no release in the archive has the quoted text`,
    )
    await expect(page.getByRole('list', { name: 'Problems with the file' })).toHaveCount(0)
    await expect(page.getByText('The whole archive: 1 annotation on 1 release')).toBeVisible()

    await app.open(SCO_2014_TITLE)
    await expect(reader.highlights).toHaveCount(1)
    await expect(reader.paragraph(2).getByTitle(`Annotated passage: ${note}`)).toHaveText(phrase)
    const card = reader.annotationCard(phrase)
    await expect(card.getByText(note, { exact: true })).toBeVisible()
    await expectChips(card.getByRole('list', { name: 'Tags of this passage' }), ['Imported'])

    // Nothing was put on the other release.
    await app.open(SCO_2017_TITLE)
    await expect(reader.highlights).toHaveCount(0)
  })
})
