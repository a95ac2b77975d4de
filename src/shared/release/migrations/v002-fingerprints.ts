/**
 * Archive schema version 2: releases learn how to be found again.
 *
 * Version 1 identified a release by the sha256 of its bytes and stored no
 * fingerprint. Version 2 keeps every source file's hash in `sourceHashes` (so
 * a file already imported is recognised before it is parsed), a folded title
 * and a MinHash fingerprint (so a new version finds its earlier release), and
 * the richer metadata fields. A version-1 release keeps its id, its
 * contentHash and its paragraph ids: annotations and tags may already point at
 * them. Its fingerprint is computed from the paragraphs it has.
 */
import { fingerprint } from '../similarity'

type SourceFileV1 = { sha256: string }

export type ReleaseRowV1 = {
  id: string
  title: string
  sourceFiles: SourceFileV1[]
  [field: string]: unknown
}

export type ReleaseV2Additions = {
  sourceHashes: string[]
  titleKey: string
  lsh: string[]
  signature: number[]
  shingleCount: number
  mixedScriptWords: string[]
  dateMention: null
  dates: []
}

export function upgradeReleaseToV2<T extends ReleaseRowV1>(
  row: T,
  paragraphs: readonly string[],
): T & ReleaseV2Additions {
  return {
    ...row,
    sourceHashes: [...new Set(row.sourceFiles.map((s) => s.sha256))],
    ...fingerprint(row.title, paragraphs),
    mixedScriptWords: [],
    dateMention: null,
    dates: [],
  }
}
