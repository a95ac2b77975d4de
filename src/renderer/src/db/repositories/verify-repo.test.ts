import 'fake-indexeddb/auto'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { selectorsFor } from '../../../../shared/annotation/reading-text'
import { decodeBody, encodeBody, type ReleaseBody } from '../../../../shared/release/body'
import { search } from '../../../../shared/search/engine'
import { parseQuery } from '../../../../shared/search/query'
import { ArchiveDb } from '../archive-db'
import type { ReleaseRecord } from '../records'
import { addAnnotation } from './annotations-repo'
import { deleteReleases } from './deletion-repo'
import { correctMetadata } from './metadata-repo'
import { getReleaseWithParagraphs } from './releases-repo'
import { SearchIndexReader, indexPending, indexReleases, mergeSegments } from './search-repo'
import { CORPUS, SCO, importCorpusFiles } from './test-support/corpus'
import { ensureTag, setParagraphTag, setReleasesTag } from './tags-repo'
import { rebuildSearchIndex, verifyArchive, type VerifyReport } from './verify-repo'

/** The first `n` files of a corpus folder, as corpus paths. */
function firstOf(folder: string, n: number): string[] {
  return readdirSync(join(CORPUS, folder))
    .sort()
    .slice(0, n)
    .map((name) => `${folder}/${name}`)
}

/** Every test file of `bad/` but the one over the size limit (12 MB, refused unread anyway). */
const BAD = readdirSync(join(CORPUS, 'bad'))
  .filter((name) => name !== 'huge-single-line.txt' && name !== 'expected.json')
  .map((name) => `bad/${name}`)

const OTHERS = [
  ...firstOf('kremlin_ru_2025', 12),
  ...firstOf('ungdc', 10),
  ...firstOf('unsc_resolutions_en', 12),
  ...firstOf('cn_gov_reports_zh', 8),
  ...firstOf('wh_briefings', 8),
]

let db: ArchiveDb

async function byTitle(pattern: RegExp): Promise<ReleaseRecord> {
  const found = (await db.releases.toArray()).filter((r) => pattern.test(r.title))
  if (found.length !== 1) throw new Error(`${found.length} releases titled ${pattern}`)
  return found[0]!
}

/** Annotates `exact` where it first stands in a paragraph of the release. */
async function annotate(releaseId: string, exact: string, note = '', tagIds: string[] = []) {
  const found = await getReleaseWithParagraphs(db, releaseId)
  if (!found) throw new Error('no release')
  const index = found.paragraphs.findIndex((p) => p.includes(exact))
  if (index < 0) throw new Error(`“${exact}” is not in the release`)
  const start = found.paragraphs[index]!.indexOf(exact)
  const selectors = selectorsFor(
    found.release.title,
    found.paragraphs,
    index,
    start,
    start + exact.length,
  )
  const { annotation } = await addAnnotation(db, {
    releaseId,
    paragraphId: found.paragraphIds[index]!,
    ...selectors,
    color: '#f2c94c',
    note,
    tagIds,
  })
  return annotation
}

async function indexAll(): Promise<void> {
  await indexPending(db, { segmentSize: 10 })
}

/** The problems of a report as `kind: title`, for comparing. */
function listed(report: VerifyReport): string[] {
  return report.problems.map((p) => `${p.kind}: ${p.title ?? ''}`)
}

async function rewriteBody(id: string, change: (body: ReleaseBody) => ReleaseBody) {
  const row = (await db.releases.get(id))!
  await db.releases.update(id, { body: encodeBody(change(decodeBody(row.body))) })
}

async function titles(reader: SearchIndexReader, query: string): Promise<string[]> {
  await reader.refresh()
  const parsed = parseQuery(query)
  if (!parsed.ok) throw new Error(parsed.message)
  const outcome = await search(reader, parsed.root, { mode: 'release', ignoreDiacritics: true })
  if (!outcome.ok) throw new Error(outcome.message)
  return outcome.hits.toArray().map((h) => h.doc.title)
}

