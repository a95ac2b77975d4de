/**
 * Archive schema version 8: `releaseOrder`, one small row per release with
 * its id and import time, so that the library's order, "Select all" and the
 * checks of which releases exist read small rows, never a release with its text.
 */

export type ReleaseOrderV8 = { id: string; importedAt: number }

/**
 * The rows of `releaseOrder` from the releases' `importedAt` index: its keys
 * (the import times) and its primary keys (the release ids), read in the same
 * order, so the two lists pair up one to one.
 */
export function releaseOrderV8(
  importedAts: readonly unknown[],
  ids: readonly unknown[],
): ReleaseOrderV8[] {
  if (importedAts.length !== ids.length) {
    throw new Error(
      `the import-time index gave ${importedAts.length} times for ${ids.length} releases`,
    )
  }
  return ids.map((id, i) => {
    const importedAt = importedAts[i]
    if (typeof id !== 'string' || typeof importedAt !== 'number') {
      throw new Error(`release ${String(id)} has no id or import time that can be ordered`)
    }
    return { id, importedAt }
  })
}
