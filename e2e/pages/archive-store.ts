/**
 * What the archive holds, read straight from its IndexedDB in the page (not through the app),
 * and what a complete release needs there (src/renderer/src/db/records.ts): its row, whose body
 * holds its paragraphs, their keys and the original text; its row in `releaseOrder`, which the
 * library lists by; its entry in a `catalogChunks` row, by which a later import recognises its
 * text and its file. A body's text is checked against the release's content hash, from which the
 * release's id is derived, so a release with paragraphs missing or cut short cannot pass.
 */
import type { Page } from '@playwright/test'

/** WARNING: the database's name as the app persists it (src/renderer/src/db/schema.ts). */
const ARCHIVE_DB_NAME = 'communique-archive'

export type StoredRelease = {
  id: string
  title: string
  paragraphCount: number
  /** Paragraphs in the body, or null when it could not be read. */
  paragraphs: number | null
  /** Why the body does not hold this release's text, or null when it does. */
  problem: string | null
  sources: string[]
}

export type LogEntry = { fileName: string; outcome: string; releaseId: string | null }

export type StoredReport = {
  id: string
  source: string
  status: string
  total: number
  counts: Record<string, number>
}

export type StoredArchive = {
  releases: StoredRelease[]
  orderIds: string[]
  catalogIds: string[]
  /** Releases that the catalog lists a source file of. */
  catalogSourceIds: string[]
  logs: { importId: string; chunk: number; entries: LogEntry[] }[]
  reports: StoredReport[]
  /** Release ids of the search index's documents, paragraph tags and annotations. */
  indexedIds: string[]
  paragraphTagIds: string[]
  annotationIds: string[]
}

/** The ids in the library's order: cheap enough to read while an import is writing. */
export function storedReleaseIds(page: Page): Promise<string[]> {
  return page.evaluate(async (name) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open(name)
      // No archive yet: none is created here, which the app would then have to upgrade.
      open.onupgradeneeded = () => open.transaction?.abort()
      open.onsuccess = () => resolve(open.result)
      open.onerror = () => reject(open.error)
    })
    try {
      const keys = db.transaction('releaseOrder').objectStore('releaseOrder').getAllKeys()
      return await new Promise<string[]>((resolve, reject) => {
        keys.onsuccess = () => resolve(keys.result as string[])
        keys.onerror = () => reject(keys.error)
      })
    } finally {
      db.close()
    }
  }, ARCHIVE_DB_NAME)
}

