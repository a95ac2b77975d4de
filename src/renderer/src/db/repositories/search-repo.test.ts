import 'fake-indexeddb/auto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { search, type SearchOptions } from '../../../../shared/search/engine'
import { parseQuery } from '../../../../shared/search/query'
import { OWN_ROW_BYTES } from '../../../../shared/search/postings'
import { processBatch } from '../../workers/import-batch'
import { ArchiveDb } from '../archive-db'
import { applyEdit } from '../edits'
import { correctMetadata } from './metadata-repo'
import { ArchiveCatalog } from './releases-repo'
import { deleteReleases } from './deletion-repo'
import {
  SearchIndexReader,
  indexReleases,
  mergeSegments,
  pendingCount,
  pendingReleaseIds,
  segmentsToMerge,
} from './search-repo'
import { ensureTag, renameTag, setReleasesTag } from './tags-repo'

const CORPUS = join(__dirname, '../../../../../../shared/corpus')

const FILES = [
  'sco/000_5b5391892682d1ae.txt',
  'sco/003_e372a3fb9bb542ce.txt',
  'kremlin_ru_2025/2025-02-03_76193.txt',
  'cn_gov_reports_zh/cpc_000.txt',
]

let db: ArchiveDb
let seq = 0

async function importFiles(paths: readonly string[]): Promise<void> {
  seq += 1
  await processBatch(
    db,
    {
      importId: `import-${seq}`,
      chunk: 1,
      maxBytes: 10 * 1024 * 1024,
      files: paths.map((p) => ({ name: p, bytes: new Uint8Array(readFileSync(join(CORPUS, p))) })),
    },
    new ArchiveCatalog(),
  )
}

async function indexAll(): Promise<void> {
  for (
    let ids = await pendingReleaseIds(db, 50);
    ids.length > 0;
    ids = await pendingReleaseIds(db, 50)
  ) {
    await indexReleases(db, ids)
  }
}

const RELEASES: SearchOptions = { mode: 'release', ignoreDiacritics: true }

async function titles(query: string, options: SearchOptions = RELEASES): Promise<string[]> {
  const reader = new SearchIndexReader(db)
  await reader.refresh()
  const parsed = parseQuery(query)
  if (!parsed.ok) throw new Error(parsed.message)
  const outcome = await search(reader, parsed.root, options)
  if (!outcome.ok) throw new Error(outcome.message)
  return outcome.hits.toArray().map((h) => h.doc.title)
}

beforeEach(async () => {
  db = new ArchiveDb(`search-${Math.random()}`)
  await db.open()
  await importFiles(FILES)
  await indexAll()
})

afterEach(async () => {
  db.close()
  await db.delete()
})

const SCO_2014 = /12th meeting of the SCO National Security Council Secretaries/

describe('search index', () => {
  it('indexes every imported release, and nothing is left waiting', async () => {
    expect(await pendingCount(db)).toBe(0)
    expect(await db.searchIndexed.count()).toBe(FILES.length)
  })

  it('finds "Member" in the release that writes it with a Cyrillic М', async () => {
    const found = await titles('"Member"')
    expect(found.some((t) => SCO_2014.test(t))).toBe(true)
  })

  it('finds a phrase only where its words stand together, and stems words without quotes', async () => {
    const phrase = await titles('"central coordinating role"')
    expect(phrase.length).toBeGreaterThan(0)
    const stemmed = await titles('coordinated')
    expect(stemmed.length).toBeGreaterThanOrEqual(phrase.length)
    expect(await titles('"coordinating central role"')).toEqual([])
  })

  it('finds Russian words with ё written as е, and Chinese phrases', async () => {
    expect(await titles('президент')).toHaveLength(1)
    expect(await titles('共产主义组织')).toEqual(['北京共产主义组织的报告 (一大)'])
    expect(await titles('"主义组"')).toHaveLength(1)
    expect(await titles('"主义 组织"')).toHaveLength(0)
  })

  it('narrows by fields', async () => {
    const english = await titles('lang:en')
    expect(english.length).toBe(2)
    expect(await titles('security lang:ru')).toHaveLength(0)
  })

  it('follows corrections of the title and the place, and their undo', async () => {
    const reader = new SearchIndexReader(db)
    await reader.refresh()
    const [sco] = await db.releases.where('importedAt').above(0).toArray()
    const edit = await correctMetadata(db, sco!.id, { title: 'Zanzibar communiqué' })
    expect(await pendingCount(db)).toBe(1)
    await indexAll()
    expect(await titles('zanzibar')).toEqual(['Zanzibar communiqué'])
    await applyEdit(db, edit, 'undo')
    await indexAll()
    expect(await titles('zanzibar')).toEqual([])
    await correctMetadata(db, sco!.id, { place: 'Qingdao' })
    await indexAll()
    expect(await titles('place:Qingdao')).toEqual([sco!.title])
  })

  it('finds by tag, and by the new name after a rename', async () => {
    const [first] = await db.releaseOrder.toArray()
    const { tag } = await ensureTag(db, 'Threats/Terrorism')
    await setReleasesTag(db, [first!.id], tag.id, true)
    expect(await titles('tag:Threats')).toHaveLength(1)
    await renameTag(db, tag.id, 'Extremism')
    expect(await titles('tag:Threats/Extremism')).toHaveLength(1)
    await expect(titles('tag:Threats/Terrorism')).rejects.toThrow(/no tag/)
  })

  it('forgets a deleted release, and finds it again after Undo', async () => {
    const [first] = await db.releaseOrder.toArray()
    const title = (await db.releases.get(first!.id))!.title
    const all = 'lang:en OR lang:ru OR lang:zh'
    const before = await titles(all)
    expect(before).toContain(title)
    const edit = await deleteReleases(db, [first!.id])
    expect(await pendingCount(db)).toBe(0)
    const after = await titles(all)
    expect(after).toHaveLength(before.length - 1)
    expect(after).not.toContain(title)
    await applyEdit(db, edit, 'undo')
    expect(await pendingCount(db)).toBe(1)
    await indexAll()
    expect((await titles(all)).sort()).toEqual([...before].sort())
    await applyEdit(db, edit, 'redo')
    expect(await titles(all)).not.toContain(title)
  })
})

