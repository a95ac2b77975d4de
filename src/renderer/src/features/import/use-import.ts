import { useCallback, useState } from 'react'
import type { IncomingFile } from '../../../../shared/ipc/contract'
import { useDb, useHost } from '../../app/app-context'
import { importFiles, type ImportReport } from './import-files'

export type ImportState = {
  isBusy: boolean
  report: ImportReport | null
  /** A failure of the whole import (the host could not read anything), in words. */
  error: string | null
}

export type ImportActions = {
  importIncoming: (files: IncomingFile[]) => Promise<void>
  pickAndImport: () => Promise<void>
  importSamples: () => Promise<void>
  dismiss: () => void
}

export function useImport(): ImportState & ImportActions {
  const db = useDb()
  const host = useHost()
  const [state, setState] = useState<ImportState>({ isBusy: false, report: null, error: null })

  const run = useCallback(
    async (source: () => Promise<IncomingFile[]>) => {
      setState((s) => ({ ...s, isBusy: true, error: null }))
      try {
        const files = await source()
        if (files.length === 0) {
          setState((s) => ({ ...s, isBusy: false }))
          return
        }
        const report = await importFiles(db, files)
        setState({ isBusy: false, report, error: null })
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error)
        setState({ isBusy: false, report: null, error: `Import failed: ${message}` })
      }
    },
    [db],
  )

  return {
    ...state,
    importIncoming: useCallback((files) => run(() => Promise.resolve(files)), [run]),
    pickAndImport: useCallback(() => run(() => host.pickFiles()), [run, host]),
    importSamples: useCallback(() => run(() => host.loadSamples()), [run, host]),
    dismiss: useCallback(() => setState((s) => ({ ...s, report: null, error: null })), []),
  }
}
