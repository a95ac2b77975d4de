/**
 * A live query that reports its failure instead of throwing it into React:
 * `useLiveQuery` rethrows a query's error while rendering, which would take
 * the whole reader down. Each panel shows its own error in words and the
 * paragraphs stay readable.
 */
import { useLiveQuery } from 'dexie-react-hooks'

export type LiveResult<T> =
  { status: 'loading' } | { status: 'ready'; value: T } | { status: 'error'; error: string }

const LOADING = { status: 'loading' } as const

export function useLiveResult<T>(query: () => Promise<T>, deps: unknown[]): LiveResult<T> {
  return useLiveQuery(
    async (): Promise<LiveResult<T>> => {
      try {
        return { status: 'ready', value: await query() }
      } catch (error) {
        return { status: 'error', error: messageOf(error) }
      }
    },
    deps,
    LOADING,
  )
}

/** An error's message in words, whatever was thrown. */
export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message
  return typeof error === 'string' ? error : 'unknown error'
}
