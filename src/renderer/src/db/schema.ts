/**
 * Schema versions of the archive database, oldest first. APPEND ONLY.
 *
 * Every shipped version stays in this list forever: Dexie needs the chain to
 * upgrade any archive a user still has. To change the schema, add a version
 * with the new store definitions; when rows must be transformed, give it an
 * `upgrade` that lives in `migrations/vNNN-<name>.ts`, with the row transform
 * as a pure function in `src/shared/` and a test of its own
 * (`migrations/vNNN-<name>.test.ts` seeds the old version with
 * fake-indexeddb and opens the new one).
 *
 * Index changes are guarded by `schema.snapshot.json` and its test: a shipped
 * table or index that disappears fails the build, unless a version lists it in
 * `dropped`, which says it goes on purpose.
 */
import type { Transaction } from 'dexie'
import { upgradeToV2 } from './migrations/v002-fingerprints'
import { upgradeToV3 } from './migrations/v003-bodies'
import { upgradeToV4 } from './migrations/v004-catalog'
import { upgradeToV6 } from './migrations/v006-release-tags'
import { upgradeToV10 } from './migrations/v010-search-index'
import { upgradeToV11 } from './migrations/v011-search-index'
import { upgradeToV12 } from './migrations/v012-search-index'
import { upgradeToV8 } from './migrations/v008-release-order'

export type SchemaVersion = {
  version: number
  stores: Record<string, string | null>
  /**
   * Tables ("bandChunks") and indexes ("releases.title", as Dexie writes them)
   * this version removes on purpose. The snapshot test accepts a shipped table
   * or index that is gone only when a version lists it here.
   */
  dropped?: string[]
  upgrade?: (tx: Transaction) => Promise<unknown> | void
}

/** WARNING: the database name is persisted on users' machines; changing it loses their archive. */
export const ARCHIVE_DB_NAME = 'communique-archive'

export const SCHEMA_VERSIONS: readonly SchemaVersion[] = [
  {
    version: 1,
    stores: {
      releases:
        'id, &contentHash, importedAt, updatedAt, title, date, type, lang, place, previousVersionId, *tagIds, *organisations, *countries',
      releaseTexts: 'releaseId',
      paragraphs: 'id, releaseId, &[releaseId+n], *tagIds',
      tags: 'id, &path, parentId, name',
      annotations: 'id, releaseId, paragraphId, *tagIds, needsReview, updatedAt',
      importLog: '++seq, batchId, at, outcome, fileName',
      settings: 'key',
    },
  },
  {
    version: 2,
    stores: {
      releases:
        'id, &contentHash, importedAt, updatedAt, title, date, type, lang, place, previousVersionId, *tagIds, *organisations, *countries, *sourceHashes, titleKey, *lsh',
      importLog: '++seq, batchId, at, outcome, fileName, [batchId+seq], [batchId+outcome]',
      importReports: 'id, startedAt',
    },
    upgrade: upgradeToV2,
  },
  {
    // Paragraphs and original text move into releases.body; band keys into bandChunks
    // (the `lsh` index stays declared and empty); the import log into one row per batch.
    version: 3,
    stores: {
      bandChunks: '++seq',
      importLogChunks: '[importId+chunk]',
    },
    upgrade: upgradeToV3,
  },
  {
    version: 4,
    // The import judges and recognises files from the catalog (shared/release/catalog), so the
    // release indexes it read by go, with the ones nothing reads yet: every index entry is a
    // write for each release imported. What the app lists and follows by stays. Tables that
    // version 3 emptied go too, and the band keys move into the catalog.
    stores: {
      releases: 'id, importedAt, previousVersionId, *tagIds',
      catalogChunks: '++seq',
      bandChunks: null,
      releaseTexts: null,
      paragraphs: null,
      importLog: null,
    },
    dropped: [
      'releases.&contentHash',
      'releases.updatedAt',
      'releases.title',
      'releases.date',
      'releases.type',
      'releases.lang',
      'releases.place',
      'releases.*organisations',
      'releases.*countries',
      'releases.*sourceHashes',
      'releases.titleKey',
      'releases.*lsh',
      'bandChunks',
      'releaseTexts',
      'paragraphs',
      'importLog',
    ],
    upgrade: upgradeToV4,
  },
  {
    version: 5,
    // Tags on paragraphs, one row per tagged paragraph, keyed by the paragraph's id.
    stores: {
      paragraphTags: 'id, releaseId, *tagIds',
    },
  },
  {
    version: 6,
    // Tags on releases, one row per tag and release. On the release row, a tag rewrote the
    // whole row with its text (bench/tags: tagging 100,000 releases took 110 s, their counts
    // 4.1 s). The upgrade reads the tagged rows through the `tagIds` index, which version 7
    // drops once it has done so.
    stores: {
      releaseTags: '[tagId+releaseId], releaseId',
    },
    upgrade: upgradeToV6,
  },
  {
    version: 7,
    stores: {
      releases: 'id, importedAt, previousVersionId',
    },
    dropped: ['releases.*tagIds'],
  },
  {
    version: 8,
    // The releases in import order, one small row each: the library's order, "Select all"
    // and the check that the releases to tag exist read these, not the release rows, whose
    // keys come back slower the larger the rows (bench/tags: the ids of 10,000 releases in
    // 51 ms from these rows, 193 ms from the releases).
    stores: {
      releaseOrder: 'id, importedAt',
    },
    upgrade: upgradeToV8,
  },
  {
    version: 9,
    // The search index (db/repositories/search-repo): documents, postings in bucket rows per
    // segment, the vocabulary, counters, and saved searches. Releases already in the archive
    // are indexed in the background after the upgrade, as new ones are after an import.
    stores: {
      searchDocs: 'docNo, seq',
      searchIndexed: 'releaseId',
      searchPostings: '[bucket+segment]',
      searchVocabulary: '++seq',
      searchState: 'key',
      savedSearches: 'id, createdAt',
    },
  },
  {
    version: 10,
    // The search index in a new form (v010-search-index): dropped, and rebuilt in the
    // background.
    stores: {},
    upgrade: upgradeToV10,
  },
  {
    version: 11,
    // The search index in a newer form (v011-search-index): dropped, and rebuilt in the
    // background.
    stores: {},
    upgrade: upgradeToV11,
  },
  {
    version: 12,
    // More words paired in the search index (v012-search-index): dropped, and rebuilt in the
    // background.
    stores: {},
    upgrade: upgradeToV12,
  },
]

/** The version an archive has once this app has opened it. */
export const LATEST_SCHEMA_VERSION = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1]?.version ?? 1
