/**
 * Saved searches: a name and a query, listed in the sidebar, each a live collection (its
 * results are the query's results whenever it is opened). Saving and deleting are edits, so
 * Undo brings back a search deleted by mistake.
 */
import type { ArchiveDb } from '../archive-db'
import { EditRecorder, type Edit } from '../edits'
import type { SavedSearchRecord } from '../records'

/** The longest name and query kept. */
const MAX_NAME = 200
const MAX_QUERY = 2000

export function listSavedSearches(db: ArchiveDb): Promise<SavedSearchRecord[]> {
  return db.savedSearches.orderBy('createdAt').toArray()
}

export async function saveSearch(
  db: ArchiveDb,
  input: { name: string; query: string; mode: SavedSearchRecord['mode'] },
): Promise<Edit> {
  const name = input.name.trim()
  const query = input.query.trim()
  if (name === '') throw new Error('A saved search needs a name.')
  if (query === '') throw new Error('There is nothing to save: the search is empty.')
  if (name.length > MAX_NAME) throw new Error(`A name has at most ${MAX_NAME} characters.`)
  if (query.length > MAX_QUERY)
    throw new Error(`A saved query has at most ${MAX_QUERY} characters.`)
  const row: SavedSearchRecord = {
    id: crypto.randomUUID(),
    name,
    query,
    mode: input.mode,
    createdAt: Date.now(),
  }
  await db.savedSearches.add(row)
  const recorder = new EditRecorder()
  recorder.row('savedSearches', row.id, undefined, row)
  return recorder.edit(`Save the search “${name}”`)
}

export async function deleteSavedSearch(db: ArchiveDb, id: string): Promise<Edit> {
  return db.transaction('rw', db.savedSearches, async () => {
    const row = await db.savedSearches.get(id)
    const recorder = new EditRecorder()
    if (!row) return recorder.edit('Delete a saved search')
    await db.savedSearches.delete(id)
    recorder.row('savedSearches', id, row, undefined)
    return recorder.edit(`Delete the saved search “${row.name}”`)
  })
}
