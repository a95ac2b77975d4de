/**
 * The order every annotation export lists annotations in: by their release's
 * date (undated releases last), then its title, then where the passage is in
 * the release.
 */
import type { ExchangeAnnotation, ExchangeData, ExchangeRelease, ExchangeTag } from './types'

export type ReleaseAnnotation = { release: ExchangeRelease; annotation: ExchangeAnnotation }

/**
 * The annotations of `data` with their releases, in export order. An
 * annotation whose release is not in `data.releases` has no source to name
 * and is left out; the export's collector always includes the releases.
 */
export function annotationsInOrder(data: ExchangeData): ReleaseAnnotation[] {
  const releases = new Map(data.releases.map((release) => [release.id, release]))
  const rows: ReleaseAnnotation[] = []
  for (const annotation of data.annotations) {
    const release = releases.get(annotation.releaseId)
    if (release) rows.push({ release, annotation })
  }
  return rows.sort(
    (a, b) =>
      compareReleases(a.release, b.release) ||
      a.annotation.position.start - b.annotation.position.start ||
      a.annotation.position.end - b.annotation.position.end ||
      compareText(a.annotation.id, b.annotation.id),
  )
}

export function compareReleases(a: ExchangeRelease, b: ExchangeRelease): number {
  if (a.date !== b.date) {
    if (a.date === null) return 1
    if (b.date === null) return -1
    // ISO dates of any precision ("2017", "2017-04", "2017-04-06") sort as strings.
    return a.date < b.date ? -1 : 1
  }
  return a.title.localeCompare(b.title) || compareText(a.id, b.id)
}

/** Code-unit order, the same in every locale: a last tie-break. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** The paragraph's number in its release (1 for the first), or null when its key is not there. */
export function paragraphNumber(release: ExchangeRelease, paragraphKey: string): number | null {
  const index = release.paragraphKeys.indexOf(paragraphKey)
  return index === -1 ? null : index + 1
}

/**
 * A function giving the paths of the tags a list of ids names, in that order,
 * skipping ids of tags that no longer exist.
 */
export function tagPathsIn(data: ExchangeData): (tagIds: readonly string[]) => string[] {
  const paths = new Map(data.tags.map((tag) => [tag.id, tag.path]))
  return (tagIds) =>
    tagIds.flatMap((id) => {
      const path = paths.get(id)
      return path === undefined ? [] : [path]
    })
}

/** Tags in path order: segment by segment, so "A/B" comes right after "A" and before "A B". */
export function compareTagPaths(a: ExchangeTag, b: ExchangeTag): number {
  const left = a.path.split('/')
  const right = b.path.split('/')
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const order = (left[i] as string).localeCompare(right[i] as string)
    if (order !== 0) return order
  }
  return left.length - right.length || compareText(a.id, b.id)
}
