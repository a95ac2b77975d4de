import 'fake-indexeddb/auto'
import Dexie from 'dexie'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { readingText, selectorsFor } from '../../../../shared/annotation/reading-text'
import { releaseUrn, toAnnotationCollection } from '../../../../shared/annotation/w3c'
import { decodeBody } from '../../../../shared/release/body'
import { prepareRelease } from '../../../../shared/release/prepare-release'
import { ArchiveDb } from '../archive-db'
import { applyEdit } from '../edits'
import type { AnnotationRecord } from '../records'
import { DEFAULT_ANNOTATION_COLOR, addAnnotation, annotationsOf } from './annotations-repo'
import { collectExport, importAnnotationFile } from './exchange-repo'
import { getParagraphs, storeBatch, toStorable } from './releases-repo'
import { ensureTag, listTags, setParagraphTag, setReleasesTag } from './tags-repo'

/** A paragraph two of the releases share, word for word. */
const SHARED =
  'The parties reaffirmed their commitment to the purposes and principles of the UN Charter.'

const TEXTS = [
  [
    'Joint statement on the Astana meeting',
    'The ministers met in Astana on 5 April and discussed regional security.',
    'They agreed on countering terrorism, separatism and extremism together.',
    SHARED,
  ],
  [
    'Press release on trade talks in Geneva',
    'Trade negotiators met in Geneva to discuss tariffs on steel and aluminium.',
    'Both sides want a framework agreement by the end of the year.',
    SHARED,
  ],
  [
    'Readout of the call on energy cooperation',
    'The two leaders spoke by telephone about gas deliveries this winter.',
    'They asked their energy ministers to prepare a long-term contract.',
  ],
]

async function storeTexts(db: ArchiveDb): Promise<string[]> {
  const items = []
  for (const [n, lines] of TEXTS.entries()) {
    const prepared = await prepareRelease(
      `${n}.txt`,
      new TextEncoder().encode(`${lines.join('\n\n')}\n`),
    )
    if (prepared.kind !== 'ready') throw new Error(prepared.reason)
    items.push({ kind: 'release' as const, release: toStorable(prepared.release) })
  }
  const results = await storeBatch(db, { importId: 'seed', chunk: 1, items })
  return results.map((r) => r.releaseId as string)
}

/** Annotates `exact` (in its first paragraph) the way the reader does. */
async function annotate(
  db: ArchiveDb,
  releaseId: string,
  exact: string,
  note: string,
  tagIds: string[] = [],
): Promise<AnnotationRecord> {
  const row = (await db.releases.get(releaseId))!
  const paragraphs = await getParagraphs(db, releaseId)
  const texts = paragraphs.map((p) => p.text)
  const index = texts.findIndex((t) => t.includes(exact))
  const start = texts[index]!.indexOf(exact)
  const { annotation } = await addAnnotation(db, {
    releaseId,
    paragraphId: paragraphs[index]!.id,
    ...selectorsFor(row.title, texts, index, start, start + exact.length),
    color: '#81c784',
    note,
    tagIds,
  })
  return annotation
}

const keyOf = (paragraphId: string) => paragraphId.slice(paragraphId.indexOf(':') + 1)

let db: ArchiveDb
let ids: string[]
beforeEach(async () => {
  db = new ArchiveDb(`exchange-${Math.random()}`)
  await db.open()
  ids = await storeTexts(db)
})
afterEach(async () => {
  db.close()
  await Dexie.delete(db.name)
})

