import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { configureAppLog, ELECTRON_LOG_CHANNEL } from './app-log'
import { FakeElectronLog, FakeIpcMain } from './test/fake-electron'

describe('configureAppLog', () => {
  it("writes to main.log in the app's logs folder and catches uncaught errors quietly", () => {
    const electronLog = new FakeElectronLog()
    const log = configureAppLog(electronLog, {
      logsFolder: '/home/r/.config/Communiqué/logs',
      ipcMain: new FakeIpcMain(),
    })
    expect(electronLog.transports.file.resolvePathFn?.()).toBe(
      join('/home/r/.config/Communiqué/logs', 'main.log'),
    )
    expect(electronLog.transports.file.level).toBe('info')
    expect(electronLog.catching).toEqual({ showDialog: false })
    log.warn('[ipc] archive:pickFiles refused')
    expect(electronLog.entries).toEqual([
      { level: 'warn', params: ['[ipc] archive:pickFiles refused'] },
    ])
  })

  it("removes electron-log's own renderer channel, which checks no sender", () => {
    const ipcMain = new FakeIpcMain()
    ipcMain.handle(ELECTRON_LOG_CHANNEL, () => ({}))
    ipcMain.on(ELECTRON_LOG_CHANNEL, () => {})
    ipcMain.handle('archive:appInfo', () => ({}))
    configureAppLog(new FakeElectronLog(), { logsFolder: '/logs', ipcMain })
    expect([...ipcMain.handlers.keys()]).toEqual(['archive:appInfo'])
    expect(ipcMain.listenerCount(ELECTRON_LOG_CHANNEL)).toBe(0)
  })
})
