import { readdirSync, existsSync } from 'node:fs'
import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { compareNames, nameUnder, walkPaths } from './walk'

// Folders whose reading fails as a permission error would, for machines where tests run as
// root (who can read a folder with no permissions at all).
const refused = vi.hoisted(() => new Set<string>())
vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs/promises')>()
  return {
    ...fs,
    readdir: ((path: string, ...rest: unknown[]) => {
      if (refused.has(String(path))) {
        return Promise.reject(
          Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' }),
        )
      }
      return (fs.readdir as (...args: unknown[]) => unknown)(path, ...rest)
    }) as typeof fs.readdir,
  }
})

const CORPUS = join(__dirname, '../../../shared/corpus')

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'communique-walk-'))
})
afterEach(async () => {
  refused.clear()
  await rm(dir, { recursive: true, force: true })
})

async function put(path: string, text = 'release'): Promise<string> {
  const full = join(dir, path)
  await mkdir(join(full, '..'), { recursive: true })
  await writeFile(full, text)
  return full
}

describe('walkPaths', () => {
  it('lists a folder recursively, named from the folder, in natural name order', async () => {
    await put('inbox/page10.txt')
    await put('inbox/page2.txt')
    await put('inbox/b/statement.md', 'longer release')
    await put('inbox/a.html')
    await put('inbox/C.txt')
    await put('inbox/minutes.pdf')

    const walk = await walkPaths([join(dir, 'inbox')])

    expect(walk.files.map((f) => f.name)).toEqual([
      'inbox/a.html',
      'inbox/b/statement.md',
      'inbox/C.txt',
      'inbox/minutes.pdf',
      'inbox/page2.txt',
      'inbox/page10.txt',
    ])
    expect(walk.files[1]).toEqual({
      name: 'inbox/b/statement.md',
      path: join(dir, 'inbox', 'b', 'statement.md'),
      size: 14,
    })
    expect(walk.label).toBe('inbox')
    expect(walk.problems).toEqual([])
  })

  it('leaves out hidden files and folders', async () => {
    await put('inbox/.DS_Store')
    await put('inbox/.git/HEAD')
    await put('inbox/sub/.hidden.txt')
    await put('inbox/sub/shown.txt')

    const walk = await walkPaths([join(dir, 'inbox')])

    expect(walk.files.map((f) => f.name)).toEqual(['inbox/sub/shown.txt'])
  })

  it('lists links to files but does not follow links to folders, which could loop', async () => {
    const target = await put('elsewhere/target.txt', 'linked release')
    await put('inbox/real.txt')
    await symlink(target, join(dir, 'inbox', 'link.txt'))
    // A link back up the tree: following it would never end.
    await symlink(join(dir, 'inbox'), join(dir, 'inbox', 'loop'), 'dir')

    const walk = await walkPaths([join(dir, 'inbox')])

    expect(walk.files.map((f) => [f.name, f.size])).toEqual([
      ['inbox/link.txt', 14],
      ['inbox/real.txt', 7],
    ])
    expect(walk.problems).toEqual([
      { name: 'inbox/loop', error: 'a link to a folder, not followed' },
    ])
  })

  it('names a folder it cannot read as a problem and lists the rest', async () => {
    await put('inbox/locked/secret.txt')
    await put('inbox/open.txt')
    refused.add(join(dir, 'inbox', 'locked'))

    const walk = await walkPaths([join(dir, 'inbox')])

    expect(walk.files.map((f) => f.name)).toEqual(['inbox/open.txt'])
    expect(walk.problems).toEqual([
      { name: 'inbox/locked', error: 'this folder could not be read (permission denied)' },
    ])
  })

  it.skipIf(process.platform === 'win32' || process.getuid?.() === 0)(
    'names a folder without read permission as a problem',
    async () => {
      await put('inbox/locked/secret.txt')
      await put('inbox/open.txt')
      await chmod(join(dir, 'inbox', 'locked'), 0o000)
      try {
        const walk = await walkPaths([join(dir, 'inbox')])
        expect(walk.files.map((f) => f.name)).toEqual(['inbox/open.txt'])
        expect(walk.problems).toEqual([
          { name: 'inbox/locked', error: 'this folder could not be read (permission denied)' },
        ])
      } finally {
        await chmod(join(dir, 'inbox', 'locked'), 0o755)
      }
    },
  )

  it('walks several chosen items in the order given, each named from its own parent', async () => {
    const file = await put('a/loose.txt')
    await put('b/folder/one.txt')

    const walk = await walkPaths([join(dir, 'b', 'folder'), file, join(dir, 'missing.txt')])

    expect(walk.files.map((f) => f.name)).toEqual(['folder/one.txt', 'loose.txt'])
    expect(walk.problems).toEqual([{ name: 'missing.txt', error: 'could not be read (not found)' }])
    expect(walk.label).toBe('1 folder and 2 files')
  })

  it.skipIf(!existsSync('/dev/null'))(
    'reports a chosen item that is neither file nor folder',
    async () => {
      const walk = await walkPaths(['/dev/null'])
      expect(walk.files).toEqual([])
      expect(walk.problems).toEqual([{ name: 'null', error: 'not a file or a folder' }])
    },
  )

  it('lists at most maxFiles files and says how many more were left out', async () => {
    for (const n of [1, 2, 3, 4, 5]) await put(`inbox/${n}.txt`)

    const walk = await walkPaths([join(dir, 'inbox')], { maxFiles: 3 })

    expect(walk.files.map((f) => f.name)).toEqual(['inbox/1.txt', 'inbox/2.txt', 'inbox/3.txt'])
    expect(walk.problems).toEqual([
      {
        name: 'inbox',
        error: '2 more files were left out: at most 3 files are imported at once',
      },
    ])
  })

  it('gives the same listing however many file-system calls run at once', async () => {
    for (const n of [3, 1, 2]) await put(`inbox/d${n}/f${n}.txt`)
    await put('inbox/top.txt')
    const one = await walkPaths([join(dir, 'inbox')], { concurrency: 1 })
    const many = await walkPaths([join(dir, 'inbox')], { concurrency: 64 })
    expect(many).toEqual(one)
    expect(one.files.map((f) => f.name)).toEqual([
      'inbox/d1/f1.txt',
      'inbox/d2/f2.txt',
      'inbox/d3/f3.txt',
      'inbox/top.txt',
    ])
  })

  it('can leave out files not changed since a given time', async () => {
    await put('inbox/old.txt')
    const after = Date.now() + 60_000
    expect((await walkPaths([join(dir, 'inbox')], { changedSince: after })).files).toEqual([])
    expect((await walkPaths([join(dir, 'inbox')], { changedSince: 0 })).files).toHaveLength(1)
  })

  it('names changed paths under a base folder as a walk of that folder would', async () => {
    const file = await put('inbox/sub/new.txt')
    const walk = await walkPaths([file], { base: join(dir, 'inbox') })
    expect(walk.files.map((f) => f.name)).toEqual(['inbox/sub/new.txt'])
  })

  it.skipIf(!existsSync(CORPUS))(
    'walks the whole test corpus, every file once, named from the corpus folder',
    async () => {
      const expected = countVisibleFiles(CORPUS)
      const started = performance.now()
      const walk = await walkPaths([CORPUS])
      const elapsed = performance.now() - started
      console.info(`walked ${walk.files.length} corpus files in ${Math.round(elapsed)} ms`)

      expect(walk.files).toHaveLength(expected)
      expect(walk.problems).toEqual([])
      expect(new Set(walk.files.map((f) => f.name)).size).toBe(expected)
      expect(walk.files.map((f) => f.name)).toContain('corpus/sco/000_5b5391892682d1ae.txt')
      for (const file of walk.files) {
        expect(file.name).toMatch(/^corpus\/[^/]+(\/[^/]+)*$/)
        expect(file.size).toBeGreaterThanOrEqual(0)
      }
      // Listing order is name order within each folder, folders expanded where they sort.
      const folders = walk.files.map((f) => f.name.split('/')[1] ?? '')
      expect(folders).toEqual([...folders].sort(compareNames))
    },
  )
})

describe('nameUnder', () => {
  it("names a path from the chosen folder's own name, with '/' separators", () => {
    expect(nameUnder(join(dir, 'bad'), join(dir, 'bad', 'sub', 'empty.txt'))).toBe(
      'bad/sub/empty.txt',
    )
  })
})

function countVisibleFiles(folder: string): number {
  let count = 0
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue
    if (entry.isDirectory()) count += countVisibleFiles(join(folder, entry.name))
    else if (entry.isFile()) count++
  }
  return count
}
