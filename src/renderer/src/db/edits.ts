/**
 * Undo and redo. Every tag, annotation and metadata action is a repository
 * function that writes in one transaction and returns an `Edit`: the rows it
 * touched, before and after. Undoing writes the before-states back, redoing the
 * after-states, each in one transaction, so a reload between them loses nothing.
 */
import type { Table } from 'dexie'
import type { ArchiveDb } from './archive-db'
import type { ReleaseRecord } from './records'
import { markStale, staleTables } from './repositories/search-repo'

/** Tables whose rows an edit keeps whole. */
type RowTable =
  | 'tags'
  | 'annotations'
  | 'paragraphTags'
  | 'releaseTags'
  | 'savedSearches'
  | 'releaseOrder'
  /** Whole release rows, text and all: a deleted release and its restoring. */
  | 'releaseRows'

/** The table an edit's rows are in: whole release rows are in `releases`. */
function tableName(table: RowTable | 'releases'): string {
  return table === 'releaseRows' ? 'releases' : table
}

/** A row's primary key: a string, or `[tagId, releaseId]` for `releaseTags`. */
export type RowKey = string | [string, string]

/** One row an edit touched. `undefined` means the row did not exist (before) or was deleted (after). */
export type RowChange =
  | {
      table: RowTable
      key: RowKey
      before: object | undefined
      after: object | undefined
    }
  /** Releases are large (their text is on the row): only the fields that changed are kept. */
  | {
      table: 'releases'
      key: string
      before: Partial<ReleaseRecord>
      after: Partial<ReleaseRecord>
    }

export type Edit = {
  /** What the user did, for the Undo and Redo buttons: "Tag 3 releases “Threats”". */
  label: string
  changes: RowChange[]
}

/** IndexedDB's order of two keys of one table: strings by UTF-16 code units, arrays item by item. */
export function compareKeys(a: RowKey, b: RowKey): number {
  if (typeof a === 'string' || typeof b === 'string') {
    return a < b ? -1 : a > b ? 1 : 0
  }
  return compareKeys(a[0], b[0]) || compareKeys(a[1], b[1])
}

/** One string per row of a table, for maps of rows. */
function keyId(key: RowKey): string {
  return typeof key === 'string' ? key : key.join('\n')
}

/** Writes an edit's before-states ('undo') or after-states ('redo') in one transaction. */
export async function applyEdit(
  db: ArchiveDb,
  edit: Edit,
  direction: 'undo' | 'redo',
): Promise<void> {
  if (edit.changes.length === 0) return
  // Undo walks the changes backwards, so a row changed twice ends at its first before-state.
  const ordered = direction === 'undo' ? [...edit.changes].reverse() : edit.changes
  const names = [...new Set(ordered.map((c) => tableName(c.table)))]
  // A changed, deleted or restored release is taken out of the search index, and indexed
  // again if it is there (search-repo).
  const releaseKeys = ordered.flatMap((c) =>
    c.table === 'releases' || c.table === 'releaseRows' ? [c.key as string] : [],
  )
  await db.transaction(
    'rw',
    [...names.map((name) => db.table(name)), ...(releaseKeys.length > 0 ? staleTables(db) : [])],
    async () => {
      // The last write to a row in this order is the state it ends in.
      const finalStates = new Map<RowTable, Map<string, { key: RowKey; state?: object }>>()
      // An edit names each release once (EditRecorder), so the order of their updates is free.
      const releaseUpdates: { key: string; changes: Partial<ReleaseRecord> }[] = []
      for (const change of ordered) {
        const state = direction === 'undo' ? change.before : change.after
        if (change.table === 'releases') {
          releaseUpdates.push({ key: change.key, changes: state as Partial<ReleaseRecord> })
          continue
        }
        let states = finalStates.get(change.table)
        if (!states) finalStates.set(change.table, (states = new Map()))
        states.set(keyId(change.key), { key: change.key, state })
      }
      // One request for all of them (bench/tags: undoing the tagging of 10,000 releases took
      // 9.6-10.5 s this way and 16.7-17.4 s one update at a time). A release deleted since is
      // skipped: bulkUpdate changes nothing for a key that is absent.
      if (releaseUpdates.length > 0) await db.releases.bulkUpdate(releaseUpdates)
      for (const [name, states] of finalStates) {
        const table = db.table(tableName(name)) as Table<object, RowKey>
        // Every touched row is removed before any is written back, so rows that trade
        // places under a unique index (tag paths) never meet.
        // In key order: IndexedDB in Chromium deletes 10,000 keys in 1.6 s in ascending or
        // random order and takes 10 s in descending order, which is how undo walks a bulk tag.
        await table.bulkDelete([...states.values()].map((s) => s.key).sort(compareKeys))
        const rows = [...states.values()].flatMap((s) => s.state ?? [])
        if (rows.length > 0) await table.bulkPut(rows)
      }
      if (releaseKeys.length > 0) await markStale(db, [...new Set(releaseKeys)])
    },
  )
}

