/**
 * What dexie-export-import expects of a page and Node lacks: `self`, and FileReader, with
 * which it reads backups. Imported for its effect, before the library; the FileReader here is
 * the part of it the library uses, over Blob.arrayBuffer().
 */
class NodeFileReader {
  result: ArrayBuffer | null = null
  onload: ((event: { target: NodeFileReader }) => void) | null = null
  onerror: ((event: { target: { error: unknown } }) => void) | null = null
  onabort: (() => void) | null = null

  readAsArrayBuffer(blob: Blob): void {
    blob.arrayBuffer().then(
      (buffer) => {
        this.result = buffer
        this.onload?.({ target: this })
      },
      (error: unknown) => this.onerror?.({ target: { error } }),
    )
  }
}

const scope = globalThis as { FileReader?: unknown; self?: unknown }
scope.FileReader ??= NodeFileReader
scope.self ??= globalThis
