/**
 * Backups of the whole archive, and restoring one.
 *
 * A backup is every table, exported by dexie-export-import in one read transaction, so it is
 * one consistent moment of the archive. While the rows stream out, each table's rows are
 * summed (SHA-256, see TableHasher) and counted; the manifest keeps those sums, the schema
 * version and the checksum of the exported data, and both go into one zip file.
 *
 * A restore never writes into the archive in use. It checks the file, imports it into a new
 * database beside the current one, sums that database's tables against the manifest, and only
 * then is the new database made the archive (see archive-name.ts). A failure at any step
 * leaves the current archive as it was, and the half-made database is deleted.
 */
import Dexie from 'dexie'
import { exportDB, importDB, peakImportFile } from 'dexie-export-import'
import { BlobReader, TextReader, ZipReader, ZipWriter } from '@zip.js/zip.js/lib/zip-core-custom.js'
import {
  ARCHIVE_FILE,
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  BackupProblem,
  MANIFEST_FILE,
  parseManifest,
  sha256OfStream,
  TableHasher,
  type BackupManifest,
  type TableSummary,
} from '../../../../shared/backup/manifest'
import { ArchiveDb } from '../archive-db'
import { LATEST_SCHEMA_VERSION } from '../schema'

export type BackupProgress = {
  stage: 'reading' | 'packing' | 'checking' | 'restoring'
  done: number
  total: number
}

export type Backup = { data: Blob; manifest: BackupManifest }

/** Rows per read while exporting and summing: bounded memory at any archive size. */
const ROWS_PER_CHUNK = 500

/** A backup stopped by its caller's `shouldStop`: nothing was written, nothing is wrong. */
export class BackupStopped extends Error {
  override name = 'BackupStopped'
}

/**
 * Writes a backup of every table of `db`, as one zip.
 *
 * The export reads every table in one read transaction, and IndexedDB holds every write to the
 * archive until it ends. `shouldStop`, asked before each row, ends the backup at once with
 * BackupStopped, so that a write waiting behind it can go ahead.
 */
export async function createBackup(
  db: Dexie,
  app: { name: string; version: string },
  options: {
    now?: Date
    onProgress?: (progress: BackupProgress) => void
    shouldStop?: () => boolean
  } = {},
): Promise<Backup> {
  if (!db.isOpen()) await db.open()
  const hashers = new Map(db.tables.map((table) => [table.name, new TableHasher()]))
  const exported = await exportDB(db, {
    numRowsPerChunk: ROWS_PER_CHUNK,
    // Called for every row, in primary-key order, inside the export's own transaction: the sums
    // describe exactly the rows written.
    transform: (table, value, key) => {
      // Thrown inside the export's transaction, which ends it.
      if (options.shouldStop?.()) throw new BackupStopped('the backup gave way to a write')
      hashers.get(table)?.add(value, key)
      return { value: splitLarge(value), key }
    },
    progressCallback: (p) => {
      options.onProgress?.({ stage: 'reading', done: p.completedRows, total: p.totalRows ?? 0 })
      return false
    },
  })
  const tables: Record<string, TableSummary> = {}
  for (const [name, hasher] of hashers) tables[name] = hasher.digest()
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    createdAt: (options.now ?? new Date()).toISOString(),
    app,
    database: { name: db.name, schemaVersion: db.verno },
    tables,
    archive: {
      file: ARCHIVE_FILE,
      bytes: exported.size,
      sha256: await sha256OfStream(exported.stream()),
    },
  }
  options.onProgress?.({ stage: 'packing', done: 0, total: exported.size })
  const data = await zipBackup(manifest, exported, (done) =>
    options.onProgress?.({ stage: 'packing', done, total: exported.size }),
  )
  return { data, manifest }
}

/**
 * Bytes gathered into a Blob as they come, a few MB at a time, so a backup of any size is held
 * by the browser's blob storage (which goes to disk) rather than as arrays in the page's memory.
 */
class BlobCollector {
  private readonly blobs: Blob[] = []
  private pending: Uint8Array[] = []
  private pendingBytes = 0

