/**
 * Closing the window, quitting or reloading while an edit is not yet stored.
 *
 * A write normally lands within milliseconds, and a note still being typed is saved as the page
 * goes. But a read of the whole archive (Back Up Now) holds every write until it ends, which is
 * minutes at 100,000 releases, and a page that goes meanwhile takes the waiting edit with it.
 * Then, and only then, the page asks before it goes: the browser shows its "Leave site?"
 * question, and the desktop shell a question of its own.
 */
import type { ArchiveDb } from '../db/archive-db'

/** Text typed and not yet stored (a note in its editor), and how to start storing it. */
export type UnsavedText = { isUnsaved(): boolean; save(): void }

const typed = new Set<UnsavedText>()

/** Counts `text` as unsaved while it says so, until the returned function is called. */
export function trackUnsaved(text: UnsavedText): () => void {
  typed.add(text)
  return () => {
    typed.delete(text)
  }
}

/**
 * True when leaving now would lose an edit: a write is waiting and held, or text is typed while
 * writes are held. Typed text is sent to be saved either way, so staying saves it.
 */
export function leavingLosesEdits(db: Pick<ArchiveDb, 'writesWaiting'>, now = Date.now()): boolean {
  let hasTyped = false
  for (const text of typed) {
    if (!text.isUnsaved()) continue
    text.save()
    hasTyped = true
  }
  const writes = db.writesWaiting(now)
  return writes.held && (writes.count > 0 || hasTyped)
}

/** Asks before the page goes while leaving would lose an edit. Returns the undo. */
export function guardLeaving(
  target: Pick<Window, 'addEventListener' | 'removeEventListener'>,
  db: Pick<ArchiveDb, 'writesWaiting'>,
): () => void {
  const onBeforeUnload = (event: Event) => {
    if (leavingLosesEdits(db)) event.preventDefault()
  }
  target.addEventListener('beforeunload', onBeforeUnload)
  return () => target.removeEventListener('beforeunload', onBeforeUnload)
}
