import type { DesktopApi } from '../../../shared/ipc/contract'
import { createElectronHost } from './host.electron'
import { createWebHost } from './host.web'
import type { Host } from './host'

declare global {
  interface Window {
    /** Set by the desktop app's preload script; absent in a browser. */
    communique?: DesktopApi
  }
}

/** The one place that decides which host the app runs on. */
export function detectHost(): Host {
  return window.communique ? createElectronHost(window.communique) : createWebHost()
}

export type { Host } from './host'
export { HostError } from './host'
