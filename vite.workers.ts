/**
 * Build settings the app's import worker needs, shared by the desktop, web and
 * bench builds. A Web Worker has no `document`: packages whose "browser" build
 * uses the DOM are pointed at their plain build instead.
 */
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)

/**
 * mdast-util-from-markdown decodes entities with a DOM textarea in its browser build;
 * resolved without the "browser" condition, the package gives its plain lookup table.
 */
const decodeEntities = require.resolve('decode-named-character-reference')

export const workerSafeAliases: Record<string, string> = {
  'decode-named-character-reference': decodeEntities,
}
