import { copyFileSync, readFileSync } from 'node:fs'
import { expect, test } from '@playwright/test'
import {
  ArchivePage,
  CORPUS,
  parseCsv,
  SCO_2014,
  SCO_2014_TITLE,
  SCO_2017,
  SCO_2017_TITLE,
} from './pages/archive-page'
import {
  ExchangePage,
  JSONLD,
  ReaderPage,
  TagManagerPage,
  expectChips,
  historyNotice,
  startWithSco,
  tagChip,
} from './pages/reader-page'

/** In paragraph 5 of SCO 2017, which begins "The National Security Council secretaries exchanged views". */
const FORMULA = 'countering terrorism, separatism and extremism'
const RUSSIAN = `${CORPUS}bad/windows-1251-ru.txt`
const RUSSIAN_TITLE = 'Встреча с Министром просвещения Сергеем Кравцовым'

type W3cAnnotation = {
  id: string
  type: string
  motivation: string
  created: string
  modified: string
  body?: { type: string; value: string; purpose: string; format?: string }[]
  target: {
    type: string
    source: string
    styleClass?: string
    selector: { type: string; exact?: string; start?: number; end?: number }[]
  }
  stylesheet?: { type: string; value: string }
}

type W3cCollection = {
  '@context': string
  id: string
  type: string
  label: string
  total: number
  first: { type: string; items: W3cAnnotation[] }
}

function readCollection(path: string): W3cCollection {
  return JSON.parse(readFileSync(path, 'utf8')) as W3cCollection
}

function quoteOf(annotation: W3cAnnotation): string | undefined {
  return annotation.target.selector.find((s) => s.type === 'TextQuoteSelector')?.exact
}

