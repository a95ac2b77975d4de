/**
 * A phrase's history: the releases that have its wording (as a phrase search finds them),
 * oldest first, and the first of them, where the wording first appears in the archive.
 */
import type { SearchDoc } from '../search/engine'

export type PhraseHistory = {
  /** Dated releases oldest first (same date: by title), then the undated. */
  releases: SearchDoc[]
  /** The oldest dated release, or null when none is dated. */
  first: SearchDoc | null
}

/** A date as the day its span starts: "2017" is 2017-01-01, "2017-06" is 2017-06-01. */
function startOf(date: string): string {
  return date.length === 4 ? `${date}-01-01` : date.length === 7 ? `${date}-01` : date
}

export function phraseHistory(releases: readonly SearchDoc[]): PhraseHistory {
  const sorted = [...releases].sort((a, b) => {
    if (a.date === null || b.date === null) {
      if (a.date !== b.date) return a.date === null ? 1 : -1
    } else {
      const x = startOf(a.date)
      const y = startOf(b.date)
      if (x !== y) return x < y ? -1 : 1
    }
    return a.title.localeCompare(b.title)
  })
  return { releases: sorted, first: sorted[0]?.date ? sorted[0] : null }
}
