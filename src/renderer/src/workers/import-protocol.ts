/**
 * Messages between the UI thread and the import workers. An import runs in
 * batches of a few hundred files. Each batch goes to one of the prepare
 * workers (decode, parse, extract, compress), which hands the prepared batch
 * straight to the one store worker over a MessagePort; the store worker writes
 * batches in the order they were sent and answers the UI thread with one
 * outcome per file, in order.
 */
import type { IncomingFile } from '../../../shared/ipc/contract'
import type { BatchItem } from '../db/repositories/releases-repo'
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

/** UI thread to a prepare worker. */
export type ToPrepareWorker = { type: 'open'; dbName: string; store: MessagePort } | BatchRequest

/** Prepare worker to the store worker, over the port it was given. */
export type ToStoreWorker =
  | { type: 'store'; seq: number; batch: PreparedBatch }
  | { type: 'failed'; seq: number; error: string }

/** UI thread to the store worker: the archive, and one port per prepare worker. */
export type ToStoreWorkerFromUi =
  { type: 'open'; dbName: string; firstSeq: number } | { type: 'connect'; port: MessagePort }

/** Either worker to the UI thread. */
export type FromWorker =
  | { type: 'file'; seq: number; fileName: string }
  | { type: 'done'; seq: number; items: ImportReportItem[] }
  | { type: 'failed'; seq: number; error: string }
