/**
 * The packaging configuration, checked without packaging (which needs the Electron binary):
 * electron-builder.yml is valid against electron-builder's own schema, so a misspelt option
 * fails here rather than being ignored, and it asks for the fuses, targets and identity the
 * app is meant to ship with.
 */
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Ajv from 'ajv'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'

const root = join(dirname(fileURLToPath(import.meta.url)), '../..')
const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Record<
  string,
  unknown
> & {
  electronFuses: Record<string, boolean>
  linux: { target: string[] }
  mac: { target: string[] }
  win: { target: string[] }
  fileAssociations: { ext: string | string[]; role?: string; rank?: string }[]
}
const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>
  productName: string
  main: string
}

describe('electron-builder.yml', () => {
  it("is valid against electron-builder's schema, so no option is misspelt", () => {
    const schema = JSON.parse(
      readFileSync(join(root, 'node_modules/app-builder-lib/scheme.json'), 'utf8'),
    ) as object
    const validate = new Ajv({ strict: false, allErrors: true }).compile(schema)
    expect(validate(config), JSON.stringify(validate.errors)).toBe(true)
    // The check itself: a misspelt fuse is refused.
    const misspelt = { ...config, electronFuses: { ...config.electronFuses, runAsnode: false } }
    expect(validate(misspelt)).toBe(false)
  })

  it('flips the fuses that close Node and inspector entry points and check the asar', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    })
    expect(config.asar).toBe(true)
  })

  it('builds an AppImage and a deb, an NSIS installer and a dmg', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb'])
    expect(config.win.target).toEqual(['nsis'])
    expect(config.mac.target).toEqual(['dmg'])
  })

  it('names the app and gives it its icon, a PNG of at least 512 x 512', () => {
    expect(config.appId).toBe('org.communique.archive')
    expect(config.productName).toBe('Communiqué')
    expect(config.productName).toBe(packageJson.productName)
    expect(config.icon).toBe('resources/icon.png')

    const png = readFileSync(join(root, config.icon as string))
    expect(png.subarray(0, 8)).toEqual(
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    )
    expect(png.toString('latin1', 12, 16)).toBe('IHDR')
    const width = png.readUInt32BE(16)
    const height = png.readUInt32BE(20)
    expect(width).toBe(height)
    expect(width).toBeGreaterThanOrEqual(512)
    // Colour type 6: RGBA, so the rounded corners are transparent.
    expect(png[25]).toBe(6)
  })

  it('offers "Open with" for the types the importer reads, never as their owner', () => {
    const extensions = config.fileAssociations.flatMap((association) => association.ext)
    expect(extensions.sort()).toEqual(['htm', 'html', 'md', 'text', 'txt'])
    expect(config.fileAssociations.every((a) => a.rank === 'Alternate')).toBe(true)
  })

  it('packages the built app, with `npm run dist`', () => {
    expect(packageJson.scripts.dist).toBe('electron-vite build && electron-builder')
    expect(packageJson.main).toBe('./out/main/index.js')
    expect(config.files).toContain('out/**')
  })
})
