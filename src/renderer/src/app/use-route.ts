import { useSyncExternalStore } from 'react'

/** Where the user is. Kept in the URL hash so a reload reopens the same release. */
export type Route = { view: 'library' } | { view: 'release'; releaseId: string }

export function parseRoute(hash: string): Route {
  const match = /^#\/release\/([A-Za-z0-9:_-]+)$/.exec(hash)
  return match?.[1] ? { view: 'release', releaseId: match[1] } : { view: 'library' }
}

export function hrefFor(route: Route): string {
  return route.view === 'release' ? `#/release/${route.releaseId}` : '#/'
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange)
  return () => window.removeEventListener('hashchange', onChange)
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash)
  return parseRoute(hash)
}
