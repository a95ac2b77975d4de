import { useSyncExternalStore } from 'react'

/** Where the user is. Kept in the URL hash so a reload reopens the same place. */
/** What a search route looks for: query text, or releases like a release or one paragraph. */
export type SearchRoute = {
  view: 'search'
  query: string
  mode: 'release' | 'paragraph'
  like: { releaseId: string; paragraph: number | null } | null
}

export type Route =
  | { view: 'library' }
  /** A release, scrolled to paragraph `paragraph` (1-based) when given. */
  | { view: 'release'; releaseId: string; paragraph?: number }
  | SearchRoute
  | { view: 'report'; reportId: string }
  | { view: 'settings' }
  /** The tag manager: the tag tree with descriptions, the project's codebook. */
  | { view: 'tags' }
  /** Export of annotations and the codebook, and import of annotation files. */
  | { view: 'export' }
  /** Back up, restore, automatic backups, Verify Archive, storage. */
  | { view: 'backups' }
  /** Two to four releases side by side, aligned paragraph by paragraph. */
  | { view: 'compare'; releaseIds: string[] }
  /** Every release with the wording `text`, oldest first; `from` is the release it was chosen in. */
  | { view: 'phrase'; text: string; from: string | null }

export function parseRoute(hash: string): Route {
  const release = /^#\/release\/([A-Za-z0-9:_-]+)(?:\/p\/(\d{1,6}))?$/.exec(hash)
  if (release?.[1]) {
    return release[2]
      ? { view: 'release', releaseId: release[1], paragraph: Number(release[2]) }
      : { view: 'release', releaseId: release[1] }
  }
  if (hash.startsWith('#/search')) return parseSearch(hash.slice('#/search'.length))
  if (hash.startsWith('#/phrase?')) {
    const params = new URLSearchParams(hash.slice('#/phrase?'.length))
    const from = params.get('from')
    return {
      view: 'phrase',
      text: params.get('q') ?? '',
      from: from && /^[A-Za-z0-9:_-]+$/.test(from) ? from : null,
    }
  }
  const compare = /^#\/compare\/([A-Za-z0-9:_-]+(?:,[A-Za-z0-9:_-]+){1,3})$/.exec(hash)
  if (compare?.[1]) return { view: 'compare', releaseIds: compare[1].split(',') }
  const report = /^#\/import\/([A-Za-z0-9_-]+)$/.exec(hash)
  if (report?.[1]) return { view: 'report', reportId: report[1] }
  if (hash === '#/settings') return { view: 'settings' }
  if (hash === '#/tags') return { view: 'tags' }
  if (hash === '#/export') return { view: 'export' }
  if (hash === '#/backups') return { view: 'backups' }
  return { view: 'library' }
}

export function hrefFor(route: Route): string {
  switch (route.view) {
    case 'release':
      return route.paragraph
        ? `#/release/${route.releaseId}/p/${route.paragraph}`
        : `#/release/${route.releaseId}`
    case 'search': {
      const params = new URLSearchParams()
      if (route.like) {
        params.set('like', route.like.releaseId)
        if (route.like.paragraph !== null) params.set('p', String(route.like.paragraph))
      } else {
        params.set('q', route.query)
      }
      if (route.mode === 'paragraph') params.set('mode', 'paragraph')
      return `#/search?${params.toString()}`
    }
    case 'report':
      return `#/import/${route.reportId}`
    case 'settings':
      return '#/settings'
    case 'tags':
      return '#/tags'
    case 'export':
      return '#/export'
    case 'backups':
      return '#/backups'
    case 'compare':
      return `#/compare/${route.releaseIds.join(',')}`
    case 'phrase': {
      const params = new URLSearchParams({ q: route.text })
      if (route.from) params.set('from', route.from)
      return `#/phrase?${params.toString()}`
    }
    default:
      return '#/'
  }
}

function parseSearch(rest: string): SearchRoute {
  const params = new URLSearchParams(rest.startsWith('?') ? rest.slice(1) : '')
  const like = params.get('like')
  const paragraph = Number(params.get('p'))
  return {
    view: 'search',
    query: params.get('q') ?? '',
    mode: params.get('mode') === 'paragraph' ? 'paragraph' : 'release',
    like:
      like && /^[A-Za-z0-9:_-]+$/.test(like)
        ? {
            releaseId: like,
            paragraph: Number.isInteger(paragraph) && paragraph > 0 ? paragraph : null,
          }
        : null,
  }
}

export function navigate(route: Route, options: { replace?: boolean } = {}): void {
  if (options.replace) {
    // Typing a query replaces the entry, so Back leaves the search instead of undoing letters.
    window.history.replaceState(null, '', hrefFor(route))
    window.dispatchEvent(new HashChangeEvent('hashchange'))
    return
  }
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
