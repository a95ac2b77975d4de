import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { IncomingFile } from '../shared/ipc/contract'
import { listSampleFiles, readFileAs, readIncomingFiles } from './files'

// Pass-through spy, to see which files were actually read into memory.
const readFile = vi.hoisted(() => ({ calls: [] as unknown[] }))
vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs/promises')>()
  return {
    ...fs,
    readFile: (...args: Parameters<typeof fs.readFile>) => {
      readFile.calls.push(args[0])
      return fs.readFile(...args)
    },
  }
})

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'communique-files-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const text = (file: IncomingFile): string =>
  'bytes' in file ? new TextDecoder().decode(file.bytes) : `error: ${file.error}`

describe('readIncomingFiles', () => {
  it('reads each file into bytes named by its base name, with its modification time', async () => {
    const first = join(dir, 'first.txt')
    const second = join(dir, 'Второй релиз.txt')
    await writeFile(first, 'Ministry of Foreign Affairs')
    await writeFile(second, 'Пресс-релиз')
    await utimes(first, new Date('2024-03-01T10:00:00Z'), new Date('2024-03-01T10:00:00Z'))

    const files = await readIncomingFiles([first, second])

    expect(files.map((f) => f.name)).toEqual(['first.txt', 'Второй релиз.txt'])
    expect(files.map(text)).toEqual(['Ministry of Foreign Affairs', 'Пресс-релиз'])
    expect(files[0]).toMatchObject({ lastModified: Date.parse('2024-03-01T10:00:00Z') })
    expect(files[0] && 'bytes' in files[0] && files[0].bytes).toBeInstanceOf(Uint8Array)
  })

  it('reports a directory, a missing file and an oversized file by name, in order', async () => {
    const good = join(dir, 'good.txt')
    const big = join(dir, 'big.txt')
    const folder = join(dir, 'folder.txt')
    await writeFile(good, 'short')
    await writeFile(big, 'x'.repeat(2048))
    await mkdir(folder)

    const files = await readIncomingFiles([folder, join(dir, 'gone.txt'), big, good], {
      maxBytes: 1024,
    })

    expect(files).toHaveLength(4)
    expect(files[0]).toEqual({ name: 'folder.txt', error: 'not a file' })
    expect(files[1]).toMatchObject({
      name: 'gone.txt',
      error: expect.stringMatching(/^unreadable: .*ENOENT/),
    })
    expect(files[2]).toEqual({
      name: 'big.txt',
      error: expect.stringMatching(/^too large: [\d.]+ MB$/),
    })
    expect(files[2]).not.toHaveProperty('bytes')
    expect(readFile.calls).not.toContain(big)
    expect(readFile.calls).toContain(good)
    expect(text(files[3] as IncomingFile)).toBe('short')
  })

  it('accepts a file exactly at the size limit', async () => {
    const edge = join(dir, 'edge.txt')
    await writeFile(edge, 'x'.repeat(1024))
    const [file] = await readIncomingFiles([edge], { maxBytes: 1024 })
    expect(file && 'bytes' in file && file.bytes.byteLength).toBe(1024)
  })

  it('states the size of an oversized file in megabytes', async () => {
    const big = join(dir, 'big.txt')
    await writeFile(big, Buffer.alloc(3 * 1024 * 1024))
    const [file] = await readIncomingFiles([big], { maxBytes: 1024 * 1024 })
    expect(file).toEqual({ name: 'big.txt', error: 'too large: 3.0 MB' })
  })

  it('reads at most maxFiles paths and names the rest as skipped', async () => {
    const paths: string[] = []
    for (const n of [1, 2, 3, 4, 5]) {
      paths.push(join(dir, `${n}.txt`))
      await writeFile(join(dir, `${n}.txt`), `release ${n}`)
    }

    const files = await readIncomingFiles(paths, { maxFiles: 3 })

    expect(files.map(text)).toEqual([
      'release 1',
      'release 2',
      'release 3',
      'error: skipped: more than 3 files in one import',
      'error: skipped: more than 3 files in one import',
    ])
    expect(files.map((f) => f.name)).toEqual(['1.txt', '2.txt', '3.txt', '4.txt', '5.txt'])
  })

  it('returns nothing for no paths', async () => {
    expect(await readIncomingFiles([])).toEqual([])
  })
})

describe('readFileAs', () => {
  it('names the file as the listing does, whatever its base name', async () => {
    const path = join(dir, 'statement.txt')
    await writeFile(path, 'Statement')
    expect(text(await readFileAs(path, 'inbox/2024/statement.txt'))).toBe('Statement')
    expect(await readFileAs(dir, 'inbox')).toEqual({ name: 'inbox', error: 'not a file' })
  })
})

describe('listSampleFiles', () => {
  it('lists the text, Markdown and HTML files but no README, sorted by name', async () => {
    await writeFile(join(dir, 'b.txt'), 'b')
    await writeFile(join(dir, 'a.txt'), 'a')
    await writeFile(join(dir, 'C.TXT'), 'c')
    await writeFile(join(dir, 'd.md'), 'd')
    await writeFile(join(dir, 'e.html'), 'e')
    await writeFile(join(dir, 'f.htm'), 'f')
    await writeFile(join(dir, 'README.md'), 'about the samples')
    await writeFile(join(dir, 'cover.png'), 'not a release')
    await mkdir(join(dir, 'folder.txt'))

    expect(await listSampleFiles(dir)).toEqual([
      join(dir, 'C.TXT'),
      join(dir, 'a.txt'),
      join(dir, 'b.txt'),
      join(dir, 'd.md'),
      join(dir, 'e.html'),
      join(dir, 'f.htm'),
    ])
  })

  it('fails for a missing folder', async () => {
    await expect(listSampleFiles(join(dir, 'nope'))).rejects.toThrow(/ENOENT/)
  })
})
