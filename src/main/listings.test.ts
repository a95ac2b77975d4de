import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { IncomingFile } from '../shared/ipc/contract'
import { ChannelError } from './ipc'
import { LISTING_ENDED, ListingStore } from './listings'
import { walkPaths } from './walk'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'communique-listings-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const text = (file: IncomingFile | undefined): string =>
  !file
    ? 'missing'
    : 'bytes' in file
      ? new TextDecoder().decode(file.bytes)
      : `error: ${file.error}`

async function folderOf(count: number): Promise<string> {
  const folder = join(dir, 'inbox')
  await mkdir(folder, { recursive: true })
  for (let n = 1; n <= count; n++) await writeFile(join(folder, `${n}.txt`), `release ${n}`)
  return folder
}

describe('ListingStore', () => {
  it('tells the renderer names, sizes and problems, never the paths', async () => {
    const store = new ListingStore()
    const listing = store.add(await walkPaths([await folderOf(2), join(dir, 'gone')]))

    expect(listing.id).toMatch(/^[A-Za-z0-9_-]{16,64}$/)
    expect(listing.files).toEqual([
      { name: 'inbox/1.txt', size: 9 },
      { name: 'inbox/2.txt', size: 9 },
    ])
    expect(listing.problems).toEqual([{ name: 'gone', error: 'could not be read (not found)' }])
    expect(JSON.stringify(listing)).not.toContain(dir)
  })

  it('gives every listing its own unguessable id', async () => {
    const store = new ListingStore()
    const walk = await walkPaths([await folderOf(1)])
    const ids = new Set(Array.from({ length: 5 }, () => store.add(walk).id))
    expect(ids.size).toBe(5)
  })

  it('reads a slice of a listing in listing order, named as listed', async () => {
    const store = new ListingStore()
    const { id } = store.add(await walkPaths([await folderOf(12)]))

    const slice = await store.read(id, 9, 5)

    expect(slice.map((f) => f.name)).toEqual(['inbox/10.txt', 'inbox/11.txt', 'inbox/12.txt'])
    expect(slice.map(text)).toEqual(['release 10', 'release 11', 'release 12'])
    expect(await store.read(id, 12, 5)).toEqual([])
  })

  it('reports files that changed since the walk, one by one', async () => {
    const folder = await folderOf(3)
    const store = new ListingStore({ maxBytes: 100 })
    const { id } = store.add(await walkPaths([folder]))
    await rm(join(folder, '1.txt'))
    await writeFile(join(folder, '2.txt'), 'x'.repeat(500))

    const files = await store.read(id, 0, 3)

    expect(text(files[0])).toMatch(/^error: unreadable: .*ENOENT/)
    expect(files[1]).toEqual({ name: 'inbox/2.txt', error: 'too large: 0.0 MB' })
    expect(text(files[2])).toBe('release 3')
  })

  it('refuses an id it does not know, or no longer knows, as a mistake to correct', async () => {
    const store = new ListingStore()
    const { id } = store.add(await walkPaths([await folderOf(1)]))
    store.close(id)
    store.close(id)

    const reading = store.read(id, 0, 1)
    await expect(reading).rejects.toBeInstanceOf(ChannelError)
    await expect(reading).rejects.toMatchObject({
      code: 'invalid-argument',
      message: LISTING_ENDED,
    })
  })

  it('keeps only the newest listings, forgetting the oldest first', async () => {
    const store = new ListingStore({ maxOpen: 3 })
    const walk = await walkPaths([await folderOf(1)])
    const ids = [1, 2, 3, 4].map(() => store.add(walk).id)

    expect(store.size).toBe(3)
    expect(ids.map((id) => store.has(id))).toEqual([false, true, true, true])
    await expect(store.read(ids[0] as string, 0, 1)).rejects.toThrow(LISTING_ENDED)
    expect(text((await store.read(ids[3] as string, 0, 1))[0])).toBe('release 1')
  })
})
