/**
 * The application menu: the platform's standard menus (built from Electron's roles, so labels,
 * shortcuts and translations are the system's own) plus the app's commands. A command does
 * nothing in the shell itself: it is sent to the page, which opens the same picker or settings
 * panel as its own buttons do, so there is one code path per action.
 *
 * Settings sit in the app menu on macOS (Communiqué → Settings…, as every Mac app has them) and
 * in the File menu elsewhere. Likewise About: the system's own panel on macOS, a message box
 * with the name and version elsewhere.
 *
 * The Help menu's items act in the shell itself (the page has nothing to do with the data or
 * logs folders), through `actions`.
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
  /** What the Help menu does in the shell. */
  actions: MenuActions
}

export type MenuActions = {
  /** Shows the app's name and version (not used on macOS, which has its own About panel). */
  showAbout(): void
  openDataFolder(): void
  openLogs(): void
}

export const MENU_LABELS = {
  importFiles: 'Import Files…',
  importFolder: 'Import Folder…',
  watchFolder: 'Watch Folder…',
  export: 'Export…',
  backUp: 'Back Up Now',
  restore: 'Restore…',
  verify: 'Verify Archive',
  undo: 'Undo',
  redo: 'Redo',
  settings: 'Settings…',
  about: 'About Communiqué',
  openDataFolder: 'Open Data Folder',
  openLogs: 'Open Logs',
} as const

export function appMenuTemplate(opts: MenuOptions): MenuItemConstructorOptions[] {
  const isMac = opts.platform === 'darwin'
  const command = (
    label: string,
    accelerator: string | undefined,
    name: MenuCommand,
  ): MenuItemConstructorOptions => ({
    label,
    ...(accelerator ? { accelerator } : {}),
    click: () => opts.send(name),
  })
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
      command(MENU_LABELS.watchFolder, undefined, 'watch-folder'),
      command(MENU_LABELS.export, 'CmdOrCtrl+E', 'export'),
      separator,
      // B for backup: no clash with Edit's shortcuts or the page's own (Ctrl+F, Ctrl+K).
      command(MENU_LABELS.backUp, 'CmdOrCtrl+B', 'back-up'),
      command(MENU_LABELS.restore, undefined, 'restore'),
      command(MENU_LABELS.verify, undefined, 'verify-archive'),
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

  const helpMenu: MenuItemConstructorOptions = {
    label: 'Help',
    role: 'help',
    submenu: [
      ...(isMac
        ? []
        : [{ label: MENU_LABELS.about, click: () => opts.actions.showAbout() }, separator]),
      { label: MENU_LABELS.openDataFolder, click: () => opts.actions.openDataFolder() },
      { label: MENU_LABELS.openLogs, click: () => opts.actions.openLogs() },
    ],
  }

  return [
    ...(isMac ? [macAppMenu] : []),
    fileMenu,
    editMenu,
    viewMenu,
    { role: 'windowMenu' },
    helpMenu,
  ]
}

/** Electron's Menu class, as far as installing the menu goes. */
export interface MenuLike<M> {
  buildFromTemplate(template: MenuItemConstructorOptions[]): M
  setApplicationMenu(menu: M | null): void
}

export function installAppMenu<M>(menu: MenuLike<M>, opts: MenuOptions): void {
  menu.setApplicationMenu(menu.buildFromTemplate(appMenuTemplate(opts)))
}
