/**
 * The layer rules in eslint.config.mjs, exercised: each forbidden import is
 * linted as if it sat in the folder it is forbidden from, and must be
 * reported; the allowed ones must not be.
 */
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const eslint = new ESLint({ cwd: new URL('..', import.meta.url).pathname })

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath })
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports')
    .map((m) => m.message)
}

describe('layer boundaries', () => {
  it.each([
    ['src/shared/release/example.ts', "import { app } from 'electron'", 'no electron'],
    [
      'src/shared/release/example.ts',
      "import { readFileSync } from 'node:fs'",
      'no Node built-ins',
    ],
    ['src/shared/release/example.ts', "import path from 'path'", 'no Node built-ins'],
    ['src/shared/release/example.ts', "import { useState } from 'react'", 'no React'],
    ['src/shared/release/example.ts', "import Dexie from 'dexie'", 'no Dexie'],
    [
      'src/shared/release/example.ts',
      "import { ArchiveDb } from '../../renderer/src/db/archive-db'",
      'no imports from main',
    ],
    ['src/renderer/src/x.ts', "import { ipcRenderer } from 'electron'", 'do not import electron'],
    ['src/renderer/src/x.ts', "import { readFile } from 'node:fs/promises'", 'do not import Node'],
    [
      'src/renderer/src/x.ts',
      "import { registerIpcHandlers } from '../../main/ipc'",
      'main or preload',
    ],
    ['src/main/example.ts', "import { createRoot } from 'react-dom/client'", 'no React'],
    ['src/main/example.ts', "import Dexie from 'dexie'", 'no Dexie'],
  ])('%s rejects `%s`', async (filePath, code, reason) => {
    const messages = await restrictedImports(filePath, `${code}\n`)
    expect(messages).toHaveLength(1)
    expect(messages[0]).toContain(reason)
  })

  it('src/preload rejects anything but electron and the IPC contract', async () => {
    const messages = await restrictedImports('src/preload/example.ts', "import fs from 'node:fs'\n")
    expect(messages).toHaveLength(1)
    expect(messages[0]).toContain('src/preload imports only electron and ../shared/ipc/contract.')
    expect(
      await restrictedImports(
        'src/preload/example.ts',
        "import { contextBridge } from 'electron'\nimport { CHANNELS } from '../shared/ipc/contract'\n",
      ),
    ).toEqual([])
  })

  it('allows each layer its own kind of import', async () => {
    expect(
      await restrictedImports(
        'src/shared/release/example.ts',
        "import { parseRelease } from './parse-release'\n",
      ),
    ).toEqual([])
    expect(
      await restrictedImports(
        'src/renderer/src/example.ts',
        "import Dexie from 'dexie'\nimport { CHANNELS } from '../../shared/ipc/contract'\n",
      ),
    ).toEqual([])
    expect(
      await restrictedImports(
        'src/main/example.ts',
        "import { app } from 'electron'\nimport { readFile } from 'node:fs/promises'\n",
      ),
    ).toEqual([])
  })
})
