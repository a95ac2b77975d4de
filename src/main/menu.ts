/**
 * The application menu: the platform's standard menus (built from Electron's roles, so labels,
 * shortcuts and translations are the system's own) plus the app's commands. A command does
 * nothing in the shell itself: it is sent to the page, which opens the same picker or settings
 * panel as its own buttons do, so there is one code path per action.
 *
 * Settings sit in the app menu on macOS (Communiqué → Settings…, as every Mac app has them) and
 * in the File menu elsewhere.
 */
import type { MenuItemConstructorOptions } from 'electron'
import type { MenuCommand } from '../shared/ipc/contract'

export type MenuOptions = {
  appName: string
  platform: NodeJS.Platform
  /** Packaged builds have no developer tools or reload in the menu. */
  isPackaged: boolean
  /** Sends a command to the app's window. */
  send: (command: MenuCommand) => void
}

export const MENU_LABELS = {
  importFiles: 'Import Files…',
  importFolder: 'Import Folder…',
  undo: 'Undo',
  redo: 'Redo',
  settings: 'Settings…',
} as const

export function appMenuTemplate(opts: MenuOptions): MenuItemConstructorOptions[] {
  const isMac = opts.platform === 'darwin'
  const command = (
    label: string,
    accelerator: string,
    name: MenuCommand,
  ): MenuItemConstructorOptions => ({ label, accelerator, click: () => opts.send(name) })
  const settings = command(MENU_LABELS.settings, 'CmdOrCtrl+,', 'open-settings')
  const separator: MenuItemConstructorOptions = { type: 'separator' }

  const macAppMenu: MenuItemConstructorOptions = {
    label: opts.appName,
    submenu: [
      { role: 'about' },
      separator,
      settings,
      separator,
      { role: 'services' },
      separator,
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      separator,
      { role: 'quit' },
    ],
  }

  const fileMenu: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      command(MENU_LABELS.importFiles, 'CmdOrCtrl+O', 'import-files'),
      command(MENU_LABELS.importFolder, 'CmdOrCtrl+Shift+O', 'import-folder'),
      ...(isMac ? [] : [separator, settings]),
      separator,
      isMac ? { role: 'close' } : { role: 'quit' },
    ],
  }

  const developer: MenuItemConstructorOptions[] = opts.isPackaged
    ? []
    : [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, separator]
  const viewMenu: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      ...developer,
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      separator,
      { role: 'togglefullscreen' },
    ],
  }

  // Undo and Redo step the archive's history (tags, annotations, corrections), or the text
  // field's typing when one has the focus: the page decides, so they are commands, not roles.
  const editMenu: MenuItemConstructorOptions = {
    label: 'Edit',
    submenu: [
      command(MENU_LABELS.undo, 'CmdOrCtrl+Z', 'undo'),
      command(MENU_LABELS.redo, 'CmdOrCtrl+Shift+Z', 'redo'),
      separator,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      ...(isMac ? [{ role: 'pasteAndMatchStyle' } as const] : []),
      { role: 'delete' },
      separator,
      { role: 'selectAll' },
    ],
  }

  return [...(isMac ? [macAppMenu] : []), fileMenu, editMenu, viewMenu, { role: 'windowMenu' }]
}

/** Electron's Menu class, as far as installing the menu goes. */
export interface MenuLike<M> {
  buildFromTemplate(template: MenuItemConstructorOptions[]): M
  setApplicationMenu(menu: M | null): void
}

export function installAppMenu<M>(menu: MenuLike<M>, opts: MenuOptions): void {
  menu.setApplicationMenu(menu.buildFromTemplate(appMenuTemplate(opts)))
}
