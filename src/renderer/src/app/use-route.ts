import { useSyncExternalStore } from 'react'

/** Where the user is. Kept in the URL hash so a reload reopens the same place. */
export type Route =
  | { view: 'library' }
  | { view: 'release'; releaseId: string }
  | { view: 'report'; reportId: string }
  | { view: 'settings' }
  /** The tag manager: the tag tree with descriptions, the project's codebook. */
  | { view: 'tags' }
  /** Export of annotations and the codebook, and import of annotation files. */
  | { view: 'export' }

export function parseRoute(hash: string): Route {
  const release = /^#\/release\/([A-Za-z0-9:_-]+)$/.exec(hash)
  if (release?.[1]) return { view: 'release', releaseId: release[1] }
  const report = /^#\/import\/([A-Za-z0-9_-]+)$/.exec(hash)
  if (report?.[1]) return { view: 'report', reportId: report[1] }
  if (hash === '#/settings') return { view: 'settings' }
  if (hash === '#/tags') return { view: 'tags' }
  if (hash === '#/export') return { view: 'export' }
  return { view: 'library' }
}

export function hrefFor(route: Route): string {
  switch (route.view) {
    case 'release':
      return `#/release/${route.releaseId}`
    case 'report':
      return `#/import/${route.reportId}`
    case 'settings':
      return '#/settings'
    case 'tags':
      return '#/tags'
    case 'export':
      return '#/export'
    default:
      return '#/'
  }
}

export function navigate(route: Route): void {
  window.location.hash = hrefFor(route)
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange)
  return () => window.removeEventListener('hashchange', onChange)
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash)
  return parseRoute(hash)
}
