import { useEffect, useRef, useState } from 'react'

function carriesFiles(event: DragEvent): boolean {
  return Array.from(event.dataTransfer?.types ?? []).includes('Files')
}

/**
 * Accepts files and folders dropped anywhere on the window. The browser's
 * default, which would navigate away to the dropped file, is always
 * prevented. `onDrop` gets the DataTransfer while the drop event is being
 * handled (folder entries can only be taken then).
 * Returns whether files are being dragged over the window.
 */
export function useFileDrop(onDrop: (data: DataTransfer) => void): boolean {
  const [isDragging, setDragging] = useState(false)
  const depth = useRef(0)
  const latest = useRef(onDrop)
  useEffect(() => {
    latest.current = onDrop
  })

  useEffect(() => {
    const onDragEnter = (event: DragEvent) => {
      if (!carriesFiles(event)) return
      event.preventDefault()
      depth.current += 1
      setDragging(true)
    }
    const onDragOver = (event: DragEvent) => {
      // A view that takes this drag (a release dropped on the reader) has said so.
      if (event.defaultPrevented) return
      event.preventDefault()
      if (event.dataTransfer) event.dataTransfer.dropEffect = carriesFiles(event) ? 'copy' : 'none'
    }
    const onDragLeave = () => {
      depth.current = Math.max(0, depth.current - 1)
      if (depth.current === 0) setDragging(false)
    }
    const onDropEvent = (event: DragEvent) => {
      depth.current = 0
      setDragging(false)
      if (event.defaultPrevented) return
      event.preventDefault()
      if (event.dataTransfer && carriesFiles(event)) latest.current(event.dataTransfer)
    }
    window.addEventListener('dragenter', onDragEnter)
    window.addEventListener('dragover', onDragOver)
    window.addEventListener('dragleave', onDragLeave)
    window.addEventListener('drop', onDropEvent)
    return () => {
      window.removeEventListener('dragenter', onDragEnter)
      window.removeEventListener('dragover', onDragOver)
      window.removeEventListener('dragleave', onDragLeave)
      window.removeEventListener('drop', onDropEvent)
    }
  }, [])

  return isDragging
}
