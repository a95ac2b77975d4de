/**
 * The main process's log. Every module that reports a problem takes a Logger, so the app can
 * hand them electron-log (a file in the app's logs folder, see app-log.ts) and tests a
 * MemoryLogger whose entries they can read. Modules constructed without one write to the
 * console, which is where a developer running the app from a terminal looks anyway.
 */
export interface Logger {
  info(...params: unknown[]): void
  warn(...params: unknown[]): void
  error(...params: unknown[]): void
}

export const consoleLogger: Logger = {
  info: (...params) => console.info(...params),
  warn: (...params) => console.warn(...params),
  error: (...params) => console.error(...params),
}

export type LogEntry = { level: 'info' | 'warn' | 'error'; params: unknown[] }

/** Keeps what was logged, in order; for tests. */
export class MemoryLogger implements Logger {
  readonly entries: LogEntry[] = []
  info(...params: unknown[]): void {
    this.entries.push({ level: 'info', params })
  }
  warn(...params: unknown[]): void {
    this.entries.push({ level: 'warn', params })
  }
  error(...params: unknown[]): void {
    this.entries.push({ level: 'error', params })
  }
  /** Each entry as one line of text, as it would read in the log file. */
  lines(): string[] {
    return this.entries.map(
      (entry) =>
        `${entry.level} ${entry.params.map((p) => (p instanceof Error ? p.message : String(p))).join(' ')}`,
    )
  }
}