describe('collectExport', () => {
  it('collects each scope: its releases, their annotations and paragraph tags, and every tag', async () => {
    const [astana, geneva, call] = ids as [string, string, string]
    const { tag: terrorism } = await ensureTag(db, 'Threats/Terrorism')
    const threats = (await listTags(db)).find((t) => t.path === 'Threats')!
    const { tag: trade } = await ensureTag(db, 'Trade')
    const note = await annotate(db, astana, 'countering terrorism', 'Three evils', [terrorism.id])
    const tradeParagraph = (await getParagraphs(db, geneva))[0]!
    await setParagraphTag(db, geneva, keyOf(tradeParagraph.id), trade.id, true)
    await setReleasesTag(db, [call], threats.id, true)

    const archive = await collectExport(db, { kind: 'archive' }, 1234)
    expect(archive.scopeLabel).toBe('the whole archive')
    expect(archive.exportedAt).toBe(1234)
    expect(archive.tags.map((t) => t.path)).toEqual(['Threats', 'Threats/Terrorism', 'Trade'])
    expect(archive.releases.map((r) => r.id).sort()).toEqual([...ids].sort())
    const astanaRow = (await db.releases.get(astana))!
    expect(archive.releases.find((r) => r.id === astana)).toEqual({
      id: astana,
      contentHash: astanaRow.contentHash,
      title: 'Joint statement on the Astana meeting',
      date: astanaRow.date,
      paragraphKeys: decodeBody(astanaRow.body).keys,
      tagIds: [],
    })
    expect(archive.annotations).toEqual([
      {
        id: note.id,
        releaseId: astana,
        paragraphKey: keyOf(note.paragraphId),
        quote: note.quote,
        position: note.position,
        color: '#81c784',
        note: 'Three evils',
        tagIds: [terrorism.id],
        needsReview: false,
        createdAt: note.createdAt,
        updatedAt: note.updatedAt,
      },
    ])
    expect(archive.paragraphTags).toEqual([
      { releaseId: geneva, paragraphKey: keyOf(tradeParagraph.id), tagIds: [trade.id] },
    ])

    const selection = await collectExport(db, { kind: 'releases', releaseIds: [call, astana] })
    expect(selection.scopeLabel).toBe('2 selected releases')
    expect(selection.releases.map((r) => r.id)).toEqual([call, astana])
    expect(selection.releases[0]?.tagIds).toEqual([threats.id])
    expect(selection.annotations.map((a) => a.id)).toEqual([note.id])
    expect(selection.paragraphTags).toEqual([])

    const one = await collectExport(db, { kind: 'release', releaseId: geneva })
    expect(one.scopeLabel).toBe('“Press release on trade talks in Geneva”')
    expect(one.paragraphTags).toHaveLength(1)
    expect(one.annotations).toEqual([])

    const byTag = await collectExport(db, { kind: 'tag', tagId: threats.id })
    expect(byTag.scopeLabel).toBe('tag Threats')
    expect(byTag.annotations.map((a) => a.id)).toEqual([note.id])
    expect(byTag.releases.map((r) => r.id).sort()).toEqual([astana, call].sort())
    expect(byTag.paragraphTags).toEqual([])
    expect(byTag.tags).toHaveLength(3)
  })

  it('leaves out of an archive export the releases nobody tagged or annotated', async () => {
    const { tag } = await ensureTag(db, 'Energy')
    await setReleasesTag(db, [ids[2]!], tag.id, true)
    const data = await collectExport(db, { kind: 'archive' })
    expect(data.releases.map((r) => r.title)).toEqual(['Readout of the call on energy cooperation'])
  })
})

