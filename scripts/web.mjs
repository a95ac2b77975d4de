// `npm run web`: builds the browser version of Communiqué and serves it on 127.0.0.1.
// Options: --port N (default 4173), --no-build (serve the last build in dist-web/).
import { build, preview } from 'vite'

const args = process.argv.slice(2)
const portArg = args.indexOf('--port')
const port = portArg >= 0 ? Number(args[portArg + 1]) : Number(process.env.PORT ?? 4173)
if (!Number.isInteger(port) || port <= 0 || port > 65535) {
  console.error(`Not a valid port: ${args[portArg + 1] ?? process.env.PORT}`)
  process.exit(2)
}
const configFile = new URL('../vite.web.config.ts', import.meta.url).pathname

if (!args.includes('--no-build')) {
  await build({ configFile, logLevel: 'warn' })
}
const server = await preview({
  configFile,
  preview: { host: '127.0.0.1', port, strictPort: true, open: false },
  logLevel: 'warn',
})
const address = server.resolvedUrls?.local[0] ?? `http://127.0.0.1:${port}/`
console.log(`Communiqué is running at ${address} (open it in Chromium; Ctrl+C stops it).`)
