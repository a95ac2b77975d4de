import 'fake-indexeddb/auto'
import './test-support/browser-globals'
import Dexie from 'dexie'
import {
  strFromU8,
  strToU8,
  Unzip,
  UnzipInflate,
  unzipSync,
  Zip,
  ZipDeflate,
  ZipPassThrough,
  zipSync,
} from 'fflate'
import { beforeAll, describe, expect, it } from 'vitest'
import { BackupProblem, parseManifest, sha256OfStream } from '../../../../shared/backup/manifest'
import { ArchiveDb } from '../archive-db'
import { LATEST_SCHEMA_VERSION, SCHEMA_VERSIONS } from '../schema'
import { addAnnotation } from './annotations-repo'
import {
  archiveCounts,
  BackupStopped,
  checkBackup,
  createBackup,
  joinLarge,
  manifestCounts,
  restoreInto,
  splitLarge,
  tableChecksums,
  type Backup,
} from './backup-repo'
import { getParagraphs } from './releases-repo'
import { indexReleases, pendingReleaseIds } from './search-repo'
import { ensureTag, setParagraphTag, setReleasesTag } from './tags-repo'
import { importCorpusFiles, SCO } from './test-support/corpus'

const APP = { name: 'Communiqué', version: '0.1.0' }
const FILES = [...SCO, 'kremlin_ru_2025/2025-02-03_76193.txt', 'cn_gov_reports_zh/cpc_000.txt']

let source: ArchiveDb
let backup: Backup

/** An archive as a researcher leaves it: releases in three languages, tags, a note, an index. */
async function makeArchive(name: string, versions = SCHEMA_VERSIONS): Promise<ArchiveDb> {
  const db = new ArchiveDb(name, versions)
  await db.open()
  await importCorpusFiles(db, FILES)
  const ids = (await db.releases.toCollection().primaryKeys()) as string[]
  const { tag } = await ensureTag(db, 'Security/Terrorism')
  await setReleasesTag(db, ids.slice(0, 2), tag.id, true)
  const first = ids[0] as string
  const [paragraph] = await getParagraphs(db, first)
  await setParagraphTag(db, first, paragraph!.id.slice(first.length + 1), tag.id, true)
  const exact = paragraph!.text.slice(0, 20)
  await addAnnotation(db, {
    releaseId: first,
    paragraphId: paragraph!.id,
    quote: { exact, prefix: '', suffix: '' },
    position: { start: 0, end: exact.length },
    color: '#FFD54F',
    note: 'First use of this wording.',
    tagIds: [tag.id],
  })
  for (let pending = await pendingReleaseIds(db, 50); pending.length > 0;) {
    await indexReleases(db, pending)
    pending = await pendingReleaseIds(db, 50)
  }
  return db
}

/** The zip's entries, changed by `edit`, zipped again. */
function rezip(data: Uint8Array, edit: (entries: Record<string, Uint8Array>) => void): Blob {
  const entries = unzipSync(data)
  edit(entries)
  return new Blob([zipSync(entries) as BlobPart])
}

async function bytesOf(blob: Blob): Promise<Uint8Array> {
  return new Uint8Array(await blob.arrayBuffer())
}

beforeAll(async () => {
  source = await makeArchive(`backup-source-${Math.random()}`)
  backup = await createBackup(source, APP, { now: new Date('2026-11-23T10:00:00Z') })
})

describe('a backup', () => {
  it('lists every table with its rows and sums, and what the archive holds', async () => {
    const { manifest } = backup
    expect(Object.keys(manifest.tables).sort()).toEqual(source.tables.map((t) => t.name).sort())
    expect(manifest.database.schemaVersion).toBe(LATEST_SCHEMA_VERSION)
    expect(manifestCounts(manifest)).toEqual(await archiveCounts(source))
    expect(manifestCounts(manifest)).toEqual({ releases: 4, annotations: 1, tags: 2 })
    expect(manifest.tables.searchPostings!.rows).toBeGreaterThan(0)
    expect(manifest.createdAt).toBe('2026-11-23T10:00:00.000Z')
    // The sums are the archive's own: computed again from the tables, they agree.
    expect(await tableChecksums(source)).toEqual(manifest.tables)
  })

  it('restores into an empty database with identical tables, table by table', async () => {
    const checked = await checkBackup(backup.data)
    const name = `backup-restored-${Math.random()}`
    await restoreInto(checked, name)
    const restored = new ArchiveDb(name)
    await restored.open()
    expect(await tableChecksums(restored)).toEqual(await tableChecksums(source))
    expect(await archiveCounts(restored)).toEqual({ releases: 4, annotations: 1, tags: 2 })
    const [annotation] = await restored.annotations.toArray()
    expect(annotation?.note).toBe('First use of this wording.')
    restored.close()
  })
})

