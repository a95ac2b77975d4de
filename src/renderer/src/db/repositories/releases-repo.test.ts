import 'fake-indexeddb/auto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import Dexie from 'dexie'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { readingText, selectorsFor } from '../../../../shared/annotation/reading-text'
import { prepareRelease } from '../../../../shared/release/prepare-release'
import { ArchiveDb } from '../archive-db'
import { applyEdit } from '../edits'
import { addAnnotation, annotationsOf } from './annotations-repo'
import { reportItems } from './import-reports-repo'
import { tagsOfRelease } from './release-tags'
import { correctMetadata } from './metadata-repo'
import {
  ArchiveCatalog,
  getOriginalText,
  getParagraphs,
  knownFiles,
  storeBatch,
  releaseIdFor,
  toStorable,
  type BatchItem,
} from './releases-repo'
import { ensureTag, paragraphTagsOf, setParagraphTag, setReleasesTag } from './tags-repo'
import type { ReleaseRecord } from '../records'

const CORPUS = join(__dirname, '../../../../../../shared/corpus')

const sentences = Array.from(
  { length: 24 },
  (_, i) =>
    `The ministers discussed item ${i} of the agenda, on regional security and trade number ${i * 7}.`,
)
const release = async (name: string, text: string): Promise<BatchItem> => {
  const outcome = await prepareRelease(name, new TextEncoder().encode(text))
  if (outcome.kind !== 'ready') throw new Error(outcome.reason)
  return { kind: 'release', release: toStorable(outcome.release) }
}
const original = `Joint communiqué\n\n${sentences.join('\n\n')}\n`
const revised = `Joint communiqué\n\n${sentences.join('\n\n')}\n\nOne more paragraph on culture.\n`

let db: ArchiveDb
beforeEach(async () => {
  db = new ArchiveDb(`repo-${Math.random()}`)
  await db.open()
})
afterEach(async () => {
  db.close()
  await Dexie.delete(db.name)
})