  /** Keeps a copy of `bytes`: the caller may reuse its buffer. */
  push(bytes: Uint8Array): void {
    this.pending.push(bytes.slice())
    this.pendingBytes += bytes.byteLength
    if (this.pendingBytes >= 16 * 1024 * 1024) this.flush()
  }

  /** A zip.js writer whose bytes end in this collector. */
  writer(): { writable: WritableStream<Uint8Array> } {
    return { writable: new WritableStream({ write: (chunk) => this.push(chunk) }) }
  }

  private flush(): void {
    if (this.pending.length > 0) this.blobs.push(new Blob(this.pending as BlobPart[]))
    this.pending = []
    this.pendingBytes = 0
  }

  finish(type = ''): Blob {
    this.flush()
    return new Blob(this.blobs, type ? { type } : {})
  }
}

/**
 * zip.js with no workers (the page's CSP allows none) and the platform's own deflate
 * (CompressionStream), which Chromium, Electron and Node all have.
 */
const ZIP_OPTIONS = { useWebWorkers: false, useCompressionStream: true } as const

/**
 * The zip is written by zip.js, which switches to Zip64 by itself when the archive data passes
 * 4 GiB, and read back through its central directory, so nothing inside the compressed data can
 * be mistaken for a zip header.
 */
async function zipBackup(
  manifest: BackupManifest,
  archive: Blob,
  onProgress: (bytes: number) => void,
): Promise<Blob> {
  const parts = new BlobCollector()
  const zip = new ZipWriter(parts.writer(), ZIP_OPTIONS)
  await zip.add(MANIFEST_FILE, new TextReader(JSON.stringify(manifest, null, 2)))
  await zip.add(ARCHIVE_FILE, new BlobReader(archive), {
    onprogress: async (done) => onProgress(done),
  })
  await zip.close()
  return parts.finish('application/zip')
}

/**
 * The longest string, and the most bytes of one array, a value keeps whole in archive.json. The
 * JSON reader dexie-export-import restores with takes at most 10 MB of text in one value, and at
 * 100,000 releases a common word's postings row is larger: such values are written as pieces
 * (a marker object) and joined again as they are restored. The table sums are of the rows as
 * stored, before splitting and after joining.
 */
const WHOLE_LIMIT = 2 * 1024 * 1024
const PIECES = '__communiquePieces__'

type Pieces = { [PIECES]: 'string' | 'bytes'; parts: (string | Uint8Array)[] }

/** `value` with every string or byte array above WHOLE_LIMIT made into pieces; not changed in place. */
export function splitLarge(value: unknown): unknown {
  if (typeof value === 'string') {
    if (value.length <= WHOLE_LIMIT) return value
    const parts: string[] = []
    for (let at = 0; at < value.length; at += WHOLE_LIMIT)
      parts.push(value.slice(at, at + WHOLE_LIMIT))
    return { [PIECES]: 'string', parts } satisfies Pieces
  }
  if (value instanceof Uint8Array) {
    if (value.byteLength <= WHOLE_LIMIT) return value
    const parts: Uint8Array[] = []
    for (let at = 0; at < value.byteLength; at += WHOLE_LIMIT) {
      parts.push(value.slice(at, at + WHOLE_LIMIT))
    }
    return { [PIECES]: 'bytes', parts } satisfies Pieces
  }
  if (Array.isArray(value)) {
    const split = value.map(splitLarge)
    return split.some((item, i) => item !== value[i]) ? split : value
  }
  if (isPlainObject(value)) {
    let copy: Record<string, unknown> | null = null
    for (const [key, item] of Object.entries(value)) {
      const split = splitLarge(item)
      if (split !== item) (copy ??= { ...value })[key] = split
    }
    return copy ?? value
  }
  return value
}

