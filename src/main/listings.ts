/**
 * Listings the shell keeps for the renderer between "here is what I found" and "read me files
 * 200 to 399". Only the id and the names cross the bridge; the absolute paths stay here, so a
 * page can read exactly the files the user chose and nothing else.
 *
 * A window has a handful of imports in flight at most (a pick, a drop, the watched folder), so
 * only the newest few listings are kept: one the renderer forgot to close cannot hold 100,000
 * paths for the rest of the session.
 */
import { randomBytes } from 'node:crypto'
import {
  MAX_FILES_PER_READ,
  MAX_READ_BYTES,
  type ImportListing,
  type IncomingFile,
} from '../shared/ipc/contract'
import { readFileAs } from './files'
import { ChannelError } from './ipc'
import { consoleLogger, type Logger } from './log'
import type { WalkResult } from './walk'

export const MAX_OPEN_LISTINGS = 8

export const LISTING_ENDED = 'That import has ended; choose the files again.'

export type ListingStoreOptions = {
  maxOpen?: number
  /** Files larger than this are reported, not read. Tests lower it to avoid writing 64 MB. */
  maxBytes?: number
  /** Where problems found while listing and reading are logged, with each file's path. */
  log?: Logger
}

// As in readIncomingFiles: a few reads in flight keep a disk busy without many large buffers.
const CONCURRENT_READS = 4

export class ListingStore {
  private readonly listings = new Map<string, { names: string[]; paths: string[] }>()
  private readonly maxOpen: number
  private readonly maxBytes: number
  private readonly log: Logger

  constructor(opts: ListingStoreOptions = {}) {
    this.maxOpen = opts.maxOpen ?? MAX_OPEN_LISTINGS
    this.maxBytes = opts.maxBytes ?? MAX_READ_BYTES
    this.log = opts.log ?? consoleLogger
  }

  /**
   * Keeps a walk's files under a new id and returns what the renderer is told about them.
   * `roots` (what was walked) is only for the log, so a problem there names where it was.
   */
  add(walk: WalkResult, roots: readonly string[] = []): ImportListing {
    const where = roots.length > 0 ? ` (in ${roots.join(', ')})` : ''
    for (const problem of walk.problems) {
      this.log.warn(`[listing] ${problem.name}${where}: ${problem.error}`)
    }
    // 144 random bits, URL-safe: unguessable, and within the contract's id pattern.
    const id = randomBytes(18).toString('base64url')
    this.listings.set(id, {
      names: walk.files.map((file) => file.name),
      paths: walk.files.map((file) => file.path),
    })
    // A Map iterates in insertion order, so the first key is the oldest listing.
    while (this.listings.size > this.maxOpen) {
      this.listings.delete(this.listings.keys().next().value as string)
    }
    return {
      id,
      label: walk.label,
      files: walk.files.map((file) => ({ name: file.name, size: file.size })),
      problems: walk.problems,
    }
  }

  has(id: string): boolean {
    return this.listings.has(id)
  }

  get size(): number {
    return this.listings.size
  }

  /** Reads files `start` to `start + count - 1` of a listing; fewer (or none) past its end. */
  async read(id: string, start: number, count: number): Promise<IncomingFile[]> {
    const listing = this.listings.get(id)
    if (!listing) throw new ChannelError('invalid-argument', LISTING_ENDED)
    const end = Math.min(start + Math.min(count, MAX_FILES_PER_READ), listing.paths.length)
    const results: IncomingFile[] = []
    let next = start
    const worker = async (): Promise<void> => {
      while (next < end) {
        const index = next++
        const path = listing.paths[index] as string
        const file = await readFileAs(path, listing.names[index] as string, this.maxBytes)
        if ('error' in file) this.log.warn(`[read] ${path}: ${file.error}`)
        results[index - start] = file
      }
    }
    const workers = Math.max(0, Math.min(CONCURRENT_READS, end - start))
    await Promise.all(Array.from({ length: workers }, worker))
    return results
  }

  /** Forgets a listing; closing one that has already gone is not an error. */
  close(id: string): void {
    this.listings.delete(id)
  }

  clear(): void {
    this.listings.clear()
  }
}
