import { readdirSync, readFileSync, statSync } from 'node:fs'
import { basename, join } from 'node:path'
import { expect, type Download, type Locator, type Page } from '@playwright/test'

export const CORPUS = new URL('../../../shared/corpus/', import.meta.url).pathname
export const SCO_2017 = `${CORPUS}sco/000_5b5391892682d1ae.txt`
export const SCO_2014 = `${CORPUS}sco/003_e372a3fb9bb542ce.txt`
export const SCO_2017_TITLE =
  'Press release on the outcome of the 12th meeting of the SCO National Security Council Secretaries'
export const SCO_2014_TITLE =
  'Joint Press Release on the outcomes of the SCO framework Foreign Ministries’ consultations on regional security issues'

/** The app as a user sees it: the library, the reader, the import controls and report. */
export class ArchivePage {
  readonly library: Locator
  readonly reader: Locator
  readonly paragraphs: Locator
  readonly report: Locator
  /** The one-line summary at the top of the import report. */
  readonly importStatus: Locator
  readonly progress: Locator

  constructor(readonly page: Page) {
    this.library = page.getByRole('navigation', { name: 'Library' })
    this.reader = page.getByRole('main')
    this.paragraphs = page.getByRole('list', { name: 'Paragraphs' }).getByRole('listitem')
    this.report = page.getByRole('region', { name: /^Import report/ })
    this.importStatus = this.report.getByRole('status')
    this.progress = page.getByRole('region', { name: 'Import progress' })
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
  /** Opens the app and drops `paths` on it; waits for the report to say every one was imported. */
  async startWith(paths: string[]): Promise<void> {
    await this.goto()
    await this.dropFiles(paths)
    await expect(this.importStatus).toContainText(
      `Imported ${paths.length} release${paths.length === 1 ? '' : 's'}.`,
    )
  }

  async dropFiles(paths: string[], target: Locator = this.page.locator('body')): Promise<void> {
    await this.drop(
      paths.map((path) => ({ name: basename(path), path })),
      target,
    )
  }

  /**
   * Drops a folder's files, named by their path inside the folder ("bad/empty.txt"), as a
   * drop of the folder delivers them.
   */
  async dropFolder(dir: string): Promise<string[]> {
    const top = basename(dir)
    const names = walk(dir).map((path) => ({ name: `${top}/${path.slice(dir.length + 1)}`, path }))
    await this.drop(names, this.page.locator('body'))
    return names.map((n) => n.name)
  }

  private async drop(files: { name: string; path: string }[], target: Locator): Promise<void> {
    // Base64 keeps a 12 MB file to a 16 MB string on its way into the page.
    const payload = files.map(({ name, path }) => ({
      name,
      base64: readFileSync(path).toString('base64'),
    }))
    const dataTransfer = await this.page.evaluateHandle((list) => {
      const transfer = new DataTransfer()
      for (const file of list) {
        const binary = atob(file.base64)
        const bytes = new Uint8Array(binary.length)
        for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
        transfer.items.add(new File([bytes], file.name))
      }
      return transfer
    }, payload)
    await target.dispatchEvent('dragenter', { dataTransfer })
    await target.dispatchEvent('dragover', { dataTransfer })
    await target.dispatchEvent('drop', { dataTransfer })
  }

  /** The cells (file, outcome, reason) of one file's row in the open import report. */
  reportRow(fileName: string): Locator {
    return this.report.locator(`[data-file="${fileName.replace(/"/g, '\\"')}"] > span`)
  }

  /** Exports the open import report as CSV and returns its rows, header first. */
  async exportReport(): Promise<string[][]> {
    const download: Promise<Download> = this.page.waitForEvent('download')
    await this.report.getByRole('button', { name: 'Export CSV' }).click()
    const file = await (await download).path()
    return parseCsv(readFileSync(file, 'utf8'))
  }
}

function walk(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name)
      return statSync(path).isDirectory() ? walk(path) : [path]
    })
}

/** A small RFC 4180 reader for the report's CSV (quoted cells, doubled quotes, CRLF). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  const body = text.replace(/^\uFEFF/, '')
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        cell += '"'
        i++
      } else if (ch === '"') quoted = false
      else cell += ch
    } else if (ch === '"') quoted = true
    else if (ch === ',') {
      row.push(cell)
      cell = ''
    } else if (ch === '\r') continue
    else if (ch === '\n') {
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
    } else cell += ch
  }
  if (cell || row.length > 0) rows.push([...row, cell])
  return rows
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