test.describe('tags and annotations', () => {
  test('tag a release and two paragraphs; a hierarchical tag with a colour and a description; reload keeps it all', async ({
    page,
  }) => {
    const { app, reader } = await startWithSco(page)
    const manager = new TagManagerPage(page)

    // Typing a new path in the release's tag picker creates the tag, and its parent.
    await reader.tagRelease('Threats/Terrorism')
    await expectChips(reader.releaseTags(), ['Threats/Terrorism'])
    await expect(tagChip(reader.releaseTags(), 'Threats/Terrorism')).toContainText('Terrorism')

    await reader.tagParagraph(2, 'Threats/Terrorism')
    await reader.tagParagraph(2, 'Cooperation')
    await reader.tagParagraph(11, 'Threats/Terrorism')
    await reader.tagParagraph(11, 'Cooperation')
    await expectChips(reader.paragraphTags(2), ['Threats/Terrorism', 'Cooperation'])
    await expectChips(reader.paragraphTags(11), ['Threats/Terrorism', 'Cooperation'])
    await expectChips(reader.paragraphTags(3), [])

    await manager.open()
    await expect(manager.tree.getByRole('heading', { level: 3 })).toHaveText([
      'Cooperation',
      'Threats',
    ])
    await expect(
      manager.node('Threats').getByRole('list').getByRole('heading', { level: 4 }),
    ).toHaveText(['Terrorism'])
    await expect(manager.row('Threats/Terrorism')).toContainText(
      '1 release · 2 paragraphs · 0 passages',
    )
    await expect(manager.row('Cooperation')).toContainText('0 releases · 2 paragraphs · 0 passages')
    await expect(manager.row('Threats')).toContainText('0 releases · 0 paragraphs · 0 passages')

    await manager.setColour('Threats/Terrorism', '#1e88e5')
    await manager.describe('Threats/Terrorism', 'Codebook: acts and threats of terrorism')
    await expect(manager.row('Threats/Terrorism')).toContainText(
      'Codebook: acts and threats of terrorism',
    )

    await page.reload()
    await expect(manager.colour('Threats/Terrorism')).toHaveValue('#1e88e5')
    await expect(manager.row('Threats/Terrorism')).toContainText(
      'Codebook: acts and threats of terrorism',
    )
    await expect(manager.row('Threats/Terrorism')).toContainText(
      '1 release · 2 paragraphs · 0 passages',
    )
    await expect(manager.row('Cooperation')).toContainText('No description.')

    await app.open(SCO_2017_TITLE)
    await expectChips(reader.releaseTags(), ['Threats/Terrorism'])
    await expectChips(reader.paragraphTags(2), ['Threats/Terrorism', 'Cooperation'])
    await expectChips(reader.paragraphTags(11), ['Threats/Terrorism', 'Cooperation'])
    // The chip's dot shows the colour picked in the manager.
    for (const chips of [reader.releaseTags(), reader.paragraphTags(2), reader.paragraphTags(11)]) {
      await expect(tagChip(chips, 'Threats/Terrorism').locator('.tag-dot')).toHaveCSS(
        'background-color',
        'rgb(30, 136, 229)',
      )
    }
    await expect(tagChip(reader.paragraphTags(2), 'Cooperation').locator('.tag-dot')).not.toHaveCSS(
      'background-color',
      'rgb(30, 136, 229)',
    )
    // The other release carries none of these tags.
    await app.open(SCO_2014_TITLE)
    await expectChips(reader.releaseTags(), [])
  })

  test('annotate a passage of the SCO 2017 release with a note and two tags; reload; it is all there', async ({
    page,
  }) => {
    const { reader } = await startWithSco(page)
    await expect(reader.paragraph(5)).toContainText(
      'The National Security Council secretaries exchanged views',
    )

    const card = await reader.annotateWith(5, FORMULA, {
      note: 'Standard SCO formula',
      tags: ['Threats/Terrorism', 'Cooperation'],
    })

    const seeIt = async () => {
      await expect(reader.highlights).toHaveCount(1)
      const highlight = reader.paragraph(5).getByTitle('Annotated passage: Standard SCO formula')
      await expect(highlight).toHaveText(FORMULA)
      await expect(reader.annotations.getByRole('heading', { name: /^Annotations/ })).toHaveText(
        'Annotations 1',
      )
      await expect(reader.annotationCards).toHaveCount(1)
      await expect(card.getByRole('button', { name: /^¶ 5/ })).toHaveText(`¶ 5“${FORMULA}”`)
      await expect(card.getByText('Standard SCO formula', { exact: true })).toBeVisible()
      await expectChips(card.getByRole('list', { name: 'Tags of this passage' }), [
        'Threats/Terrorism',
        'Cooperation',
      ])
    }
    await seeIt()

    await page.reload()
    await expect(page.getByRole('heading', { level: 2, name: SCO_2017_TITLE })).toBeVisible()
    await seeIt()

    // From the end of the release, the panel's entry brings the passage back into view.
    await reader.paragraph(24).scrollIntoViewIfNeeded()
    await expect(reader.paragraph(5)).not.toBeInViewport()
    await card.getByRole('button', { name: /^¶ 5/ }).click()
    await expect(reader.paragraph(5)).toBeInViewport()
    await expect(reader.paragraph(5)).toBeFocused()
    await expect(card).toHaveAttribute('aria-current', 'true')
  })

  test('rename and merge tags and see every place updated; undo and redo', async ({ page }) => {
    test.setTimeout(60_000)
    const { app, reader } = await startWithSco(page)
    const manager = new TagManagerPage(page)

    await reader.tagRelease('Threats/Terrorism')
    await reader.tagParagraph(2, 'Threats/Terrorism')
    await reader.tagParagraph(2, 'Cooperation')
    await reader.tagParagraph(11, 'Cooperation')
    const card = await reader.annotateWith(5, FORMULA, {
      note: 'Standard SCO formula',
      tags: ['Threats/Terrorism', 'Cooperation'],
    })
    const cardTags = card.getByRole('list', { name: 'Tags of this passage' })

    const expectEverywhere = async (terror: string, merged: boolean) => {
      await expectChips(reader.releaseTags(), [terror])
      await expectChips(reader.paragraphTags(2), merged ? [terror] : [terror, 'Cooperation'])
      await expectChips(reader.paragraphTags(11), merged ? [terror] : ['Cooperation'])
      await expectChips(cardTags, merged ? [terror] : [terror, 'Cooperation'])
    }
    await expectEverywhere('Threats/Terrorism', false)

    await manager.open()
    await manager.rename('Threats/Terrorism', 'Terror')
    await expect(
      manager.node('Threats').getByRole('list').getByRole('heading', { level: 4 }),
    ).toHaveText(['Terror'])
    await app.open(SCO_2017_TITLE)
    await expectEverywhere('Threats/Terror', false)
    await expect(tagChip(reader.releaseTags(), 'Threats/Terror')).toContainText('Terror')

    await manager.open()
    const dialog = await manager.askMerge('Cooperation', 'Threats/Terror')
    await expect(dialog).toContainText(
      'Merge “Cooperation” (0 releases, 2 paragraphs, 1 passage) into “Threats/Terror”?',
    )
    await dialog.getByRole('button', { name: 'Merge', exact: true }).click()
    await expect(dialog).toHaveCount(0)
    await expect(manager.status).toHaveText('Merged “Cooperation” into “Threats/Terror”.')
    await expect(manager.tree.getByRole('heading', { level: 3 })).toHaveText(['Threats'])
    await expect(manager.row('Threats/Terror')).toContainText(
      '1 release · 2 paragraphs · 1 passage',
    )

    // Paragraph 2 and the passage carried both tags: they carry the one left, once.
    await app.open(SCO_2017_TITLE)
    await expectEverywhere('Threats/Terror', true)

    await page.keyboard.press('Control+z')
    await expect(historyNotice(page)).toBeVisible()
    await expectEverywhere('Threats/Terror', false)
    await page.keyboard.press('Control+z')
    await expectEverywhere('Threats/Terrorism', false)
    await page.keyboard.press('Control+Shift+z')
    await expect(historyNotice(page)).toContainText('Redone: ')
    await expectEverywhere('Threats/Terror', false)

    // Making an annotation, and deleting one, are undone and redone the same way.
    await reader.selectText(11, 'Central Asia')
    await reader.toolbar.getByRole('button', { name: 'Highlight' }).click()
    await expect(reader.highlights).toHaveCount(2)
    await expect(reader.paragraph(11).getByTitle('Annotated passage')).toHaveText('Central Asia')
    await page.keyboard.press('Control+z')
    await expect(reader.highlights).toHaveCount(1)
    await expect(reader.annotationCard('Central Asia')).toHaveCount(0)
    await page.keyboard.press('Control+Shift+z')
    await expect(reader.highlights).toHaveCount(2)
    await expect(reader.paragraph(11).getByTitle('Annotated passage')).toHaveText('Central Asia')
    await expect(reader.annotationCard('Central Asia')).toHaveCount(1)

    await card.getByRole('button', { name: 'Delete' }).click()
    await expect(reader.annotationCard(FORMULA)).toHaveCount(0)
    await expect(reader.highlights).toHaveCount(1)
    await page.keyboard.press('Control+z')
    await expect(reader.highlights).toHaveCount(2)
    await expect(card.getByText('Standard SCO formula', { exact: true })).toBeVisible()
    await expectChips(cardTags, ['Threats/Terror', 'Cooperation'])
    await page.keyboard.press('Control+Shift+z')
    await expect(reader.annotationCard(FORMULA)).toHaveCount(0)
    await expect(reader.highlights).toHaveCount(1)
  })

  test('export W3C JSON-LD, wipe the archive, re-import the releases and the annotation file, and get the same annotations back (compared field by field)', async ({
    page,
    browser,
    baseURL,
  }) => {
    test.setTimeout(90_000)
    const { app, reader } = await startWithSco(page)
    const passages2017 = [
      {
        n: 5,
        phrase: FORMULA,
        note: 'Standard SCO formula',
        tags: ['Threats/Terrorism', 'Cooperation'],
      },
      {
        n: 17,
        phrase: 'the successful harmonisation',
        note: 'The draft convention, “harmonised”',
        tags: ['Threats/Extremism'],
        colour: 'Blue',
      },
      { n: 22, phrase: 'The participants noted the positive role', note: 'RATS praised', tags: [] },
    ]
    const passage2014 = {
      n: 2,
      phrase: 'fighting international terrorism and religious extremism',
      note: 'The same concern, 2014',
      tags: ['Threats/Terrorism'],
    }
    for (const p of passages2017) await reader.annotateWith(p.n, p.phrase, p)
    const blue = reader.paragraph(17).getByTitle(/^Annotated passage/)
    await expect(blue).toHaveCSS('background-color', 'rgba(95, 168, 232, 0.42)')
    await app.open(SCO_2014_TITLE)
    await reader.annotateWith(passage2014.n, passage2014.phrase, passage2014)

    const exchange = new ExchangePage(page)
    await exchange.open()
    await expect(page.getByText('The whole archive: 4 annotations on 2 releases')).toBeVisible()
    // Kept beside the test's results: a download lives only as long as its browser context.
    const file = test.info().outputPath('annotations.jsonld')
    copyFileSync(await exchange.download(JSONLD), file)
    const exported = readCollection(file)

    expect(exported.type).toBe('AnnotationCollection')
    expect(exported.total).toBe(4)
    const items = exported.first.items
    expect(items).toHaveLength(4)
    expect(items.map(quoteOf).sort()).toEqual(
      [...passages2017, passage2014].map((p) => p.phrase).sort(),
    )
    for (const item of items) {
      expect(item.type).toBe('Annotation')
      expect(item.id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/)
      expect(item.target.source).toMatch(/^urn:sha256:[0-9a-f]{64}$/)
      expect(item.target.selector.map((s) => s.type).sort()).toEqual([
        'TextPositionSelector',
        'TextQuoteSelector',
      ])
    }
    expect(new Set(items.map((i) => i.target.source)).size).toBe(2)
    const harmonised = items.find((i) => quoteOf(i) === 'the successful harmonisation')
    expect(harmonised?.stylesheet?.value).toContain('#5fa8e8')
    expect(harmonised?.body).toEqual([
      {
        type: 'TextualBody',
        value: 'The draft convention, “harmonised”',
        format: 'text/plain',
        purpose: 'commenting',
      },
      { type: 'TextualBody', value: 'Threats/Extremism', purpose: 'tagging' },
    ])

    // A new profile is an empty archive.
    const fresh = await browser.newContext({ baseURL })
    try {
      const page2 = await fresh.newPage()
      const app2 = new ArchivePage(page2)
      const reader2 = new ReaderPage(page2)
      await app2.goto()
      await expect(page2.getByRole('heading', { name: 'Your archive is empty' })).toBeVisible()
      await expect(app2.library).toHaveCount(0)
      await app2.dropFiles([SCO_2017, SCO_2014])
      await expect(app2.importStatus).toContainText('Imported 2 releases.')

      const exchange2 = new ExchangePage(page2)
      await exchange2.open()
      await expect(page2.getByText('The whole archive: 0 annotations on 0 releases')).toBeVisible()
      await exchange2.importAnnotations(file)
      await expect(exchange2.importResult).toContainText(
        'Added 4, updated 0, kept 0; 0 could not be placed.',
      )
      await expect(
        page2.getByRole('list', { name: 'Annotations that could not be placed' }),
      ).toHaveCount(0)
      await expect(page2.getByRole('list', { name: 'Problems with the file' })).toHaveCount(0)
      await expect(page2.getByText('The whole archive: 4 annotations on 2 releases')).toBeVisible()

      const again = readCollection(await exchange2.download(JSONLD))
      expect(again.type).toBe('AnnotationCollection')
      expect(again.total).toBe(4)
      expect(again.label).toBe(exported.label)
      expect(again.id).not.toBe(exported.id)
      const before = new Map(items.map((item) => [item.id, item]))
      const after = new Map(again.first.items.map((item) => [item.id, item]))
      expect([...after.keys()].sort()).toEqual([...before.keys()].sort())
      for (const [id, was] of before) {
        const now = after.get(id) as W3cAnnotation
        expect(now.type, id).toBe(was.type)
        expect(now.motivation, id).toBe(was.motivation)
        expect(now.target.source, id).toBe(was.target.source)
        expect(now.target.selector, id).toEqual(was.target.selector)
        expect(now.target.styleClass, id).toBe(was.target.styleClass)
        expect(now.stylesheet, id).toEqual(was.stylesheet)
        expect(now.body, id).toEqual(was.body)
        expect(now.created, id).toBe(was.created)
        expect(now.modified, id).toBe(was.modified)
        // Nothing else differs either.
        expect(now, id).toEqual(was)
      }

      // And the reader shows them again.
      await app2.open(SCO_2017_TITLE)
      await expect(reader2.highlights).toHaveCount(3)
      for (const p of passages2017) {
        await expect(reader2.paragraph(p.n).getByTitle(`Annotated passage: ${p.note}`)).toHaveText(
          p.phrase,
        )
        const card = reader2.annotationCard(p.phrase)
        await expect(card.getByText(p.note, { exact: true })).toBeVisible()
        await expectChips(card.getByRole('list', { name: 'Tags of this passage' }), p.tags)
      }
      await expect(reader2.paragraph(17).getByTitle(/^Annotated passage/)).toHaveCSS(
        'background-color',
        'rgba(95, 168, 232, 0.42)',
      )
      await app2.open(SCO_2014_TITLE)
      await expect(reader2.highlights).toHaveCount(1)
      await expect(
        reader2.paragraph(passage2014.n).getByTitle(`Annotated passage: ${passage2014.note}`),
      ).toHaveText(passage2014.phrase)
      await expect(
        reader2.annotationCard(passage2014.phrase).getByText(passage2014.note, { exact: true }),
      ).toBeVisible()
    } finally {
      await fresh.close()
    }
  })

  test('the CSV opens with the right characters', async ({ page }) => {
    const app = new ArchivePage(page)
    const reader = new ReaderPage(page)
    await app.goto()
    await app.dropFiles([RUSSIAN])
    await expect(app.importStatus).toContainText('Imported 1 release.')
    await app.open(RUSSIAN_TITLE)

    const passage = 'Президент провёл рабочую встречу с Министром просвещения'
    const note = 'Формула «встречи», "рабочая" — см. также, 2025'
    await reader.annotateWith(1, passage, { note })
    await expect(reader.paragraph(1).getByTitle(`Annotated passage: ${note}`)).toHaveText(passage)

    const exchange = new ExchangePage(page)
    await exchange.open()
    await expect(page.getByText('The whole archive: 1 annotation on 1 release')).toBeVisible()
    const bytes = readFileSync(await exchange.download('CSV for Excel (.csv)'))
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])

    const rows = parseCsv(new TextDecoder('utf-8', { fatal: true }).decode(bytes))
    const header = rows[0] ?? []
    expect(header.slice(0, 6)).toEqual(['Release', 'Date', 'Paragraph', 'Quote', 'Note', 'Tags'])
    expect(rows).toHaveLength(2)
    const column = (name: string) => header.indexOf(name)
    const row = rows.find((r) => r[column('Quote')] === passage)
    expect(row, 'the row of the annotated passage').toBeDefined()
    expect(row?.[column('Note')]).toBe(note)
    expect(row?.[column('Release')]).toBe(RUSSIAN_TITLE)
    expect(row?.[column('Paragraph')]).toBe('1')
  })
})
