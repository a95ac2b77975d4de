/**
 * Walks what the user chose (files, folders, a drop) into the list of files to import.
 *
 * Rules, so every way into the archive lists the same files for the same folder:
 * - Folders are walked recursively. Hidden entries (a leading dot: `.git`, `.DS_Store`) are left
 *   out, as a file manager would hide them.
 * - Links to files are listed; links to folders are not followed (a link back up the tree would
 *   never end) and are named in `problems` so the report can say why their files are missing.
 * - Files of every type are listed: the importer refuses unsupported types by name, so the user
 *   learns that `minutes.pdf` was skipped rather than never hearing of it.
 * - Names are relative to the chosen item's parent, with '/' separators on every platform: a
 *   chosen folder `bad/` gives `bad/empty.txt`, a chosen file gives its own name.
 * - Order is stable and natural: each folder's entries in name order (numbers compared as
 *   numbers, so `page2` comes before `page10`), folders expanded where they sort.
 *
 * The walk uses async fs calls with a bounded number in flight, so a folder of 100,000 files
 * neither blocks the main process nor floods libuv's thread pool.
 */
import { readdir, stat } from 'node:fs/promises'
import type { Dirent, Stats } from 'node:fs'
import { basename, join, relative, sep } from 'node:path'
import { MAX_FILES_PER_LISTING } from '../shared/ipc/contract'

/** A file found by the walk: its listed name, where it is, and its size when walked. */
export type WalkedFile = { name: string; path: string; size: number }
export type WalkProblem = { name: string; error: string }
export type WalkResult = {
  /** What was walked, for the import report: one item's name, or "2 folders and 3 files". */
  label: string
  files: WalkedFile[]
  problems: WalkProblem[]
}

export type WalkOptions = {
  /** Files beyond this count are left out and counted in one problem entry. */
  maxFiles?: number
  /** File-system calls in flight at once. */
  concurrency?: number
  /**
   * Names every file relative to this folder's parent instead of its own root's parent: the
   * watched folder walks the paths that changed inside it, and names them as a walk of the
   * whole folder would.
   */
  base?: string
  /**
   * Leaves out files neither modified nor created (ctime) after this time, in ms since the
   * epoch. ctime counts too because copying or unpacking may keep the original mtime.
   */
  changedSince?: number
}

// Enough to keep a fast disk busy; libuv runs four fs calls at a time by default anyway.
const DEFAULT_CONCURRENCY = 16

// A fixed locale, so the order does not change with the machine's language settings.
const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'variant' })

/** Natural name order, with a code-unit tie-break so names that collate equal keep one order. */
export function compareNames(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0)
}

type Node = WalkedFile | WalkProblem

/**
 * Walks each of `roots` (absolute paths) in the order given. A root that is missing or neither
 * a file nor a folder becomes a problem entry; a root that is a link is followed, since the user
 * chose it.
 */
export async function walkPaths(
  roots: readonly string[],
  opts: WalkOptions = {},
): Promise<WalkResult> {
  const limit = limiter(opts.concurrency ?? DEFAULT_CONCURRENCY)
  const maxFiles = opts.maxFiles ?? MAX_FILES_PER_LISTING
  const since = opts.changedSince
  const fileNode = (name: string, path: string, info: Stats): Node[] =>
    since !== undefined && Math.max(info.mtimeMs, info.ctimeMs) <= since
      ? []
      : [{ name, path, size: info.size }]

  const walkDir = async (path: string, name: string): Promise<Node[]> => {
    let entries: Dirent[]
    try {
      entries = await limit(() => readdir(path, { withFileTypes: true }))
    } catch (err) {
      return [{ name, error: `this folder could not be read (${reason(err)})` }]
    }
    const visible = entries
      .filter((entry) => !entry.name.startsWith('.'))
      .sort((a, b) => compareNames(a.name, b.name))
    const children = await Promise.all(
      visible.map((entry) => walkEntry(entry, join(path, entry.name), `${name}/${entry.name}`)),
    )
    return children.flat()
  }

  const walkEntry = async (entry: Dirent, path: string, name: string): Promise<Node[]> => {
    if (entry.isDirectory()) return walkDir(path, name)
    let info: Stats
    try {
      // stat follows a link, so a link to a file is listed with the size of its target.
      info = await limit(() => stat(path))
    } catch (err) {
      return [{ name, error: `could not be read (${reason(err)})` }]
    }
    if (info.isFile()) return fileNode(name, path, info)
    if (info.isDirectory()) return [{ name, error: 'a link to a folder, not followed' }]
    return [{ name, error: 'not a file or a folder' }]
  }

  const walkRoot = async (path: string): Promise<Node[]> => {
    const name = opts.base === undefined ? basename(path) || path : nameUnder(opts.base, path)
    let info: Stats
    try {
      info = await limit(() => stat(path))
    } catch (err) {
      return [{ name, error: `could not be read (${reason(err)})` }]
    }
    if (info.isFile()) return fileNode(name, path, info)
    if (info.isDirectory()) {
      folders++
      return walkDir(path, name)
    }
    return [{ name, error: 'not a file or a folder' }]
  }

  let folders = 0
  const nodes = (await Promise.all(roots.map(walkRoot))).flat()
  const files: WalkedFile[] = []
  const problems: WalkProblem[] = []
  let leftOut = 0
  for (const node of nodes) {
    if (!('path' in node)) problems.push(node)
    else if (files.length < maxFiles) files.push(node)
    else leftOut++
  }
  const label = rootsLabel(roots, folders)
  if (leftOut > 0) {
    problems.push({
      name: label,
      error: `${leftOut} more ${leftOut === 1 ? 'file was' : 'files were'} left out: at most ${maxFiles} files are imported at once`,
    })
  }
  return { label, files, problems }
}

/** Names `path` (inside `root`) relative to `root`'s parent, with '/' separators. */
export function nameUnder(root: string, path: string): string {
  return [basename(root), ...relative(root, path).split(sep)].filter(Boolean).join('/')
}

/** One chosen item's name, or a count: "3 files", "2 folders and 1 file". */
function rootsLabel(roots: readonly string[], folders: number): string {
  if (roots.length === 1) return basename(roots[0] as string) || (roots[0] as string)
  const files = roots.length - folders
  const parts: string[] = []
  if (folders > 0) parts.push(`${folders} ${folders === 1 ? 'folder' : 'folders'}`)
  if (files > 0) parts.push(`${files} ${files === 1 ? 'file' : 'files'}`)
  return parts.join(' and ')
}

function reason(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code
  if (code === 'ENOENT') return 'not found'
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied'
  if (code === 'ELOOP') return 'a link that leads back to itself'
  return err instanceof Error ? err.message : String(err)
}

/** Runs at most `max` of the given tasks at once, in the order they were asked for. */
function limiter(max: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0
  // A queue with a moving head: Array.shift is linear, and a big walk queues 100,000 tasks.
  let waiting: (() => void)[] = []
  let head = 0
  return async (task) => {
    // A task that waits is handed the finishing task's slot, so `running` never exceeds `max`.
    if (running >= max) await new Promise<void>((resolve) => waiting.push(resolve))
    else running++
    try {
      return await task()
    } finally {
      const next = waiting[head]
      if (next) {
        waiting[head++] = noop
        if (head > 1024 && head * 2 > waiting.length) {
          waiting = waiting.slice(head)
          head = 0
        }
        next()
      } else running--
    }
  }
}

function noop(): void {}
