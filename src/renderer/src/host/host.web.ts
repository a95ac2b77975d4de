/**
 * The host for a plain browser: file and folder inputs, drops, bundled
 * samples. A browser cannot watch a folder, so that option is shown disabled
 * with the reason.
 */
import { BACKUP_EXTENSION } from '../../../shared/backup/manifest'
import { downloadBlob } from '../components/download'
import type { IncomingFile, WatchStatus } from '../../../shared/ipc/contract'
import { SUPPORTED_EXTENSIONS } from '../../../shared/release/prepare-release'
import { sourceFromDataTransfer, sourceFromFiles } from './browser-files'
import { sourceFromList, type Host, type ImportSource } from './host'

/** The sample files, bundled as static assets of the build (never inlined). */
const SAMPLE_URLS = import.meta.glob(
  ['../../../../resources/samples/*.{txt,md,html}', '!../../../../resources/samples/README*'],
  {
    query: '?url',
    import: 'default',
    eager: true,
  },
) as Record<string, string>

const NO_WATCHING: WatchStatus = { folder: null, error: null }

export const WEB_WATCH_REASON =
  'Watching a folder needs the desktop app: a browser cannot see new files in a folder by itself.'

export function createWebHost(doc: Document = document): Host {
  return {
    pickFiles: () => pickWithInput(doc, false),
    pickFolder: () => pickWithInput(doc, true),
    fromDrop: (data) => sourceFromDataTransfer(data),
    loadSamples: async () => {
      const entries = Object.entries(SAMPLE_URLS).sort(([a], [b]) => a.localeCompare(b))
      const files = await Promise.all(
        entries.map(async ([path, url]): Promise<IncomingFile> => {
          const name = path.split('/').pop() ?? path
          const response = await fetch(url)
          if (!response.ok) return { name, error: `unreadable: HTTP ${response.status}` }
          return { name, bytes: new Uint8Array(await response.arrayBuffer()) }
        }),
      )
      return sourceFromList('Sample releases', files)
    },
    appInfo: async () => ({
      name: 'Communiqué',
      version: import.meta.env.VITE_APP_VERSION ?? 'dev',
      platform: 'web',
    }),
    watchedFolder: {
      isSupported: false,
      reason: WEB_WATCH_REASON,
      status: async () => NO_WATCHING,
      choose: async () => NO_WATCHING,
      stop: async () => NO_WATCHING,
      onFiles: () => () => {},
    },
    onMenuCommand: () => () => {},
    onOpenFiles: () => () => {},
    // A page has no log file; the import report lists every file it could not take.
    logImportProblems: async () => {},
    backups: {
      save: async (data, fileName) => {
        downloadBlob(fileName, data, doc)
        return fileName
      },
      open: () => pickBackupFile(doc),
      automatic: null,
    },
  }
}

function pickBackupFile(doc: Document): Promise<{ name: string; data: Blob } | null> {
  return new Promise((resolve) => {
    const input = doc.createElement('input')
    input.type = 'file'
    input.accept = `.${BACKUP_EXTENSION}`
    input.hidden = true
    input.dataset.picker = 'backup'
    doc.body.append(input)
    const done = (chosen: { name: string; data: Blob } | null) => {
      input.remove()
      resolve(chosen)
    }
    input.addEventListener('change', () => {
      const file = input.files?.[0]
      done(file ? { name: file.name, data: file } : null)
    })
    input.addEventListener('cancel', () => done(null))
    input.click()
  })
}

/** Opens the browser's file or folder chooser through a detached input. */
function pickWithInput(doc: Document, folder: boolean): Promise<ImportSource | null> {
  return new Promise((resolve) => {
    const input = doc.createElement('input')
    input.type = 'file'
    input.multiple = true
    if (folder) input.webkitdirectory = true
    else input.accept = SUPPORTED_EXTENSIONS.join(',')
    // Kept in the document (hidden) so tests and assistive tools can find the chooser.
    input.hidden = true
    input.dataset.picker = folder ? 'folder' : 'files'
    doc.body.append(input)
    const done = (source: ImportSource | null) => {
      input.remove()
      resolve(source)
    }
    input.addEventListener('change', () => {
      const files = Array.from(input.files ?? [])
      if (files.length === 0) return done(null)
      const top = files[0]?.webkitRelativePath.split('/')[0]
      const label =
        folder && top ? `${top}/` : `${files.length} file${files.length === 1 ? '' : 's'}`
      done(sourceFromFiles(label, files))
    })
    input.addEventListener('cancel', () => done(null))
    input.click()
  })
}