/** Undoes splitLarge. */
export function joinLarge(value: unknown): unknown {
  if (Array.isArray(value)) {
    const joined = value.map(joinLarge)
    return joined.some((item, i) => item !== value[i]) ? joined : value
  }
  if (!isPlainObject(value)) return value
  const pieces = value as Partial<Pieces>
  if (pieces[PIECES] === 'string' && Array.isArray(pieces.parts)) return pieces.parts.join('')
  if (pieces[PIECES] === 'bytes' && Array.isArray(pieces.parts)) {
    const parts = pieces.parts as Uint8Array[]
    const out = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0))
    let at = 0
    for (const part of parts) {
      out.set(part, at)
      at += part.byteLength
    }
    return out
  }
  let copy: Record<string, unknown> | null = null
  for (const [key, item] of Object.entries(value)) {
    const joined = joinLarge(item)
    if (joined !== item) (copy ??= { ...value })[key] = joined
  }
  return copy ?? value
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false
  const proto = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

/** A backup file that passed every check that can be made without restoring it. */
export type CheckedBackup = { manifest: BackupManifest; archive: Blob }

/**
 * Checks a backup file before anything is replaced: that it is a zip with a manifest, that the
 * archive data has the manifest's size and SHA-256, that this version of the app can read its
 * schema, and that every table holds the number of rows the manifest says.
 */
export async function checkBackup(file: Blob): Promise<CheckedBackup> {
  const entries = await unzipBackup(file)
  const manifestBytes = entries.get(MANIFEST_FILE)
  if (!manifestBytes) {
    throw new BackupProblem('it is not a Communiqué backup (it has no manifest)')
  }
  const manifest = parseManifest(await manifestBytes.text())
  const archive = entries.get(ARCHIVE_FILE)
  if (!archive) throw new BackupProblem('its archive data is missing')
  if (
    archive.size !== manifest.archive.bytes ||
    (await sha256OfStream(archive.stream())) !== manifest.archive.sha256
  ) {
    throw new BackupProblem('its archive data does not match its checksum: the file is damaged')
  }
  if (manifest.database.schemaVersion > LATEST_SCHEMA_VERSION) {
    throw new BackupProblem(
      `it was made by a newer version of Communiqué (archive schema ${manifest.database.schemaVersion}; this version reads up to ${LATEST_SCHEMA_VERSION})`,
    )
  }
  let meta
  try {
    meta = await peakImportFile(archive)
  } catch {
    throw new BackupProblem('its archive data is not readable')
  }
  if (meta.data.databaseVersion !== manifest.database.schemaVersion) {
    throw new BackupProblem('its archive data and its manifest disagree on the schema version')
  }
  const found = new Map(meta.data.tables.map((table) => [table.name, table.rowCount]))
  for (const [name, summary] of Object.entries(manifest.tables)) {
    const rows = found.get(name)
    if (rows === undefined) throw new BackupProblem(`its table “${name}” is missing`)
    if (rows !== summary.rows) {
      throw new BackupProblem(
        `its table “${name}” has ${rows} rows where its manifest says ${summary.rows}`,
      )
    }
  }
  if (found.size !== Object.keys(manifest.tables).length) {
    throw new BackupProblem('its archive data has tables its manifest does not list')
  }
  return { manifest, archive }
}

/** The signature every zip file this app writes starts with (a local file header). */
const ZIP_START = [0x50, 0x4b, 0x03, 0x04]

async function unzipBackup(file: Blob): Promise<Map<string, Blob>> {
  const zip = new ZipReader(new BlobReader(file), ZIP_OPTIONS)
  try {
    const start = new Uint8Array(await file.slice(0, ZIP_START.length).arrayBuffer())
    if (!ZIP_START.every((byte, i) => start[i] === byte)) {
      throw new BackupProblem('it is not a Communiqué backup (it is not a zip file)')
    }
    const found = await zip.getEntries()
    const entries = new Map<string, Blob>()
    for (const name of [MANIFEST_FILE, ARCHIVE_FILE]) {
      const entry = found.find((item) => item.filename === name)
      if (!entry || entry.directory) continue
      const parts = new BlobCollector()
      await entry.getData(parts.writer())
      entries.set(name, parts.finish())
    }
    return entries
  } catch (err) {
    if (err instanceof BackupProblem) throw err
    // The file itself could not be read (gone, or out of space for it): not a damaged file.
    if (err instanceof DOMException && /NotReadable|NotFound/.test(err.name)) {
      throw new BackupProblem(`it could not be read (${messageOf(err)})`)
    }
    throw new BackupProblem(
      `it is not a readable zip file (${messageOf(err)}): the file is damaged`,
    )
  } finally {
    await zip.close().catch(() => undefined)
  }
}

