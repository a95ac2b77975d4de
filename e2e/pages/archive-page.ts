import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import type { Locator, Page } from '@playwright/test'

export const CORPUS = new URL('../../../shared/corpus/', import.meta.url).pathname
export const SCO_2017 = `${CORPUS}sco/000_5b5391892682d1ae.txt`
export const SCO_2014 = `${CORPUS}sco/003_e372a3fb9bb542ce.txt`
export const SCO_2017_TITLE =
  'Press release on the outcome of the 12th meeting of the SCO National Security Council Secretaries'
export const SCO_2014_TITLE =
  'Joint Press Release on the outcomes of the SCO framework Foreign Ministries’ consultations on regional security issues'

/** The app as a user sees it: the library, the reader, the import controls. */
export class ArchivePage {
  readonly library: Locator
  readonly reader: Locator
  readonly paragraphs: Locator
  readonly importStatus: Locator

  constructor(readonly page: Page) {
    this.library = page.getByRole('navigation', { name: 'Library' })
    this.reader = page.getByRole('main')
    this.paragraphs = page.getByRole('list', { name: 'Paragraphs' }).getByRole('listitem')
    this.importStatus = page.getByRole('status', { name: 'Import status' })
  }

  async goto(): Promise<void> {
    await this.page.goto('./')
    await this.page.getByRole('heading', { name: 'Communiqué' }).waitFor()
  }

  libraryItem(title: string): Locator {
    return this.library.getByRole('link', { name: new RegExp(`^${escapeRegExp(title)}`) })
  }

  async open(title: string): Promise<void> {
    await this.libraryItem(title).click()
    await this.page.getByRole('heading', { level: 2, name: title }).waitFor()
  }

  /** Drops files from disk onto the window, the way a file manager does. */
  async dropFiles(paths: string[], target: Locator = this.page.locator('body')): Promise<void> {
    const files = paths.map((path) => ({
      name: basename(path),
      bytes: Array.from(readFileSync(path)),
    }))
    const dataTransfer = await this.page.evaluateHandle((list) => {
      const transfer = new DataTransfer()
      for (const file of list) transfer.items.add(new File([new Uint8Array(file.bytes)], file.name))
      return transfer
    }, files)
    await target.dispatchEvent('dragenter', { dataTransfer })
    await target.dispatchEvent('dragover', { dataTransfer })
    await target.dispatchEvent('drop', { dataTransfer })
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
