import { expect, type Locator, type Page } from '@playwright/test'
import { ArchivePage, SCO_2014, SCO_2017, SCO_2017_TITLE } from './archive-page'

/**
 * The reader as a user works in it: numbered paragraphs, the toolbar that a
 * text selection opens, the annotations panel beside the text, the release
 * details, the find bar and the keyboard shortcuts.
 */
export class ReaderPage {
  readonly paragraphList: Locator
  readonly paragraphs: Locator
  /** The toolbar by a text selection: colours, Highlight, Add note, Tag…. */
  readonly toolbar: Locator
  /** The annotations panel beside the text ("Annotations 3"). */
  readonly annotations: Locator
  /** The annotations of the panel that are placed in the text. */
  readonly annotationCards: Locator
  /** Annotations whose passage was not found again in a changed text. */
  readonly needsReview: Locator
  readonly highlights: Locator
  readonly details: Locator
  readonly versions: Locator
  readonly findBar: Locator
  readonly findInput: Locator
  readonly findStatus: Locator

  constructor(readonly page: Page) {
    this.paragraphList = page.getByRole('list', { name: 'Paragraphs' })
    this.paragraphs = this.paragraphList.getByRole('listitem')
    this.toolbar = page.getByRole('toolbar', { name: 'Annotate selection' })
    this.annotations = page.getByRole('region', { name: /^Annotations/ })
    this.annotationCards = this.annotations.locator('ol.annotation-list > li')
    this.needsReview = this.annotations.getByRole('region', { name: /^Needs review/ })
    this.highlights = this.paragraphList.locator('mark.annotation-highlight')
    this.details = page.getByRole('region', { name: 'Release details' })
    this.versions = this.details.getByRole('navigation', { name: 'Versions' })
    this.findBar = page.getByRole('search', { name: 'Find in release' })
    this.findInput = this.findBar.getByRole('searchbox', { name: 'Find in release' })
    this.findStatus = this.findBar.getByRole('status')
  }

  /** Paragraph `n` (1-based, as numbered in the reader). */
  paragraph(n: number): Locator {
    return this.paragraphs.filter({
      has: this.page.getByRole('button', { name: `Tag paragraph ${n}`, exact: true }),
    })
  }

  /** The tag chips of paragraph `n`. */
  paragraphTags(n: number): Locator {
    return this.paragraph(n).getByRole('list', { name: `Tags of paragraph ${n}` })
  }

  /** The annotation card in the panel that quotes `quote`. */
  annotationCard(quote: string): Locator {
    return this.annotationCards.filter({ hasText: `“${quote}”` })
  }

  /** The card under "Needs review" that quotes `quote`. */
  reviewCard(quote: string): Locator {
    return this.needsReview.getByRole('listitem').filter({ hasText: `“${quote}”` })
  }

  /** Focuses the reader pane, as a click on its empty space does, so single keys reach it. */
  async focusReader(): Promise<void> {
    await this.page.getByRole('main').focus()
  }

  /**
   * Selects the first occurrence of `phrase` in paragraph `n`, as a drag over
   * it would, and waits for the selection toolbar.
   */
  async selectText(n: number, phrase: string): Promise<void> {
    await selectPhrase(this.paragraph(n).locator('[data-paragraph-text]'), phrase)
    await expect(this.toolbar).toBeVisible()
  }

  /** Selects `phrase` in paragraph `n`, chooses Add note and writes `note`, then closes the editor. */
  async annotate(n: number, phrase: string, note: string): Promise<void> {
    await this.selectText(n, phrase)
    await this.toolbar.getByRole('button', { name: 'Add note' }).click()
    const card = this.annotationCard(phrase)
    const field = card.getByRole('textbox', { name: 'Note' })
    await expect(field).toBeFocused()
    await field.fill(note)
    await card.getByRole('button', { name: 'Done' }).click()
    await expect(card.getByText(note, { exact: true })).toBeVisible()
  }