/**
 * Sums every table of `db` as a backup does, in one read transaction. Two archives with the
 * same sums hold the same rows.
 */
export async function tableChecksums(db: Dexie): Promise<Record<string, TableSummary>> {
  if (!db.isOpen()) await db.open()
  const sums: Record<string, TableSummary> = {}
  await db.transaction('r', db.tables, async () => {
    for (const table of db.tables) {
      const hasher = new TableHasher()
      const inbound = Boolean(table.schema.primKey.keyPath)
      let lastKey: unknown = null
      for (;;) {
        const chunk =
          lastKey === null
            ? table.limit(ROWS_PER_CHUNK)
            : table.where(':id').above(lastKey).limit(ROWS_PER_CHUNK)
        const values = await chunk.toArray()
        if (values.length === 0) break
        const keys = await chunk.primaryKeys()
        values.forEach((value, i) => hasher.add(value, inbound ? undefined : keys[i]))
        lastKey = keys[keys.length - 1]
        if (values.length < ROWS_PER_CHUNK) break
      }
      sums[table.name] = hasher.digest()
    }
  })
  return sums
}

/**
 * Imports a checked backup into a new database named `name` and proves it: every table's sum
 * must equal the manifest's. Then opens it once with the app's schema, which upgrades a backup
 * from an older version. On any failure the new database is deleted and the error thrown; the
 * archive in use is never opened here.
 */
export async function restoreInto(
  backup: CheckedBackup,
  name: string,
  onProgress?: (progress: BackupProgress) => void,
): Promise<void> {
  await Dexie.delete(name)
  let imported: Dexie | null = null
  try {
    imported = await importDB(backup.archive, {
      name,
      chunkSizeBytes: 4 * 1024 * 1024,
      transform: (_table, value, key) => ({ value: joinLarge(value), key }),
      progressCallback: (p) => {
        onProgress?.({ stage: 'restoring', done: p.completedRows, total: p.totalRows ?? 0 })
        return false
      },
    })
    onProgress?.({ stage: 'checking', done: 0, total: 1 })
    const sums = await tableChecksums(imported)
    for (const [table, expected] of Object.entries(backup.manifest.tables)) {
      const actual = sums[table]
      if (!actual || actual.rows !== expected.rows || actual.sha256 !== expected.sha256) {
        throw new BackupProblem(
          `its table “${table}” does not match its checksum after restoring: the file is damaged`,
        )
      }
    }
    imported.close()
    imported = null
    const upgraded = new ArchiveDb(name)
    try {
      await upgraded.open()
    } finally {
      upgraded.close()
    }
  } catch (err) {
    imported?.close()
    await Dexie.delete(name).catch(() => {})
    if (err instanceof BackupProblem) throw err
    throw new BackupProblem(`it could not be restored (${messageOf(err)})`)
  }
}

function messageOf(err: unknown): string {
  return err instanceof Error && err.message ? err.message : String(err)
}

/** What an archive holds, in the words a restore asks about. */
export type ArchiveCounts = { releases: number; annotations: number; tags: number }

export async function archiveCounts(db: ArchiveDb): Promise<ArchiveCounts> {
  const [releases, annotations, tags] = await Promise.all([
    db.releases.count(),
    db.annotations.count(),
    db.tags.count(),
  ])
  return { releases, annotations, tags }
}

export function manifestCounts(manifest: BackupManifest): ArchiveCounts {
  return {
    releases: manifest.tables.releases?.rows ?? 0,
    annotations: manifest.tables.annotations?.rows ?? 0,
    tags: manifest.tables.tags?.rows ?? 0,
  }
}
