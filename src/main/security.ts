/**
 * Hardening for every page and session of the app. The app shows untrusted text (imported
 * releases), so the renderer gets no permissions, cannot navigate away from the app's own page,
 * cannot open windows and cannot embed guests. Each function takes the Electron object it
 * configures, so tests can hand it a fake.
 *
 * The parameter types are the narrow slices of Electron's API these functions use; Electron's
 * own Session and WebContents satisfy them.
 */
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { CONTENT_SECURITY_POLICY } from '../shared/security/csp'

type ResponseHeaders = Record<string, string | string[]>

export type HeadersListener = (
  details: { responseHeaders?: Record<string, string[]> },
  callback: (response: { responseHeaders?: ResponseHeaders }) => void,
) => void

export interface CspSession {
  webRequest: { onHeadersReceived(listener: HeadersListener): void }
}

export interface PermissionSession {
  setPermissionRequestHandler(
    handler: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void,
  ): void
  setPermissionCheckHandler(handler: (contents: unknown, permission: string) => boolean): void
}

type PreventableEvent = { preventDefault(): void }
type NavigationEvent = PreventableEvent & { url: string }

export interface LockableContents {
  on(event: 'will-navigate', listener: (event: NavigationEvent) => void): unknown
  on(event: 'will-redirect', listener: (event: NavigationEvent) => void): unknown
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void
}

const CSP_HEADER = 'Content-Security-Policy'

/**
 * Sends the app's policy with every response. A policy already present (from a dev server, say)
 * is replaced, not merged: two policies would both apply and the stricter would win per
 * directive, which is hard to reason about.
 */
export function installContentSecurityPolicy(session: CspSession): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers: ResponseHeaders = {}
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      if (name.toLowerCase() !== CSP_HEADER.toLowerCase()) headers[name] = value
    }
    headers[CSP_HEADER] = [CONTENT_SECURITY_POLICY]
    callback({ responseHeaders: headers })
  })
}

/** Nothing the app does needs a camera, notifications, geolocation or the like. */
export function denyAllPermissions(session: PermissionSession): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
}

export function lockDownWebContents(
  contents: LockableContents,
  isAppUrl: (url: string) => boolean,
): void {
  const keepOnAppPage = (event: NavigationEvent): void => {
    if (!isAppUrl(event.url)) event.preventDefault()
  }
  contents.on('will-navigate', keepOnAppPage)
  contents.on('will-redirect', keepOnAppPage)
  contents.setWindowOpenHandler(() => ({ action: 'deny' }))
  contents.on('will-attach-webview', (event) => event.preventDefault())
}

/**
 * Builds the test for "this URL is the app's own page". In development that is any page of the
 * electron-vite dev server (same origin); packaged, it is exactly the renderer's index.html on
 * disk, whatever its query or hash. Used for navigation and for trusting IPC senders.
 */
export function appUrlMatcher(where: {
  rendererUrl?: string
  rendererFile: string
}): (url: string) => boolean {
  if (where.rendererUrl) {
    const origin = new URL(where.rendererUrl).origin
    return (url) => parse(url)?.origin === origin
  }
  const page = normalisePath(resolve(where.rendererFile))
  return (url) => {
    const parsed = parse(url)
    if (parsed?.protocol !== 'file:' || parsed.host !== '') return false
    try {
      return normalisePath(fileURLToPath(parsed)) === page
    } catch {
      return false
    }
  }
}

function parse(url: string): URL | null {
  try {
    return new URL(url)
  } catch {
    return null
  }
}

// Windows paths compare case-insensitively; elsewhere case matters.
function normalisePath(path: string): string {
  return process.platform === 'win32' ? path.toLowerCase() : path
}
