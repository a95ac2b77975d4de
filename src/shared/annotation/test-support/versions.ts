/**
 * Releases for the annotation tests, prepared the way the import prepares
 * them (shared/release/prepare-release), from the shared corpus or from text.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { prepareRelease, type PreparedRelease } from '../../release/prepare-release'
import type { Placeable } from '../carry-over'
import { selectorsFor, type VersionText } from '../reading-text'

export const CORPUS = join(__dirname, '../../../../../shared/corpus')

/** The 2017 SCO release, and its new version in which two paragraphs were reworded. */
export const SCO_2017 = 'sco/000_5b5391892682d1ae.txt'
export const SCO_2017_NEW_VERSION = 'bad/new-version-of-seed.txt'

export type TestVersion = VersionText & { contentHash: string }

export async function prepareText(fileName: string, text: string): Promise<TestVersion> {
  return toVersion(fileName, await prepareRelease(fileName, new TextEncoder().encode(text)))
}

export async function prepareCorpusFile(path: string): Promise<TestVersion> {
  return toVersion(
    path,
    await prepareRelease(path, new Uint8Array(readFileSync(join(CORPUS, path)))),
  )
}

export function corpusText(path: string): string {
  return readFileSync(join(CORPUS, path), 'utf8')
}

function toVersion(name: string, outcome: Awaited<ReturnType<typeof prepareRelease>>): TestVersion {
  if (outcome.kind !== 'ready') throw new Error(`${name} was refused: ${outcome.reason}`)
  const release: PreparedRelease = outcome.release
  return {
    title: release.title,
    paragraphs: release.paragraphs,
    keys: release.paragraphKeys,
    contentHash: release.contentHash,
  }
}

/**
 * An annotation on `exact` as the reader would make it: the passage where it
 * occurs in the paragraph that holds it (the first such paragraph, or
 * `paragraphIndex`), with selectors from shared/annotation/reading-text.
 */
export function passage(
  version: VersionText,
  exact: string,
  options: { id?: string; paragraphIndex?: number } = {},
): Placeable {
  const index =
    options.paragraphIndex ?? version.paragraphs.findIndex((text) => text.includes(exact))
  const start = version.paragraphs[index]?.indexOf(exact) ?? -1
  if (start === -1) throw new Error(`“${exact}” is not in paragraph ${index}`)
  const { quote, position } = selectorsFor(
    version.title,
    version.paragraphs,
    index,
    start,
    start + exact.length,
  )
  return {
    id: options.id ?? exact,
    paragraphKey: version.keys[index] as string,
    quote,
    position,
  }
}
