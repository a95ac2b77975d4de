/**
 * A question to confirm before an action that changes much: a modal <dialog>
 * labelled by its title and described by its question. The rest of the window
 * is inert while it is open, Tab stays inside it, Escape cancels, and the
 * focus returns to where it was. A refused action keeps the dialog open with
 * the reason.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react'
import { messageOf } from '../../components/use-live-result'

type Props = {
  title: string
  /** The question, stating what will happen. */
  message: string
  children?: ReactNode
  confirmLabel: string
  isDanger?: boolean
  onConfirm: () => Promise<void>
  onClose: () => void
}

export function ConfirmDialog({
  title,
  message,
  children,
  confirmLabel,
  isDanger,
  onConfirm,
  onClose,
}: Props) {
  const id = useId()
  const dialog = useRef<HTMLDialogElement>(null)
  const [isBusy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null
    const element = dialog.current
    if (element && !element.open) element.showModal()
    return () => {
      if (element?.open) element.close()
      opener?.focus()
    }
  }, [])

  const confirm = async () => {
    setBusy(true)
    setError(null)
    try {
      await onConfirm()
      onClose()
    } catch (e) {
      setError(messageOf(e))
      setBusy(false)
    }
  }

  // The browser keeps Tab inside a modal dialog but lets it out to its own controls; this keeps
  // it on the dialog's buttons.
  const trapTab = (e: KeyboardEvent<HTMLDialogElement>) => {
    if (e.key !== 'Tab' || !dialog.current) return
    const focusable = [
      ...dialog.current.querySelectorAll<HTMLElement>(
        'button:not(:disabled), input:not(:disabled), select:not(:disabled), textarea:not(:disabled), [tabindex="0"]',
      ),
    ]
    const first = focusable[0]
    const last = focusable[focusable.length - 1]
    if (!first || !last) return
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault()
      last.focus()
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault()
      first.focus()
    }
  }

  return (
    <dialog
      ref={dialog}
      className="confirm-dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-message`}
      onKeyDown={trapTab}
      onCancel={(e) => {
        // Escape: the dialog closes through onClose, so React and the element agree.
        e.preventDefault()
        if (!isBusy) onClose()
      }}
    >
      <h2 id={`${id}-title`}>{title}</h2>
      <p id={`${id}-message`}>{message}</p>
      {children}
      {error && (
        <p className="tags-error" role="alert">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" autoFocus disabled={isBusy} onClick={onClose}>
          Cancel
        </button>
        <button
          type="button"
          className={isDanger ? 'danger' : 'primary'}
          disabled={isBusy}
          onClick={() => void confirm()}
        >
          {isBusy ? 'Working…' : confirmLabel}
        </button>
      </div>
    </dialog>
  )
}
