import { existsSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createDesktopActions } from './desktop-actions'
import { MemoryLogger } from './log'
import { FakeApp, FakeDialog, FakeShell } from './test/fake-electron'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'communique-actions-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

function actions() {
  const app = new FakeApp()
  app.version = '2.3.4'
  app.setPath('userData', join(dir, 'profile'))
  app.setPath('logs', join(dir, 'profile', 'logs'))
  const shell = new FakeShell()
  const dialog = new FakeDialog()
  const log = new MemoryLogger()
  const window = { id: 1 }
  const run = createDesktopActions({
    appName: 'Communiqué',
    app,
    shell,
    dialog,
    log,
    getWindow: () => window as never,
  })
  return { run, shell, dialog, log, window }
}

describe('the Help menu actions', () => {
  it('shows the name and version in the About box', async () => {
    const { run, dialog, window } = actions()
    await run.showAbout()
    expect(dialog.messageBoxes).toHaveLength(1)
    expect(dialog.messageBoxes[0]?.window).toBe(window)
    expect(dialog.messageBoxes[0]?.options).toMatchObject({
      title: 'About Communiqué',
      message: 'Communiqué',
      detail: expect.stringContaining('Version 2.3.4'),
    })
  })

  it('opens the data folder and the logs folder, creating the logs folder if need be', async () => {
    const { run, shell, dialog } = actions()
    await run.openDataFolder()
    await run.openLogs()
    expect(shell.openedPaths).toEqual([join(dir, 'profile'), join(dir, 'profile', 'logs')])
    expect(existsSync(join(dir, 'profile', 'logs'))).toBe(true)
    expect(dialog.messageBoxes).toEqual([])
  })

  it('says so, and logs it, when a folder cannot be opened', async () => {
    const { run, shell, dialog, log } = actions()
    shell.openPathResult = 'No application is registered for folders'
    await run.openDataFolder()
    expect(dialog.messageBoxes[0]?.options).toMatchObject({
      type: 'error',
      message: 'The data folder could not be opened.',
      detail: expect.stringContaining('No application is registered for folders'),
    })
    expect(log.lines()[0]).toContain(
      `[menu] could not open the data folder ${join(dir, 'profile')}`,
    )
  })

  it('says so when the logs folder cannot even be made', async () => {
    const { run, dialog, shell } = actions()
    await writeFile(join(dir, 'profile'), 'a file where the profile folder should be')
    await run.openLogs()
    expect(shell.openedPaths).toEqual([])
    expect(dialog.messageBoxes[0]?.options.message).toBe('The logs folder could not be opened.')
  })
})
