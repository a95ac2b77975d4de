/**
 * What the renderer needs from wherever it runs. There are two
 * implementations, one for the desktop app and one for a browser, and
 * components never ask which one they have.
 */
import type { AppInfo, IncomingFile } from '../../../shared/ipc/contract'

export interface Host {
  /** Lets the user choose files to import; an empty list when they cancel. */
  pickFiles(): Promise<IncomingFile[]>
  /** The sample releases shipped with the app. */
  loadSamples(): Promise<IncomingFile[]>
  appInfo(): Promise<AppInfo>
}

/** A failure reported by the host, with a message a user can read. */
export class HostError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message)
    this.name = 'HostError'
  }
}
