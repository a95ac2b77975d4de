/**
 * The archive's tags by id, and paragraphs' tags by paragraph id, for the views that show
 * paragraph tags (the reader and the compare view).
 */
import { useMemo } from 'react'
import type { ArchiveDb } from '../../db/archive-db'
import type { ParagraphTagsRecord, TagRecord } from '../../db/records'
import { listTags } from '../../db/repositories/tags-repo'
import { useLiveResult, type LiveResult } from '../../components/use-live-result'
import { tagsFor } from './TagChips'

/** Every tag by id (empty until read), and the live list it came from. */
export function useTagsById(db: ArchiveDb): {
  tagList: LiveResult<TagRecord[]>
  tagsById: ReadonlyMap<string, TagRecord>
} {
  const tagList = useLiveResult(() => listTags(db), [db])
  const tagsById = useMemo(
    () =>
      tagList.status === 'ready'
        ? new Map(tagList.value.map((t) => [t.id, t]))
        : new Map<string, TagRecord>(),
    [tagList],
  )
  return { tagList, tagsById }
}

/** The tags of each paragraph that has any, by paragraph id (none until the rows are read). */
export function useTagsByParagraph(
  rows: LiveResult<readonly ParagraphTagsRecord[]>,
  tagsById: ReadonlyMap<string, TagRecord>,
): ReadonlyMap<string, TagRecord[]> {
  return useMemo(() => {
    const map = new Map<string, TagRecord[]>()
    if (rows.status !== 'ready') return map
    for (const row of rows.value) {
      const tags = tagsFor(row.tagIds, tagsById)
      if (tags.length > 0) map.set(row.id, tags)
    }
    return map
  }, [rows, tagsById])
}