describe('an archive of corpus releases, annotated, tagged, corrected and indexed', () => {
  let report: VerifyReport
  let releases: number
  const progress: [number, number][] = []

  beforeAll(async () => {
    db = new ArchiveDb(`verify-corpus-${Math.random()}`)
    await db.open()
    await importCorpusFiles(db, SCO, 'sco')
    const sco2017 = (await db.releases.toArray()).find((r) => r.sourceFiles[0]!.name === SCO[0])!
    const { tag: threats } = await ensureTag(db, 'Threats/Terrorism')
    const { tag: region } = await ensureTag(db, 'Region')
    const body = decodeBody(sco2017.body)
    await annotate(sco2017.id, body.paragraphs[1]!.slice(0, 40), 'first note', [threats.id])
    await annotate(sco2017.id, body.paragraphs[3]!.slice(10, 30))
    await setParagraphTag(db, sco2017.id, body.keys[2]!, region.id, true)
    await setReleasesTag(db, [sco2017.id], threats.id, true)
    // A new version of the 2017 release is among them: its annotations and tags are carried.
    await importCorpusFiles(db, BAD, 'bad')
    await importCorpusFiles(db, OTHERS, 'others')
    // A corrected title is not the title the content hash was made with.
    const page = await byTitle(/^Press release on the meeting of SCO Foreign Ministers$/)
    await correctMetadata(db, page.id, { title: 'SCO foreign ministers in Bishkek' })
    const markdown = await byTitle(/^Joint Statement of the Foreign Ministers$/)
    await correctMetadata(db, markdown.id, { title: 'Bishkek statement', place: 'Kyrgyzstan' })
    const curly = await byTitle(/Security and stability/)
    await annotate(curly.id, 'Thank you, Shannon', 'on a corrected title')
    await correctMetadata(db, curly.id, { title: 'Security and stability (1252)' })
    await indexAll()
    // Merged segments are checked as the indexer leaves them.
    await mergeSegments(db, { factor: 2 })
    releases = await db.releases.count()
    report = await verifyArchive(db, { onProgress: (done, total) => progress.push([done, total]) })
    // Importing and indexing some seventy files of the corpus takes a while on a busy machine.
  }, 120_000)

  afterAll(async () => {
    db.close()
    await db.delete()
  })

  it('checks every release and annotation and finds no problem', () => {
    expect(releases).toBeGreaterThan(60)
    expect(report.checkedReleases).toBe(releases)
    expect(report.checkedAnnotations).toBeGreaterThanOrEqual(5)
    expect(listed(report)).toEqual([])
    expect(report.problemCount).toEqual({})
    expect(report.indexProblems).toBe(0)
    expect(report.canRebuildIndex).toBe(false)
    expect(report.waitingToIndex).toBe(0)
    expect(report.uncheckedHashes).toBe(0)
  })

  it('reports its progress up to every release', () => {
    expect(progress[0]).toEqual([0, releases])
    expect(progress.at(-1)).toEqual([releases, releases])
  })

  it('counts the releases waiting for the indexer without calling them problems', async () => {
    const [sco] = await db.releaseOrder.orderBy('importedAt').limit(1).primaryKeys()
    await correctMetadata(db, sco!, { place: 'Astana' })
    const waiting = await verifyArchive(db)
    expect(waiting.waitingToIndex).toBe(1)
    expect(waiting.problemCount).toEqual({})
    await indexAll()
    expect((await verifyArchive(db)).waitingToIndex).toBe(0)
  })

  it('stops when aborted', async () => {
    const controller = new AbortController()
    controller.abort()
    await expect(verifyArchive(db, { signal: controller.signal })).rejects.toThrow()
  })
})

