/**
 * The app's own scheme, app://communique/, from which the window loads the built renderer
 * (out/renderer) instead of from file://.
 *
 * A page on file:// shares its origin with every file on the disk and gets privileges no web
 * page has; a page on a standard, secure scheme gets an origin of its own, the web's same-origin
 * rules, and nothing else. The handler serves files from one folder only, refusing anything that
 * could lead out of it, and sends the app's Content-Security-Policy with every response (the
 * session's header listener is not relied on for a custom scheme).
 *
 * The archive is an IndexedDB database, and IndexedDB is kept per origin: moving the page from
 * file:// to app://communique starts an empty archive. That is acceptable only because no
 * version of the desktop app that loaded from file:// was ever released; changing APP_SCHEME or
 * APP_HOST after a release would hide every user's archive and needs a migration.
 */
import { readFile, realpath, stat } from 'node:fs/promises'
import { extname, isAbsolute, join, relative, resolve } from 'node:path'
import { CONTENT_SECURITY_POLICY } from '../shared/security/csp'

/** Changing either after a release needs a migration: see the header comment. */
export const APP_SCHEME = 'app'
export const APP_HOST = 'communique'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`

/**
 * For protocol.registerSchemesAsPrivileged, before the app is ready. Standard: real origins,
 * relative URLs and storage (IndexedDB) as on the web. Secure: a secure context, like https.
 * supportFetchAPI: the page may fetch its own files. Deliberately not corsEnabled (which would
 * let other origins read it), not bypassCSP, no service workers.
 */
export const APP_SCHEME_PRIVILEGES = [
  {
    scheme: APP_SCHEME,
    privileges: { standard: true, secure: true, supportFetchAPI: true },
  },
] as const

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
}

/** The Content-Type for a file name; unknown types are served as bytes, never sniffed. */
export function mimeType(path: string): string {
  return MIME_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream'
}

/**
 * The file a request's path names inside `root`, or null when the path is not acceptable:
 * a segment that is '.' or '..' (also when percent-encoded), an encoded slash or backslash,
 * a NUL, a drive letter or anything else that could name a file outside the folder.
 */
export function resolveInside(root: string, pathname: string): string | null {
  if (!pathname.startsWith('/')) return null
  const segments: string[] = []
  for (const raw of pathname.slice(1).split('/')) {
    let segment: string
    try {
      segment = decodeURIComponent(raw)
    } catch {
      return null
    }
    if (segment === '') continue
    if (segment === '.' || segment === '..') return null
    if (/[\\/\0:]/.test(segment)) return null
    segments.push(segment)
  }
  if (segments.length === 0) segments.push('index.html')
  const base = resolve(root)
  const file = resolve(base, ...segments)
  const inside = relative(base, file)
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return null
  return file
}

type ProtocolOptions = {
  /** Reports a request that was refused or failed; the page only sees the status. */
  onRefused?: (url: string, status: number, reason: string) => void
}

/**
 * The handler for protocol.handle(APP_SCHEME, ...): serves the files under `root` at
 * app://communique/, GET and HEAD only.
 */
export function createAppProtocolHandler(
  root: string,
  opts: ProtocolOptions = {},
): (request: Request) => Promise<Response> {
  const base = resolve(root)
  // The folder's real path, resolved once: a file is served only if its own real path is
  // inside it, so a link inside the folder cannot lead out of it.
  let realBase: Promise<string> | null = null

  const refuse = (url: string, status: number, reason: string): Response => {
    opts.onRefused?.(url, status, reason)
    return new Response(null, { status, headers: baseHeaders('text/plain; charset=utf-8') })
  }

  return async (request) => {
    let url: URL
    try {
      url = new URL(request.url)
    } catch {
      return refuse(request.url, 400, 'not a URL')
    }
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) {
      return refuse(request.url, 404, 'not the app’s own host')
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return refuse(request.url, 405, `method ${request.method}`)
    }
    // A standard scheme's URL always has a path; WHATWG parsing leaves it empty for the origin.
    const file = resolveInside(base, url.pathname || '/')
    if (file === null) return refuse(request.url, 400, 'a path that leads outside the app')
    try {
      realBase ??= realpath(base)
      const real = await realpath(file)
      const inside = relative(await realBase, real)
      if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) {
        return refuse(request.url, 404, 'a link that leads outside the app')
      }
      const info = await stat(real)
      if (!info.isFile()) return refuse(request.url, 404, 'not a file')
      const headers = baseHeaders(mimeType(file))
      if (request.method === 'HEAD') {
        headers.set('Content-Length', String(info.size))
        return new Response(null, { status: 200, headers })
      }
      const body = await readFile(real)
      return new Response(new Uint8Array(body), { status: 200, headers })
    } catch (err) {
      const code = (err as { code?: unknown } | null)?.code
      if (code === 'ENOENT' || code === 'ENOTDIR') return refuse(request.url, 404, 'not found')
      return refuse(request.url, 500, err instanceof Error ? err.message : String(err))
    }
  }
}

function baseHeaders(contentType: string): Headers {
  return new Headers({
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    // The files change only when the app is updated; a stale cached copy would mix versions.
    'Cache-Control': 'no-cache',
  })
}

/** The folder the built renderer is in, next to the built main process (out/main). */
export function rendererRoot(mainDir: string): string {
  return join(mainDir, '..', 'renderer')
}
