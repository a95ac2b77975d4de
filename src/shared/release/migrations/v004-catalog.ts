/**
 * Archive schema version 4: the import's writer judges and recognises files
 * from an in-memory catalog (shared/release/catalog) instead of IndexedDB
 * indexes, so the release table keeps only the indexes the app reads by.
 *
 * The catalog is built from the release rows themselves, one chunk per page
 * of rows in import order: each row's title key, signature and shingle count
 * as stored, its bands recomputed from the signature exactly as the import
 * computes them, and every source file it has.
 */
import { bandNumbers } from '../band-table'
import { catalogChunk, type CatalogChunk } from '../catalog'
import { bandKeys } from '../similarity'

export type ReleaseRowV3 = {
  id: string
  titleKey?: string
  signature?: number[]
  shingleCount?: number
  sourceHashes?: string[]
  [field: string]: unknown
}

export function catalogChunkV4(rows: readonly ReleaseRowV3[]): CatalogChunk {
  const entries = rows.map((row) => {
    const signature = row.signature ?? []
    const shingleCount = row.shingleCount ?? 0
    return {
      id: row.id,
      titleKey: row.titleKey ?? '',
      signature,
      shingleCount,
      bands: bandNumbers(bandKeys(signature, shingleCount)),
    }
  })
  const sources = rows.flatMap((row) =>
    (row.sourceHashes ?? []).map((sha256) => ({ releaseId: row.id, sha256 })),
  )
  return catalogChunk(entries, sources)
}
