/**
 * Messages between the UI thread and the import worker. A batch is a few
 * hundred files; the worker answers each with one outcome per file, in order.
 */
import type { IncomingFile } from '../../../shared/ipc/contract'
import type { ImportOutcome } from '../db/records'

/** A file to import: bytes already read, a browser File to read, or why it could not be read. */
export type WorkerFile = IncomingFile | { name: string; file: File }

export type ImportReportItem = {
  fileName: string
  outcome: ImportOutcome
  message: string
  releaseId: string | null
  mixedScriptWords: number
}

export type BatchRequest = {
  type: 'batch'
  seq: number
  /** The import (ImportReportRecord.id) the batch belongs to. */
  importId: string
  files: WorkerFile[]
  maxBytes: number
}

export type ToWorker = { type: 'open'; dbName: string } | BatchRequest

export type FromWorker =
  | { type: 'file'; seq: number; fileName: string }
  | { type: 'done'; seq: number; items: ImportReportItem[] }
  | { type: 'failed'; seq: number; error: string }
