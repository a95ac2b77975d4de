/**
 * Saves data as a file through the browser's download mechanism, which the
 * desktop shell turns into a save dialog.
 */
export function downloadText(
  fileName: string,
  text: string,
  type = 'text/csv;charset=utf-8',
): void {
  downloadBlob(fileName, new Blob([text], { type }))
}

export function downloadBlob(fileName: string, data: Blob, doc: Document = document): void {
  const url = URL.createObjectURL(data)
  const link = doc.createElement('a')
  link.href = url
  link.download = fileName
  link.hidden = true
  doc.body.append(link)
  link.click()
  link.remove()
  // Revoked after the click has been handled (a minute: a large backup takes a while to hand
  // over), or the download would find no data.
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}
