/**
 * What the Help menu does in the shell: the About box (outside macOS, whose own panel is used),
 * and opening the data and logs folders in the system's file manager.
 */
import { mkdir } from 'node:fs/promises'
import type { BaseWindow } from 'electron'
import type { MessageBoxDialog } from './external-links'
import type { Logger } from './log'
import type { MenuActions } from './menu'

export type DesktopActionDeps = {
  appName: string
  app: { getVersion(): string; getPath(name: 'userData' | 'logs'): string }
  shell: { openPath(path: string): Promise<string> }
  dialog: MessageBoxDialog
  getWindow: () => BaseWindow | null
  log: Logger
}

/** The menu's actions, each returning a promise that settles when it is done (for tests). */
export function createDesktopActions(deps: DesktopActionDeps): {
  [K in keyof MenuActions]: () => Promise<void>
} {
  const messageBox = async (options: Parameters<MessageBoxDialog['showMessageBox']>[0]) => {
    const window = deps.getWindow()
    await (window
      ? deps.dialog.showMessageBox(window, options)
      : deps.dialog.showMessageBox(options))
  }

  const openFolder = async (folder: string, what: string): Promise<void> => {
    try {
      // The logs folder exists only once something was logged; an empty one still opens.
      await mkdir(folder, { recursive: true })
      // openPath answers with an error message, or '' when the folder was opened.
      const problem = await deps.shell.openPath(folder)
      if (problem === '') return
      throw new Error(problem)
    } catch (err) {
      deps.log.error(`[menu] could not open the ${what} ${folder}:`, err)
      await messageBox({
        type: 'error',
        message: `The ${what} could not be opened.`,
        detail: `It is ${folder}.\n\n${err instanceof Error ? err.message : String(err)}`,
        buttons: ['OK'],
      }).catch(() => {})
    }
  }

  return {
    showAbout: async () => {
      await messageBox({
        type: 'info',
        title: `About ${deps.appName}`,
        message: deps.appName,
        detail: `Version ${deps.app.getVersion()}\n\nAn offline archive of press releases.`,
        buttons: ['OK'],
      }).catch((err: unknown) => deps.log.error('[menu] the About box failed:', err))
    },
    openDataFolder: () => openFolder(deps.app.getPath('userData'), 'data folder'),
    openLogs: () => openFolder(deps.app.getPath('logs'), 'logs folder'),
  }
}
