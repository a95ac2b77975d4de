import type { DesktopApi, Reply } from '../../../shared/ipc/contract'
import { HostError, type Host } from './host'

/** Unwraps the bridge's reply envelope: a value, or a HostError with the shell's message. */
export function unwrap<T>(reply: Reply<T>): T {
  if (reply.ok) return reply.value
  throw new HostError(reply.error.message, reply.error.code)
}

export function createElectronHost(api: DesktopApi): Host {
  return {
    pickFiles: async () => unwrap(await api.pickFiles()),
    loadSamples: async () => unwrap(await api.loadSamples()),
    appInfo: async () => unwrap(await api.appInfo()),
  }
}
