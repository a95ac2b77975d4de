/**
 * Version 12: the search index pairs more words with the word after them (every word at 0.2 %
 * or more of the corpus's English or Russian words, not only the function words;
 * shared/search/postings.ts `COMMON_WORDS`), so an index built before has no pairs a phrase
 * now reads. As in versions 10 and 11, the old index is dropped and the indexer rebuilds it in
 * the background; nothing but the index is touched.
 */
import type { Transaction } from 'dexie'
import { SEARCH_INDEX_TABLES } from './v010-search-index'

export async function upgradeToV12(tx: Transaction): Promise<void> {
  await Promise.all(SEARCH_INDEX_TABLES.map((name) => tx.table(name).clear()))
}
