/** Checks shared by the migrations that drop the search index (v010, v011, v012). */
import { expect } from 'vitest'
import { search } from '../../../../shared/search/engine'
import { parseQuery } from '../../../../shared/search/query'
import { prepareRelease } from '../../../../shared/release/prepare-release'
import { ArchiveDb } from '../archive-db'
import { storeBatch, toStorable } from '../repositories/releases-repo'
import { listSavedSearches, saveSearch } from '../repositories/saved-searches-repo'
import { SearchIndexReader, indexPending, pendingCount } from '../repositories/search-repo'
import { SCHEMA_VERSIONS } from '../schema'
import { SEARCH_INDEX_TABLES } from './v010-search-index'

async function storable(title: string, text: string) {
  const outcome = await prepareRelease(
    `${title}.txt`,
    new TextEncoder().encode(`${title}\n\n${text}\n`),
  )
  if (outcome.kind !== 'ready') throw new Error(outcome.reason)
  return toStorable(outcome.release)
}

/**
 * Checks an upgrade from version `from` to `to` that drops the search index: an archive indexed
 * and with a saved search at `from` opens at `to` with the index empty, every release waiting,
 * the saved search kept, and the rebuilt index finding a phrase.
 */
export async function expectSearchIndexDropped(name: string, from: number, to: number) {
  const old = new ArchiveDb(
    name,
    SCHEMA_VERSIONS.filter((v) => v.version <= from),
  )
  const releases = await Promise.all([
    storable('Astana statement', 'The Member States stand for international peace and security.'),
    storable('Qingdao declaration', 'Peace and development, and security, were discussed.'),
  ])
  await storeBatch(
    old as ArchiveDb,
    {
      importId: 'before',
      chunk: 1,
      items: releases.map((release) => ({ kind: 'release' as const, release })),
    },
    undefined,
    10,
  )
  expect(await indexPending(old as ArchiveDb)).toBe(2)
  await saveSearch(old as ArchiveDb, {
    name: 'Peace',
    query: '"peace and security"',
    mode: 'release',
  })
  old.close()

  const db = new ArchiveDb(
    name,
    SCHEMA_VERSIONS.filter((v) => v.version <= to),
  )
  await db.open()
  expect(db.verno).toBe(to)
  for (const table of SEARCH_INDEX_TABLES) expect(await db.table(table).count(), table).toBe(0)
  expect(await pendingCount(db)).toBe(2)
  expect((await listSavedSearches(db)).map((s) => s.name)).toEqual(['Peace'])

  expect(await indexPending(db)).toBe(2)
  const reader = new SearchIndexReader(db)
  await reader.refresh()
  const parsed = parseQuery('"peace and security"')
  if (!parsed.ok) throw new Error(parsed.message)
  const outcome = await search(reader, parsed.root, { mode: 'release', ignoreDiacritics: true })
  if (!outcome.ok) throw new Error(outcome.message)
  expect(outcome.hits.toArray().map((h) => h.doc.title)).toEqual(['Astana statement'])
  db.close()
}
