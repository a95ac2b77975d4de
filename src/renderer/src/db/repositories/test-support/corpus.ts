/**
 * For the repositories' tests: corpus files imported into a test archive through the import's
 * real batch step.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { processBatch } from '../../../workers/import-batch'
import type { ArchiveDb } from '../../archive-db'
import { ArchiveCatalog } from '../releases-repo'

export const CORPUS = join(__dirname, '../../../../../../../shared/corpus')

/** The two SCO releases (2014 and 2017), as paths in the corpus. */
export const SCO = ['sco/000_5b5391892682d1ae.txt', 'sco/003_e372a3fb9bb542ce.txt']

/** Imports corpus files (paths in the corpus) as one batch of the import `importId`. */
export async function importCorpusFiles(
  db: ArchiveDb,
  paths: readonly string[],
  importId = 'i1',
): Promise<void> {
  await processBatch(
    db,
    {
      importId,
      chunk: 1,
      maxBytes: 10 * 1024 * 1024,
      files: paths.map((p) => ({ name: p, bytes: new Uint8Array(readFileSync(join(CORPUS, p))) })),
    },
    new ArchiveCatalog(),
  )
}
