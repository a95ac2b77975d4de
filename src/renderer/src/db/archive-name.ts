/**
 * Which database is the archive. Normally `communique-archive`; after a restore, the database
 * the backup was restored into. Switching is one write to localStorage, so it either happens
 * or does not: a restore that fails before the switch leaves the archive in use untouched.
 * The database it replaced is kept until the next start, then deleted.
 */
import Dexie from 'dexie'
import { ARCHIVE_DB_NAME } from './schema'

/** WARNING: persisted on users' machines; renaming these keys loses a restored archive. */
const ACTIVE_KEY = 'communique.archive'
const RETIRED_KEY = 'communique.retiredArchives'
const RESTORED_NAME = /^communique-archive-r[0-9a-z]{1,16}$/

type KeyValueStore = Pick<Storage, 'getItem' | 'setItem'>

export function activeArchiveName(store: KeyValueStore = localStorage): string {
  const name = store.getItem(ACTIVE_KEY)
  return name && RESTORED_NAME.test(name) ? name : ARCHIVE_DB_NAME
}

/** A fresh name for a database to restore into. */
export function restoreTargetName(now: number = Date.now()): string {
  return `communique-archive-r${now.toString(36)}`
}

/** Makes `name` the archive from the next start; the current one is deleted then. */
export function switchArchive(name: string, store: KeyValueStore = localStorage): void {
  if (!RESTORED_NAME.test(name)) throw new Error(`${name} is not a restored archive's name`)
  const retired = retiredArchives(store)
  const current = activeArchiveName(store)
  if (current !== name && !retired.includes(current)) retired.push(current)
  store.setItem(RETIRED_KEY, JSON.stringify(retired.filter((n) => n !== name)))
  store.setItem(ACTIVE_KEY, name)
}

function retiredArchives(store: KeyValueStore): string[] {
  try {
    const value: unknown = JSON.parse(store.getItem(RETIRED_KEY) ?? '[]')
    return Array.isArray(value) ? value.filter((n): n is string => typeof n === 'string') : []
  } catch {
    return []
  }
}

/** Deletes the archives a restore replaced. Never the one in use. */
export async function dropRetiredArchives(store: KeyValueStore = localStorage): Promise<void> {
  const active = activeArchiveName(store)
  const left: string[] = []
  for (const name of retiredArchives(store)) {
    if (name === active) continue
    if (name !== ARCHIVE_DB_NAME && !RESTORED_NAME.test(name)) continue
    try {
      await Dexie.delete(name)
    } catch {
      left.push(name)
    }
  }
  store.setItem(RETIRED_KEY, JSON.stringify(left))
}
