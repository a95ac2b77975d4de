import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_META } from './shared/security/csp'

const html = readFileSync(new URL('./renderer/index.html', import.meta.url), 'utf8')

describe('Content-Security-Policy', () => {
  it('index.html carries the same policy as the one the code sends as a header', () => {
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1]
    expect(meta).toBe(CONTENT_SECURITY_POLICY_META)
  })

  it('allows no remote origin, inline script or eval', () => {
    for (const policy of [CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_META]) {
      expect(policy).toContain("default-src 'none'")
      expect(policy).toContain("script-src 'self'")
      expect(policy).toContain("object-src 'none'")
      expect(policy).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/)
    }
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'")
  })
})
