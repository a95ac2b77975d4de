import { expect, type Locator, type Page } from '@playwright/test'

/** The search box, the results and what refines them, as a user sees them. */
export class SearchPage {
  readonly box: Locator
  readonly view: Locator
  readonly results: Locator
  readonly status: Locator
  readonly refine: Locator

  constructor(readonly page: Page) {
    this.box = page.getByRole('searchbox', { name: 'Search the archive' })
    this.view = page.getByRole('region', { name: 'Search results' })
    this.results = this.view.locator('.result')
    this.status = this.view.locator('.search-status')
    this.refine = page.getByRole('complementary', { name: 'Refine' })
  }

  /** Types a query as a user does (Ctrl+K first) and waits until the results are in. */
  async search(query: string): Promise<void> {
    await this.page.keyboard.press('Control+k')
    await expect(this.box).toBeFocused()
    await this.box.fill(query)
    // Enter shows the results even when the box already held this query.
    await this.box.press('Enter')
    await expect(this.status).toContainText(/ ms$/)
  }

  result(title: string | RegExp): Locator {
    return this.results.filter({ has: this.page.getByRole('link', { name: title }) })
  }

  titles(): Promise<string[]> {
    return this.results.locator('.result-title').allTextContents()
  }
}
