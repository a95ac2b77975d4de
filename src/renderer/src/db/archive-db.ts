import Dexie, { type EntityTable, type Table } from 'dexie'
import type {
  AnnotationRecord,
  CatalogChunkRecord,
  ImportLogChunkRecord,
  ImportReportRecord,
  ParagraphTagsRecord,
  ReleaseOrderRecord,
  ReleaseRecord,
  ReleaseTagRecord,
  SavedSearchRecord,
  SearchCountersRecord,
  SearchDocRecord,
  SearchIndexedRecord,
  SearchPostingsRecord,
  SearchVocabularyRecord,
  SettingRecord,
  TagRecord,
} from './records'
import { ARCHIVE_DB_NAME, SCHEMA_VERSIONS, type SchemaVersion } from './schema'

export class ArchiveDb extends Dexie {
  releases!: EntityTable<ReleaseRecord, 'id'>
  tags!: EntityTable<TagRecord, 'id'>
  annotations!: EntityTable<AnnotationRecord, 'id'>
  paragraphTags!: EntityTable<ParagraphTagsRecord, 'id'>
  releaseTags!: Table<ReleaseTagRecord, [string, string]>
  releaseOrder!: EntityTable<ReleaseOrderRecord, 'id'>
  importReports!: EntityTable<ImportReportRecord, 'id'>
  importLogChunks!: Table<ImportLogChunkRecord, [string, number]>
  catalogChunks!: EntityTable<CatalogChunkRecord, 'seq'>
  settings!: EntityTable<SettingRecord, 'key'>
  searchDocs!: EntityTable<SearchDocRecord, 'docNo'>
  searchIndexed!: EntityTable<SearchIndexedRecord, 'releaseId'>
  searchPostings!: Table<SearchPostingsRecord, [number | string, number]>
  searchVocabulary!: EntityTable<SearchVocabularyRecord, 'seq'>
  searchState!: EntityTable<SearchCountersRecord, 'key'>
  savedSearches!: EntityTable<SavedSearchRecord, 'id'>

  constructor(
    name: string = ARCHIVE_DB_NAME,
    versions: readonly SchemaVersion[] = SCHEMA_VERSIONS,
  ) {
    super(name)
    applySchemaVersions(this, versions)
    this.use({
      stack: 'dbcore',
      name: 'countWrites',
      create: (down) => ({
        ...down,
        transaction: (stores, mode, options) => {
          if (mode === 'readwrite') this.writesStarted += 1
          return down.transaction(stores, mode, options)
        },
      }),
    })
  }

  /**
   * Read-write transactions this connection has started. A long read of the whole archive (an
   * automatic backup) watches it to give way when an edit is waiting behind it.
   */
  writesStarted = 0
}

/** Declares every version in order, with its upgrade where it has one. */
export function applySchemaVersions(db: Dexie, versions: readonly SchemaVersion[]): void {
  let previous = 0
  for (const v of versions) {
    if (v.version <= previous) {
      throw new Error(`schema versions must increase: ${v.version} after ${previous}`)
    }
    previous = v.version
    const declared = db.version(v.version).stores(v.stores)
    if (v.upgrade) declared.upgrade(v.upgrade)
  }
}