  /**
   * Tags paragraph `n` with the tag at `path` through its tag button, creating
   * the tag when there is none, and closes the picker.
   */
  async tagParagraph(n: number, path: string): Promise<void> {
    await this.paragraph(n)
      .getByRole('button', { name: `Tag paragraph ${n}`, exact: true })
      .click()
    await this.pickTag(n, path)
  }

  /** In the open tag picker of paragraph `n`, picks (or creates) `path` and closes the picker. */
  async pickTag(n: number, path: string): Promise<void> {
    const picker = this.paragraph(n).getByRole('combobox', { name: `Tag paragraph ${n}` })
    await expect(picker).toBeFocused()
    await picker.fill(path)
    await picker.press('Enter')
    const name = path.slice(path.lastIndexOf('/') + 1)
    await expect(this.paragraphTags(n)).toContainText(name)
    await this.paragraph(n).getByRole('button', { name: 'Done' }).click()
    await expect(picker).toHaveCount(0)
  }

  /** A field of the release details ("Place", "Date"), with its value, badge and editor. */
  detailsField(label: string): Locator {
    return this.details.locator('.metadata-field').filter({
      has: this.page.getByRole('button', { name: `Edit ${label.toLowerCase()}`, exact: true }),
    })
  }

  /** Opens the editor of a release-details field and types `value` into it (not saved yet). */
  async editField(label: string, value: string): Promise<Locator> {
    await this.details
      .getByRole('button', { name: `Edit ${label.toLowerCase()}`, exact: true })
      .click()
    const input = this.details.getByLabel(label, { exact: true })
    await input.fill(value)
    return input
  }

  /** Corrects a release-details field: edit, type, Save, and the field shows it corrected. */
  async correctField(label: string, value: string): Promise<void> {
    const input = await this.editField(label, value)
    await this.details.getByRole('button', { name: 'Save' }).click()
    await expect(input).toHaveCount(0)
    await expect(this.detailsField(label)).toContainText(value)
  }

  /** Opens the find bar with Ctrl+F and types `query`. */
  async find(query: string): Promise<void> {
    await this.page.keyboard.press('Control+F')
    await expect(this.findInput).toBeFocused()
    await this.findInput.fill(query)
  }

  /** The tag chips under the release's title. */
  releaseTags(): Locator {
    return this.page.getByRole('list', { name: 'Tags of this release' })
  }

  /** Tags the open release with `path` from its tag picker, creating the tag when there is none. */
  async tagRelease(path: string): Promise<void> {
    await this.page.getByRole('button', { name: /^\+ Tag/ }).click()
    const picker = this.page.getByRole('combobox', { name: 'Tag this release' })
    await expect(picker).toBeFocused()
    await picker.fill(path)
    await picker.press('Enter')
    await expect(tagChip(this.releaseTags(), path)).toBeVisible()
  }

  /**
   * Selects `phrase` in paragraph `n` and annotates it from the selection
   * toolbar: the highlight colour when one is named ("Blue"), Add note, the
   * note, each tag through the editor's "Add tag…" (created when new), then
   * Done. Returns the annotation's card in the panel.
   */
  async annotateWith(
    n: number,
    phrase: string,
    { note = '', tags = [], colour }: { note?: string; tags?: string[]; colour?: string },
  ): Promise<Locator> {
    await this.selectText(n, phrase)
    if (colour) {
      const swatch = this.toolbar.getByRole('button', { name: colour, exact: true })
      await swatch.click()
      await expect(swatch).toHaveAttribute('aria-pressed', 'true')
    }
    await this.toolbar.getByRole('button', { name: 'Add note' }).click()
    const card = this.annotationCard(phrase)
    const field = card.getByRole('textbox', { name: 'Note' })
    await expect(field).toBeFocused()
    await field.fill(note)
    if (tags.length > 0) {
      await card.getByRole('button', { name: 'Add tag…' }).click()
      const picker = card.getByRole('combobox', { name: 'Tag this passage' })
      for (const path of tags) {
        await expect(picker).toBeFocused()
        await picker.fill(path)
        await picker.press('Enter')
        await expect(tagChip(card, path)).toBeVisible()
      }
    }
    await card.getByRole('button', { name: 'Done' }).click()
    await expect(field).toHaveCount(0)
    if (note) await expect(card.getByText(note, { exact: true })).toBeVisible()
    return card
  }
}

