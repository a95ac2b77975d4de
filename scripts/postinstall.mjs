// Fetches the Electron binary during `npm install`, as earlier Electron
// versions did in their own install script (newer ones fetch it lazily on
// first use). Set ELECTRON_SKIP_BINARY_DOWNLOAD=1 to skip it, e.g. in CI or
// on a machine without internet; the browser build (`npm run web`) needs no binary.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { electronBinary, electronInstallScript } from './electron-binary.mjs'

const skip = process.env.ELECTRON_SKIP_BINARY_DOWNLOAD
if (skip && skip !== '0' && skip !== 'false') {
  console.log('Electron binary download skipped (ELECTRON_SKIP_BINARY_DOWNLOAD is set).')
} else if (electronBinary()) {
  // Already installed.
} else if (!existsSync(electronInstallScript)) {
  console.warn('The electron package is not installed; skipping its binary download.')
} else {
  console.log('Downloading the Electron binary for the desktop app…')
  const result = spawnSync(process.execPath, [electronInstallScript], { encoding: 'utf8' })
  if (result.status !== 0) {
    // Not fatal: everything but the desktop window works without it, and `npm start` says so.
    // The installer's stack trace says nothing a user can act on; its first line does.
    const reason = (result.stderr || result.error?.message || 'unknown error').trim().split('\n')[0]
    console.warn(
      `Could not download the Electron binary (${reason}); \`npm start\` will not open the desktop app until \`npm install\` runs again with internet access. \`npm run web\` works without it.`,
    )
  }
}
