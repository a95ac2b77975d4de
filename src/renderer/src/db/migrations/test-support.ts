/** Rows as old schema versions wrote them, for the migration tests. */

/** A source file as version 1 recorded it. */
export const SOURCE_V1 = {
  name: 'a.txt',
  byteLength: 10,
  sha256: 'bytes-hash',
  encoding: 'utf-8',
  importedAt: 1,
}

/** A release row as version 1 wrote it: no fingerprint, no body; its paragraphs had rows of their own. */
export function releaseRowV1(fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'r0123',
    contentHash: 'content-hash',
    title: 'Joint communiqué',
    date: null,
    place: null,
    type: null,
    lang: null,
    organisations: [],
    countries: [],
    participants: [],
    references: [],
    sourceFiles: [SOURCE_V1],
    encoding: 'utf-8',
    paragraphCount: 2,
    tagIds: [],
    editedFields: [],
    previousVersionId: null,
    warnings: [],
    importedAt: 1,
    updatedAt: 1,
    ...fields,
  }
}
