/**
 * The whole test corpus (3,600 real releases, speeches and resolutions, and the hostile files)
 * imported through the folder chooser, then checked against the corpus manifests: titles, the
 * Kremlin items' dates and places, the Security Council resolutions' years.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { expect, test, type Page } from '@playwright/test'
import { ArchivePage, CORPUS } from './pages/archive-page'

type Stored = {
  title: string
  date: string | null
  place: string | null
  sources: string[]
}

type ManifestRow = {
  file: string
  title?: string
  date?: string
  place?: string
  year?: number | string
}

function manifest(folder: string): ManifestRow[] {
  return readFileSync(`${CORPUS}${folder}.manifest.jsonl`, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as ManifestRow)
}

/** Whitespace-normalised, as the titles are compared; invisible format characters count as none. */
function norm(text: string): string {
  return text
    .replace(/[\u200b\u2060\u00ad\ufeff]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
}

/** Every release as stored, read straight from the archive's IndexedDB. */
function readArchive(page: Page): Promise<Stored[]> {
  return page.evaluate(
    () =>
      new Promise<Stored[]>((resolve, reject) => {
        const open = indexedDB.open('communique-archive')
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const all = open.result.transaction('releases').objectStore('releases').getAll()
          all.onerror = () => reject(all.error)
          all.onsuccess = () =>
            resolve(
              (
                all.result as {
                  title: string
                  date: string | null
                  place: string | null
                  sourceFiles: { name: string }[]
                }[]
              ).map((r) => ({
                title: r.title,
                date: r.date,
                place: r.place,
                sources: r.sourceFiles.map((s) => s.name),
              })),
            )
        }
      }),
  )
}

test('the whole corpus imports through the UI and its metadata matches the manifests', async ({
  page,
}) => {
  test.setTimeout(10 * 60_000)
  const app = new ArchivePage(page)
  await app.goto()
  const chooser = page.waitForEvent('filechooser')
  await page.getByRole('button', { name: 'Import a folder…' }).click()
  await (await chooser).setFiles(CORPUS.replace(/\/$/, ''))
  await expect(app.report).toContainText('Import report: corpus/', { timeout: 9 * 60_000 })

  const [, ...rows] = await app.exportReport()
  const expected = JSON.parse(readFileSync(`${CORPUS}bad/expected.json`, 'utf8')) as Record<
    string,
    { outcome: string }
  >
  const refusedAsExpected = new Set(
    Object.entries(expected)
      .filter(([, e]) => e.outcome === 'rejected')
      .map(([f]) => `corpus/bad/${f}`),
  )
  const refused = rows.filter((r) => r[1] === 'rejected').map((r) => r[0])
  const unexpected = refused.filter(
    (f) => !refusedAsExpected.has(f!) && !/\.(json|jsonl|md)$/.test(f!),
  )
  expect(unexpected, 'files refused that should have been imported').toEqual([])
  const corpusFiles = [
    'sco',
    'wh_briefings',
    'ungdc',
    'unsc_resolutions_en',
    'kremlin_ru_2025',
    'cn_gov_reports_zh',
    'bad',
  ]
    .map((f) => readdirSync(`${CORPUS}${f}`).length)
    .reduce((a, b) => a + b, 0)
  expect(rows.length).toBeGreaterThanOrEqual(corpusFiles)

  const stored = await readArchive(page)
  const bySource = new Map<string, Stored>()
  for (const release of stored) for (const source of release.sources) bySource.set(source, release)
  const find = (file: string) => bySource.get(`corpus/${file}`)

  const figures: Record<string, string> = {}
  const rate = (name: string, hits: number, total: number) => {
    figures[name] = `${hits}/${total} = ${((100 * hits) / total).toFixed(1)}%`
    return hits / total
  }

  const titled = ['wh_briefings', 'unsc_resolutions_en', 'kremlin_ru_2025', 'cn_gov_reports_zh']
    .flatMap(manifest)
    .filter((m) => m.title)
  const titleMisses = titled.filter((m) => norm(find(m.file)?.title ?? '') !== norm(m.title!))
  const titleHits = titled.length - titleMisses.length
  for (const m of titleMisses.slice(0, 10)) {
    console.log(
      `title of ${m.file}: ${JSON.stringify(find(m.file)?.title)}, manifest ${JSON.stringify(m.title)}`,
    )
  }
  const kremlin = manifest('kremlin_ru_2025')
  const dated = kremlin.filter((m) => m.date)
  const dateHits = dated.filter((m) => find(m.file)?.date === m.date).length
  const placed = kremlin.filter((m) => m.place)
  const placeHits = placed.filter((m) => norm(find(m.file)?.place ?? '') === norm(m.place!)).length
  const unsc = manifest('unsc_resolutions_en')
  const yearHits = unsc.filter((m) => find(m.file)?.date?.slice(0, 4) === String(m.year)).length

  const titles = rate('titles', titleHits, titled.length)
  const dates = rate('kremlin dates', dateHits, dated.length)
  const places = rate('kremlin places', placeHits, placed.length)
  const years = rate('unsc years', yearHits, unsc.length)
  console.log(
    `corpus import: ${rows.length} files, ${stored.length} releases; ${JSON.stringify(figures)}`,
  )
  expect(titles).toBeGreaterThanOrEqual(0.99)
  expect(dates).toBeGreaterThanOrEqual(0.95)
  expect(places).toBeGreaterThanOrEqual(0.8)
  expect(years).toBeGreaterThanOrEqual(0.95)
})
