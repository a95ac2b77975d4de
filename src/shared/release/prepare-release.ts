/**
 * One file's bytes to a release ready to store, or the reason it is refused.
 * This is the single import path for every source: a dropped file, a picked
 * file, a sample, and later a watched folder.
 */
import { sha256Hex } from './content-hash'
import { decodeBytes } from './decode'
import { parseRelease } from './parse-release'

export const SUPPORTED_EXTENSIONS = ['.txt', '.text'] as const

/** Default largest file accepted for import. */
export const DEFAULT_MAX_IMPORT_BYTES = 10 * 1024 * 1024

export type PreparedRelease = {
  fileName: string
  contentHash: string
  byteLength: number
  encoding: string
  title: string
  paragraphs: string[]
  /** The decoded text exactly as received, kept for provenance. */
  originalText: string
  warnings: string[]
}

export type PrepareOutcome =
  | { kind: 'ready'; release: PreparedRelease }
  | { kind: 'rejected'; fileName: string; reason: string }

export type PrepareOptions = { maxBytes?: number }

export async function prepareRelease(
  fileName: string,
  bytes: Uint8Array,
  options: PrepareOptions = {},
): Promise<PrepareOutcome> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_IMPORT_BYTES
  const reject = (reason: string): PrepareOutcome => ({ kind: 'rejected', fileName, reason })

  if (!hasSupportedExtension(fileName)) return reject('unsupported type')
  if (bytes.byteLength > maxBytes) {
    return reject(
      `too large (${formatMegabytes(bytes.byteLength)}; the limit is ${formatMegabytes(maxBytes)})`,
    )
  }
  const decoded = decodeBytes(bytes)
  if (decoded.encoding === 'utf-8' && bytes.includes(0)) return reject('binary')
  if (decoded.text.trim().length === 0) return reject('empty')

  const { title, paragraphs } = parseRelease(decoded.text)
  const warnings: string[] = []
  if (decoded.replacements > 0) {
    warnings.push(
      `${decoded.replacements} invalid byte sequence${decoded.replacements === 1 ? ' was' : 's were'} replaced with �`,
    )
  }
  return {
    kind: 'ready',
    release: {
      fileName,
      contentHash: await sha256Hex(bytes),
      byteLength: bytes.byteLength,
      encoding: decoded.encoding,
      title: title || fileName,
      paragraphs,
      originalText: decoded.text,
      warnings,
    },
  }
}

function hasSupportedExtension(fileName: string): boolean {
  const lower = fileName.toLowerCase()
  return SUPPORTED_EXTENSIONS.some((ext) => lower.endsWith(ext))
}

function formatMegabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
}
