/**
 * The import state of the app: at most one import runs at a time, others
 * (a second drop, files from the watched folder) wait in line. The last
 * finished import's report id is kept so its report can be shown.
 */
import { useLiveQuery } from 'dexie-react-hooks'
import { useCallback, useEffect, useRef, useState } from 'react'
import { useDb, useHost } from '../../app/app-context'
import { reportItems } from '../../db/repositories/import-reports-repo'
import { getSetting, SETTINGS } from '../../db/repositories/settings-repo'
import type { ImportSource } from '../../host/host'
import { workerEngine, type ImportEngine } from '../../workers/import-client'
import { runImport, type ImportProgress } from './import-runner'

export type ImportState = {
  progress: ImportProgress | null
  /** Imports waiting for the current one to finish. */
  queued: number
  /** The report to show, after an import or when asked for. */
  reportId: string | null
  /** A failure before any file was read (the picker failed), in words. */
  error: string | null
}

export type ImportActions = {
  /** Starts an import from whatever `choose` returns; nothing when it returns null (cancelled). */
  importFrom: (choose: () => Promise<ImportSource | null>) => Promise<void>
  pickFiles: () => Promise<void>
  pickFolder: () => Promise<void>
  importSamples: () => Promise<void>
  cancel: () => void
  showReport: (id: string | null) => void
  dismissError: () => void
}

export function useImport(): ImportState & ImportActions {
  const db = useDb()
  const host = useHost()
  const maxMb = useLiveQuery(() => getSetting(db, SETTINGS.maxImportMb), [db])
  const [state, setState] = useState<ImportState>({
    progress: null,
    queued: 0,
    reportId: null,
    error: null,
  })
  const engine = useRef<ImportEngine | null>(null)
  const abort = useRef<AbortController | null>(null)
  const line = useRef<Promise<void>>(Promise.resolve())
  const maxBytes = useRef(10 * 1024 * 1024)
  useEffect(() => {
    maxBytes.current = (maxMb ?? SETTINGS.maxImportMb.fallback) * 1024 * 1024
  }, [maxMb])

  useEffect(
    () => () => {
      abort.current?.abort()
      engine.current?.dispose()
      engine.current = null
    },
    [],
  )

  const run = useCallback(
    async (source: ImportSource) => {
      if (engine.current && !engine.current.usable) {
        engine.current.dispose()
        engine.current = null
      }
      engine.current ??= workerEngine(db.name)
      const controller = new AbortController()
      abort.current = controller
      try {
        const report = await runImport({
          db,
          engine: engine.current,
          source,
          maxBytes: maxBytes.current,
          signal: controller.signal,
          onProgress: (progress) => setState((s) => ({ ...s, progress })),
        })
        setState((s) => ({ ...s, progress: null, reportId: report.id }))
        // The desktop app's log keeps every file an import refused, with the reason, for
        // when the report is gone; a failure to log must not fail the import.
        const refused = await reportItems(db, report.id, 'rejected')
        if (refused.length > 0) {
          host
            .logImportProblems(
              refused.map((item) => ({ file: item.fileName, reason: item.message })),
            )
            .catch(() => {})
        }
      } finally {
        abort.current = null
      }
    },
    [db, host],
  )

  const importFrom = useCallback(
    async (choose: () => Promise<ImportSource | null>) => {
      let source: ImportSource | null
      try {
        source = await choose()
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error)
        setState((s) => ({ ...s, error: `Import failed: ${message}` }))
        return
      }
      if (!source || source.total + source.problems.length === 0) return
      const chosen = source
      setState((s) => ({ ...s, error: null, queued: s.queued + 1 }))
      line.current = line.current.then(async () => {
        setState((s) => ({ ...s, queued: s.queued - 1 }))
        try {
          await run(chosen)
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error)
          setState((s) => ({ ...s, progress: null, error: `Import failed: ${message}` }))
        }
      })
      await line.current
    },
    [run],
  )

  useEffect(() => {
    if (!host.watchedFolder.isSupported) return
    return host.watchedFolder.onFiles((source) => void importFrom(async () => source))
  }, [host, importFrom])

  // Files the system opened with the app ("Open with Communiqué", a second launch).
  useEffect(
    () => host.onOpenFiles((source) => void importFrom(async () => source)),
    [host, importFrom],
  )

  return {
    ...state,
    importFrom,
    pickFiles: useCallback(() => importFrom(() => host.pickFiles()), [importFrom, host]),
    pickFolder: useCallback(() => importFrom(() => host.pickFolder()), [importFrom, host]),
    importSamples: useCallback(() => importFrom(() => host.loadSamples()), [importFrom, host]),
    cancel: useCallback(() => {
      abort.current?.abort()
      // Shown at once; the import itself stops when the batch in hand is stored.
      setState((s) => (s.progress ? { ...s, progress: { ...s.progress, isCancelling: true } } : s))
    }, []),
    showReport: useCallback((reportId: string | null) => setState((s) => ({ ...s, reportId })), []),
    dismissError: useCallback(() => setState((s) => ({ ...s, error: null })), []),
  }
}
