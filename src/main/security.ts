/**
 * Hardening for every page and session of the app. The app shows untrusted text (imported
 * releases), so the renderer gets no permissions, cannot navigate away from the app's own page,
 * cannot open windows and cannot embed guests. Each function takes the Electron object it
 * configures, so tests can hand it a fake.
 *
 * The parameter types are the narrow slices of Electron's API these functions use; Electron's
 * own Session and WebContents satisfy them.
 */
import { CONTENT_SECURITY_POLICY } from '../shared/security/csp'
import { APP_HOST, APP_SCHEME } from './app-protocol'

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

export type BeforeRequestListener = (
  details: { url: string },
  callback: (response: { cancel?: boolean }) => void,
) => void

export interface RequestSession {
  webRequest: { onBeforeRequest(listener: BeforeRequestListener): void }
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

/**
 * Keeps every page on the app. A navigation or window.open to anywhere else is refused; when it
 * is to a web page (http or https), `offerExternal` may ask the user whether to open it in their
 * browser instead. Any other scheme (file:, javascript:, a custom handler) is simply refused.
 */
export function lockDownWebContents(
  contents: LockableContents,
  isAppUrl: (url: string) => boolean,
  offerExternal?: (url: string) => void,
): void {
  const keepOnAppPage = (event: NavigationEvent): void => {
    if (isAppUrl(event.url)) return
    event.preventDefault()
    if (offerExternal && isWebUrl(event.url)) offerExternal(event.url)
  }
  contents.on('will-navigate', keepOnAppPage)
  // A redirect is never the user's choice of link, so it is refused without a question.
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault()
  })
  contents.setWindowOpenHandler(({ url }) => {
    if (offerExternal && isWebUrl(url)) offerExternal(url)
    return { action: 'deny' }
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
}

/** True for an http or https URL: the only kind the user is ever offered to open elsewhere. */
export function isWebUrl(url: string): boolean {
  const parsed = parse(url)
  return parsed?.protocol === 'http:' || parsed?.protocol === 'https:'
}

/**
 * The test for "this URL is the app's own page": app://communique/ with any path, query or hash,
 * and, in an unpackaged app run by `electron-vite dev`, any page of the dev server's origin.
 * Used for navigation and for trusting IPC senders.
 */
export function appUrlMatcher(where: { devServerUrl?: string } = {}): (url: string) => boolean {
  const devOrigin = where.devServerUrl ? new URL(where.devServerUrl).origin : null
  return (url) => {
    const parsed = parse(url)
    if (!parsed) return false
    if (devOrigin !== null && parsed.origin === devOrigin) return true
    return (
      parsed.protocol === `${APP_SCHEME}:` &&
      parsed.host === APP_HOST &&
      parsed.username === '' &&
      parsed.password === ''
    )
  }
}

// Schemes that reach outside the app: the network, or the disk as file://.
const REMOTE_SCHEMES = new Set(['http:', 'https:', 'ws:', 'wss:', 'ftp:', 'file:'])

/**
 * No remote content: every request of the session to the network or to file:// is cancelled,
 * except, in development, to the dev server (its pages, and its websocket for hot reload). The
 * CSP says the same to the page; this says it to the browser process, for requests the CSP
 * does not govern.
 */
export function blockRemoteRequests(
  session: RequestSession,
  where: { devServerUrl?: string } = {},
): void {
  const dev = where.devServerUrl ? new URL(where.devServerUrl) : null
  session.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedRequest(details.url, dev) })
  })
}

function isAllowedRequest(url: string, dev: URL | null): boolean {
  const parsed = parse(url)
  if (!parsed) return false
  if (!REMOTE_SCHEMES.has(parsed.protocol)) return true
  if (!dev || parsed.host !== dev.host) return false
  const secure = dev.protocol === 'https:'
  return parsed.protocol === dev.protocol || parsed.protocol === (secure ? 'wss:' : 'ws:')
}

function parse(url: string): URL | null {
  try {
    return new URL(url)
  } catch {
    return null
  }
}
