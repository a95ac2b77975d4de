import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { CONTENT_SECURITY_POLICY } from '../shared/security/csp'
import {
  appUrlMatcher,
  blockRemoteRequests,
  denyAllPermissions,
  installContentSecurityPolicy,
  isWebUrl,
  lockDownWebContents,
} from './security'
import { FakeSession, FakeWebContents } from './test/fake-electron'

const RENDERER_FILE = '/opt/communique/out/renderer/index.html'
const APP_URL = 'app://communique/index.html'

function cspValues(headers: Record<string, string | string[]> | undefined): string[] {
  return Object.entries(headers ?? {})
    .filter(([name]) => name.toLowerCase() === 'content-security-policy')
    .flatMap(([, value]) => (Array.isArray(value) ? value : [value]))
}

describe('installContentSecurityPolicy', () => {
  it('adds the app policy to a response that had none, keeping its other headers', async () => {
    const session = new FakeSession()
    installContentSecurityPolicy(session)

    const headers = await session.respond({ 'Content-Type': ['text/html'] })

    expect(cspValues(headers)).toEqual([CONTENT_SECURITY_POLICY])
    expect(headers?.['Content-Type']).toEqual(['text/html'])
  })

  it('replaces a policy the server sent, whatever the header case', async () => {
    const session = new FakeSession()
    installContentSecurityPolicy(session)

    const headers = await session.respond({
      'content-security-policy': ["default-src * 'unsafe-inline' 'unsafe-eval'"],
      'CONTENT-SECURITY-POLICY': ['script-src *'],
    })

    expect(cspValues(headers)).toEqual([CONTENT_SECURITY_POLICY])
  })

  it('sends a policy that forbids remote and inline script', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'")
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'")
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline')
  })
})

describe('denyAllPermissions', () => {
  it('refuses every permission request and check', async () => {
    const session = new FakeSession()
    denyAllPermissions(session)

    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read']) {
      expect(await session.requestPermission(permission)).toBe(false)
      expect(session.checkPermission(permission)).toBe(false)
    }
  })
})

describe('lockDownWebContents', () => {
  const locked = (offered: string[] = []): FakeWebContents => {
    const contents = new FakeWebContents()
    lockDownWebContents(contents, appUrlMatcher(), (url) => offered.push(url))
    return contents
  }

  it('keeps the page from navigating to an external URL', () => {
    const contents = locked()
    expect(contents.navigate('https://example.com/phish')).toBe(false)
    expect(contents.navigate('file:///etc/passwd')).toBe(false)
    expect(contents.navigate(pathToFileURL(RENDERER_FILE).href)).toBe(false)
  })

  it("lets the page navigate within the app's own page", () => {
    const contents = locked()
    expect(contents.navigate(APP_URL)).toBe(true)
    expect(contents.navigate(`${APP_URL}#/library`)).toBe(true)
  })

  it('offers a web link to the browser instead, and nothing else', () => {
    const offered: string[] = []
    const contents = locked(offered)
    contents.navigate('https://example.com/a')
    contents.navigate('http://example.org/')
    contents.navigate('file:///etc/passwd')
    contents.navigate('javascript:alert(1)')
    contents.navigate('mailto:someone@example.com')
    contents.navigate(APP_URL)
    expect(offered).toEqual(['https://example.com/a', 'http://example.org/'])
  })

  it('stops a redirect away from the app, without offering it', () => {
    const offered: string[] = []
    const contents = locked(offered)
    expect(contents.navigate('https://example.com/', 'will-redirect')).toBe(false)
    expect(contents.navigate(APP_URL, 'will-redirect')).toBe(true)
    expect(offered).toEqual([])
  })

  it('denies window.open, offering web links to the browser', () => {
    const offered: string[] = []
    const contents = locked(offered)
    expect(contents.openWindow('https://example.com/')).toEqual({ action: 'deny' })
    expect(contents.openWindow(APP_URL)).toEqual({ action: 'deny' })
    expect(contents.openWindow('ftp://example.com/')).toEqual({ action: 'deny' })
    expect(offered).toEqual(['https://example.com/'])
  })

  it('refuses to attach a webview', () => {
    expect(locked().attachWebview()).toBe(false)
  })

  it('changes nothing on an unlocked page (the fake does not prevent by itself)', () => {
    const contents = new FakeWebContents()
    expect(contents.navigate('https://example.com/')).toBe(true)
    expect(contents.openWindow('https://example.com/')).toEqual({ action: 'allow' })
    expect(contents.attachWebview()).toBe(true)
  })
})

