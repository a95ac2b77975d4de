/**
 * Files from the browser: a file input, a folder input, or a drop of files and
 * folders. Folders are walked through the drop's directory entries, names kept
 * relative to what was dropped ("bad/empty.txt"). Hidden files and folders (a
 * leading dot) are left out, as the desktop shell does.
 */
import { sourceFromList, type ImportSource, type SourceFile } from './host'

const isHidden = (name: string) => name.startsWith('.')

/** A source over chosen File objects; with a folder input their relative paths become names. */
export function sourceFromFiles(label: string, files: readonly File[]): ImportSource {
  const listed: SourceFile[] = files
    .map((file) => ({ name: file.webkitRelativePath || file.name, file }))
    .filter(({ name }) => !name.split('/').some(isHidden))
    .sort((a, b) => compareNames(a.name, b.name))
  return sourceFromList(label, listed)
}

/**
 * Walks a drop. Directory entries must be taken while the drop event is being
 * handled, so this reads them synchronously before anything is awaited.
 */
export function sourceFromDataTransfer(data: DataTransfer): Promise<ImportSource | null> {
  const entries: FileSystemEntry[] = []
  const plainFiles: File[] = []
  const items = Array.from(data.items ?? [])
  for (const item of items) {
    if (item.kind !== 'file') continue
    const entry = item.webkitGetAsEntry?.() ?? null
    if (entry) entries.push(entry)
    else {
      const file = item.getAsFile()
      if (file) plainFiles.push(file)
    }
  }
  if (items.length === 0) plainFiles.push(...Array.from(data.files ?? []))
  return walkDrop(entries, plainFiles)
}

async function walkDrop(
  entries: FileSystemEntry[],
  plainFiles: File[],
): Promise<ImportSource | null> {
  const listed: SourceFile[] = plainFiles.map((file) => ({ name: file.name, file }))
  const problems: { name: string; error: string }[] = []
  for (const entry of entries) await walkEntry(entry, listed, problems)
  if (listed.length === 0 && problems.length === 0) return null
  listed.sort((a, b) => compareNames(a.name, b.name))
  return { ...sourceFromList(dropLabel(listed), listed), problems }
}

/** "bad/" when everything dropped sits in one folder, else "3 dropped files". */
function dropLabel(listed: readonly SourceFile[]): string {
  const tops = new Set(listed.map((f) => (f.name.includes('/') ? f.name.split('/')[0] : '')))
  const [top] = tops
  if (tops.size === 1 && top) return `${top}/`
  return `${listed.length} dropped file${listed.length === 1 ? '' : 's'}`
}

async function walkEntry(
  entry: FileSystemEntry,
  out: SourceFile[],
  problems: { name: string; error: string }[],
): Promise<void> {
  const name = entry.fullPath.replace(/^\//, '') || entry.name
  if (isHidden(entry.name)) return
  if (entry.isFile) {
    try {
      const file = await new Promise<File>((resolve, reject) =>
        (entry as FileSystemFileEntry).file(resolve, reject),
      )
      out.push({ name, file })
    } catch (error) {
      out.push({ name, error: `unreadable: ${describe(error)}` })
    }
    return
  }
  if (!entry.isDirectory) return
  const reader = (entry as FileSystemDirectoryEntry).createReader()
  const children: FileSystemEntry[] = []
  try {
    // readEntries returns at most 100 entries a call; an empty batch means the end.
    for (;;) {
      const batch = await new Promise<FileSystemEntry[]>((resolve, reject) =>
        reader.readEntries(resolve, reject),
      )
      if (batch.length === 0) break
      children.push(...batch)
    }
  } catch (error) {
    problems.push({ name: `${name}/`, error: `unreadable folder: ${describe(error)}` })
    return
  }
  children.sort((a, b) => compareNames(a.name, b.name))
  for (const child of children) await walkEntry(child, out, problems)
}

function describe(error: unknown): string {
  if (error instanceof DOMException) return error.message || error.name
  return error instanceof Error ? error.message : String(error)
}

const collator = new Intl.Collator('en', { numeric: true })
function compareNames(a: string, b: string): number {
  return collator.compare(a, b)
}

/** Reads one browser File's bytes, or says why it could not. */
export async function readBrowserFile(
  name: string,
  file: File,
): Promise<
  { name: string; bytes: Uint8Array; lastModified: number } | { name: string; error: string }
> {
  try {
    return {
      name,
      bytes: new Uint8Array(await file.arrayBuffer()),
      lastModified: file.lastModified,
    }
  } catch (error) {
    return { name, error: `unreadable: ${describe(error)}` }
  }
}