/** The chip of the tag at `path` in a list of tag chips (its tooltip is the whole path). */
export function tagChip(chips: Locator, path: string): Locator {
  return chips.getByRole('listitem').and(chips.getByTitle(path, { exact: true }))
}

/** The tag manager (the Tags link): the tag tree, each tag's colour, counts and description. */
export class TagManagerPage {
  readonly tree: Locator
  /** What the last change did ("Renamed “Threats/Terrorism” to “Terror”."). */
  readonly status: Locator

  constructor(readonly page: Page) {
    this.tree = page.getByRole('main').getByRole('list', { name: 'Tag tree' })
    this.status = page.getByRole('main').getByRole('status')
  }

  async open(): Promise<void> {
    await this.page.getByRole('link', { name: 'Tags', exact: true }).click()
    await expect(
      this.page.getByRole('main').getByRole('heading', { level: 2, name: 'Tags' }),
    ).toBeVisible()
  }

  /** The tree item of the tag named `name`, with its sub-tags' items inside it. */
  node(name: string): Locator {
    return this.tree.getByRole('listitem').filter({
      has: this.page.getByRole('heading', { name, exact: true }),
    })
  }

  /** One tag's own row: colour, name, counts, description and actions (not its sub-tags). */
  row(path: string): Locator {
    return this.tree.locator('.tag-row').filter({
      has: this.page.getByRole('group', { name: `Actions for ${path}`, exact: true }),
    })
  }

  colour(path: string): Locator {
    return this.page.getByLabel(`Colour of ${path}`, { exact: true })
  }

  /** Picks `hex` in the tag's colour picker, as closing the picker on it does. */
  async setColour(path: string, hex: string): Promise<void> {
    await this.colour(path).fill(hex)
    await expect(this.status).toHaveText(`Changed the colour of “${path}”.`)
  }

  async describe(path: string, description: string): Promise<void> {
    await this.row(path)
      .getByRole('button', { name: `Describe ${path}`, exact: true })
      .click()
    await this.page.getByLabel(`Description of ${path}`, { exact: true }).fill(description)
    await this.page.getByRole('button', { name: 'Save description' }).click()
    await expect(this.status).toHaveText(`Saved the description of “${path}”.`)
  }

  async rename(path: string, name: string): Promise<void> {
    await this.row(path)
      .getByRole('button', { name: `Rename ${path}`, exact: true })
      .click()
    await this.page.getByLabel(`New name of ${path}`, { exact: true }).fill(name)
    await this.row(path).getByRole('button', { name: 'Rename', exact: true }).click()
    await expect(this.status).toHaveText(`Renamed “${path}” to “${name}”.`)
  }

  /** Creates a tag in the New tag form, with its colour and description when given. */
  async create(
    path: string,
    { colour, description }: { colour?: string; description?: string } = {},
  ) {
    const form = this.page.getByRole('form', { name: 'New tag' })
    await form.getByLabel('Path', { exact: true }).fill(path)
    if (colour) await form.getByLabel('Colour', { exact: true }).fill(colour)
    if (description) await form.getByLabel('Description', { exact: true }).fill(description)
    await form.getByRole('button', { name: 'Create tag' }).click()
    await expect(this.status).toHaveText(`Created “${path}”.`)
  }

  /** Moves the tag at `path` under the tag at `under`, or to the top level when `under` is null. */
  async move(path: string, under: string | null): Promise<void> {
    await this.row(path)
      .getByRole('button', { name: `Move ${path}…`, exact: true })
      .click()
    await this.page
      .getByLabel(`Move ${path} under`, { exact: true })
      .selectOption({ label: under ?? 'Top level' })
    await this.row(path).getByRole('button', { name: 'Move', exact: true }).click()
    const name = path.slice(path.lastIndexOf('/') + 1)
    await expect(this.status).toHaveText(
      under ? `Moved “${name}” under “${under}”.` : `Moved “${name}” to the top level.`,
    )
  }