describe('a damaged or foreign file', () => {
  it('is refused when a byte of the archive data changed, and nothing is created', async () => {
    const data = await bytesOf(backup.data)
    const damaged = rezip(data, (entries) => {
      const archive = entries['archive.json']!
      const text = strFromU8(archive).replace('Shanghai', 'Shanghaj')
      expect(text).not.toBe(strFromU8(archive))
      entries['archive.json'] = strToU8(text)
    })
    await expect(checkBackup(damaged)).rejects.toThrow(
      'its archive data does not match its checksum: the file is damaged',
    )
  })

  it('is refused when the zip itself is cut or garbled', async () => {
    const data = await bytesOf(backup.data)
    const garbled = data.slice()
    for (let i = 200; i < 400; i++) garbled[i] = 0xff
    await expect(checkBackup(new Blob([garbled as BlobPart]))).rejects.toThrow(BackupProblem)
    const cut = new Blob([data.slice(0, Math.floor(data.length / 2)) as BlobPart])
    await expect(checkBackup(cut)).rejects.toThrow(BackupProblem)
  })

  it('is refused when it is not a backup at all', async () => {
    await expect(checkBackup(new Blob(['Joint communiqué of the heads of state']))).rejects.toThrow(
      'it is not a Communiqué backup (it is not a zip file)',
    )
    const noManifest = rezip(await bytesOf(backup.data), (entries) => {
      delete entries['manifest.json']
    })
    await expect(checkBackup(noManifest)).rejects.toThrow(
      'it is not a Communiqué backup (it has no manifest)',
    )
  })

  it('is refused when a table has other rows than its manifest says', async () => {
    const lying = rezip(await bytesOf(backup.data), (entries) => {
      const manifest = JSON.parse(strFromU8(entries['manifest.json']!))
      manifest.tables.annotations.rows = 7
      entries['manifest.json'] = strToU8(JSON.stringify(manifest))
    })
    await expect(checkBackup(lying)).rejects.toThrow(
      'its table “annotations” has 1 rows where its manifest says 7',
    )
  })

  it('is refused after restoring when a table sum differs, and the new database is deleted', async () => {
    const lying = rezip(await bytesOf(backup.data), (entries) => {
      const manifest = JSON.parse(strFromU8(entries['manifest.json']!))
      manifest.tables.tags.sha256 = '0'.repeat(64)
      entries['manifest.json'] = strToU8(JSON.stringify(manifest))
    })
    const checked = await checkBackup(lying)
    const name = `backup-refused-${Math.random()}`
    await expect(restoreInto(checked, name)).rejects.toThrow(
      'its table “tags” does not match its checksum after restoring',
    )
    expect(await Dexie.getDatabaseNames()).not.toContain(name)
  })

  it('is refused when a newer version of the app made it', async () => {
    const newer = rezip(await bytesOf(backup.data), (entries) => {
      const manifest = JSON.parse(strFromU8(entries['manifest.json']!))
      manifest.database.schemaVersion = LATEST_SCHEMA_VERSION + 1
      entries['manifest.json'] = strToU8(JSON.stringify(manifest))
    })
    await expect(checkBackup(newer)).rejects.toThrow('made by a newer version of Communiqué')
  })
})

