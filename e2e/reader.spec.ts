import { readFileSync } from 'node:fs'
import { expect, test } from '@playwright/test'
import { ArchivePage, CORPUS, SCO_2017, SCO_2017_TITLE } from './pages/archive-page'
import { ReaderPage } from './pages/reader-page'

const NEW_VERSION = `${CORPUS}bad/new-version-of-seed.txt`
const MANY_PARAGRAPHS = `${CORPUS}bad/many-paragraphs.txt`

/**
 * A release file's paragraphs as the reader numbers them: the blocks between
 * blank lines after the title, with no-break spaces read as spaces.
 */
function paragraphsOf(path: string): string[] {
  const blocks = readFileSync(path, 'utf8')
    .replace(/\r\n?/g, '\n')
    .replace(/\u00a0/g, ' ')
    .split(/\n[ \t]*\n/)
    .map((block) => block.trim())
    .filter((block) => block !== '')
  return blocks.slice(1)
}

/** How often `phrase` occurs in `texts`, ignoring case. */
function occurrences(texts: string[], phrase: string): number {
  const pattern = new RegExp(phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'giu')
  return texts.reduce((sum, text) => sum + (text.match(pattern)?.length ?? 0), 0)
}

test.describe('reading and annotating a release', () => {
  test('a new version carries annotations on unchanged paragraphs and lists the one whose paragraph changed for review', async ({
    page,
  }) => {
    test.setTimeout(45_000)
    const app = new ArchivePage(page)
    const reader = new ReaderPage(page)
    await app.goto()
    await app.dropFiles([SCO_2017])
    await app.open(SCO_2017_TITLE)

    // Paragraph 2 is the same in both versions; paragraph 5 was rewritten in part.
    const unchanged = 'chaired by Kazakhstan'
    const kept = 'countering terrorism, separatism and extremism'
    const rewritten = 'traditionally friendly and constructive'
    await expect(reader.paragraph(5)).toContainText(rewritten)
    await reader.annotate(2, unchanged, 'Kazakhstan chairs in 2017.')
    await reader.annotate(5, kept, 'The “three evils” formula.')
    await reader.annotate(5, rewritten, 'Tone of the talks.')
    await reader.tagParagraph(4, 'Hosts/Kazakhstan')
    await expect(reader.highlights).toHaveText([unchanged, rewritten, kept])

    await app.dropFiles([NEW_VERSION])
    await expect(app.importStatus).toContainText('1 new version')
    await expect(app.reportRow('new-version-of-seed.txt')).toHaveText([
      'new-version-of-seed.txt',
      'new version',
      new RegExp(`new version of “${SCO_2017_TITLE}”`),
    ])

    // The library lists the newest import first: the new version.
    // Newest import first: the revised version heads the library and says what it is.
    await expect(app.libraryItem(SCO_2017_TITLE).first()).toContainText('revised version')
    await expect(app.libraryItem(SCO_2017_TITLE).last()).not.toContainText('revised version')
    await app.libraryItem(SCO_2017_TITLE).first().click()
    const current = reader.versions.locator('li:has([aria-current="page"])')
    await expect(current).toContainText('new-version-of-seed.txt')
    await expect(reader.paragraph(5)).toContainText('friendly, constructive and businesslike')

    await expect(reader.annotations.getByRole('heading', { name: 'Annotations 2' })).toBeVisible()
    await expect(reader.highlights).toHaveText([unchanged, kept])
    await expect(reader.annotationCard(unchanged)).toContainText('Kazakhstan chairs in 2017.')
    await expect(reader.annotationCard(unchanged)).toContainText('¶ 2')
    await expect(reader.annotationCard(kept)).toContainText('The “three evils” formula.')
    await expect(reader.annotationCard(kept)).toContainText('¶ 5')
    await expect(reader.paragraphTags(4)).toContainText('Kazakhstan')

    await expect(reader.needsReview.getByRole('heading', { name: 'Needs review 1' })).toBeVisible()
    await expect(reader.needsReview.getByRole('listitem')).toHaveCount(1)
    const review = reader.reviewCard(rewritten)
    await expect(review).toContainText('Tone of the talks.')
    await expect(review.locator('.review-reason')).toContainText(
      `its paragraph changed: the passage “${rewritten}” is not in the new version`,
    )

    // The earlier version keeps its own three.
    await reader.versions
      .getByRole('listitem')
      .filter({ hasText: '000_5b5391892682d1ae.txt' })
      .getByRole('link')
      .click()
    await expect(current).toContainText('000_5b5391892682d1ae.txt')
    await expect(reader.annotations.getByRole('heading', { name: 'Annotations 3' })).toBeVisible()
    await expect(reader.highlights).toHaveText([unchanged, rewritten, kept])
    await expect(reader.needsReview).toHaveCount(0)

    // Back on the new version, the one for review is placed on the new wording.
    await reader.versions
      .getByRole('listitem')
      .filter({ hasText: 'new-version-of-seed.txt' })
      .getByRole('link')
      .click()
    await expect(current).toContainText('new-version-of-seed.txt')
    const rewording = 'friendly, constructive and businesslike'
    await reader.selectText(5, rewording)
    await reader
      .reviewCard(rewritten)
      .getByRole('button', { name: 'Place on selected text' })
      .click()
    await expect(reader.needsReview).toHaveCount(0)
    await expect(reader.annotations.getByRole('heading', { name: 'Annotations 3' })).toBeVisible()
    await expect(reader.highlights).toHaveText([unchanged, rewording, kept])
    await expect(reader.annotationCard(rewording)).toContainText('Tone of the talks.')
    await expect(reader.annotationCard(rewording)).toContainText('¶ 5')
  })

  test('a release of 3,000 paragraphs opens and scrolls', async ({ page }) => {
    test.setTimeout(45_000)
    const paragraphs = paragraphsOf(MANY_PARAGRAPHS)
    const count = paragraphs.length
    const last = paragraphs[count - 1] as string
    const app = new ArchivePage(page)
    const reader = new ReaderPage(page)
    await app.goto()
    await app.dropFiles([MANY_PARAGRAPHS])
    await expect(app.libraryItem('Many paragraphs')).toContainText(
      `${count.toLocaleString('en')} paragraphs`,
    )
    await app.open('Many paragraphs')

    // Only the paragraphs near the view are in the page, each telling how many there are.
    await expect(reader.paragraph(1)).toBeVisible()
    await expect(reader.paragraph(1)).toHaveAttribute('aria-setsize', String(count))
    expect(await reader.paragraphs.count()).toBeLessThan(200)

    // End goes to the last paragraph, however far its height was from the estimate.
    await reader.focusReader()
    await page.keyboard.press('End')
    await expect(reader.paragraph(count)).toBeFocused()
    await expect(reader.paragraph(count)).toBeInViewport()
    await expect(reader.paragraph(count)).toContainText(last.slice(0, 80))
    await expect(reader.paragraph(count)).toHaveAttribute('aria-posinset', String(count))
    expect(await reader.paragraphs.count()).toBeLessThan(200)
    await expect(reader.paragraph(1)).toHaveCount(0)

    // Back at the top, Find jumps to a phrase near the end.
    await page.keyboard.press('Home')
    await expect(reader.paragraph(1)).toBeInViewport()
    await expect(page.getByRole('heading', { level: 2, name: 'Many paragraphs' })).toBeInViewport()
    const target = count - 2
    const phrase = (paragraphs[target - 1] as string).split(' ').slice(0, 5).join(' ')
    await reader.find(phrase)
    await expect(reader.findStatus).toHaveText(`1 of ${occurrences(paragraphs, phrase)}`)
    await expect(reader.paragraph(target)).toBeInViewport()
    await expect(reader.paragraph(target).locator('mark.find-match')).toHaveText(phrase)
    await expect(reader.paragraph(1)).toHaveCount(0)
  })

  test('find in the release', async ({ page }) => {
    const paragraphs = paragraphsOf(SCO_2017)
    const total = occurrences(paragraphs, 'SCO')
    const app = new ArchivePage(page)
    const reader = new ReaderPage(page)
    await app.goto()
    await app.dropFiles([SCO_2017])
    await app.open(SCO_2017_TITLE)

    await reader.find('SCO')
    await expect(reader.findStatus).toHaveText(`1 of ${total}`)
    await expect(reader.paragraphList.locator('mark.find-match')).toHaveCount(total)
    const current = reader.paragraphList.locator('mark.find-match.is-current')
    await expect(current).toHaveText('SCO')
    await expect(current).toBeInViewport()
    const first = paragraphs.findIndex((p) => /sco/i.test(p)) + 1
    await expect(reader.paragraph(first).locator('mark.find-match.is-current')).toHaveCount(1)

    await reader.findInput.press('Enter')
    await expect(reader.findStatus).toHaveText(`2 of ${total}`)
    await reader.findInput.press('Shift+Enter')
    await expect(reader.findStatus).toHaveText(`1 of ${total}`)
    await reader.findInput.press('Shift+Enter')
    await expect(reader.findStatus).toHaveText(`${total} of ${total}`)

    await reader.findInput.press('Escape')
    await expect(reader.findBar).toHaveCount(0)
    await expect(reader.paragraphList.locator('mark.find-match')).toHaveCount(0)
  })

  test('keyboard: next/previous paragraph, tag, annotate; the shortcuts help lists them', async ({
    page,
  }) => {
    const app = new ArchivePage(page)
    const reader = new ReaderPage(page)
    await app.goto()
    await app.dropFiles([SCO_2017])
    await app.open(SCO_2017_TITLE)

    await reader.focusReader()
    await page.keyboard.press('?')
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
    await expect(help).toBeVisible()
    const rows = help.getByRole('term')
    for (const keys of [
      'j',
      'k',
      'Home',
      'End',
      't',
      'a',
      'n',
      'Ctrl+F',
      'Ctrl+Z',
      'Ctrl+Shift+Z',
    ]) {
      await expect(rows.filter({ has: page.getByText(keys, { exact: true }) })).toHaveCount(1)
    }
    await expect(help).toContainText('Next paragraph')
    await expect(help).toContainText('Tag the current paragraph')
    await help.getByRole('button', { name: 'Close' }).click()
    await expect(help).toBeHidden()

    // j moves down a paragraph at a time, k back up; t tags the paragraph the reader is at.
    await page.keyboard.press('j')
    await expect(reader.paragraph(1)).toBeFocused()
    await page.keyboard.press('j')
    await page.keyboard.press('j')
    await expect(reader.paragraph(3)).toBeFocused()
    await page.keyboard.press('k')
    await expect(reader.paragraph(2)).toBeFocused()
    await page.keyboard.press('t')
    const picker = reader.paragraph(2).getByRole('combobox', { name: 'Tag paragraph 2' })
    await expect(picker).toBeFocused()
    await page.keyboard.type('Security/Cooperation')
    await page.keyboard.press('Enter')
    await expect(reader.paragraphTags(2)).toContainText('Cooperation')
    await page.keyboard.press('Escape')
    await expect(picker).toHaveCount(0)
    await expect(reader.paragraph(2)).toBeFocused()
    await expect(reader.paragraphTags(1)).toHaveCount(0)
    await expect(reader.paragraphTags(3)).toHaveCount(0)

    // a annotates the paragraph the reader is at, n writes the annotation's note.
    await page.keyboard.press('a')
    const highlight = reader.toolbar.getByRole('button', { name: 'Highlight' })
    await expect(reader.toolbar.getByRole('button').first()).toBeFocused()
    await highlight.press('Enter')
    await expect(reader.paragraph(2).locator('mark.annotation-highlight')).toHaveCount(1)
    const paragraphText = paragraphsOf(SCO_2017)[1] as string
    await expect(reader.annotationCards).toHaveCount(1)
    await expect(reader.annotationCards).toContainText('¶ 2')
    await expect(reader.annotationCards).toContainText(paragraphText.slice(0, 40))

    // The focus is back on the paragraph, so the next key reaches the reader.
    await expect(reader.paragraph(2)).toBeFocused()
    await page.keyboard.press('n')
    const note = reader.annotationCards.getByRole('textbox', { name: 'Note' })
    await expect(note).toBeFocused()
    await page.keyboard.type('Who chaired, where and when.')
    await page.keyboard.press('Control+Enter')
    await expect(note).toHaveCount(0)
    await expect(reader.annotationCards).toContainText('Who chaired, where and when.')
  })

  test('metadata corrections stick', async ({ page }) => {
    const app = new ArchivePage(page)
    const reader = new ReaderPage(page)
    await app.goto()
    await app.dropFiles([SCO_2017])
    await app.open(SCO_2017_TITLE)

    const place = reader.detailsField('Place')
    const date = reader.detailsField('Date')
    await expect(place).not.toContainText('corrected')
    await expect(date).not.toContainText('corrected')
    await reader.correctField('Place', 'Astana, Kazakhstan')
    await reader.correctField('Date', '2017-04-06')
    await expect(place).toContainText('corrected')
    await expect(date).toContainText('corrected')
    await expect(app.libraryItem(SCO_2017_TITLE)).toContainText('2017-04-06')
    await expect(app.libraryItem(SCO_2017_TITLE)).toContainText('Astana, Kazakhstan')

    await page.reload()
    await expect(page.getByRole('heading', { level: 2, name: SCO_2017_TITLE })).toBeVisible()
    await expect(place).toContainText('Astana, Kazakhstan')
    await expect(place).toContainText('corrected')
    await expect(date).toContainText('2017-04-06')
    await expect(date).toContainText('corrected')
    await expect(app.libraryItem(SCO_2017_TITLE)).toContainText('2017-04-06')

    // A date the field does not take is refused, in words, and nothing changes.
    const input = await reader.editField('Date', 'April 2017')
    await reader.details.getByRole('button', { name: 'Save' }).click()
    await expect(reader.details.getByRole('alert')).toHaveText(
      '“April 2017” is not a date this field takes: write YYYY, YYYY-MM or YYYY-MM-DD, for example 2017-04-13.',
    )
    await expect(input).toHaveAttribute('aria-invalid', 'true')
    await reader.details.getByRole('button', { name: 'Cancel' }).click()
    await expect(input).toHaveCount(0)
    await expect(date).toContainText('2017-04-06')
    await expect(date).not.toContainText('April 2017')
    await expect(app.libraryItem(SCO_2017_TITLE)).toContainText('2017-04-06')
    await page.reload()
    await expect(date).toContainText('2017-04-06')
  })
})
