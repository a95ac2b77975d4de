/**
 * The Content-Security-Policy for every page of the app, desktop and browser
 * build alike. Imported text is untrusted: nothing in a release may run or
 * fetch anything, so there are no remote origins, no inline script and no eval.
 * Styles come from our own stylesheet only; React sets element styles through
 * the CSSOM, which style-src does not restrict.
 */
const DIRECTIVES: Record<string, string> = {
  'default-src': "'none'",
  'script-src': "'self'",
  'style-src': "'self'",
  'img-src': "'self' data: blob:",
  'font-src': "'self'",
  'connect-src': "'self'",
  'worker-src': "'self' blob:",
  'manifest-src': "'self'",
  'object-src': "'none'",
  'base-uri': "'none'",
  'form-action': "'none'",
}

/** Directives that only take effect when sent as an HTTP header. */
const HEADER_ONLY: Record<string, string> = {
  'frame-ancestors': "'none'",
}

function serialise(directives: Record<string, string>): string {
  return Object.entries(directives)
    .map(([name, value]) => `${name} ${value}`)
    .join('; ')
}

/** For the `<meta http-equiv>` tag in index.html (covers file:// loads). */
export const CONTENT_SECURITY_POLICY_META = serialise(DIRECTIVES)

/** For the Content-Security-Policy response header. */
export const CONTENT_SECURITY_POLICY = serialise({ ...DIRECTIVES, ...HEADER_ONLY })
