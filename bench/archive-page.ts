/**
 * What the benches that work on a whole archive share (tags, search, backup). Each has a page
 * of its own in the import bench's page folder (bench/import/page/<name>.html), built with the
 * import bench's Vite configuration into out/bench/<name>-page and served beside the paragraph
 * pool. Each builds its archive on that page through the app's real import, from the import
 * bench's seed, so all of them measure the same releases.
 */
import { join, resolve } from 'node:path'
import type { Page } from '@playwright/test'
import { deadline, type Browser } from './browser.ts'
import { ensurePool, SEED } from './import/bench.ts'
import type { ImportProgressMessage, ImportRunRequest } from './import/protocol.ts'
import { serveStatic, type StaticServer } from './serve.ts'
import { formatNumber } from './table.ts'
import { BenchError } from './types.ts'
import { buildOrExplain } from './vite-build.ts'

const ROOT = resolve(import.meta.dirname, '..')
const OUT = resolve(ROOT, 'out/bench')
const VITE_CONFIG = resolve(ROOT, 'bench/vite.bench.config.ts')

/**
 * Builds the `name` bench's page and serves it with the paragraph pool (made first if it is
 * missing or stale). `bundles` says what of the renderer the page bundles, for the message
 * when it does not build.
 */
export async function serveArchivePage(
  name: string,
  bundles: string,
  log: (m: string) => void,
): Promise<StaticServer> {
  const pool = ensurePool(log)
  const dir = join(OUT, `${name}-page`)
  log(`building the ${name} bench page…`)
  await buildOrExplain(
    {
      configFile: VITE_CONFIG,
      logLevel: 'warn',
      build: {
        outDir: dir,
        emptyOutDir: true,
        rollupOptions: { input: resolve(ROOT, `bench/import/page/${name}.html`) },
      },
    },
    `the ${name} bench page did not build (it bundles the renderer's ${bundles}, so it fails wherever npm run build:web fails)`,
  )
  return serveStatic(dir, { '/pool.json': pool })
}

/**
 * Opens the `name` bench's page (served at `url`) in `browser`, with the import's progress going
 * to `log`, and waits until its global `api` is ready.
 */
export async function openArchivePage(
  browser: Browser,
  url: string,
  name: string,
  api: string,
  log: (m: string) => void,
): Promise<Page> {
  await browser.context.exposeFunction('benchProgress', (p: ImportProgressMessage) =>
    log(
      `  import ${Math.round((p.done / p.total) * 100)}%: ${formatNumber(p.done)} files, ${formatNumber(p.rate)} files/s`,
    ),
  )
  const { page } = browser
  await page.goto(`${url}${name}.html`)
  await deadline(
    page,
    60_000,
    'loading the bench page',
    page.evaluate((api) => {
      const pages = globalThis as unknown as Record<string, { ready: Promise<void> } | undefined>
      const target = pages[api]
      if (!target) throw new Error(`the page has no ${api}`)
      return target.ready
    }, api),
  )
  return page
}

/** What every page's buildArchive answers, besides its own figures. */
type ArchiveBuilt = { status: string; error?: string | null; releasesStored: number }

/**
 * Imports `n` releases on the page through its global `api` (benchTags, benchSearch,
 * benchBackup) and checks that every one was stored: a bench on fewer would measure another
 * archive than it names.
 */
export async function buildArchiveOnPage<T extends ArchiveBuilt>(
  page: Page,
  api: string,
  n: number,
  timeoutMs: number,
): Promise<T> {
  const request: ImportRunRequest = { n, seed: SEED }
  const archive = await deadline(
    page,
    timeoutMs,
    `building an archive of ${formatNumber(n)} releases`,
    page.evaluate(
      ({ api, request }) => {
        const pages = globalThis as unknown as Record<
          string,
          { buildArchive(r: ImportRunRequest): Promise<unknown> } | undefined
        >
        const target = pages[api]
        if (!target) throw new Error(`the page has no ${api}`)
        return target.buildArchive(request) as Promise<T>
      },
      { api, request },
    ),
  )
  if (archive.status !== 'done')
    throw new BenchError(
      `the import of ${formatNumber(n)} releases ended ${archive.status}${archive.error ? `: ${archive.error}` : ''}`,
    )
  if (archive.releasesStored !== n)
    throw new BenchError(
      `the import of ${formatNumber(n)} releases stored ${formatNumber(archive.releasesStored)}: the bench needs them all`,
    )
  return archive
}
