import { ArchiveDb } from './archive-db'

let archive: ArchiveDb | undefined

/** The archive of this window: one Dexie instance for the app's lifetime. */
export function openArchive(): ArchiveDb {
  archive ??= new ArchiveDb()
  return archive
}
