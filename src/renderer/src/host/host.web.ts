import type { IncomingFile } from '../../../shared/ipc/contract'
import { SUPPORTED_EXTENSIONS } from '../../../shared/release/prepare-release'
import { readBrowserFiles } from './browser-files'
import { HostError, type Host } from './host'

/** The sample files, bundled as static assets of the build (never inlined). */
const SAMPLE_URLS = import.meta.glob('../../../../resources/samples/*.txt', {
  query: '?url',
  import: 'default',
  eager: true,
}) as Record<string, string>

export function createWebHost(doc: Document = document): Host {
  return {
    pickFiles: () => pickWithInput(doc),
    loadSamples: async () => {
      const entries = Object.entries(SAMPLE_URLS).sort(([a], [b]) => a.localeCompare(b))
      return Promise.all(
        entries.map(async ([path, url]): Promise<IncomingFile> => {
          const name = path.split('/').pop() ?? path
          const response = await fetch(url)
          if (!response.ok) return { name, error: `unreadable: HTTP ${response.status}` }
          return { name, bytes: new Uint8Array(await response.arrayBuffer()) }
        }),
      )
    },
    appInfo: async () => ({
      name: 'Communiqué',
      version: import.meta.env.VITE_APP_VERSION ?? 'dev',
      platform: 'web',
    }),
  }
}

/** Opens the browser's file chooser through a detached file input. */
function pickWithInput(doc: Document): Promise<IncomingFile[]> {
  return new Promise((resolve, reject) => {
    const input = doc.createElement('input')
    input.type = 'file'
    input.multiple = true
    input.accept = SUPPORTED_EXTENSIONS.join(',')
    input.addEventListener('change', () => {
      readBrowserFiles(Array.from(input.files ?? [])).then(resolve, (error: unknown) =>
        reject(new HostError(`Could not read the chosen files: ${String(error)}`, 'failed')),
      )
    })
    input.addEventListener('cancel', () => resolve([]))
    input.click()
  })
}
