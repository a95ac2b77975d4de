import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { CONTENT_SECURITY_POLICY } from '../shared/security/csp'
import {
  appUrlMatcher,
  denyAllPermissions,
  installContentSecurityPolicy,
  lockDownWebContents,
} from './security'
import { FakeSession, FakeWebContents } from './test/fake-electron'

const RENDERER_FILE = '/opt/communique/out/renderer/index.html'
const APP_URL = pathToFileURL(RENDERER_FILE).href

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
  const locked = (): FakeWebContents => {
    const contents = new FakeWebContents()
    lockDownWebContents(contents, appUrlMatcher({ rendererFile: RENDERER_FILE }))
    return contents
  }

  it('keeps the page from navigating to an external URL', () => {
    const contents = locked()
    expect(contents.navigate('https://example.com/phish')).toBe(false)
    expect(contents.navigate('file:///etc/passwd')).toBe(false)
  })

  it("lets the page navigate within the app's own page", () => {
    const contents = locked()
    expect(contents.navigate(APP_URL)).toBe(true)
    expect(contents.navigate(`${APP_URL}#/library`)).toBe(true)
  })

  it('stops a redirect away from the app', () => {
    const contents = locked()
    expect(contents.navigate('https://example.com/', 'will-redirect')).toBe(false)
    expect(contents.navigate(APP_URL, 'will-redirect')).toBe(true)
  })

  it('denies window.open', () => {
    expect(locked().openWindow('https://example.com/')).toEqual({ action: 'deny' })
    expect(locked().openWindow(APP_URL)).toEqual({ action: 'deny' })
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
  it("accepts only the built renderer's index.html when loaded from disk", () => {
    const isAppUrl = appUrlMatcher({ rendererFile: RENDERER_FILE })
    expect(isAppUrl(APP_URL)).toBe(true)
    expect(isAppUrl(`${APP_URL}?view=compare#/release/3`)).toBe(true)
    expect(isAppUrl(pathToFileURL('/opt/communique/out/renderer/other.html').href)).toBe(false)
    expect(isAppUrl(pathToFileURL('/home/me/Downloads/index.html').href)).toBe(false)
    expect(isAppUrl('file://evil.example/opt/communique/out/renderer/index.html')).toBe(false)
    expect(isAppUrl('https://example.com/index.html')).toBe(false)
    expect(isAppUrl('not a url')).toBe(false)
    expect(isAppUrl('')).toBe(false)
  })

  it('accepts the dev server origin, and only it, in development', () => {
    const isAppUrl = appUrlMatcher({
      rendererUrl: 'http://localhost:5173',
      rendererFile: RENDERER_FILE,
    })
    expect(isAppUrl('http://localhost:5173/')).toBe(true)
    expect(isAppUrl('http://localhost:5173/src/main.tsx')).toBe(true)
    expect(isAppUrl('http://localhost:5174/')).toBe(false)
    expect(isAppUrl('https://localhost:5173/')).toBe(false)
    expect(isAppUrl(APP_URL)).toBe(false)
  })
})
