import { describe, expect, it, vi } from 'vitest'
import { CHANNELS, type DesktopApi } from '../shared/ipc/contract'

const electron = await vi.hoisted(async () => {
  const { createFakeElectron } = await import('../main/test/fake-electron')
  return createFakeElectron()
})
vi.mock('electron', () => electron)

await import('./index')

describe('preload', () => {
  const exposed = electron.contextBridge.exposed

  it('exposes one API, as window.communique, exactly once', () => {
    expect(exposed).toHaveLength(1)
    expect(exposed[0]?.key).toBe('communique')
  })

  it('exposes only functions, one per action of the contract', () => {
    const api = exposed[0]?.api as Record<string, unknown>
    expect(Object.keys(api).sort()).toEqual(Object.keys(CHANNELS).sort())
    for (const value of Object.values(api)) expect(typeof value).toBe('function')
  })

  it('has each function invoke its own channel with no extra arguments', async () => {
    const api = exposed[0]?.api as DesktopApi & Record<string, (...args: unknown[]) => unknown>
    const invocations = electron.ipcRenderer.invocations

    for (const [action, channel] of Object.entries(CHANNELS)) {
      invocations.length = 0
      // Arguments a page might pass must not reach the main process.
      const reply = await (api[action] as (...args: unknown[]) => Promise<unknown>)('/etc/passwd')
      expect(invocations).toEqual([[channel]])
      expect(reply).toEqual({ ok: true, value: `reply to ${channel}` })
    }
  })
})