  /** Asks to delete the tag at `path`; returns the confirmation dialog, still open. */
  async askDelete(path: string): Promise<Locator> {
    await this.row(path)
      .getByRole('button', { name: `Delete ${path}…`, exact: true })
      .click()
    const dialog = this.page.getByRole('dialog', { name: `Delete “${path}”` })
    await expect(dialog).toBeVisible()
    return dialog
  }

  /** Asks to merge `from` into `into`; returns the confirmation dialog, still open. */
  async askMerge(from: string, into: string): Promise<Locator> {
    await this.row(from)
      .getByRole('button', { name: `Merge ${from}…`, exact: true })
      .click()
    await this.page.getByLabel(`Merge ${from} into`, { exact: true }).selectOption({ label: into })
    await this.row(from).getByRole('button', { name: 'Merge…', exact: true }).click()
    const dialog = this.page.getByRole('dialog', { name: `Merge “${from}”` })
    await expect(dialog).toBeVisible()
    return dialog
  }
}

/** The Export view: export formats for a scope, and the import of annotation files. */
export class ExchangePage {
  /** What the last annotation import did ("Added 4, updated 0, …"). */
  readonly importResult: Locator

  constructor(readonly page: Page) {
    this.importResult = page.getByRole('region', { name: 'Import annotations' }).getByRole('status')
  }

  async open(): Promise<void> {
    await this.page.getByRole('link', { name: 'Export', exact: true }).click()
    await expect(this.page.getByRole('heading', { name: 'Export annotations' })).toBeVisible()
  }

  /** Chooses what to export by its option's words ("The whole archive", /^The release last open/). */
  async chooseScope(option: string | RegExp): Promise<void> {
    await this.page.getByRole('radio', { name: option }).check()
  }

  /** Chooses "One tag and its sub-tags" with the tag at `path`. */
  async chooseTag(path: string): Promise<void> {
    await this.chooseScope('One tag and its sub-tags:')
    await this.page.getByLabel('Tag to export', { exact: true }).selectOption({ label: path })
  }

  /** Chooses a format's button ("CSV for Excel (.csv)") and returns the downloaded file's path. */
  async download(format: string): Promise<string> {
    const download = this.page.waitForEvent('download')
    await this.page.getByRole('button', { name: format, exact: true }).click()
    return (await download).path()
  }

  /** Imports an annotation file through "Import annotations…" and its file chooser. */
  async importAnnotations(path: string): Promise<void> {
    const chooser = this.page.waitForEvent('filechooser')
    await this.page.getByRole('button', { name: 'Import annotations…' }).click()
    await (await chooser).setFiles([path])
  }
}

/**
 * The library as a user works with many releases at once: the rows with their
 * checkboxes and tag chips, Select all, the selection bar with Tag… and
 * Remove tag…, and the tag tree beside it that filters the list.
 */
export class LibraryPage {
  readonly rows: Locator
  readonly selectionBar: Locator
  /** What the last tagging of the selection did ("Tagged 5 releases “Region”."). */
  readonly selectionStatus: Locator
  readonly tagTree: Locator

  constructor(readonly page: Page) {
    const library = page.getByRole('navigation', { name: 'Library' })
    this.rows = library.getByRole('list', { name: 'Releases' }).getByRole('listitem')
    this.selectionBar = library.getByRole('region', { name: 'Selection' })
    this.selectionStatus = this.selectionBar.getByRole('status')
    this.tagTree = library.getByRole('tree', { name: 'Filter the library by tag' })
  }

  /** The row of the release titled `title` (its checkbox is named by the title). */
  row(title: string): Locator {
    return this.rows.filter({
      has: this.page.getByRole('checkbox', { name: title, exact: true }),
    })
  }

  /** The chip of the tag at `path` on a row (its tooltip is the whole path). */
  chip(row: Locator, path: string): Locator {
    return row.getByTitle(path, { exact: true })
  }

