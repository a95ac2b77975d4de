import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONTENT_SECURITY_POLICY } from '../shared/security/csp'
import {
  APP_INDEX_URL,
  APP_ORIGIN,
  APP_SCHEME_PRIVILEGES,
  createAppProtocolHandler,
  mimeType,
  resolveInside,
} from './app-protocol'

let dir: string
let root: string
let handle: (request: Request) => Promise<Response>
const refused: [string, number, string][] = []

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'communique-protocol-'))
  root = join(dir, 'renderer')
  await mkdir(join(root, 'assets'), { recursive: true })
  await writeFile(join(root, 'index.html'), '<!doctype html><title>Communiqué</title>')
  await writeFile(join(root, 'assets', 'index-abc.js'), 'console.log(1)')
  await writeFile(join(root, 'assets', 'index-abc.css'), 'body{}')
  await writeFile(join(root, 'assets', 'logo.svg'), '<svg/>')
  await writeFile(join(root, 'assets', 'font.woff2'), new Uint8Array([1, 2, 3]))
  await writeFile(join(root, 'assets', 'data.bin'), new Uint8Array([0, 1]))
  await writeFile(join(root, 'assets', 'a file.txt'), 'spaced')
  // Beside the renderer folder: what a traversal would be after.
  await writeFile(join(dir, 'secret.txt'), 'secret')
  await mkdir(join(dir, 'renderer-evil'))
  await writeFile(join(dir, 'renderer-evil', 'x.js'), 'evil')
  await symlink(join(dir, 'secret.txt'), join(root, 'assets', 'link.txt'))
  handle = createAppProtocolHandler(root, {
    onRefused: (url, status, reason) => refused.push([url, status, reason]),
  })
})

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

const get = (url: string, init?: RequestInit) => handle(new Request(url, init))

describe('the app:// scheme', () => {
  it('is registered as standard, secure and able to fetch, and nothing more', () => {
    expect(APP_SCHEME_PRIVILEGES).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ])
    expect(APP_INDEX_URL).toBe('app://communique/index.html')
  })
})

describe('createAppProtocolHandler', () => {
  it('serves the built page with its type and the Content-Security-Policy', async () => {
    const response = await get(APP_INDEX_URL)
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toBe('text/html; charset=utf-8')
    expect(response.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY)
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff')
    expect(await response.text()).toBe('<!doctype html><title>Communiqué</title>')
  })

  it('serves index.html for the bare origin, ignoring query and hash', async () => {
    for (const url of [`${APP_ORIGIN}/`, APP_ORIGIN, `${APP_INDEX_URL}?a=1#/release/x`]) {
      const response = await get(url)
      expect(response.status, url).toBe(200)
      expect(await response.text()).toContain('Communiqué')
    }
  })

  it('serves each asset with its MIME type, and the policy on every response', async () => {
    const cases: [string, string, string][] = [
      ['assets/index-abc.js', 'text/javascript; charset=utf-8', 'console.log(1)'],
      ['assets/index-abc.css', 'text/css; charset=utf-8', 'body{}'],
      ['assets/logo.svg', 'image/svg+xml', '<svg/>'],
      ['assets/a%20file.txt', 'text/plain; charset=utf-8', 'spaced'],
    ]
    for (const [path, type, text] of cases) {
      const response = await get(`${APP_ORIGIN}/${path}`)
      expect(response.status, path).toBe(200)
      expect(response.headers.get('Content-Type'), path).toBe(type)
      expect(response.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY)
      expect(await response.text()).toBe(text)
    }
    const font = await get(`${APP_ORIGIN}/assets/font.woff2`)
    expect(font.headers.get('Content-Type')).toBe('font/woff2')
    expect(new Uint8Array(await font.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]))
    const bytes = await get(`${APP_ORIGIN}/assets/data.bin`)
    expect(bytes.headers.get('Content-Type')).toBe('application/octet-stream')
  })

  it('answers HEAD with the headers and no body', async () => {
    const response = await get(`${APP_ORIGIN}/assets/index-abc.js`, { method: 'HEAD' })
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Length')).toBe('14')
    expect(await response.text()).toBe('')
  })

  it('refuses every way out of the renderer folder', async () => {
    const attempts = [
      `${APP_ORIGIN}/..%2fsecret.txt`,
      `${APP_ORIGIN}/assets/..%2f..%2fsecret.txt`,
      `${APP_ORIGIN}/%2e%2e%2fsecret.txt`,
      `${APP_ORIGIN}/..%5csecret.txt`,
      `${APP_ORIGIN}/assets%2f..%2f..%2fsecret.txt`,
      `${APP_ORIGIN}/%2Fetc%2Fpasswd`,
      `${APP_ORIGIN}/C:%5CWindows%5Cwin.ini`,
      `${APP_ORIGIN}/index.html%00.js`,
      `${APP_ORIGIN}/%E0%A4%A`,
      `${APP_ORIGIN}/assets/link.txt`,
      `${APP_ORIGIN}/../renderer-evil/x.js`,
    ]
    for (const url of attempts) {
      const response = await get(url)
      expect(response.status, url).toBeGreaterThanOrEqual(400)
      expect(await response.text(), url).not.toContain('secret')
      expect(response.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY)
    }
  })

  it('serves nothing for another host, a folder, a missing file or a write', async () => {
    expect((await get('app://evil.example/index.html')).status).toBe(404)
    expect((await get('app://communique.evil/index.html')).status).toBe(404)
    expect((await get('other://communique/index.html')).status).toBe(404)
    expect((await get(`${APP_ORIGIN}/assets`)).status).toBe(404)
    expect((await get(`${APP_ORIGIN}/assets/`)).status).toBe(404)
    expect((await get(`${APP_ORIGIN}/missing.js`)).status).toBe(404)
    expect((await get(`${APP_ORIGIN}/index.html/x`)).status).toBe(404)
    expect((await get(APP_INDEX_URL, { method: 'POST', body: 'x' })).status).toBe(405)
    expect(refused.map(([url, status]) => [url, status])).toContainEqual([
      'app://evil.example/index.html',
      404,
    ])
  })
})

describe('resolveInside', () => {
  it('keeps a path inside the folder and refuses one that is not', () => {
    expect(resolveInside('/app/r', '/')).toBe('/app/r/index.html')
    expect(resolveInside('/app/r', '/assets/x.js')).toBe('/app/r/assets/x.js')
    expect(resolveInside('/app/r', '//assets//x.js')).toBe('/app/r/assets/x.js')
    expect(resolveInside('/app/r', '/assets/%78.js')).toBe('/app/r/assets/x.js')
    for (const bad of ['/../x', '/a/%2e%2E/x', '/./x', '/%2e', 'x.js', '/a%00b', '/a:b', '/%ZZ']) {
      expect(resolveInside('/app/r', bad), bad).toBeNull()
    }
  })

  it('knows the types a built page is made of', () => {
    expect(mimeType('index.HTML')).toBe('text/html; charset=utf-8')
    expect(mimeType('worker.mjs')).toBe('text/javascript; charset=utf-8')
    expect(mimeType('x.wasm')).toBe('application/wasm')
    expect(mimeType('no-extension')).toBe('application/octet-stream')
  })
})
