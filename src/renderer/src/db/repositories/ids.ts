/**
 * Ids that are persisted and derived from content.
 * WARNING: annotations and paragraph tags refer to releases and paragraphs by
 * these ids; changing either format needs a schema version with a migration.
 */

/** A release's id is derived from its content hash, so the same text always has the same id. */
export function releaseIdFor(contentHash: string): string {
  return `r${contentHash.slice(0, 24)}`
}

/** A paragraph's id: its release and its text-derived key (shared/release/paragraph-ids). */
export function paragraphIdFor(releaseId: string, key: string): string {
  return `${releaseId}:${key}`
}