describe('appUrlMatcher', () => {
  it('accepts app://communique/ and nothing else when there is no dev server', () => {
    const isAppUrl = appUrlMatcher()
    expect(isAppUrl(APP_URL)).toBe(true)
    expect(isAppUrl(`${APP_URL}?view=compare#/release/3`)).toBe(true)
    expect(isAppUrl('app://communique/assets/index.js')).toBe(true)
    expect(isAppUrl('app://evil.example/index.html')).toBe(false)
    expect(isAppUrl('app://communique.evil/index.html')).toBe(false)
    expect(isAppUrl('app://user@communique/index.html')).toBe(false)
    expect(isAppUrl('app://communique:8080/index.html')).toBe(false)
    expect(isAppUrl('apps://communique/index.html')).toBe(false)
    expect(isAppUrl(pathToFileURL(RENDERER_FILE).href)).toBe(false)
    expect(isAppUrl('http://localhost:5173/')).toBe(false)
    expect(isAppUrl('https://example.com/index.html')).toBe(false)
    expect(isAppUrl('not a url')).toBe(false)
    expect(isAppUrl('')).toBe(false)
  })

  it('also accepts the dev server origin, and only it, in development', () => {
    const isAppUrl = appUrlMatcher({ devServerUrl: 'http://localhost:5173' })
    expect(isAppUrl('http://localhost:5173/')).toBe(true)
    expect(isAppUrl('http://localhost:5173/src/main.tsx')).toBe(true)
    expect(isAppUrl('http://localhost:5174/')).toBe(false)
    expect(isAppUrl('https://localhost:5173/')).toBe(false)
    expect(isAppUrl(APP_URL)).toBe(true)
  })
})

describe('isWebUrl', () => {
  it('is true for http and https only', () => {
    expect(isWebUrl('https://example.com/')).toBe(true)
    expect(isWebUrl('http://example.com/')).toBe(true)
    expect(isWebUrl('file:///etc/passwd')).toBe(false)
    expect(isWebUrl('javascript:alert(1)')).toBe(false)
    expect(isWebUrl('nonsense')).toBe(false)
  })
})

describe('blockRemoteRequests', () => {
  it('cancels every request to the network or to file://, and lets the app load', async () => {
    const session = new FakeSession()
    blockRemoteRequests(session)
    for (const url of [
      'https://example.com/tracker.png',
      'http://127.0.0.1:8080/',
      'wss://example.com/socket',
      'ftp://example.com/file',
      'file:///etc/passwd',
      'http://localhost:5173/',
    ]) {
      expect(await session.request(url), url).toBe(false)
    }
    for (const url of [
      APP_URL,
      'app://communique/assets/x.js',
      'data:text/plain,hi',
      'blob:app://communique/1',
    ]) {
      expect(await session.request(url), url).toBe(true)
    }
  })

  it('lets the dev server and its hot-reload socket through in development', async () => {
    const session = new FakeSession()
    blockRemoteRequests(session, { devServerUrl: 'http://localhost:5173' })
    expect(await session.request('http://localhost:5173/src/main.tsx')).toBe(true)
    expect(await session.request('ws://localhost:5173/')).toBe(true)
    expect(await session.request('http://localhost:5174/')).toBe(false)
    expect(await session.request('https://example.com/')).toBe(false)
  })
})
