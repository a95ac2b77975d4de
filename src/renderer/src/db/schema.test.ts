import 'fake-indexeddb/auto'
import Dexie from 'dexie'
import { afterEach, describe, expect, it } from 'vitest'
import { ArchiveDb } from './archive-db'
import { SCHEMA_VERSIONS, type SchemaVersion } from './schema'
import shipped from './schema.snapshot.json'

const opened: Dexie[] = []
function open<T extends Dexie>(db: T): T {
  opened.push(db)
  return db
}
afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close()
    await Dexie.delete(db.name)
  }
})

/** Table name to its primary key and index definitions, as Dexie reports them. */
function describeSchema(db: Dexie): Record<string, string[]> {
  return Object.fromEntries(
    db.tables.map((t) => [t.name, [t.schema.primKey.src, ...t.schema.indexes.map((i) => i.src)]]),
  )
}

describe('archive schema', () => {
  it('still has every table and index that has shipped, unless a version dropped it on purpose', async () => {
    const db = open(new ArchiveDb('schema-snapshot'))
    await db.open()
    const current = describeSchema(db)
    const dropped = new Set(SCHEMA_VERSIONS.flatMap((v) => v.dropped ?? []))
    for (const [table, indexes] of Object.entries(shipped)) {
      if (dropped.has(table)) continue
      expect(current, `table ${table} was removed`).toHaveProperty(table)
      for (const index of indexes) {
        if (dropped.has(`${table}.${index}`)) continue
        expect(current[table], `index ${table}.${index} was removed`).toContain(index)
      }
    }
  })

  it('has really dropped what the versions say they drop, and every table and index is in the snapshot', async () => {
    const db = open(new ArchiveDb('schema-dropped'))
    await db.open()
    const current = describeSchema(db)
    for (const name of SCHEMA_VERSIONS.flatMap((v) => v.dropped ?? [])) {
      const [table, index] = name.split(/\.(.*)/s) as [string, string | undefined]
      expect(shipped, `${table} never shipped`).toHaveProperty(table)
      if (index === undefined)
        expect(current, `table ${table} is still there`).not.toHaveProperty(table)
      else expect(current[table] ?? [], `index ${name} is still there`).not.toContain(index)
    }
    for (const [table, indexes] of Object.entries(current)) {
      expect(shipped, `table ${table} is missing from the snapshot`).toHaveProperty(table)
      for (const index of indexes)
        expect((shipped as Record<string, string[]>)[table]).toContain(index)
    }
  })

  it('snapshot lists every table that has shipped', () => {
    expect(Object.keys(shipped).sort()).toEqual([
      'annotations',
      'bandChunks',
      'catalogChunks',
      'importLog',
      'importLogChunks',
      'importReports',
      'paragraphTags',
      'paragraphs',
      'releaseOrder',
      'releaseTags',
      'releaseTexts',
      'releases',
      'savedSearches',
      'searchDocs',
      'searchIndexed',
      'searchPostings',
      'searchState',
      'searchVocabulary',
      'settings',
      'tags',
    ])
  })

  it('refuses a version list that does not increase', () => {
    const broken: SchemaVersion[] = [...SCHEMA_VERSIONS, { version: 1, stores: {} }]
    expect(() => new ArchiveDb('broken', broken)).toThrow('schema versions must increase')
  })

  it('runs an appended version’s upgrade over rows written by the previous version', async () => {
    const name = 'migration-pattern'
    const v1 = new ArchiveDb(name)
    await v1.settings.put({ key: 'maxImportMb', value: '10' })
    v1.close()

    // A version appended the way a real migration is: new stores, plus an upgrade.
    const latest = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1]?.version ?? 0
    const next: SchemaVersion = {
      version: latest + 1,
      stores: {},
      upgrade: (tx) =>
        tx
          .table('settings')
          .toCollection()
          .modify((row: { value: unknown }) => {
            row.value = Number(row.value)
          }),
    }
    const v2 = open(new ArchiveDb(name, [...SCHEMA_VERSIONS, next]))
    expect(await v2.settings.get('maxImportMb')).toEqual({ key: 'maxImportMb', value: 10 })
    expect(v2.verno).toBe(latest + 1)
  })
})
