import { ArchiveDb } from './archive-db'
import { activeArchiveName } from './archive-name'

let archive: ArchiveDb | undefined

/** The archive of this window: one Dexie instance for the app's lifetime. */
export function openArchive(name: string = activeArchiveName()): ArchiveDb {
  archive ??= new ArchiveDb(name)
  return archive
}
