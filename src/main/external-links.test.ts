import { describe, expect, it } from 'vitest'
import { createExternalLinkOpener, offerableUrl } from './external-links'
import { MemoryLogger } from './log'
import { FakeDialog, FakeShell } from './test/fake-electron'

const WINDOW = { id: 1 }

function opener(response: number) {
  const dialog = new FakeDialog()
  dialog.messageBoxResponse = response
  const shell = new FakeShell()
  const log = new MemoryLogger()
  const open = createExternalLinkOpener({
    dialog,
    shell,
    log,
    getWindow: () => WINDOW as never,
  })
  return { dialog, shell, log, open }
}

describe('createExternalLinkOpener', () => {
  it('asks before opening a web page in the browser, and opens it on Open', async () => {
    const { dialog, shell, open } = opener(0)
    expect(await open('https://example.com/statement?id=1')).toBe(true)
    expect(dialog.messageBoxes).toHaveLength(1)
    expect(dialog.messageBoxes[0]?.window).toBe(WINDOW)
    expect(dialog.messageBoxes[0]?.options).toMatchObject({
      message: 'Open https://example.com/statement?id=1 in your browser?',
      buttons: ['Open', 'Cancel'],
      cancelId: 1,
    })
    expect(shell.openedExternal).toEqual(['https://example.com/statement?id=1'])
  })

  it('opens nothing when the user cancels', async () => {
    const { shell, open } = opener(1)
    expect(await open('https://example.com/')).toBe(false)
    expect(shell.openedExternal).toEqual([])
  })

  it('refuses any other scheme without asking', async () => {
    const { dialog, shell, log, open } = opener(0)
    for (const url of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://server/share',
      'mailto:a@example.com',
      'ms-settings:',
      'not a url',
    ]) {
      expect(await open(url), url).toBe(false)
    }
    expect(dialog.messageBoxes).toEqual([])
    expect(shell.openedExternal).toEqual([])
    expect(log.lines().every((line) => line.startsWith('warn [links] refused'))).toBe(true)
  })

  it('asks one question at a time, refusing links that come meanwhile', async () => {
    const { dialog, shell, open } = opener(0)
    const first = open('https://example.com/1')
    const second = open('https://example.com/2')
    expect(await Promise.all([first, second])).toEqual([true, false])
    expect(dialog.messageBoxes).toHaveLength(1)
    expect(shell.openedExternal).toEqual(['https://example.com/1'])
    expect(await open('https://example.com/3')).toBe(true)
  })
})

describe('offerableUrl', () => {
  it('normalises web URLs and refuses credentials and absurd lengths', () => {
    expect(offerableUrl('HTTPS://Example.COM/a b')).toBe('https://example.com/a%20b')
    expect(offerableUrl('https://bank.example@evil.example/')).toBeNull()
    expect(offerableUrl(`https://example.com/${'a'.repeat(9000)}`)).toBeNull()
  })
})
