/**
 * Version 11: the search index's postings changed form again (a term's positions are read
 * without its head, and a large term has rows of its own; shared/search/postings.ts). As in
 * version 10, the old index is dropped and the indexer rebuilds it in the background; nothing
 * but the index is touched.
 */
import type { Transaction } from 'dexie'
import { SEARCH_INDEX_TABLES } from './v010-search-index'

export async function upgradeToV11(tx: Transaction): Promise<void> {
  await Promise.all(SEARCH_INDEX_TABLES.map((name) => tx.table(name).clear()))
}
