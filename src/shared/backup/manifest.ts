/**
 * The backup file: a zip holding `manifest.json` and `archive.json`.
 *
 * `archive.json` is the whole archive database as dexie-export-import writes it (every table,
 * every row, read in one transaction). The manifest says what the file must contain: the
 * schema version it was written at, each table's row count and SHA-256 over its rows, and the
 * SHA-256 of `archive.json` itself. A restore checks all of them before it touches anything.
 */
import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex } from '@noble/hashes/utils.js'

export const BACKUP_FORMAT = 'communique-backup'
export const BACKUP_FORMAT_VERSION = 1
export const BACKUP_EXTENSION = 'communique-backup'
export const MANIFEST_FILE = 'manifest.json'
export const ARCHIVE_FILE = 'archive.json'

export type TableSummary = { rows: number; sha256: string }

export type BackupManifest = {
  format: typeof BACKUP_FORMAT
  formatVersion: number
  createdAt: string
  app: { name: string; version: string }
  database: { name: string; schemaVersion: number }
  tables: Record<string, TableSummary>
  archive: { file: typeof ARCHIVE_FILE; bytes: number; sha256: string }
}

/** Why a file cannot be restored, in a sentence that does not need the file's name. */
export class BackupProblem extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'BackupProblem'
  }
}

const HEX64 = /^[0-9a-f]{64}$/

/** Reads a manifest, or throws a BackupProblem saying what is wrong with it. */
export function parseManifest(text: string): BackupManifest {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw new BackupProblem('its manifest is not readable JSON')
  }
  if (!isRecord(value) || value.format !== BACKUP_FORMAT) {
    throw new BackupProblem('it is not a Communiqué backup (its manifest has another format)')
  }
  if (value.formatVersion !== BACKUP_FORMAT_VERSION) {
    throw new BackupProblem(
      `it was written in backup format ${String(value.formatVersion)}, which this version of Communiqué cannot read`,
    )
  }
  const { createdAt, app, database, tables, archive } = value
  if (typeof createdAt !== 'string' || Number.isNaN(Date.parse(createdAt))) {
    throw new BackupProblem('its manifest has no valid creation date')
  }
  if (!isRecord(app) || typeof app.name !== 'string' || typeof app.version !== 'string') {
    throw new BackupProblem('its manifest does not say which app wrote it')
  }
  if (
    !isRecord(database) ||
    typeof database.name !== 'string' ||
    !Number.isSafeInteger(database.schemaVersion) ||
    (database.schemaVersion as number) < 1
  ) {
    throw new BackupProblem('its manifest has no valid schema version')
  }
  if (!isRecord(tables) || Object.keys(tables).length === 0) {
    throw new BackupProblem('its manifest lists no tables')
  }
  for (const [name, summary] of Object.entries(tables)) {
    if (
      !isRecord(summary) ||
      !Number.isSafeInteger(summary.rows) ||
      (summary.rows as number) < 0 ||
      typeof summary.sha256 !== 'string' ||
      !HEX64.test(summary.sha256)
    ) {
      throw new BackupProblem(`its manifest has no valid count and checksum for table “${name}”`)
    }
  }
  if (
    !isRecord(archive) ||
    archive.file !== ARCHIVE_FILE ||
    !Number.isSafeInteger(archive.bytes) ||
    typeof archive.sha256 !== 'string' ||
    !HEX64.test(archive.sha256)
  ) {
    throw new BackupProblem('its manifest has no valid checksum for the archive data')
  }
  return value as BackupManifest
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** `communique-2026-11-23-0941.communique-backup`, in local time, as a person names files. */
export function backupFileName(at: Date): string {
  const two = (n: number) => String(n).padStart(2, '0')
  const stamp = `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())}-${two(at.getHours())}${two(at.getMinutes())}`
  return `communique-${stamp}.${BACKUP_EXTENSION}`
}

/**
 * SHA-256 over a table's rows, fed one row at a time in primary-key order, so neither a backup
 * nor a check ever holds a whole table as one string. Each row is written canonically: object
 * keys sorted, binary data as hex, so the same rows give the same sum however they were stored.
 */
export class TableHasher {
  private readonly hash = sha256.create()
  private readonly encoder = new TextEncoder()
  private summary: TableSummary | null = null
  rows = 0

  add(value: unknown, key?: unknown): void {
    if (this.summary) throw new Error('a table sum is final once read')
    const line = key === undefined ? canonical(value) : `${canonical(key)}\t${canonical(value)}`
    this.hash.update(this.encoder.encode(line + '\n'))
    this.rows += 1
  }

  digest(): TableSummary {
    this.summary ??= { rows: this.rows, sha256: bytesToHex(this.hash.digest()) }
    return this.summary
  }
}

/** SHA-256 of a byte stream, read piece by piece. */
export async function sha256OfStream(stream: ReadableStream<Uint8Array>): Promise<string> {
  const hash = sha256.create()
  const reader = stream.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    hash.update(value)
  }
  return bytesToHex(hash.digest())
}

/** A stable text for any value IndexedDB can hold that the archive uses. */
export function canonical(value: unknown): string {
  if (value === null) return 'null'
  if (value === undefined) return 'undefined'
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value)
    case 'number':
      return Number.isFinite(value) ? String(value) : `#${String(value)}`
    case 'boolean':
      return value ? 'true' : 'false'
    case 'bigint':
      return `${value}n`
    case 'object':
      break
    default:
      throw new TypeError(`a ${typeof value} cannot be stored in the archive`)
  }
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (value instanceof Date) return `@${value.getTime()}`
  if (ArrayBuffer.isView(value)) {
    const bytes = new Uint8Array(value.buffer, value.byteOffset, value.byteLength)
    return `${value.constructor.name}<${bytesToHex(bytes)}>`
  }
  if (value instanceof ArrayBuffer) return `ArrayBuffer<${bytesToHex(new Uint8Array(value))}>`
  const record = value as Record<string, unknown>
  const keys = Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort()
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonical(record[key])}`).join(',')}}`
}
