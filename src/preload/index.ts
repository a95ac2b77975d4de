/**
 * The renderer's only door to the desktop: one function per action, each a bare invoke of its
 * channel. The renderer never sees ipcRenderer, an IPC event or a channel name, so a compromised
 * page can ask for exactly these actions and nothing else. Bundled to CommonJS for the sandbox,
 * which is why it imports nothing but electron and the contract.
 */
import { contextBridge, ipcRenderer } from 'electron'
import { CHANNELS, type DesktopApi } from '../shared/ipc/contract'

const api = {
  pickFiles: () => ipcRenderer.invoke(CHANNELS.pickFiles),
  loadSamples: () => ipcRenderer.invoke(CHANNELS.loadSamples),
  appInfo: () => ipcRenderer.invoke(CHANNELS.appInfo),
} satisfies DesktopApi

contextBridge.exposeInMainWorld('communique', api)