describe('a backup from an older schema', () => {
  it('restores, and opens upgraded to the current schema', async () => {
    const older = SCHEMA_VERSIONS.slice(0, -1)
    const db = await makeArchive(`backup-older-${Math.random()}`, older)
    const old = await createBackup(db, APP)
    expect(old.manifest.database.schemaVersion).toBe(older[older.length - 1]!.version)
    const name = `backup-upgraded-${Math.random()}`
    await restoreInto(await checkBackup(old.data), name)
    const restored = new ArchiveDb(name)
    await restored.open()
    expect(restored.verno).toBe(LATEST_SCHEMA_VERSION)
    expect(await archiveCounts(restored)).toEqual({ releases: 4, annotations: 1, tags: 2 })
    restored.close()
    db.close()
  })
})

/**
 * A zip entry whose data is already deflated: `raw` is written as the entry's compressed data,
 * while the text pushed gives its CRC and size. The entry has no sizes in its local header (a
 * data descriptor follows it), as in a backup written as a stream.
 */
class Deflated extends ZipPassThrough {
  constructor(
    filename: string,
    private readonly raw: Uint8Array,
  ) {
    super(filename)
    this.compression = 8
  }

  protected override process(_chunk: Uint8Array, final: boolean): void {
    if (final) this.ondata(null, this.raw as Uint8Array<ArrayBuffer>, true)
  }
}

/**
 * `text` as a raw deflate stream of stored blocks that splits after `at`, with a final block
 * of 2 (mod 256) bytes: its header then reads 01 02, so when text[at - 2, at) is "PK" the
 * compressed data holds the bytes of a zip central directory header, PK 01 02.
 */
function storedDeflate(text: Uint8Array, at: number): Uint8Array {
  const blocks: number[] = []
  const block = (bytes: Uint8Array, final: boolean): void => {
    const n = bytes.length
    blocks.push(final ? 1 : 0, n & 0xff, n >> 8, ~n & 0xff, (~n >> 8) & 0xff, ...bytes)
  }
  for (let from = 0; from < at; from += 0xffff) {
    block(text.subarray(from, Math.min(at, from + 0xffff)), false)
  }
  block(text.subarray(at), true)
  return Uint8Array.from(blocks)
}

function streamUnzipFails(data: Uint8Array): boolean {
  let failed = false
  const unzip = new Unzip((entry) => {
    entry.ondata = (err) => {
      if (err) failed = true
    }
    entry.start()
  })
  unzip.register(UnzipInflate)
  try {
    unzip.push(data, true)
  } catch {
    failed = true
  }
  return failed
}

describe('a backup whose compressed data holds the bytes of a zip header', () => {
  it('restores: the zip is read through its central directory, not by looking for headers', async () => {
    const db = new ArchiveDb(`backup-signature-${Math.random()}`)
    await db.open()
    await db.savedSearches.put({
      id: 'talks',
      name: 'Talks with PK',
      query: 'PK',
      mode: 'paragraph',
      createdAt: 1,
    })
    const made = await createBackup(db, APP)
    const entries = unzipSync(await bytesOf(made.data))
    let text = strFromU8(entries['archive.json']!)
    const quote = text.lastIndexOf('PK"') + 2
    expect(quote).toBeGreaterThan(2)
    // Spaces after the string's closing quote (JSON allows them) make the rest 2 (mod 256) bytes.
    const rest = strToU8(text.slice(quote)).length
    text = `${text.slice(0, quote + 1)}${' '.repeat((258 - (rest % 256)) % 256)}${text.slice(quote + 1)}`
    const archive = strToU8(text)
    const at = strToU8(text.slice(0, quote)).length
    expect(archive.length - at).toBeLessThan(0x10000)
    const compressed = storedDeflate(archive, at)
    expect(compressed.join(',')).toContain([0x50, 0x4b, 0x01, 0x02].join(','))

    const manifest = parseManifest(strFromU8(entries['manifest.json']!))
    manifest.archive.bytes = archive.length
    manifest.archive.sha256 = await sha256OfStream(new Blob([archive as BlobPart]).stream())
    const parts: Uint8Array[] = []
    const zip = new Zip((err, chunk) => {
      if (err) throw err
      parts.push(chunk)
    })
    const manifestEntry = new ZipDeflate('manifest.json')
    zip.add(manifestEntry)
    manifestEntry.push(strToU8(JSON.stringify(manifest)), true)
    const archiveEntry = new Deflated('archive.json', compressed)
    zip.add(archiveEntry)
    archiveEntry.push(archive, true)
    zip.end()
    const file = new Blob(parts as BlobPart[])
    const bytes = await bytesOf(file)

    // A valid zip (read whole, through its directory) that a header-searching reader misreads.
    expect(strFromU8(unzipSync(bytes)['archive.json']!)).toBe(text)
    expect(streamUnzipFails(bytes)).toBe(true)

    const name = `backup-signature-restored-${Math.random()}`
    await restoreInto(await checkBackup(file), name)
    const restored = new ArchiveDb(name)
    await restored.open()
    expect(await restored.savedSearches.get('talks')).toMatchObject({ name: 'Talks with PK' })
    expect(await tableChecksums(restored)).toEqual(await tableChecksums(db))
    restored.close()
    db.close()
  })
})

