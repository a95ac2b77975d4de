import { expect, test, type Page } from '@playwright/test'
import { ArchivePage, SCO_2017_TITLE } from './pages/archive-page'
import { ReaderPage, startWithSco } from './pages/reader-page'

/** In paragraph 5 of SCO 2017. */
const FORMULA = 'countering terrorism, separatism and extremism'

declare global {
  interface Window {
    releaseArchive?: () => void
  }
}

/**
 * Holds every write to the archive, as Back Up Now's read of the whole archive does: a read
 * transaction over every table, from a connection of its own, kept open until released.
 */
async function holdArchive(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.open('communique-archive')
        request.onerror = () => reject(request.error)
        request.onsuccess = () => {
          const db = request.result
          const names = Array.from(db.objectStoreNames)
          const tx = db.transaction(names, 'readonly')
          const store = tx.objectStore(names[0] as string)
          let released = false
          window.releaseArchive = () => {
            released = true
          }
          // A transaction ends once a turn passes with nothing asked of it, so each read asks
          // the next at once, until released.
          const keepReading = (): void => {
            if (!released) store.get('no such key').onsuccess = keepReading
          }
          keepReading()
          tx.oncomplete = () => db.close()
          resolve()
        }
      }),
  )
}

test.describe('leaving while an edit waits to be stored', () => {
  test('closing while a note waits behind a whole-archive read asks first; staying saves the note', async ({
    page,
    context,
  }) => {
    const { reader } = await startWithSco(page)
    await reader.annotateWith(5, FORMULA, { note: 'First thoughts' })
    const card = reader.annotationCard(FORMULA)

    await holdArchive(page)
    await card.getByRole('button', { name: 'Edit' }).click()
    const field = card.getByRole('textbox', { name: 'Note' })
    await field.fill('Second thoughts, kept')
    // Held a second and more, the write is known to wait, and the editor says why.
    await expect(card.getByRole('status')).toHaveText(
      'Saving… The archive is busy (a backup or an import is working on it); the note is saved as soon as it is free. Keep this window open.',
    )

    const questions: string[] = []
    page.on('dialog', (dialog) => {
      questions.push(dialog.type())
      void dialog.dismiss()
    })
    await page.close({ runBeforeUnload: true })
    await expect.poll(() => questions).toEqual(['beforeunload'])
    expect(page.isClosed()).toBe(false)

    // The read ends; the note is stored.
    await page.evaluate(() => window.releaseArchive?.())
    await expect(card.getByRole('status')).toHaveText('Saved')
    await card.getByRole('button', { name: 'Done' }).click()
    await expect(card.getByText('Second thoughts, kept', { exact: true })).toBeVisible()

    // Nothing waits now: the window closes without a question.
    const closed = page.waitForEvent('close')
    await page.close({ runBeforeUnload: true })
    await closed
    expect(questions).toEqual(['beforeunload'])

    const again = await context.newPage()
    const app = new ArchivePage(again)
    await app.goto()
    await app.open(SCO_2017_TITLE)
    const note = new ReaderPage(again).annotationCard(FORMULA)
    await expect(note.getByText('Second thoughts, kept', { exact: true })).toBeVisible()
  })
})
