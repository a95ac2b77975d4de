/**
 * Saves text as a file through the browser's download mechanism, which the
 * desktop shell turns into a save dialog.
 */
export function downloadText(
  fileName: string,
  text: string,
  type = 'text/csv;charset=utf-8',
): void {
  const url = URL.createObjectURL(new Blob([text], { type }))
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.hidden = true
  document.body.append(link)
  link.click()
  link.remove()
  // Revoked after the click has been handled, or the download would find no data.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
