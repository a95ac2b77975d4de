/**
 * Reads files from disk for the renderer's importer. The main process never parses releases:
 * it only turns paths into bytes, or into a reason a person can read when it cannot.
 *
 * Every problem is reported per file, by name, so one bad file never hides the good ones.
 */
import { readdir, readFile, stat } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { MAX_FILES_PER_READ, MAX_READ_BYTES, type IncomingFile } from '../shared/ipc/contract'
import type { Logger } from './log'

export type ReadOptions = {
  /** Files larger than this are reported, not read. Tests lower it to avoid writing 64 MB. */
  maxBytes?: number
  /** Paths beyond this count are reported as skipped, not read. */
  maxFiles?: number
  /** Where a file that could not be read is logged, with its path. */
  log?: Logger
}

// A few reads in flight keep a slow disk busy without holding many large buffers at once.
const CONCURRENT_READS = 4

export async function readIncomingFiles(
  paths: readonly string[],
  opts: ReadOptions = {},
): Promise<IncomingFile[]> {
  const maxBytes = opts.maxBytes ?? MAX_READ_BYTES
  const maxFiles = opts.maxFiles ?? MAX_FILES_PER_READ
  const toRead = paths.slice(0, maxFiles)
  const results: IncomingFile[] = new Array<IncomingFile>(toRead.length)

  let next = 0
  const worker = async (): Promise<void> => {
    while (next < toRead.length) {
      const index = next++
      const path = toRead[index] as string
      const file = await readFileAs(path, basename(path), maxBytes)
      if ('error' in file) opts.log?.warn(`[read] ${path}: ${file.error}`)
      results[index] = file
    }
  }
  await Promise.all(Array.from({ length: Math.min(CONCURRENT_READS, toRead.length) }, worker))

  // Named rather than silently dropped, so the import summary can say what was left out.
  const skipped = paths.slice(maxFiles).map((path) => ({
    name: basename(path),
    error: `skipped: more than ${maxFiles} files in one import`,
  }))
  return [...results, ...skipped]
}

/**
 * Reads one file as `name` (a listing names files by their path under the chosen folder), or
 * says in words why it could not: not a file (any more), too large, unreadable.
 */
export async function readFileAs(
  path: string,
  name: string,
  maxBytes: number = MAX_READ_BYTES,
): Promise<IncomingFile> {
  try {
    const info = await stat(path)
    if (!info.isFile()) return { name, error: 'not a file' }
    if (info.size > maxBytes) return { name, error: `too large: ${megabytes(info.size)} MB` }
    const buffer = await readFile(path)
    // The file may have grown between stat and read; the limit is about memory, so check again.
    if (buffer.byteLength > maxBytes) {
      return { name, error: `too large: ${megabytes(buffer.byteLength)} MB` }
    }
    return { name, bytes: new Uint8Array(buffer), lastModified: Math.floor(info.mtimeMs) }
  } catch (err) {
    return { name, error: `unreadable: ${err instanceof Error ? err.message : String(err)}` }
  }
}

function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024)
  return mb >= 10 ? String(Math.round(mb)) : mb.toFixed(1)
}

// The types the importer reads; a README describes the samples and is not one of them.
const SAMPLE_FILE = /\.(txt|text|md|html?)$/i
const README = /^readme(\.|$)/i

/** The release files directly inside `dir`, as full paths sorted by file name. */
export async function listSampleFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true })
  return entries
    .filter((entry) => entry.isFile() && SAMPLE_FILE.test(entry.name) && !README.test(entry.name))
    .map((entry) => entry.name)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((name) => join(dir, name))
}
