/**
 * The library's multi-selection: a set of release ids, which may hold every
 * release in the archive, and the row last clicked, from which a shift-click
 * selects a range. Rows are positions in the current list (newest import
 * first, filtered or not); the ids of a range are read from the archive, since
 * a virtualised list holds only the rows in view.
 */

export type LibrarySelection = {
  ids: ReadonlySet<string>
  /** Position of the row last clicked in the current list, or null. */
  anchor: number | null
}

export const EMPTY_SELECTION: LibrarySelection = { ids: new Set(), anchor: null }

/** Selects the row, or unselects it when `on` is false; it becomes the anchor. */
export function setOne(
  selection: LibrarySelection,
  id: string,
  index: number,
  on: boolean,
): LibrarySelection {
  const ids = new Set(selection.ids)
  if (on) ids.add(id)
  else ids.delete(id)
  return { ids, anchor: index }
}

/**
 * The rows a shift-click at `index` covers: from the anchor to the clicked
 * row, both included, whichever comes first. With no anchor, the clicked row.
 */
export function rangeBetween(anchor: number | null, index: number): { from: number; to: number } {
  if (anchor === null) return { from: index, to: index }
  return { from: Math.min(anchor, index), to: Math.max(anchor, index) }
}

/**
 * A shift-click: every row of the range takes the state the clicked row
 * takes (selected or not), and the clicked row becomes the anchor.
 */
export function setRange(
  selection: LibrarySelection,
  rangeIds: readonly string[],
  index: number,
  on: boolean,
): LibrarySelection {
  const ids = new Set(selection.ids)
  for (const id of rangeIds) {
    if (on) ids.add(id)
    else ids.delete(id)
  }
  return { ids, anchor: index }
}

/** Everything in the list selected (what was selected elsewhere stays), with no anchor. */
export function selectAll(
  selection: LibrarySelection,
  listIds: readonly string[],
): LibrarySelection {
  const ids = new Set(selection.ids)
  for (const id of listIds) ids.add(id)
  return { ids, anchor: null }
}
