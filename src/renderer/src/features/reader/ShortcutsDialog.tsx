/** The reader's keyboard shortcuts, listed in a dialog that `?` opens. */
import { useEffect, useId, useRef } from 'react'

const MOD =
  typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl'

export const SHORTCUTS: readonly { keys: string[]; does: string }[] = [
  { keys: ['j', '↓'], does: 'Next paragraph' },
  { keys: ['k', '↑'], does: 'Previous paragraph' },
  { keys: ['Home', 'End'], does: 'First and last paragraph' },
  { keys: ['t'], does: 'Tag the current paragraph' },
  { keys: ['a'], does: 'Annotate the selected text (or the current paragraph)' },
  { keys: ['n'], does: 'Write the note of the selected annotation' },
  { keys: [`${MOD}+F`], does: 'Find in the release' },
  { keys: ['Enter', 'Shift+Enter'], does: 'Next and previous match, in the find bar' },
  { keys: [`${MOD}+Z`], does: 'Undo' },
  { keys: [`${MOD}+Shift+Z`], does: 'Redo' },
  { keys: ['Escape'], does: 'Close the find bar, the toolbar, a tag picker or this list' },
  { keys: ['?'], does: 'Show these shortcuts' },
]

export function ShortcutsDialog({ isOpen, onClose }: { isOpen: boolean; onClose(): void }) {
  const ref = useRef<HTMLDialogElement>(null)
  const titleId = useId()

  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    if (isOpen && !dialog.open) dialog.showModal()
    else if (!isOpen && dialog.open) dialog.close()
  }, [isOpen])

  return (
    <dialog ref={ref} className="shortcuts-dialog" aria-labelledby={titleId} onClose={onClose}>
      <h2 id={titleId}>Keyboard shortcuts</h2>
      <p className="fine-print">
        Single keys work while the reader has the focus, not while typing.
      </p>
      <dl className="shortcut-list">
        {SHORTCUTS.map((s) => (
          <div key={s.does} className="shortcut">
            <dt>
              {s.keys.map((k, i) => (
                <span key={k}>
                  {i > 0 && ' or '}
                  <kbd>{k}</kbd>
                </span>
              ))}
            </dt>
            <dd>{s.does}</dd>
          </div>
        ))}
      </dl>
      <form method="dialog">
        <button type="submit" className="primary">
          Close
        </button>
      </form>
    </dialog>
  )
}
