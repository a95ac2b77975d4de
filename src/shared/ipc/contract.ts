/**
 * The one contract between the renderer and the desktop shell.
 *
 * Every channel is `archive:<verb>`. Every reply is an envelope, so a failure
 * crosses the bridge as data with a message a person can read, never as a
 * rejected promise carrying a stack trace.
 */

export const CHANNELS = {
  pickFiles: 'archive:pickFiles',
  loadSamples: 'archive:loadSamples',
  appInfo: 'archive:appInfo',
} as const

export type Channel = (typeof CHANNELS)[keyof typeof CHANNELS]

export type ReplyError = {
  /** Stable, machine-readable reason. */
  code: 'invalid-argument' | 'forbidden' | 'failed'
  /** A sentence a user can read. */
  message: string
}

export type Reply<T> = { ok: true; value: T } | { ok: false; error: ReplyError }

/** A file the desktop shell read for the renderer, or the reason it could not. */
export type IncomingFile =
  { name: string; bytes: Uint8Array; lastModified?: number } | { name: string; error: string }

export type AppInfo = {
  name: string
  version: string
  platform: string
}

/**
 * Largest file the shell will read into memory for an import. Files above it
 * are reported back by name instead of being read; the importer applies its
 * own (smaller, user-adjustable) limit on top of this one.
 */
export const MAX_READ_BYTES = 64 * 1024 * 1024

/** At most this many files are read in one pick, so one click cannot exhaust memory. */
export const MAX_FILES_PER_PICK = 5000

/** The API the preload script exposes on `window.communique`: one function per action. */
export interface DesktopApi {
  /** Shows the system file picker; an empty list when the user cancels. */
  pickFiles(): Promise<Reply<IncomingFile[]>>
  /** Reads the sample releases shipped with the app. */
  loadSamples(): Promise<Reply<IncomingFile[]>>
  appInfo(): Promise<Reply<AppInfo>>
}

/** Arguments each channel accepts. None of today's channels take any. */
export type ChannelArgs = {
  [CHANNELS.pickFiles]: []
  [CHANNELS.loadSamples]: []
  [CHANNELS.appInfo]: []
}

/**
 * Validates the raw argument list received for a channel. Returns a message
 * when the arguments are not acceptable, or null when they are.
 */
export function validateArgs(channel: Channel, args: readonly unknown[]): string | null {
  switch (channel) {
    case CHANNELS.pickFiles:
    case CHANNELS.loadSamples:
    case CHANNELS.appInfo:
      return args.length === 0 ? null : `${channel} takes no arguments (got ${args.length})`
    default:
      return `unknown channel ${String(channel)}`
  }
}

export function ok<T>(value: T): Reply<T> {
  return { ok: true, value }
}

export function fail(code: ReplyError['code'], message: string): Reply<never> {
  return { ok: false, error: { code, message } }
}
