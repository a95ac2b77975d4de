/**
 * Settings: the largest file the importer accepts, whether search matches diacritics, and the
 * watched folder
 * (desktop only; the browser build shows it disabled, with the reason).
 */
import { useLiveQuery } from 'dexie-react-hooks'
import { useEffect, useState } from 'react'
import type { WatchStatus } from '../../../../shared/ipc/contract'
import { useDb, useHost } from '../../app/app-context'
import { getSetting, setSetting, SETTINGS } from '../../db/repositories/settings-repo'

export function SettingsPanel({ onClose }: { onClose: () => void }) {
  const db = useDb()
  const host = useHost()
  const maxMb = useLiveQuery(() => getSetting(db, SETTINGS.maxImportMb), [db])
  const matchDiacritics = useLiveQuery(() => getSetting(db, SETTINGS.matchDiacritics), [db])
  const [draft, setDraft] = useState<string | null>(null)
  const [watch, setWatch] = useState<WatchStatus>({ folder: null, error: null })
  const [watchError, setWatchError] = useState<string | null>(null)
  const watched = host.watchedFolder

  useEffect(() => {
    if (!watched.isSupported) return
    let live = true
    watched.status().then(
      (s) => live && setWatch(s),
      (e: unknown) => live && setWatchError(String(e)),
    )
    return () => {
      live = false
    }
  }, [watched])

  const value = draft ?? String(maxMb ?? SETTINGS.maxImportMb.fallback)
  const parsed = Number(value)
  const isValid = SETTINGS.maxImportMb.isValid(parsed)

  const act = async (action: () => Promise<WatchStatus>) => {
    setWatchError(null)
    try {
      setWatch(await action())
    } catch (e) {
      setWatchError(e instanceof Error ? e.message : String(e))
    }
  }

  return (
    <section className="settings" aria-labelledby="settings-title">
      <header className="settings-header">
        <h2 id="settings-title">Settings</h2>
        <button type="button" className="link-button" onClick={onClose}>
          Close settings
        </button>
      </header>

      <form
        className="setting"
        onSubmit={(e) => {
          e.preventDefault()
          if (isValid) void setSetting(db, SETTINGS.maxImportMb, parsed).then(() => setDraft(null))
        }}
      >
        <label htmlFor="max-import-mb">Largest file to import (MB)</label>
        <input
          id="max-import-mb"
          type="number"
          min={1}
          max={64}
          step={1}
          value={value}
          aria-invalid={!isValid}
          aria-describedby="max-import-help"
          onChange={(e) => setDraft(e.target.value)}
        />
        <button type="submit" disabled={!isValid || parsed === maxMb}>
          Save
        </button>
        <p id="max-import-help" className="fine-print">
          Larger files are refused as “too large” and named in the import report. From 1 to 64 MB.
        </p>
      </form>

      <fieldset className="setting">
        <legend>Search</legend>
        <label>
          <input
            type="checkbox"
            checked={matchDiacritics ?? false}
            onChange={(e) => void setSetting(db, SETTINGS.matchDiacritics, e.target.checked)}
          />{' '}
          Match diacritics
        </label>
        <p className="fine-print">
          Off: “Sao Paulo” finds “São Paulo”. On: only the same letters with the same marks match.
          Case, full-width forms, look-alike letters from other alphabets and ё/е never matter.
        </p>
      </fieldset>

      <fieldset className="setting" disabled={!watched.isSupported}>
        <legend>Watched folder</legend>
        <p className="watch-status">
          {watched.isSupported
            ? watch.folder
              ? `Watching ${watch.folder}. New and changed files there are imported automatically.`
              : 'No folder is watched.'
            : watched.reason}
        </p>
        {(watch.error || watchError) && <p className="import-error">{watch.error ?? watchError}</p>}
        <div className="setting-actions">
          <button type="button" onClick={() => void act(() => watched.choose())}>
            {watch.folder ? 'Watch another folder…' : 'Choose a folder to watch…'}
          </button>
          {watch.folder && (
            <button type="button" onClick={() => void act(() => watched.stop())}>
              Stop watching
            </button>
          )}
        </div>
      </fieldset>
    </section>
  )
}
