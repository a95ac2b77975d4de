/**
 * What went wrong with the user's last action (an annotation not saved, a tag not added), at
 * the foot of the reader or the compare view until dismissed. Styled by reader.css.
 */
export function Notice({ notice, onDismiss }: { notice: string | null; onDismiss(): void }) {
  if (!notice) return null
  return (
    <div className="reader-notice" role="alert">
      <p>{notice}</p>
      <button type="button" className="link-button" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  )
}
