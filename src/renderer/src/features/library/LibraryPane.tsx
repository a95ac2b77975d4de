/**
 * The left pane: the list of releases (filtered by a tag or not), what can
 * be done with the selection, and the tag tree that filters the list.
 */
import { useLiveQuery } from 'dexie-react-hooks'
import { useState } from 'react'
import { useDb } from '../../app/app-context'
import { plural } from '../../components/format'
import { listTags } from '../../db/repositories/tags-repo'
import { messageOf, useLiveResult } from '../../components/use-live-result'
import { TagSidebar } from '../tags/TagSidebar'
import { SavedSearches } from '../search/SavedSearches'
import { useRoute } from '../../app/use-route'
import { libraryCount, selectableIds } from '../../db/repositories/library-repo'
import { LibraryList, type SelectionUpdate } from './LibraryList'
import { SectionBoundary } from './SectionBoundary'
import { SelectionBar } from './SelectionBar'
import { selectAll, type LibrarySelection } from './selection'

type Props = {
  /** The release open in the reader. */
  selectedId: string | null
  tagFilter: string | null
  onTagFilter: (tagId: string | null) => void
  selection: LibrarySelection
  onSelectionChange: SelectionUpdate
  onExportSelection: () => void
}

export function LibraryPane(props: Props) {
  const { selection, onSelectionChange, tagFilter } = props
  const route = useRoute()
  return (
    <>
      <LibraryToolbar
        tagId={tagFilter}
        onShowAll={() => props.onTagFilter(null)}
        onSelectionChange={onSelectionChange}
      />
      {selection.ids.size > 0 && (
        <SelectionBar
          selection={selection}
          onSelectionChange={onSelectionChange}
          onExport={props.onExportSelection}
        />
      )}
      <SectionBoundary name="The list of releases">
        <LibraryList
          selectedId={props.selectedId}
          tagId={tagFilter}
          selection={selection}
          onSelectionChange={onSelectionChange}
        />
      </SectionBoundary>
      <SectionBoundary name="The saved searches">
        <SavedSearches route={route} />
      </SectionBoundary>
      <SectionBoundary name="The tag tree">
        <TagSidebar activeTagId={tagFilter} onFilter={props.onTagFilter} />
      </SectionBoundary>
    </>
  )
}

function LibraryToolbar({
  tagId,
  onShowAll,
  onSelectionChange,
}: {
  tagId: string | null
  onShowAll: () => void
  onSelectionChange: SelectionUpdate
}) {
  const db = useDb()
  const count = useLiveQuery(() => libraryCount(db, tagId), [db, tagId])
  const tags = useLiveResult(() => listTags(db), [db])
  const [isBusy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const tag = tags.status === 'ready' ? tags.value.find((t) => t.id === tagId) : undefined

  const selectEverything = async () => {
    setBusy(true)
    setError(null)
    try {
      const ids = await selectableIds(db, tagId)
      onSelectionChange((s) => selectAll(s, ids))
    } catch (e) {
      setError(`The releases could not be selected: ${messageOf(e)}`)
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="library-toolbar">
      {tagId !== null && (
        <p className="library-filter">
          <span className="library-filter-label">
            {`${count !== undefined ? plural(count, 'release') : 'Releases'} tagged “${tag?.path ?? '…'}”`}
          </span>
          <button type="button" className="link-button" onClick={onShowAll}>
            Show all
          </button>
        </p>
      )}
      {count !== 0 && (
        <button
          type="button"
          className="select-all"
          disabled={isBusy || count === undefined}
          onClick={() => void selectEverything()}
        >
          {isBusy
            ? 'Selecting…'
            : tagId !== null
              ? `Select all ${count?.toLocaleString() ?? ''} shown`
              : `Select all ${count?.toLocaleString() ?? ''}`}
        </button>
      )}
      {error && (
        <p className="library-error" role="alert">
          {error}
        </p>
      )}
    </div>
  )
}