/**
 * Collects the changes of one repository write: each row's state before the
 * write (the first time it is seen) and after it (the last time), so an edit
 * names every row once.
 */
export class EditRecorder {
  private readonly rows = new Map<string, RowChange>()

  /** A row kept whole (tags, annotations, paragraphTags, releaseTags): its state before and after. */
  row(table: RowTable, key: RowKey, before: object | undefined, after: object | undefined): void {
    const id = `${table}\n${keyId(key)}`
    const known = this.rows.get(id)
    if (known) {
      known.after = after
      return
    }
    this.rows.set(id, { table, key, before: clone(before), after })
  }

  /** Fields of a release before and after: only those the write changes. */
  release(key: string, before: Partial<ReleaseRecord>, after: Partial<ReleaseRecord>): void {
    const id = `releases\n${key}`
    const known = this.rows.get(id) as Extract<RowChange, { table: 'releases' }> | undefined
    if (known) {
      known.before = { ...before, ...known.before }
      known.after = { ...known.after, ...after }
      return
    }
    this.rows.set(id, { table: 'releases', key, before: clone(before), after })
  }

  /** Adds another edit's changes (one made inside the same transaction). */
  include(edit: Edit): void {
    for (const c of edit.changes) {
      if (c.table === 'releases') this.release(c.key, c.before, c.after)
      else this.row(c.table, c.key, c.before, c.after)
    }
  }

  edit(label: string): Edit {
    // The after-states are copied: the caller may go on changing the objects it wrote.
    const changes = [...this.rows.values()]
      .filter(changed)
      .map((c) => ({ ...c, after: clone(c.after) }) as RowChange)
    return { label, changes }
  }
}

/** Whether a row ends other than it began: a row added or deleted always does. */
function changed(c: RowChange): boolean {
  if (c.before === undefined || c.after === undefined) return c.before !== c.after
  return JSON.stringify(c.before) !== JSON.stringify(c.after)
}

function clone<T>(value: T): T {
  return value === undefined ? value : structuredClone(value)
}

/** How many edits Undo can reach; older ones are forgotten. */
export const HISTORY_LIMIT = 200

/**
 * The window's undo and redo stacks. Pushing a new edit clears the redo stack;
 * an edit with no changes is not pushed.
 */
export class EditHistory {
  private readonly undoStack: Edit[] = []
  private readonly redoStack: Edit[] = []
  private readonly listeners = new Set<() => void>()
  /** Undo and redo run one at a time, in the order they were asked for. */
  private queue: Promise<unknown> = Promise.resolve()
  /** Counts pushes: an undo that finishes after a new edit must not offer itself for redo. */
  private generation = 0

  push(edit: Edit): void {
    if (edit.changes.length === 0) return
    this.undoStack.push(edit)
    if (this.undoStack.length > HISTORY_LIMIT) this.undoStack.shift()
    this.redoStack.length = 0
    this.generation += 1
    this.notify()
  }

  /** Undoes the last edit; returns it, or null when there is nothing to undo. */
  undo(db: ArchiveDb): Promise<Edit | null> {
    return this.step(db, 'undo')
  }

  redo(db: ArchiveDb): Promise<Edit | null> {
    return this.step(db, 'redo')
  }

  get canUndo(): boolean {
    return this.undoStack.length > 0
  }

  get canRedo(): boolean {
    return this.redoStack.length > 0
  }

  /** Label of the edit Undo would undo. */
  get undoLabel(): string | null {
    return this.undoStack.at(-1)?.label ?? null
  }

  get redoLabel(): string | null {
    return this.redoStack.at(-1)?.label ?? null
  }

  /** Calls `listener` whenever the stacks change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => {
      this.listeners.delete(listener)
    }
  }

  private step(db: ArchiveDb, direction: 'undo' | 'redo'): Promise<Edit | null> {
    const run = this.queue.then(async () => {
      const from = direction === 'undo' ? this.undoStack : this.redoStack
      const to = direction === 'undo' ? this.redoStack : this.undoStack
      const edit = from.pop()
      if (!edit) return null
      const generation = this.generation
      try {
        await applyEdit(db, edit, direction)
      } catch (error) {
        // Not written: it stays where it was, so the user can try again.
        if (generation === this.generation) from.push(edit)
        this.notify()
        throw error
      }
      if (generation === this.generation) to.push(edit)
      this.notify()
      return edit
    })
    this.queue = run.catch(() => undefined)
    return run
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener()
  }
}