describe('merging segments', () => {
  const MORE = [
    'kremlin_ru_2025/2025-02-05_76210.txt',
    'kremlin_ru_2025/2025-02-05_76214.txt',
    'unsc_resolutions_en/S_RES_0002_1946_EN_GOLD.txt',
    'ungdc/AFG_13_1958.txt',
  ]
  const QUERIES = [
    'security',
    '"peace and security"',
    '"of the"',
    'Member',
    'России',
    '上海合作组织',
    'cooperation lang:en',
    'the -security',
  ]

  /** Every hit of every query, release and paragraph results, with the paragraph it shows. */
  async function everything(): Promise<string[]> {
    const reader = new SearchIndexReader(db)
    await reader.refresh()
    const out: string[] = []
    for (const query of QUERIES) {
      for (const mode of ['release', 'paragraph'] as const) {
        const parsed = parseQuery(query)
        if (!parsed.ok) throw new Error(parsed.message)
        const outcome = await search(reader, parsed.root, { mode, ignoreDiacritics: true })
        if (!outcome.ok) throw new Error(outcome.message)
        for (const hit of outcome.hits)
          out.push(`${query} ${mode} ${hit.doc.title} ${hit.paragraph}`)
      }
    }
    return out
  }

  /** Each term's document count as `docCounts` tells it, and as its postings list them. */
  async function countsAgree(): Promise<void> {
    const terms = ['the', 'security', 'sco', 'member', 'россии', 'of the', 'nowhere-to-be-found']
    const counting = new SearchIndexReader(db)
    await counting.refresh()
    const reading = new SearchIndexReader(db)
    await reading.refresh()
    const counts = await counting.docCounts(terms)
    const postings = await reading.termDocs(terms, false)
    for (const term of terms)
      expect(counts.get(term), term).toBe(postings.get(term)?.docs.length ?? 0)
    expect(counts.get('the')).toBeGreaterThan(3)
  }

  // The default size, every term with own rows in the segments and none merged, and a mix.
  it.each([
    [undefined, undefined],
    [1, OWN_ROW_BYTES],
    [OWN_ROW_BYTES, 100],
  ])(
    'finds the same after merging, and while a merge is cut short (own rows from %s bytes, %s merged)',
    async (ownRowBytes, mergedOwnRowBytes) => {
      await importFiles(MORE)
      // One segment per release, as after several small imports.
      for (const id of await pendingReleaseIds(db, 50)) await indexReleases(db, [id], ownRowBytes)
      const ownRows = async () =>
        (await db.searchPostings.toCollection().primaryKeys()).filter(
          ([key]) => typeof key === 'string',
        ).length
      if (ownRowBytes === 1) expect(await ownRows()).toBeGreaterThan(0)
      const counters = async () => (await db.searchState.get('counters'))!
      expect((await counters()).segments).toHaveLength(1 + MORE.length)
      const before = await everything()
      expect(before.length).toBeGreaterThan(100)
      await countsAgree()

      let checks = 0
      const options = { factor: 2, ownRowBytes: mergedOwnRowBytes }
      expect(await mergeSegments(db, { ...options, shouldStop: () => ++checks > 20 })).toBe(0)
      expect((await counters()).merge).toBeDefined()
      expect(await everything()).toEqual(before)

      expect(await mergeSegments(db, options)).toBe(MORE.length)
      const state = await counters()
      expect(state.merge).toBeUndefined()
      expect(state.segments).toHaveLength(1)
      const rows = await db.searchPostings.toArray()
      expect(new Set(rows.map((r) => r.segment))).toEqual(new Set([state.segments![0]!.segment]))
      expect(await everything()).toEqual(before)
      // Merged, the terms that come to 100 bytes have own rows.
      if (mergedOwnRowBytes === 100) expect(await ownRows()).toBeGreaterThan(0)
      await countsAgree()
    },
  )
})

describe('segmentsToMerge', () => {
  const segments = (...counts: number[]) => {
    let firstDocNo = 0
    return counts.map((docCount, segment) => {
      const s = { segment, firstDocNo, docCount }
      firstDocNo += docCount
      return s
    })
  }

  it('merges ten adjacent segments of the lowest tier that has them', () => {
    const tens = segments(10_000, ...Array<number>(10).fill(1000), 500)
    expect(segmentsToMerge(tens)?.map((s) => s.segment)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    expect(segmentsToMerge(segments(...Array<number>(10).fill(10_000)))).toHaveLength(10)
    expect(segmentsToMerge(segments(10_000, ...Array<number>(9).fill(1000)))).toBeNull()
    // A larger segment in between breaks a run.
    expect(segmentsToMerge(segments(1000, 1000, 50_000, ...Array<number>(8).fill(1000)))).toBeNull()
  })
})