describe('storeBatch', () => {
  it('stores the text, keeps the original, and logs every file of the batch in order', async () => {
    const items = [
      await release('a.txt', original.replace(/\n/g, '\r\n')),
      { kind: 'rejected', fileName: 'b.bin', reason: 'binary' } as const,
    ]
    const results = await storeBatch(db, { importId: 'imp', chunk: 1, items })
    expect(results.map((r) => [r.fileName, r.outcome])).toEqual([
      ['a.txt', 'imported'],
      ['b.bin', 'rejected'],
    ])
    const id = results[0]!.releaseId!
    expect((await getParagraphs(db, id)).map((p) => p.text)).toEqual(sentences)
    expect(await getOriginalText(db, id)).toBe(original.replace(/\n/g, '\r\n'))
    expect((await reportItems(db, 'imp')).map((r) => r.fileName)).toEqual(['a.txt', 'b.bin'])
  })

  it('finds a duplicate and a version within one batch', async () => {
    const items = [
      await release('a.txt', original),
      await release('copy.txt', original),
      await release('b.txt', revised),
    ]
    const results = await storeBatch(db, { importId: 'imp', chunk: 1, items })
    expect(results.map((r) => r.outcome)).toEqual(['imported', 'duplicate', 'version'])
    const first = await db.releases.get(results[0]!.releaseId!)
    expect(first?.sourceFiles.map((s) => s.name)).toEqual(['a.txt', 'copy.txt'])
    expect((await db.releases.get(results[2]!.releaseId!))?.previousVersionId).toBe(first?.id)
  })

  it('finds a version of a release stored by another writer, through its bands', async () => {
    await storeBatch(db, { importId: 'one', chunk: 1, items: [await release('a.txt', original)] })
    // A different title, so only the shared text can link them.
    const other = revised.replace('Joint communiqué', 'Press release')
    const results = await storeBatch(
      db,
      { importId: 'two', chunk: 1, items: [await release('b.txt', other)] },
      new ArchiveCatalog(),
    )
    expect(results[0]!.outcome).toBe('version')
    expect(results[0]!.message).toMatch(
      /^new version of “Joint communiqué” \(\d+% of the text shared\)/,
    )
  })

  it('leaves nothing behind when the batch fails, and its releases do not become candidates', async () => {
    const archive = new ArchiveCatalog()
    const item = await release('a.txt', original)
    if (item.kind !== 'release') throw new Error('not a release')
    // Another row already has the id this release would get: the write fails.
    const id = releaseIdFor(item.release.contentHash)
    await db.releases.add({ id, contentHash: 'something else', titleKey: '' } as ReleaseRecord)
    const rejected = { kind: 'rejected', fileName: 'b.bin', reason: 'binary' } as const
    await expect(
      storeBatch(db, { importId: 'imp', chunk: 1, items: [rejected, item] }, archive),
    ).rejects.toThrow()
    expect(await db.releases.count()).toBe(1)
    expect(await db.releaseOrder.count()).toBe(0)
    expect(await db.catalogChunks.count()).toBe(0)
    expect(await reportItems(db, 'imp')).toEqual([])
    expect(archive.catalog.size).toBe(0)
  })

  it('adds a copy of a stored release to its sources, and a new writer recognises both files', async () => {
    const first = await storeBatch(db, {
      importId: 'one',
      chunk: 1,
      items: [await release('a.txt', original)],
    })
    const copy = await release('copies/a-again.txt', original.replace(/\n/g, '\r\n'))
    const second = await storeBatch(db, { importId: 'two', chunk: 1, items: [copy] })
    expect(second.map((r) => [r.outcome, r.message, r.releaseId])).toEqual([
      ['duplicate', 'duplicate of “Joint communiqué”', first[0]!.releaseId],
    ])
    const row = await db.releases.get(first[0]!.releaseId!)
    expect(row?.sourceFiles.map((s) => s.name)).toEqual(['a.txt', 'copies/a-again.txt'])

    if (copy.kind !== 'release') throw new Error('not a release')
    const original1 = await release('a.txt', original)
    if (original1.kind !== 'release') throw new Error('not a release')
    const known = await knownFiles(db, new ArchiveCatalog(), [
      { name: 'a.txt', sha256: original1.release.sourceHash },
      { name: 'copies/a-again.txt', sha256: copy.release.sourceHash },
      // The same bytes under another name is not the same file.
      { name: 'elsewhere.txt', sha256: copy.release.sourceHash },
    ])
    expect(known).toEqual([
      { releaseId: row?.id, title: 'Joint communiqué' },
      { releaseId: row?.id, title: 'Joint communiqué' },
      null,
    ])
  })

  it('does not judge against a release that has been deleted since', async () => {
    const archive = new ArchiveCatalog()
    const [stored] = await storeBatch(
      db,
      { importId: 'one', chunk: 1, items: [await release('a.txt', original)] },
      archive,
    )
    await db.releases.delete(stored!.releaseId!)
    await db.releaseOrder.delete(stored!.releaseId!)
    const results = await storeBatch(
      db,
      {
        importId: 'two',
        chunk: 1,
        items: [await release('b.txt', revised), await release('a.txt', original)],
      },
      archive,
    )
    expect(results.map((r) => r.outcome)).toEqual(['imported', 'version'])
    expect(results[1]!.releaseId).toBe(stored!.releaseId)
    expect(await knownFiles(db, archive, [{ name: 'zzz.txt', sha256: '0'.repeat(64) }])).toEqual([
      null,
    ])
  })
})

/** Stores one file of the shared corpus as its own import; returns the outcome. */
async function importCorpusFile(path: string) {
  const outcome = await prepareRelease(path, new Uint8Array(readFileSync(join(CORPUS, path))))
  if (outcome.kind !== 'ready') throw new Error(outcome.reason)
  const [result] = await storeBatch(db, {
    importId: path,
    chunk: 1,
    items: [{ kind: 'release', release: toStorable(outcome.release) }],
  })
  return result!
}

