import { defineConfig } from '@playwright/test'
import { CHROMIUM_ARGS, chromiumExecutable } from './scripts/chromium.mjs'

const PORT = Number(process.env.E2E_PORT ?? 4317)

export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 2,
  timeout: 30_000,
  // Two workers share two cores with the page's own import workers: a state the page reaches
  // in a second can take several when both tests import at once.
  expect: { timeout: 10_000 },
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [['list'], ['json']] : [['list']],
  projects: [
    {
      name: 'web',
      testIgnore: /electron\//,
      use: {
        baseURL: `http://127.0.0.1:${PORT}/`,
        browserName: 'chromium',
        launchOptions: {
          executablePath: chromiumExecutable(),
          args: CHROMIUM_ARGS,
        },
      },
    },
    { name: 'electron', testMatch: /electron\/.*\.spec\.ts/ },
  ],
  webServer: {
    command: `node scripts/web.mjs --port ${PORT}`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 120_000,
    stdout: 'ignore',
  },
})
