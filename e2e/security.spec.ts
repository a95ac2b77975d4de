import { writeFileSync } from 'node:fs'
import { expect, test } from '@playwright/test'
import { ArchivePage } from './pages/archive-page'

test('markup inside a release is shown as text and never runs or fetches anything', async ({
  page,
}, testInfo) => {
  const requests: string[] = []
  page.on('request', (request) => requests.push(request.url()))
  const dialogs: string[] = []
  page.on('dialog', async (dialog) => {
    dialogs.push(dialog.message())
    await dialog.dismiss()
  })

  const app = new ArchivePage(page)
  await app.goto()
  const hostile = testInfo.outputPath('hostile.txt')
  writeFileSync(
    hostile,
    [
      'Statement <script>alert("title")</script>',
      '',
      '<img src="http://127.0.0.1:9/pixel.png" onerror="window.__ran = true">',
      '',
      '<iframe src="javascript:alert(1)"></iframe> and <a href="javascript:alert(2)">a link</a>',
    ].join('\n'),
  )
  await app.dropFiles([hostile])
  await app.open('Statement <script>alert("title")</script>')

  await expect(app.paragraphs.first()).toContainText(
    '<img src="http://127.0.0.1:9/pixel.png" onerror="window.__ran = true">',
  )
  await expect(page.locator('.reader img, .reader iframe, .reader script, .reader a')).toHaveCount(
    0,
  )
  expect(await page.evaluate(() => (window as { __ran?: boolean }).__ran)).toBeUndefined()
  expect(dialogs).toEqual([])
  expect(requests.filter((url) => url.includes(':9/'))).toEqual([])
})

test('pages are served with a Content-Security-Policy that forbids remote and inline code', async ({
  page,
}) => {
  const response = await page.goto('./')
  const header = response?.headers()['content-security-policy'] ?? ''
  expect(header).toContain("default-src 'none'")
  expect(header).toContain("script-src 'self'")
  expect(header).not.toContain('unsafe-inline')
  expect(header).not.toContain('unsafe-eval')

  // An injected inline script is refused by the policy, and the refusal is reported.
  const outcome = await page.evaluate(async () => {
    const violation = new Promise<string>((resolve) =>
      document.addEventListener('securitypolicyviolation', (e) => resolve(e.violatedDirective), {
        once: true,
      }),
    )
    const script = document.createElement('script')
    script.textContent = 'window.__inline = true'
    document.body.append(script)
    return {
      directive: await violation,
      ran: (window as { __inline?: boolean }).__inline === true,
    }
  })
  expect(outcome).toEqual({ directive: 'script-src-elem', ran: false })
})
