/**
 * The browser's storage for the archive: how much it uses and may use, and whether the
 * browser has promised to keep it. Without that promise a browser may clear a site's data
 * when the disk runs low; with it, only the user can.
 */
export type StorageState = {
  usage: number | null
  quota: number | null
  /** null where the browser cannot say. */
  persisted: boolean | null
}

type StorageManagerLike = Pick<StorageManager, 'estimate' | 'persist' | 'persisted'>

function manager(): StorageManagerLike | null {
  return typeof navigator !== 'undefined' && navigator.storage ? navigator.storage : null
}

export async function storageState(storage = manager()): Promise<StorageState> {
  if (!storage) return { usage: null, quota: null, persisted: null }
  const [estimate, persisted] = await Promise.all([
    storage.estimate().catch(() => ({}) as StorageEstimate),
    storage.persisted().catch(() => null),
  ])
  return { usage: estimate.usage ?? null, quota: estimate.quota ?? null, persisted }
}

/** Asks the browser to keep the archive; true when it now will. */
export async function requestPersistence(storage = manager()): Promise<boolean> {
  if (!storage) return false
  try {
    return (await storage.persisted()) || (await storage.persist())
  } catch {
    return false
  }
}

const UNITS = ['bytes', 'KB', 'MB', 'GB', 'TB']

/** 1,234,567 → "1.2 MB", in the decimal units file managers use. */
export function formatBytes(bytes: number): string {
  let value = bytes
  let unit = 0
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000
    unit += 1
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1
  return `${value.toFixed(digits)} ${UNITS[unit]}`
}
