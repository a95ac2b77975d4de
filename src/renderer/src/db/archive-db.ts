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
          const tx = down.transaction(stores, mode, options)
          if (mode === 'readwrite') {
            this.writesStarted += 1
            this.track(tx, this.waitingWrites)
          } else if (stores.length === this.tables.length) {
            this.track(tx, this.wholeReads)
          }
          return tx
        },
      }),
    })
  }

  /**
   * Read-write transactions this connection has started. A long read of the whole archive (an
   * automatic backup) watches it to give way when an edit is waiting behind it.
   */
  writesStarted = 0

  /** Read-write transactions started and not yet ended, with when each started. */
  private readonly waitingWrites = new Map<object, number>()
  /** Read transactions over every table (a backup's export): they hold every write until they end. */
  private readonly wholeReads = new Map<object, number>()

  /**
   * Writes started here and not yet stored, and whether one of them, or any write started now,
   * is held: a read of the whole archive is open, or a write has waited a second or more. A page
   * closed meanwhile loses what was held.
   */
  writesWaiting(now = Date.now()): { count: number; held: boolean } {
    const oldest = Math.min(Infinity, ...this.waitingWrites.values())
    return {
      count: this.waitingWrites.size,
      held: this.wholeReads.size > 0 || now - oldest >= HELD_AFTER_MS,
    }
  }

  private track(tx: unknown, open: Map<object, number>): void {
    // The IndexedDB core hands back the native transaction; Dexie itself uses its on… handlers.
    const target = tx as Partial<EventTarget> & object
    if (typeof target.addEventListener !== 'function') return
    open.set(target, Date.now())
    const end = () => open.delete(target)
    target.addEventListener('complete', end)
    target.addEventListener('abort', end)
  }
}

/** A write that has waited this long is held behind something, not merely being stored. */
const HELD_AFTER_MS = 1000

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
