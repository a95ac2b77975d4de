/**
 * Version 10: the search index's postings changed form (head and positions rows, common-word
 * pairs; shared/search/postings.ts). The old index is dropped, and every release waits to be
 * indexed again, which the indexer does in the background as after an import. Nothing but the
 * index is touched: saved searches stay.
 */
import type { Transaction } from 'dexie'

export const SEARCH_INDEX_TABLES = [
  'searchDocs',
  'searchIndexed',
  'searchPostings',
  'searchVocabulary',
  'searchState',
] as const

export async function upgradeToV10(tx: Transaction): Promise<void> {
  await Promise.all(SEARCH_INDEX_TABLES.map((name) => tx.table(name).clear()))
}