describe('importAnnotationFile', () => {
  it('brings an exported file back into another archive, creating its tags, and undo removes it', async () => {
    const { tag } = await ensureTag(db, 'Threats/Terrorism', { color: '#b71c1c' })
    const first = await annotate(db, ids[0]!, 'countering terrorism', 'Three evils', [tag.id])
    const second = await annotate(db, ids[1]!, 'tariffs on steel', '')
    const file = JSON.stringify(
      toAnnotationCollection(await collectExport(db, { kind: 'archive' })),
    )

    const other = new ArchiveDb(`exchange-other-${Math.random()}`)
    try {
      await storeTexts(other)
      const result = await importAnnotationFile(other, file, 5000)
      expect([result.added, result.updated, result.kept]).toEqual([2, 0, 0])
      expect(result.unplaced).toEqual([])
      expect(result.problems).toEqual([])
      expect(result.edit.label).toBe('Import 2 annotations')
      const imported = (await listTags(other)).map((t) => t.path)
      expect(imported).toEqual(['Threats', 'Threats/Terrorism'])
      const [placed] = await annotationsOf(other, ids[0]!)
      expect(placed).toMatchObject({
        id: first.id,
        paragraphId: first.paragraphId,
        quote: first.quote,
        position: first.position,
        note: 'Three evils',
        color: '#81c784',
        tagIds: [(await listTags(other))[1]!.id],
        needsReview: false,
      })
      expect((await annotationsOf(other, ids[1]!))[0]?.quote).toEqual(second.quote)

      // The same file again changes nothing; undoing the first import removes all it added.
      const again = await importAnnotationFile(other, file)
      expect([again.added, again.updated, again.kept]).toEqual([0, 0, 2])
      expect(again.edit.changes).toEqual([])
      await applyEdit(other, result.edit, 'undo')
      expect(await other.annotations.count()).toBe(0)
      expect(await other.tags.count()).toBe(0)
    } finally {
      other.close()
      await Dexie.delete(other.name)
    }
  })

  it('takes the newer of two annotations with the same id', async () => {
    const mine = await annotate(db, ids[0]!, 'countering terrorism', 'Old note')
    const data = await collectExport(db, { kind: 'release', releaseId: ids[0]! })
    const newer = {
      ...data,
      annotations: data.annotations.map((a) => ({
        ...a,
        note: 'Revised note',
        updatedAt: mine.updatedAt + 60_000,
      })),
    }
    const result = await importAnnotationFile(db, JSON.stringify(toAnnotationCollection(newer)))
    expect([result.added, result.updated, result.kept]).toEqual([0, 1, 0])
    expect((await db.annotations.get(mine.id))?.note).toBe('Revised note')
    await applyEdit(db, result.edit, 'undo')
    expect((await db.annotations.get(mine.id))?.note).toBe('Old note')

    const older = {
      ...data,
      annotations: data.annotations.map((a) => ({
        ...a,
        note: 'Stale',
        updatedAt: mine.updatedAt - 60_000,
      })),
    }
    const kept = await importAnnotationFile(db, JSON.stringify(toAnnotationCollection(older)))
    expect([kept.added, kept.updated, kept.kept]).toEqual([0, 0, 1])
    expect((await db.annotations.get(mine.id))?.note).toBe('Old note')
  })

  it('finds the quote of another tool’s annotation across the archive, unless two releases have it', async () => {
    const annotation = (id: string, exact: string, source = 'https://example.org/page') => ({
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      id,
      type: 'Annotation',
      created: '2024-03-01T10:00:00Z',
      body: [
        { type: 'TextualBody', value: 'Seen in a briefing', purpose: 'commenting' },
        { type: 'TextualBody', value: 'Energy/Gas', purpose: 'tagging' },
      ],
      target: { source, selector: { type: 'TextQuoteSelector', exact } },
    })
    const file = JSON.stringify([
      annotation('https://example.org/anno/1', 'gas deliveries this winter'),
      annotation('https://example.org/anno/2', 'purposes and principles of the UN Charter'),
      annotation('https://example.org/anno/3', 'a sentence no release has'),
      annotation('https://example.org/anno/4', 'tariffs on steel', releaseUrn('0'.repeat(64))),
    ])
    const result = await importAnnotationFile(db, file, 7000)
    expect(result.added).toBe(2)
    expect(result.unplaced).toEqual([
      {
        id: 'https://example.org/anno/2',
        quote: 'purposes and principles of the UN Charter',
        reason: 'found in 2 releases',
      },
      {
        id: 'https://example.org/anno/3',
        quote: 'a sentence no release has',
        reason: 'no release in the archive has the quoted text',
      },
    ])
    const [gas] = await annotationsOf(db, ids[2]!)
    const row = (await db.releases.get(ids[2]!))!
    const text = readingText(
      row.title,
      (await getParagraphs(db, ids[2]!)).map((p) => p.text),
    )
    expect(gas).toMatchObject({
      id: 'https://example.org/anno/1',
      note: 'Seen in a briefing',
      color: DEFAULT_ANNOTATION_COLOR,
      createdAt: Date.parse('2024-03-01T10:00:00Z'),
      updatedAt: 7000,
    })
    expect(text.slice(gas!.position.start, gas!.position.end)).toBe('gas deliveries this winter')
    expect(gas!.quote.prefix.endsWith('spoke by telephone about ')).toBe(true)
    const tags = await listTags(db)
    expect(tags.map((t) => t.path)).toEqual(['Energy', 'Energy/Gas'])
    expect(gas!.tagIds).toEqual([tags[1]!.id])
    // A URN the archive does not know falls back to the quote.
    expect((await annotationsOf(db, ids[1]!))[0]?.id).toBe('https://example.org/anno/4')
  })

  it('reports a file it cannot read', async () => {
    const result = await importAnnotationFile(db, 'this is not json')
    expect(result.problems[0]).toMatch(/^the file is not JSON/)
    expect([result.added, result.updated, result.kept]).toEqual([0, 0, 0])
    expect(result.edit.changes).toEqual([])
    const empty = await importAnnotationFile(db, '[]')
    expect(empty.problems).toEqual(['the file has no annotations'])
  })
})
