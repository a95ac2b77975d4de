import type { IncomingFile } from '../../../shared/ipc/contract'

/** Reads dropped or chosen File objects; a file that cannot be read is reported by name. */
export async function readBrowserFiles(files: readonly File[]): Promise<IncomingFile[]> {
  return Promise.all(
    files.map(async (file): Promise<IncomingFile> => {
      try {
        return {
          name: file.name,
          bytes: new Uint8Array(await file.arrayBuffer()),
          lastModified: file.lastModified,
        }
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error)
        return { name: file.name, error: `unreadable: ${reason}` }
      }
    }),
  )
}
