// `npm start`: builds Communiqué and opens the desktop app.
import { spawnSync } from 'node:child_process'
import { electronBinary } from './electron-binary.mjs'

if (!electronBinary()) {
  console.error(
    'The Electron binary is not installed on this machine, so the desktop app cannot open; run `npm run web` to use Communiqué in a browser instead.',
  )
  process.exit(1)
}

const bin = new URL('../node_modules/.bin/electron-vite', import.meta.url).pathname
const result = spawnSync(bin, ['preview', ...process.argv.slice(2)], { stdio: 'inherit' })
process.exit(result.status ?? 1)