  /** The item of the tag named `name` in the tag tree under the list ("Central Asia 5 releases"). */
  treeItem(name: string): Locator {
    return this.tagTree.getByRole('treeitem', {
      name: new RegExp(`^${escapeRegExp(name)} [\\d,]+ releases?$`),
    })
  }

  /** Tags every selected release with `path` through Tag…, creating the tag when there is none. */
  async tagSelection(path: string): Promise<void> {
    await this.selectionBar.getByRole('button', { name: 'Tag…', exact: true }).click()
    const picker = this.selectionBar.getByRole('combobox', { name: /^Tag \d+ selected release/ })
    await expect(picker).toBeFocused()
    await picker.fill(path)
    await picker.press('Enter')
    await expect(this.selectionStatus).toHaveText(
      new RegExp(`^Tagged .* “${escapeRegExp(path)}”\\.$`),
    )
  }

  /** Takes the tag at `path` off every selected release through Remove tag…. */
  async removeFromSelection(path: string): Promise<void> {
    await this.selectionBar.getByRole('button', { name: 'Remove tag…', exact: true }).click()
    const choice = this.selectionBar.getByLabel('Tag to remove', { exact: true })
    const option = choice
      .getByRole('option')
      .filter({ hasText: new RegExp(`^${escapeRegExp(path)} \\(on `) })
    await choice.selectOption((await option.getAttribute('value')) ?? '')
    await this.selectionBar.getByRole('button', { name: 'Remove', exact: true }).click()
    await expect(this.selectionStatus).toHaveText(`Removed “${path}” from the selected releases.`)
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** The export format a W3C annotation file is downloaded as. */
export const JSONLD = 'W3C Web Annotation JSON-LD (.jsonld)'

/** The paths of a list's tag chips, in order, as their tooltips name them. */
export function chipPaths(chips: Locator): Promise<(string | null)[]> {
  return chips
    .getByRole('listitem')
    .evaluateAll((items) => items.map((i) => i.getAttribute('title')))
}

export async function expectChips(chips: Locator, paths: string[]): Promise<void> {
  await expect.poll(() => chipPaths(chips)).toEqual(paths)
}

/** The status line at the foot of the window, which says what Undo and Redo did. */
export function historyNotice(page: Page): Locator {
  return page.getByRole('status').filter({ hasText: /^(Undone|Redone): / })
}

/** An archive with the two SCO releases, SCO 2017 open in the reader. */
export async function startWithSco(page: Page): Promise<{ app: ArchivePage; reader: ReaderPage }> {
  const app = new ArchivePage(page)
  await app.goto()
  await app.dropFiles([SCO_2017, SCO_2014])
  await expect(app.importStatus).toContainText('Imported 2 releases.')
  await app.open(SCO_2017_TITLE)
  return { app, reader: new ReaderPage(page) }
}

/**
 * Selects the first occurrence of `phrase` in a paragraph's text (`text`, its
 * `[data-paragraph-text]`), as a drag over it would.
 */
export async function selectPhrase(text: Locator, phrase: string): Promise<void> {
  await text.scrollIntoViewIfNeeded()
  const found = await text.evaluate((container, wanted) => {
    const nodes: Text[] = []
    const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node as Text)
    const whole = nodes.map((t) => t.data).join('')
    const at = whole.indexOf(wanted)
    if (at === -1) return false
    const place = (offset: number, isEnd: boolean): [Text, number] => {
      let passed = 0
      for (const node of nodes) {
        const end = passed + node.data.length
        if (offset < end || (isEnd && offset === end)) return [node, offset - passed]
        passed = end
      }
      const last = nodes[nodes.length - 1] as Text
      return [last, last.data.length]
    }
    const range = document.createRange()
    range.setStart(...place(at, false))
    range.setEnd(...place(at + wanted.length, true))
    const selection = window.getSelection()
    selection?.removeAllRanges()
    selection?.addRange(range)
    return true
  }, phrase)
  expect(found, `“${phrase}” in the paragraph`).toBe(true)
}
