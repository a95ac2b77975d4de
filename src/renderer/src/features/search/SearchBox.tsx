/**
 * The search box in the top bar, always there: Ctrl+K (Cmd+K) or "/" puts the cursor in it
 * from anywhere. Typing searches as you type; the query lives in the address, so Back, a
 * reload and a saved search all return to it.
 */
import { useEffect, useRef } from 'react'
import { isTextEntry } from '../../app/history-keys'
import { navigate, type Route } from '../../app/use-route'

export function SearchBox({ route }: { route: Route }) {
  const input = useRef<HTMLInputElement>(null)
  const query = route.view === 'search' && route.like === null ? route.query : null

  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      const isCommandK = (e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'k'
      const isSlash =
        e.key === '/' && !e.ctrlKey && !e.metaKey && !e.altKey && !isTextEntry(e.target)
      if (!isCommandK && !isSlash) return
      e.preventDefault()
      input.current?.focus()
      input.current?.select()
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [])

  // Follow the address when it changes from elsewhere (Back, a saved search, a facet). Away
  // from search the last query stays, to refine after reading a result.
  useEffect(() => {
    const field = input.current
    if (field && query !== null && field.value !== query) field.value = query
  }, [query])

  return (
    <form
      className="search-box"
      role="search"
      onSubmit={(e) => {
        e.preventDefault()
        const value = input.current?.value ?? ''
        navigate({
          view: 'search',
          query: value,
          mode: route.view === 'search' ? route.mode : 'release',
          like: null,
        })
      }}
    >
      <input
        ref={input}
        type="search"
        aria-label="Search the archive"
        placeholder="Search (Ctrl+K or /)"
        aria-keyshortcuts="Control+K Meta+K /"
        defaultValue={query ?? ''}
        spellCheck={false}
        onChange={(e) =>
          navigate(
            {
              view: 'search',
              query: e.target.value,
              mode: route.view === 'search' ? route.mode : 'release',
              like: null,
            },
            // One history entry per search, not per letter.
            { replace: route.view === 'search' },
          )
        }
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.currentTarget.blur()
          }
        }}
      />
    </form>
  )
}
