/**
 * Messages between the UI thread and the import workers. An import runs in
 * batches of a few hundred files. Each batch goes to one of the prepare
 * workers (decode, parse, extract), which asks the one store worker
 * over a MessagePort which files were imported before, then hands it the
 * prepared batch over the same port; the store worker writes batches in the
 * order they were sent and answers the UI thread with one outcome per file,
 * in order. Only the store worker opens the archive.
 */
import type { IncomingFile } from '../../../shared/ipc/contract'
import type { BatchItem, KnownFile } from '../db/repositories/releases-repo'
import type { ImportLogEntry } from '../db/records'

/** A file to import: bytes already read, a browser File to read, or why it could not be read. */
export type WorkerFile = IncomingFile | { name: string; file: File }

export type ImportReportItem = ImportLogEntry

export type BatchRequest = {
  type: 'batch'
  seq: number
  /** The import (ImportReportRecord.id) the batch belongs to. */
  importId: string
  /** The batch's log chunk (db/repositories/import-log-repo: batchChunk). */
  chunk: number
  files: WorkerFile[]
  maxBytes: number
}

export type PreparedBatch = { importId: string; chunk: number; items: BatchItem[] }

/** UI thread to a prepare worker: its port to the store worker, then batches. */
export type ToPrepareWorker = { type: 'connect'; store: MessagePort } | BatchRequest

/** A batch for the store worker, prepared or failed. */
export type PreparedMessage =
  | { type: 'store'; seq: number; batch: PreparedBatch }
  | { type: 'failed'; seq: number; error: string }

/** Prepare worker to the store worker, over the port it was given. */
export type ToStoreWorker =
  PreparedMessage | { type: 'lookup'; id: number; files: { name: string; sha256: string }[] }

/** The store worker's answer to a lookup, over the same port. */
export type FromStoreWorker =
  | { type: 'known'; id: number; known: (KnownFile | null)[] }
  | { type: 'known'; id: number; error: string }

/** UI thread to the store worker: the archive, and one port per prepare worker. */
export type ToStoreWorkerFromUi =
  { type: 'open'; dbName: string; firstSeq: number } | { type: 'connect'; port: MessagePort }

/** Either worker to the UI thread. */
export type FromWorker =
  | { type: 'file'; seq: number; fileName: string }
  | { type: 'done'; seq: number; items: ImportReportItem[] }
  | { type: 'failed'; seq: number; error: string }
