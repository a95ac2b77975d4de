/**
 * What an export covers, as the export view offers it, and the names of the
 * files it downloads. The choice is kept by the app while the user goes back
 * to the library, so "the selection" and "the release last open" stay what
 * they were when chosen.
 */
import type { ExportScope } from '../../db/repositories/exchange-repo'

export type ScopeKind = 'archive' | 'selection' | 'release' | 'tag'

export type ScopeChoice = { kind: ScopeKind; tagId: string | null }

export const DEFAULT_SCOPE: ScopeChoice = { kind: 'archive', tagId: null }

/** What the choice can refer to at the moment. */
export type ScopeContext = {
  selection: ReadonlySet<string>
  /** The release open in the reader, or last open. */
  releaseId: string | null
}

/** The repository's scope for a choice, or null when the choice cannot be exported now. */
export function exportScopeFor(choice: ScopeChoice, context: ScopeContext): ExportScope | null {
  switch (choice.kind) {
    case 'archive':
      return { kind: 'archive' }
    case 'selection':
      return context.selection.size > 0
        ? { kind: 'releases', releaseIds: [...context.selection] }
        : null
    case 'release':
      return context.releaseId ? { kind: 'release', releaseId: context.releaseId } : null
    case 'tag':
      return choice.tagId ? { kind: 'tag', tagId: choice.tagId } : null
  }
}

export type ExportFormat = 'jsonld' | 'csv' | 'markdown' | 'codebook-csv' | 'codebook-json'

const FILE_PARTS: Record<ExportFormat, { stem: string; extension: string }> = {
  jsonld: { stem: 'annotations', extension: 'jsonld' },
  csv: { stem: 'annotations', extension: 'csv' },
  markdown: { stem: 'report', extension: 'md' },
  'codebook-csv': { stem: 'codebook', extension: 'csv' },
  'codebook-json': { stem: 'codebook', extension: 'json' },
}

/** A short name for a scope in file names ("threats-terrorism", "3-releases"), or null for the archive. */
export function scopeSlug(scope: ExportScope, names: { releaseTitle?: string; tagPath?: string }) {
  switch (scope.kind) {
    case 'archive':
      return null
    case 'releases':
      return `${scope.releaseIds.length}-${scope.releaseIds.length === 1 ? 'release' : 'releases'}`
    case 'release':
      return slug(names.releaseTitle ?? '') ?? 'release'
    case 'tag':
      return slug(names.tagPath ?? '') ?? 'tag'
  }
}

/**
 * Lower-case letters and digits of any script, runs of anything else as one
 * hyphen, at most 40 characters: safe in a file name on every system.
 */
export function slug(text: string): string | null {
  const words = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
  const cut = [...words].slice(0, 40).join('').replace(/-+$/, '')
  return cut.length > 0 ? cut : null
}

/** "YYYY-MM-DD" of the moment, in the user's time zone. */
export function dateStamp(at: number): string {
  const d = new Date(at)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

/** "communique-annotations-threats-2026-11-22.jsonld". */
export function exportFileName(format: ExportFormat, scope: string | null, at: number): string {
  const { stem, extension } = FILE_PARTS[format]
  return ['communique', stem, scope, dateStamp(at)].filter(Boolean).join('-') + `.${extension}`
}
