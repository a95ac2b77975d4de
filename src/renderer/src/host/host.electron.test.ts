import { describe, expect, it } from 'vitest'
import { fail, ok, type DesktopApi } from '../../../shared/ipc/contract'
import { HostError } from './host'
import { createElectronHost } from './host.electron'

const sample = { name: 'a.txt', bytes: new Uint8Array([65]) }

function fakeApi(overrides: Partial<DesktopApi>): DesktopApi {
  return {
    pickFiles: async () => ok([]),
    loadSamples: async () => ok([sample]),
    appInfo: async () => ok({ name: 'Communiqué', version: '0.1.0', platform: 'linux' }),
    ...overrides,
  }
}

describe('the desktop host', () => {
  it('hands components the value inside a successful reply', async () => {
    const host = createElectronHost(fakeApi({}))
    expect(await host.loadSamples()).toEqual([sample])
    expect(await host.pickFiles()).toEqual([])
  })

  it("turns a failed reply into a HostError carrying the shell's message and code", async () => {
    const host = createElectronHost(
      fakeApi({
        pickFiles: async () => fail('forbidden', 'This request did not come from the app.'),
      }),
    )
    const error = await host.pickFiles().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(HostError)
    expect(error).toMatchObject({
      message: 'This request did not come from the app.',
      code: 'forbidden',
    })
  })
})
