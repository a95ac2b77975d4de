// Finds the Electron binary the `electron` package downloaded, without
// requiring that package: requiring it starts a download when the binary is
// missing, which hangs on a machine without internet.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const packageDir = new URL('../node_modules/electron/', import.meta.url).pathname

/** The binary's absolute path, or null when it is not installed. */
export function electronBinary() {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const path = join(process.env.ELECTRON_OVERRIDE_DIST_PATH, 'electron')
    return existsSync(path) ? path : null
  }
  const pathFile = join(packageDir, 'path.txt')
  if (!existsSync(pathFile)) return null
  const binary = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim())
  return existsSync(binary) ? binary : null
}

export const electronInstallScript = join(packageDir, 'install.js')