describe('values too large for the restore JSON reader in one piece', () => {
  it('are written in pieces and restored whole, with the same table sums', async () => {
    const db = new ArchiveDb(`backup-large-${Math.random()}`)
    await db.open()
    // Larger than the 10 MB of text the reader takes in one value, as a common word's postings
    // row is at 100,000 releases.
    const bytes = new Uint8Array(9 * 1024 * 1024).map((_, i) => (i * 31) % 251)
    const text = 'Шанхайская организация сотрудничества. '.repeat(300_000)
    await db.settings.put({ key: 'large', value: { bytes, text, small: 'x' } })
    const backup = await createBackup(db, APP)
    const name = `backup-large-restored-${Math.random()}`
    await restoreInto(await checkBackup(backup.data), name)
    const restored = new ArchiveDb(name)
    await restored.open()
    const row = (await restored.settings.get('large'))?.value as {
      bytes: Uint8Array
      text: string
      small: string
    }
    expect(row.text).toBe(text)
    expect(row.small).toBe('x')
    expect(row.bytes).toBeInstanceOf(Uint8Array)
    expect(Buffer.from(row.bytes).equals(Buffer.from(bytes))).toBe(true)
    expect(await tableChecksums(restored)).toEqual(await tableChecksums(db))
    restored.close()
    db.close()
  })

  it('leave the rows they are read from as they were', () => {
    const row = { id: 1, text: 'y'.repeat(3 * 1024 * 1024), list: ['a'] }
    const split = splitLarge(row) as Record<string, unknown>
    expect(row.text.length).toBe(3 * 1024 * 1024)
    expect(split.list).toBe(row.list)
    expect(joinLarge(split)).toEqual(row)
  })
})

describe('an automatic backup', () => {
  it('gives way to a write started while it reads: it stops, and the write goes ahead', async () => {
    const db = await makeArchive(`backup-give-way-${Math.random()}`)
    const reads = db.writesStarted
    await db.releases.count()
    await tableChecksums(db)
    expect(db.writesStarted).toBe(reads)

    const writes = db.writesStarted
    let write: Promise<unknown> | null = null
    const backup = createBackup(db, APP, {
      shouldStop: () => db.writesStarted !== writes,
      onProgress: (progress) => {
        // Once the export has read its first rows, the researcher saves a search.
        if (progress.stage === 'reading' && progress.done > 0 && !write) {
          write = db.savedSearches.put({
            id: 'during',
            name: 'Saved during a backup',
            query: 'terrorism',
            mode: 'release',
            createdAt: 2,
          })
        }
      },
    })
    await expect(backup).rejects.toBeInstanceOf(BackupStopped)
    expect(write).not.toBeNull()
    await write
    expect(db.writesStarted).toBe(writes + 1)
    expect(await db.savedSearches.get('during')).toMatchObject({ name: 'Saved during a backup' })

    // With nothing written meanwhile, the same backup runs to the end.
    const quiet = db.writesStarted
    const made = await createBackup(db, APP, { shouldStop: () => db.writesStarted !== quiet })
    expect(made.manifest.tables.savedSearches?.rows).toBe(1)
    db.close()
  })
})
