import type { MenuItemConstructorOptions } from 'electron'
import { describe, expect, it } from 'vitest'
import type { MenuCommand } from '../shared/ipc/contract'
import { appMenuTemplate, installAppMenu, MENU_LABELS, type MenuOptions } from './menu'
import { FakeMenu } from './test/fake-electron'

function menuFor(overrides: Partial<MenuOptions> = {}) {
  const sent: MenuCommand[] = []
  const done: string[] = []
  const template = appMenuTemplate({
    appName: 'Communiqué',
    platform: 'linux',
    isPackaged: true,
    send: (command) => sent.push(command),
    actions: {
      showAbout: () => done.push('about'),
      openDataFolder: () => done.push('data'),
      openLogs: () => done.push('logs'),
    },
    ...overrides,
  })
  return { template, sent, done }
}

const NO_ACTIONS = { showAbout() {}, openDataFolder() {}, openLogs() {} }

const submenu = (item: MenuItemConstructorOptions | undefined): MenuItemConstructorOptions[] =>
  Array.isArray(item?.submenu) ? item.submenu : []

const byLabel = (template: MenuItemConstructorOptions[], label: string) =>
  template.find((item) => item.label === label)

/** Every item of the menu, at any depth. */
function allItems(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...allItems(submenu(item))])
}

/** Clicks an item as Electron would, with the arguments a click handler receives. */
function click(item: MenuItemConstructorOptions | undefined): void {
  ;(item?.click as ((...args: unknown[]) => void) | undefined)?.({}, undefined, {})
}

describe('the app menu', () => {
  it('has File, Edit, View, Window and Help menus, the standard ones built from roles', () => {
    const { template } = menuFor()
    expect(template.map((item) => item.label ?? item.role)).toEqual([
      'File',
      'Edit',
      'View',
      'windowMenu',
      'Help',
    ])
  })

  it('sends Undo and Redo to the page, which steps the archive or the text field; the rest are roles', () => {
    const { template, sent } = menuFor()
    const edit = submenu(byLabel(template, 'Edit'))
    const commands = edit.filter((item) => item.label)
    expect(commands.map((item) => [item.label, item.accelerator])).toEqual([
      ['Undo', 'CmdOrCtrl+Z'],
      ['Redo', 'CmdOrCtrl+Shift+Z'],
    ])
    for (const item of commands) click(item)
    expect(sent).toEqual(['undo', 'redo'])
    expect(edit.map((item) => item.role).filter(Boolean)).toEqual([
      'cut',
      'copy',
      'paste',
      'delete',
      'selectAll',
    ])
  })

  it('offers imports, export, backups and settings in File, with their shortcuts, sending commands', () => {
    const { template, sent } = menuFor()
    const file = submenu(byLabel(template, 'File'))

    expect(file.map((item) => item.label ?? item.type ?? item.role)).toEqual([
      'Import Files…',
      'Import Folder…',
      'Watch Folder…',
      'Export…',
      'separator',
      'Back Up Now',
      'Restore…',
      'Verify Archive',
      'separator',
      'Settings…',
      'separator',
      'quit',
    ])
    const commands = file.filter((item) => item.label)
    expect(commands.map((item) => [item.label, item.accelerator])).toEqual([
      ['Import Files…', 'CmdOrCtrl+O'],
      ['Import Folder…', 'CmdOrCtrl+Shift+O'],
      ['Watch Folder…', undefined],
      ['Export…', 'CmdOrCtrl+E'],
      ['Back Up Now', 'CmdOrCtrl+B'],
      ['Restore…', undefined],
      ['Verify Archive', undefined],
      ['Settings…', 'CmdOrCtrl+,'],
    ])
    for (const item of commands) click(item)
    expect(sent).toEqual([
      'import-files',
      'import-folder',
      'watch-folder',
      'export',
      'back-up',
      'restore',
      'verify-archive',
      'open-settings',
    ])
  })

  it('gives no two items the same shortcut', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      const shortcuts = allItems(menuFor({ platform }).template)
        .map((item) => item.accelerator)
        .filter(Boolean)
      expect(new Set(shortcuts).size, platform).toBe(shortcuts.length)
    }
  })

  it('has About, Open Data Folder and Open Logs in Help, done by the shell', () => {
    const { template, sent, done } = menuFor()
    const help = byLabel(template, 'Help')
    expect(help?.role).toBe('help')
    const items = submenu(help).filter((item) => item.label)
    expect(items.map((item) => item.label)).toEqual([
      'About Communiqué',
      'Open Data Folder',
      'Open Logs',
    ])
    for (const item of items) click(item)
    expect(done).toEqual(['about', 'data', 'logs'])
    expect(sent).toEqual([])
  })

  it('on macOS, starts with the app menu, which has Settings…', () => {
    const { template, sent } = menuFor({ platform: 'darwin' })
    expect(template[0]?.label).toBe('Communiqué')
    const appMenu = submenu(template[0])
    expect(appMenu.map((item) => item.role).filter(Boolean)).toEqual([
      'about',
      'services',
      'hide',
      'hideOthers',
      'unhide',
      'quit',
    ])
    click(appMenu.find((item) => item.label === MENU_LABELS.settings))
    expect(sent).toEqual(['open-settings'])

    const file = submenu(byLabel(template, 'File'))
    expect(file.map((item) => item.label).filter(Boolean)).not.toContain('Settings…')
    expect(file.at(-1)?.role).toBe('close')

    // About is the system's own panel, in the app menu; Help keeps the folders.
    const help = submenu(byLabel(template, 'Help'))
    expect(help.map((item) => item.label)).toEqual(['Open Data Folder', 'Open Logs'])
  })

  it('has developer tools and reload only when not packaged', () => {
    const roles = (isPackaged: boolean) =>
      allItems(menuFor({ isPackaged }).template).map((item) => item.role)
    expect(roles(true)).not.toContain('toggleDevTools')
    expect(roles(true)).not.toContain('reload')
    expect(roles(true)).toContain('zoomIn')
    expect(roles(false)).toContain('toggleDevTools')
    expect(roles(false)).toContain('reload')
  })

  it('is installed as the application menu', () => {
    const menu = new FakeMenu()
    const sent: MenuCommand[] = []
    installAppMenu(menu, {
      appName: 'Communiqué',
      platform: 'win32',
      isPackaged: true,
      send: (command) => sent.push(command),
      actions: NO_ACTIONS,
    })
    const file = submenu(byLabel(menu.applicationMenu?.template ?? [], 'File'))
    click(file.find((item) => item.label === MENU_LABELS.importFolder))
    expect(sent).toEqual(['import-folder'])
  })
})