/** Annotates the first occurrence of `exact` the way the reader does. */
async function annotateText(releaseId: string, exact: string, note: string, tagIds: string[]) {
  const row = (await db.releases.get(releaseId))!
  const paragraphs = await getParagraphs(db, releaseId)
  const texts = paragraphs.map((p) => p.text)
  const index = texts.findIndex((t) => t.includes(exact))
  const start = texts[index]!.indexOf(exact)
  const selectors = selectorsFor(row.title, texts, index, start, start + exact.length)
  const { annotation } = await addAnnotation(db, {
    releaseId,
    paragraphId: paragraphs[index]!.id,
    ...selectors,
    color: '#81c784',
    note,
    tagIds,
  })
  return annotation
}

describe('carrying annotations to a new version', () => {
  it('places what it can in the new version, sends the rest to review, and leaves the old one as it was', async () => {
    const old = await importCorpusFile('sco/000_5b5391892682d1ae.txt')
    const oldId = old.releaseId!
    const { tag: terrorism } = await ensureTag(db, 'Threats/Terrorism')
    const { tag: afghanistan } = await ensureTag(db, 'Regions/Afghanistan')
    await setReleasesTag(db, [oldId], terrorism.id, true)
    const unchanged = await annotateText(oldId, 'Peace Mission-2016', 'Joint exercise', [
      terrorism.id,
    ])
    const moved = await annotateText(
      oldId,
      'countering terrorism, separatism and extremism',
      'The “three evils”',
      [terrorism.id],
    )
    const gone = await annotateText(oldId, 'traditionally friendly and constructive', 'Tone', [])
    const paragraphs = await getParagraphs(db, oldId)
    const afghan = paragraphs.find((p) => p.text.startsWith('In particular, the participants'))!
    const afghanKey = afghan.id.slice(oldId.length + 1)
    await setParagraphTag(db, oldId, afghanKey, afghanistan.id, true)
    const changed = paragraphs.find((p) => p.text.includes('traditionally friendly'))!
    await setParagraphTag(db, oldId, changed.id.slice(oldId.length + 1), terrorism.id, true)
    const before = await annotationsOf(db, oldId)

    const result = await importCorpusFile('bad/new-version-of-seed.txt')
    expect(result.outcome).toBe('version')
    const newId = result.releaseId!
    const newRow = (await db.releases.get(newId))!
    expect(newRow.previousVersionId).toBe(oldId)
    expect(await tagsOfRelease(db, newId)).toEqual([terrorism.id])

    const carried = await annotationsOf(db, newId)
    const text = readingText(
      newRow.title,
      (await getParagraphs(db, newId)).map((p) => p.text),
    )
    expect(
      carried.map((a) => [a.quote.exact, a.note, a.needsReview, a.carriedFrom, a.tagIds]),
    ).toEqual([
      [
        'countering terrorism, separatism and extremism',
        'The “three evils”',
        false,
        moved.id,
        [terrorism.id],
      ],
      ['Peace Mission-2016', 'Joint exercise', false, unchanged.id, [terrorism.id]],
      ['traditionally friendly and constructive', 'Tone', true, gone.id, []],
    ])
    for (const a of carried.slice(0, 2)) {
      expect(text.slice(a.position.start, a.position.end)).toBe(a.quote.exact)
      expect(a.releaseId).toBe(newId)
      expect(a.paragraphId.startsWith(`${newId}:`)).toBe(true)
      expect(a.id).not.toBe(a.carriedFrom)
    }
    const review = carried[2]!
    expect(review.reviewReason).toMatch(/traditionally friendly and constructive/)
    expect(review.position).toEqual(gone.position)
    expect(review.createdAt).toBe(gone.createdAt)

    // The unchanged paragraph keeps its key; the reworded one goes to the paragraph it became.
    const tagged = await paragraphTagsOf(db, newId)
    const newParagraphs = await getParagraphs(db, newId)
    const taggedText = (tagIds: string[]) =>
      newParagraphs.find((p) => p.id === tagged.find((t) => t.tagIds.join() === tagIds.join())?.id)
        ?.text
    expect(tagged).toHaveLength(2)
    expect(taggedText([afghanistan.id])).toBe(afghan.text)
    expect(taggedText([terrorism.id])).toMatch(
      /^The National Security Council secretaries exchanged views .* friendly, constructive and businesslike/,
    )

    expect(await annotationsOf(db, oldId)).toEqual(before)
    expect(await paragraphTagsOf(db, oldId)).toHaveLength(2)
  })

  it('keeps the tags of a paragraph rewritten beyond recognition, as an annotation to review', async () => {
    const [stored] = await storeBatch(db, {
      importId: 'one',
      chunk: 1,
      items: [await release('a.txt', original)],
    })
    const oldId = stored!.releaseId!
    const { tag } = await ensureTag(db, 'Culture')
    const paragraphs = await getParagraphs(db, oldId)
    const rewritten = paragraphs[5]!
    await setParagraphTag(db, oldId, rewritten.id.slice(oldId.length + 1), tag.id, true)
    const next = original.replace(
      rewritten.text,
      'Nothing of the sort was said: the delegates went to the opera instead.',
    )
    const [version] = await storeBatch(db, {
      importId: 'two',
      chunk: 1,
      items: [await release('b.txt', next)],
    })
    expect(version!.outcome).toBe('version')
    const [carried] = await annotationsOf(db, version!.releaseId!)
    expect(carried).toMatchObject({
      quote: { exact: rewritten.text },
      note: '',
      tagIds: [tag.id],
      needsReview: true,
      reviewReason: 'the tagged paragraph changed beyond recognition',
    })
    expect(await paragraphTagsOf(db, version!.releaseId!)).toEqual([])
  })

  it('writes nothing more for a version of a release nobody annotated', async () => {
    await storeBatch(db, { importId: 'one', chunk: 1, items: [await release('a.txt', original)] })
    const [version] = await storeBatch(db, {
      importId: 'two',
      chunk: 1,
      items: [await release('b.txt', revised)],
    })
    expect(version!.outcome).toBe('version')
    expect(await db.annotations.count()).toBe(0)
    expect(await db.paragraphTags.count()).toBe(0)
  })
})