describe('damage written straight to the tables', () => {
  let sco2014: ReleaseRecord
  let sco2017: ReleaseRecord
  let kremlin: ReleaseRecord

  beforeEach(async () => {
    db = new ArchiveDb(`verify-${Math.random()}`)
    await db.open()
    await importCorpusFiles(db, [...SCO, ...firstOf('kremlin_ru_2025', 2)])
    await indexAll()
    const rows = await db.releases.toArray()
    const of = (path: string) => rows.find((r) => r.sourceFiles[0]!.name === path)!
    sco2017 = of(SCO[0]!)
    sco2014 = of(SCO[1]!)
    kremlin = of(firstOf('kremlin_ru_2025', 1)[0]!)
    expect((await verifyArchive(db)).problemCount).toEqual({})
  })

  afterEach(async () => {
    db.close()
    await db.delete()
  })

  it('a changed paragraph: the content hash no longer matches', async () => {
    await rewriteBody(sco2014.id, (b) => ({
      ...b,
      paragraphs: b.paragraphs.map((p, i) => (i === 2 ? p.replace(/the/, 'a') : p)),
    }))
    const report = await verifyArchive(db)
    expect(report.problemCount).toEqual({ 'content-hash': 1 })
    expect(report.problems[0]).toMatchObject({ kind: 'content-hash', releaseId: sco2014.id })
    expect(report.problems[0]!.message).toContain(`“${sco2014.title}”`)
    expect(report.canRebuildIndex).toBe(false)
  })

  it('a changed paragraph of a release whose title was corrected', async () => {
    await correctMetadata(db, sco2014.id, { title: 'Dushanbe, 2014' })
    await indexAll()
    expect((await verifyArchive(db)).problemCount).toEqual({})
    await rewriteBody(sco2014.id, (b) => ({
      ...b,
      paragraphs: [...b.paragraphs.slice(0, -1), 'x'],
    }))
    expect(listed(await verifyArchive(db))).toEqual(['content-hash: Dushanbe, 2014'])
  })

  it('a deleted paragraph: fewer paragraphs, the hash, and the annotation and tags on it', async () => {
    const body = decodeBody(sco2017.body)
    await annotate(sco2017.id, body.paragraphs[4]!.slice(0, 20))
    const { tag } = await ensureTag(db, 'Threats')
    await setParagraphTag(db, sco2017.id, body.keys[4]!, tag.id, true)
    await rewriteBody(sco2017.id, (b) => ({
      ...b,
      paragraphs: b.paragraphs.filter((_, i) => i !== 4),
      keys: b.keys.filter((_, i) => i !== 4),
    }))
    const report = await verifyArchive(db)
    expect(report.problemCount).toEqual({
      'content-hash': 1,
      'paragraph-count': 1,
      'paragraph-missing': 1,
      'annotation-paragraph-missing': 1,
      // Its index entry has one paragraph more than the release now.
      'index-stale': 1,
    })
    for (const p of report.problems) expect(p.title).toBe(sco2017.title)
    const count = report.problems.find((p) => p.kind === 'paragraph-count')!
    expect(count.message).toBe(
      `“${sco2017.title}” has ${body.paragraphs.length - 1} paragraphs, but it was imported with ${body.paragraphs.length}.`,
    )
  })

  it('a tagged paragraph whose release is gone', async () => {
    const body = decodeBody(kremlin.body)
    const { tag } = await ensureTag(db, 'Economy')
    await setParagraphTag(db, kremlin.id, body.keys[1]!, tag.id, true)
    const row = (await db.paragraphTags.toArray())[0]!
    await deleteReleases(db, [kremlin.id])
    expect((await verifyArchive(db)).problemCount).toEqual({})
    await db.paragraphTags.put(row)
    const report = await verifyArchive(db)
    expect(report.problemCount).toEqual({ 'paragraph-orphan': 1 })
    // The title comes from the search index's retired entry for it.
    expect(report.problems[0]).toMatchObject({ releaseId: kremlin.id, title: kremlin.title })
    expect(report.problems[0]!.message).toBe(
      `A tagged paragraph belongs to “${kremlin.title}”, which is no longer in the archive.`,
    )
  })

  it('an annotation on a release that is gone', async () => {
    const annotation = await annotate(sco2014.id, 'regional security issues')
    await deleteReleases(db, [sco2014.id])
    await db.annotations.put(annotation)
    const report = await verifyArchive(db)
    expect(report.problemCount).toEqual({ 'annotation-orphan': 1 })
    expect(listed(report)).toEqual([`annotation-orphan: ${sco2014.title}`])
    expect(report.checkedAnnotations).toBe(1)
  })

  it('an annotation whose passage is no longer where it points, and a tag that is gone', async () => {
    const { tag } = await ensureTag(db, 'Gone')
    const annotation = await annotate(sco2017.id, 'Shanghai Cooperation', '', [tag.id])
    await db.annotations.update(annotation.id, {
      position: { start: annotation.position.start + 3, end: annotation.position.end + 3 },
    })
    await db.tags.delete(tag.id)
    expect(listed(await verifyArchive(db)).sort()).toEqual([
      `annotation-misplaced: ${sco2017.title}`,
      `tag-missing: ${sco2017.title}`,
    ])
  })

  it('a text that cannot be read: no rebuild is offered, the indexer would stop at it', async () => {
    await db.releases.update(kremlin.id, { body: new Uint8Array([0x06, 0x7b]) })
    expect(listed(await verifyArchive(db))).toEqual([`damaged-text: ${kremlin.title}`])
    await db.searchDocs.delete((await db.searchIndexed.get(sco2014.id))!.docNo)
    const report = await verifyArchive(db)
    expect(report.problemCount).toEqual({ 'damaged-text': 1, 'index-missing': 1 })
    expect(report.canRebuildIndex).toBe(false)
  })

  it('a release the library does not list, and a library row of a release that is gone', async () => {
    await db.releaseOrder.delete(sco2014.id)
    await db.releaseOrder.put({ id: 'rgone', importedAt: 1 })
    expect((await verifyArchive(db)).problemCount).toEqual({
      'library-missing': 1,
      'library-orphan': 1,
    })
  })

  it('a missing index entry: search cannot find the release, and a rebuild can mend it', async () => {
    const { docNo } = (await db.searchIndexed.get(kremlin.id))!
    await db.searchDocs.delete(docNo)
    const report = await verifyArchive(db)
    expect(report.problemCount).toEqual({ 'index-missing': 1 })
    expect(listed(report)).toEqual([`index-missing: ${kremlin.title}`])
    expect(report.indexProblems).toBe(1)
    expect(report.canRebuildIndex).toBe(true)
  })

  it('an index row gone while its entry stays: the entry is a stray, found twice once re-indexed', async () => {
    await db.searchIndexed.delete(kremlin.id)
    const report = await verifyArchive(db)
    expect(report.problemCount).toEqual({ 'index-stray': 1 })
    expect(report.waitingToIndex).toBe(1)
    await indexAll()
    expect((await verifyArchive(db)).problemCount).toEqual({ 'index-stray': 1 })
  })

  it('an index entry for a release that is gone: reported once, by its title', async () => {
    await db.releases.delete(sco2014.id)
    await db.releaseOrder.delete(sco2014.id)
    const report = await verifyArchive(db)
    expect(report.problemCount).toEqual({ 'index-orphan': 1 })
    expect(report.problems[0]!.message).toBe(
      `The search index still has “${sco2014.title}”, which is no longer in the archive.`,
    )
  })

  it('an index entry with an old title', async () => {
    await db.releases.update(sco2014.id, { title: 'Renamed behind the index’s back' })
    const report = await verifyArchive(db)
    // The title is part of the text the content hash is of: it has not been corrected.
    expect(report.problemCount).toEqual({ 'content-hash': 1, 'index-stale': 1 })
    expect(report.problems.find((p) => p.kind === 'index-stale')!.message).toBe(
      'The search index has an old title of “Renamed behind the index’s back”.',
    )
  })

  it('lost postings and counters behind the entries', async () => {
    const state = (await db.searchState.get('counters'))!
    const segment = state.segments![0]!
    await db.searchPostings.filter((r) => r.segment === segment.segment).delete()
    await db.searchPostings.put({ bucket: 1, segment: 999, firstDocNo: 0, data: new Uint8Array() })
    await db.searchState.put({ ...state, nextDocNo: 1 })
    const report = await verifyArchive(db)
    expect(report.problemCount['index-postings']).toBe(2)
    expect(report.problemCount['index-counters']).toBeGreaterThanOrEqual(2)
    expect(report.canRebuildIndex).toBe(true)
  })

  it('lists at most 50 problems of one kind, and counts them all', async () => {
    const annotation = await annotate(sco2014.id, 'regional security issues')
    await deleteReleases(db, [sco2014.id])
    await db.annotations.bulkPut(
      Array.from({ length: 70 }, (_, i) => ({ ...annotation, id: `a${i}` })),
    )
    const report = await verifyArchive(db)
    expect(report.problemCount).toEqual({ 'annotation-orphan': 70 })
    expect(report.problems).toHaveLength(50)
  })
})

