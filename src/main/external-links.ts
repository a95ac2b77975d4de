/**
 * Links out of the app. The app itself never shows a web page: a link to one (in a release's
 * text, say) is refused, and the user is asked whether to open it in their own browser. Only
 * http and https are ever offered; anything else is refused without a question.
 */
import type { BaseWindow, MessageBoxOptions } from 'electron'
import type { Logger } from './log'

type MessageBoxResult = { response: number }

export interface MessageBoxDialog {
  showMessageBox(window: BaseWindow, options: MessageBoxOptions): Promise<MessageBoxResult>
  showMessageBox(options: MessageBoxOptions): Promise<MessageBoxResult>
}

export interface ExternalShell {
  openExternal(url: string): Promise<void>
}

export type ExternalLinkDeps = {
  dialog: MessageBoxDialog
  shell: ExternalShell
  getWindow: () => BaseWindow | null
  log: Logger
}

/** Longer URLs are refused: no link in a press release is this long. */
export const MAX_EXTERNAL_URL_LENGTH = 8192

export const OPEN_BUTTON = 'Open'
export const CANCEL_BUTTON = 'Cancel'

/**
 * The URL to show and open, normalised, or null when it must not be offered at all: not http
 * or https, too long, or carrying a user name or password (`https://bank.example@evil.example`
 * reads like one site and goes to another).
 */
export function offerableUrl(url: string): string | null {
  if (typeof url !== 'string' || url.length > MAX_EXTERNAL_URL_LENGTH) return null
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return null
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null
  if (parsed.username !== '' || parsed.password !== '') return null
  return parsed.href
}

/**
 * Returns the function that asks "Open <url> in your browser?" and opens it if the user says
 * so; it resolves to whether the URL was opened. One question at a time: a page that fires many
 * window.open calls gets one question, and the rest are refused.
 */
export function createExternalLinkOpener(
  deps: ExternalLinkDeps,
): (url: string) => Promise<boolean> {
  let asking = false
  return async (url) => {
    const href = offerableUrl(url)
    if (href === null) {
      deps.log.warn(`[links] refused to open ${String(url).slice(0, 200)}`)
      return false
    }
    if (asking) {
      deps.log.warn(`[links] refused ${href}: a question about another link is open`)
      return false
    }
    asking = true
    try {
      const options: MessageBoxOptions = {
        type: 'question',
        message: `Open ${href} in your browser?`,
        detail: 'Communiqué never opens web pages itself.',
        buttons: [OPEN_BUTTON, CANCEL_BUTTON],
        defaultId: 0,
        cancelId: 1,
        noLink: true,
      }
      const window = deps.getWindow()
      const { response } = window
        ? await deps.dialog.showMessageBox(window, options)
        : await deps.dialog.showMessageBox(options)
      if (response !== 0) return false
      await deps.shell.openExternal(href)
      deps.log.info(`[links] opened ${href} in the browser`)
      return true
    } catch (err) {
      deps.log.error(`[links] could not open ${href}:`, err)
      return false
    } finally {
      asking = false
    }
  }
}