export function readStoredArchive(page: Page): Promise<StoredArchive> {
  return page.evaluate(async (name) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open(name)
      // No archive yet: none is created here, which the app would then have to upgrade.
      open.onupgradeneeded = () => open.transaction?.abort()
      open.onsuccess = () => resolve(open.result)
      open.onerror = () => reject(open.error)
    })
    type Row = Record<string, unknown>
    let rows: Record<string, Row[]>
    let orderIds: string[]
    try {
      const stores = [
        'releases',
        'catalogChunks',
        'importLogChunks',
        'importReports',
        'searchIndexed',
        'paragraphTags',
        'annotations',
      ]
      // Every request goes out before any is awaited, so the one transaction sees one state.
      const tx = db.transaction([...stores, 'releaseOrder'])
      const ask = <T>(request: IDBRequest<T>) =>
        new Promise<T>((resolve, reject) => {
          request.onsuccess = () => resolve(request.result)
          request.onerror = () => reject(request.error)
        })
      const all = stores.map((s) => ask(tx.objectStore(s).getAll() as IDBRequest<Row[]>))
      const order = ask(tx.objectStore('releaseOrder').getAllKeys())
      const got = await Promise.all(all)
      rows = Object.fromEntries(stores.map((s, i) => [s, got[i] as Row[]]))
      orderIds = (await order) as string[]
    } finally {
      db.close()
    }

    const hex = async (text: string) => {
      const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))
      return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('')
    }
    const releases = []
    for (const r of rows.releases ?? []) {
      const id = r.id as string
      const title = r.title as string
      const paragraphCount = r.paragraphCount as number
      let paragraphs: number | null = null
      let problem: string | null = null
      try {
        const block = r.body as Uint8Array
        // shared/release/body: a marker byte (0x06), then the body as UTF-8 JSON.
        if (!(block instanceof Uint8Array) || block[0] !== 0x06) throw new Error('no body')
        const body = JSON.parse(new TextDecoder().decode(block.subarray(1))) as {
          paragraphs: string[]
          keys: string[]
          original: string
        }
        paragraphs = body.paragraphs.length
        const contentHash = r.contentHash as string
        // The content hash is of the title and the paragraphs; a file without a title has
        // its name for one, and the hash of an empty title.
        const matches = async (t: string) =>
          (await hex([t, ...body.paragraphs].join('\n\n'))) === contentHash
        if (body.keys.length !== paragraphs) problem = 'a paragraph without its key'
        else if (paragraphs !== paragraphCount)
          problem = `${paragraphs} paragraphs stored, ${paragraphCount} counted`
        else if (typeof body.original !== 'string' || body.original.length === 0)
          problem = 'no original text'
        else if (id !== `r${contentHash.slice(0, 24)}`) problem = 'an id not of its text'
        else if (!(await matches(title)) && !(await matches('')))
          problem = 'paragraphs that are not the text it was imported with'
      } catch (error) {
        problem = `an unreadable body (${error instanceof Error ? error.message : String(error)})`
      }
      const sources = (r.sourceFiles as { name: string }[]).map((s) => s.name)
      releases.push({ id, title, paragraphCount, paragraphs, problem, sources })
    }
    const catalog = (rows.catalogChunks ?? []) as {
      releaseIds: string[]
      sources: { releaseId: string }[]
    }[]
    const ids = (key: string, store: string) => (rows[store] ?? []).map((r) => r[key] as string)
    return {
      releases,
      orderIds,
      catalogIds: catalog.flatMap((c) => c.releaseIds),
      catalogSourceIds: catalog.flatMap((c) => c.sources.map((s) => s.releaseId)),
      logs: (rows.importLogChunks ?? []).map((c) => ({
        importId: c.importId as string,
        chunk: c.chunk as number,
        entries: (c.entries as LogEntry[]).map(({ fileName, outcome, releaseId }) => ({
          fileName,
          outcome,
          releaseId,
        })),
      })),
      reports: (rows.importReports ?? []).map((r) => ({
        id: r.id as string,
        source: r.source as string,
        status: r.status as string,
        total: r.total as number,
        counts: r.counts as Record<string, number>,
      })),
      indexedIds: ids('releaseId', 'searchIndexed'),
      paragraphTagIds: ids('releaseId', 'paragraphTags'),
      annotationIds: ids('releaseId', 'annotations'),
    }
  }, ARCHIVE_DB_NAME)
}

/**
 * Everything that makes the archive less than whole, in words: releases without their
 * paragraphs or text, a release missing a row it needs, and rows whose release is not there.
 * In an archive nothing was deleted from, none of these may happen.
 */
export function integrityProblems(archive: StoredArchive): string[] {
  const problems: string[] = []
  const releaseIds = new Set(archive.releases.map((r) => r.id))
  const order = new Set(archive.orderIds)
  const catalog = new Set(archive.catalogIds)
  const catalogSources = new Set(archive.catalogSourceIds)
  for (const r of archive.releases) {
    const name = `release ${r.id} (${r.sources[0] ?? 'no source'})`
    if (r.problem) problems.push(`${name} has ${r.problem}`)
    if (!order.has(r.id)) problems.push(`${name} is missing from the library's order`)
    if (!catalog.has(r.id)) problems.push(`${name} is missing from the catalog`)
    if (!catalogSources.has(r.id)) problems.push(`${name} has no source file in the catalog`)
  }
  const orphans = (what: string, ids: Iterable<string | null>) => {
    for (const id of new Set(ids)) {
      if (id !== null && !releaseIds.has(id)) problems.push(`${what} of a missing release ${id}`)
    }
  }
  orphans('a row in the library order', archive.orderIds)
  orphans('a catalog entry', archive.catalogIds)
  orphans('a catalog source file', archive.catalogSourceIds)
  orphans(
    'an import log entry',
    archive.logs.flatMap((l) => l.entries.map((e) => e.releaseId)),
  )
  orphans('a search index document', archive.indexedIds)
  orphans('paragraph tags', archive.paragraphTagIds)
  orphans('an annotation', archive.annotationIds)
  return problems
}