describe('rebuilding the search index', () => {
  beforeEach(async () => {
    db = new ArchiveDb(`verify-rebuild-${Math.random()}`)
    await db.open()
    await importCorpusFiles(db, [...SCO, ...firstOf('kremlin_ru_2025', 6)])
    await indexPending(db, { segmentSize: 2 })
  })

  afterEach(async () => {
    db.close()
    await db.delete()
  })

  it('mends a damaged index once the indexer has indexed the releases again', async () => {
    const reader = new SearchIndexReader(db)
    const query = '"Shanghai Cooperation"'
    const before = await titles(reader, query)
    expect(before).toHaveLength(2)
    const title = before[0]!
    const sco = await byTitle(new RegExp(`^${title.replace(/[^\w\s]/g, '.')}$`))
    // Damage: a stray entry for one release, and an entry for another that is gone.
    await db.searchIndexed.delete(sco.id)
    await indexReleases(db, [sco.id])
    const other = (await db.releases.toArray()).find((r) => !/SCO|Shanghai/.test(r.title))!
    await db.releases.delete(other.id)
    await db.releaseOrder.delete(other.id)
    const damaged = await verifyArchive(db)
    expect(damaged.problemCount).toEqual({ 'index-stray': 1, 'index-orphan': 1 })
    expect(damaged.canRebuildIndex).toBe(true)
    expect((await titles(reader, query)).filter((t) => t === title)).toHaveLength(2)

    const { waiting } = await rebuildSearchIndex(db)
    expect(waiting).toBe(await db.releases.count())
    const rebuilt = await verifyArchive(db)
    expect(rebuilt.problemCount).toEqual({})
    expect(rebuilt.waitingToIndex).toBe(waiting)
    // A reader kept from before forgets every entry until they are indexed again.
    expect(await titles(reader, query)).toEqual([])

    await indexPending(db, { segmentSize: 3 })
    await mergeSegments(db, { factor: 2 })
    const after = await verifyArchive(db)
    expect(after.problemCount).toEqual({})
    expect(after.indexProblems).toBe(0)
    expect(after.waitingToIndex).toBe(0)
    expect((await titles(reader, query)).filter((t) => t === title)).toHaveLength(1)
  })

  it('leaves no segment of a merge that was under way when it ran', async () => {
    let rebuilding: Promise<unknown> | null = null
    let calls = 0
    await mergeSegments(db, {
      factor: 2,
      // Halfway through the first merge's buckets, the index is rebuilt.
      shouldStop: () => {
        calls += 1
        if (calls === 30) rebuilding = rebuildSearchIndex(db)
        return false
      },
    })
    expect(rebuilding).not.toBeNull()
    await rebuilding
    const state = (await db.searchState.get('counters'))!
    expect(state.merge).toBeUndefined()
    expect(state.segments).toEqual([])
    await indexPending(db, { segmentSize: 2 })
    await mergeSegments(db, { factor: 2 })
    expect((await verifyArchive(db)).problemCount).toEqual({})
  })
})
