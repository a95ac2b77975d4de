/**
 * User settings kept in the archive. Keys are persisted: renaming one loses
 * the user's choice.
 */
import type { ArchiveDb } from '../archive-db'

type Setting<T> = { key: string; fallback: T; isValid: (value: unknown) => value is T }

const isWholeMb = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 64

const isBoolean = (value: unknown): value is boolean => typeof value === 'boolean'

export const SETTINGS = {
  /** Search matches "São" only with its diacritics when true; by default "Sao" finds it. */
  matchDiacritics: {
    key: 'matchDiacritics',
    fallback: false,
    isValid: isBoolean,
  } as Setting<boolean>,
  /** Largest file the importer accepts, in MB (the desktop shell reads at most 64 MB). */
  maxImportMb: { key: 'maxImportMb', fallback: 10, isValid: isWholeMb } as Setting<number>,
}

export async function getSetting<T>(db: ArchiveDb, setting: Setting<T>): Promise<T> {
  const row = await db.settings.get(setting.key)
  return row && setting.isValid(row.value) ? row.value : setting.fallback
}

export async function setSetting<T>(db: ArchiveDb, setting: Setting<T>, value: T): Promise<void> {
  if (!setting.isValid(value)) throw new Error(`${String(value)} is not a valid ${setting.key}`)
  await db.settings.put({ key: setting.key, value })
}