describe('correctMetadata', () => {
  const stored = async () => {
    const result = await importCorpusFile('sco/000_5b5391892682d1ae.txt')
    return (await db.releases.get(result.releaseId!))!
  }

  it('corrects fields, marks them edited, and undo restores what was extracted', async () => {
    const row = await stored()
    const edit = await correctMetadata(db, row.id, {
      title: '  SCO   Security Council Secretaries, Astana ',
      place: 'Astana, Kazakhstan',
      countries: ['Kazakhstan', ' China ', 'Kazakhstan', ''],
      type: 'press release',
    })
    expect(edit.label).toBe(`Correct the title, place and countries of “${row.title}”`)
    const after = (await db.releases.get(row.id))!
    expect(after.title).toBe('SCO Security Council Secretaries, Astana')
    expect(after.countries).toEqual(['Kazakhstan', 'China'])
    expect(after.titleKey).toBe(row.titleKey)
    // Only what changed is an edit: the type was already a press release.
    expect(after.editedFields.sort()).toEqual(['countries', 'place', 'title'])
    expect(Object.keys(edit.changes[0]!.after ?? {}).sort()).toEqual([
      'countries',
      'editedFields',
      'place',
      'title',
      'updatedAt',
    ])
    await applyEdit(db, edit, 'undo')
    const undone = (await db.releases.get(row.id))!
    expect(undone.title).toBe(row.title)
    expect(undone.editedFields).toEqual([])
    expect(undone.countries).toEqual(row.countries)
  })

  it('keeps annotations on their passages when the title changes', async () => {
    const row = await stored()
    const note = await annotateText(row.id, 'Peace Mission-2016', 'Exercise', [])
    const edit = await correctMetadata(db, row.id, { title: 'SCO Security Council Secretaries' })
    const texts = (await getParagraphs(db, row.id)).map((p) => p.text)
    const moved = (await db.annotations.get(note.id))!
    const text = readingText('SCO Security Council Secretaries', texts)
    expect(text.slice(moved.position.start, moved.position.end)).toBe('Peace Mission-2016')
    expect(moved.position.start).toBe(
      note.position.start - row.title.length + 'SCO Security Council Secretaries'.length,
    )
    await applyEdit(db, edit, 'undo')
    expect(await db.annotations.get(note.id)).toEqual(note)
  })

  it('takes the mention of a corrected date from the text when it has one', async () => {
    const row = await stored()
    expect(row.dateMention?.text).toBe('5-6 April')
    // The text says when the summit is: "8-9 June, 2017".
    const edit = await correctMetadata(db, row.id, { date: '2017-06-08' })
    expect(edit.label).toBe(`Correct the date of “${row.title}”`)
    let after = (await db.releases.get(row.id))!
    expect(after.date).toBe('2017-06-08')
    expect(after.dateMention).toEqual({
      iso: '2017-06-08',
      end: '2017-06-09',
      text: '8-9 June, 2017',
      inferred: false,
    })
    expect(after.editedFields.sort()).toEqual(['date', 'dateMention'])
    // No phrase of the text gives 6 April alone.
    await correctMetadata(db, row.id, { date: '2017-04-06' })
    after = (await db.releases.get(row.id))!
    expect([after.date, after.dateMention]).toEqual(['2017-04-06', null])
    await applyEdit(db, edit, 'undo')
    after = (await db.releases.get(row.id))!
    expect([after.date, after.dateMention?.text, after.editedFields]).toEqual([
      '2017-04-05',
      '5-6 April',
      [],
    ])
  })

  it('refuses values of the wrong kind, with the reason', async () => {
    const row = await stored()
    await expect(correctMetadata(db, row.id, { title: '   ' })).rejects.toThrow(
      'The title cannot be empty.',
    )
    await expect(correctMetadata(db, row.id, { date: '2017-02-30' })).rejects.toThrow(
      '“2017-02-30” is not a date: use YYYY, YYYY-MM or YYYY-MM-DD, such as 2017-04-05.',
    )
    await expect(correctMetadata(db, row.id, { date: '5 April 2017' })).rejects.toThrow(
      /is not a date/,
    )
    await expect(correctMetadata(db, row.id, { date: '0000' })).rejects.toThrow(/is not a date/)
    await expect(correctMetadata(db, row.id, { date: '2017-13' })).rejects.toThrow(/is not a date/)
    await expect(
      correctMetadata(db, row.id, { type: 'memo' as ReleaseRecord['type'] }),
    ).rejects.toThrow(/^“memo” is not a document type: choose one of press release, /)
    await expect(correctMetadata(db, row.id, { lang: 'English' })).rejects.toThrow(
      '“English” is not a language code: use an ISO 639-1 code such as en, ru or zh.',
    )
    await expect(
      correctMetadata(db, row.id, { participants: [{ name: '', role: null, country: null }] }),
    ).rejects.toThrow('Each participant needs a name.')
    await expect(
      correctMetadata(db, row.id, {
        references: [{ kind: 'memo', label: 'X', text: 'X', date: null }],
      } as never),
    ).rejects.toThrow(/Each reference needs a kind/)
    await expect(correctMetadata(db, row.id, { contentHash: 'x' } as never)).rejects.toThrow(
      '“contentHash” is not a detail of a release that can be corrected.',
    )
    await expect(correctMetadata(db, 'rgone', { place: 'Astana' })).rejects.toThrow(
      'That release is no longer in the archive.',
    )
    expect((await db.releases.get(row.id))?.editedFields).toEqual([])
  })

  it('accepts participants, references, a year alone and no language', async () => {
    const row = await stored()
    await correctMetadata(db, row.id, {
      date: '2017',
      lang: null,
      participants: [{ name: ' Nikolai  Patrushev', role: 'Secretary', country: 'Russia' }],
      references: [
        {
          kind: 'resolution',
          label: 'UN Security Council Resolution 2254',
          text: 'resolution 2254',
          date: null,
        },
      ],
    })
    const after = (await db.releases.get(row.id))!
    expect(after.date).toBe('2017')
    expect(after.lang).toBeNull()
    expect(after.participants).toEqual([
      { name: 'Nikolai Patrushev', role: 'Secretary', country: 'Russia' },
    ])
    expect(after.references[0]?.label).toBe('UN Security Council Resolution 2254')
  })
})
