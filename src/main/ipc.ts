/**
 * The main-process side of the bridge. Each channel of the contract gets exactly one handler,
 * and every handler answers with a Reply envelope: a request from a foreign frame, bad
 * arguments or a failing implementation all come back as data, never as a rejected invoke
 * (whose error would reach the renderer as an opaque "Error invoking remote method" string).
 */
import {
  CHANNELS,
  fail,
  ok,
  validateArgs,
  type ChannelArgs,
  type DesktopApi,
  type Reply,
  type ReplyError,
} from '../shared/ipc/contract'
import { consoleLogger, type Logger } from './log'

/**
 * Thrown by an implementation to answer with a particular code rather than 'failed': a listing
 * id the shell no longer knows is the renderer's mistake to correct ('invalid-argument').
 */
export class ChannelError extends Error {
  constructor(
    readonly code: ReplyError['code'],
    message: string,
  ) {
    super(message)
    this.name = 'ChannelError'
  }
}

type ValueOf<R> = R extends Promise<Reply<infer T>> ? T : never

/** What main actually does for each action, keyed like CHANNELS; the envelope is added here. */
export type ChannelImpl = {
  [K in keyof typeof CHANNELS]: (
    ...args: ChannelArgs[(typeof CHANNELS)[K]]
  ) => Promise<ValueOf<ReturnType<DesktopApi[K]>>>
}

/** The part of an invoke event a handler looks at. Electron's IpcMainInvokeEvent fits it. */
export type SenderEvent = { readonly senderFrame: { readonly url: string } | null }

export interface IpcMainLike {
  handle(
    channel: string,
    listener: (event: SenderEvent, ...args: unknown[]) => Promise<Reply<unknown>>,
  ): void
}

export function registerIpcHandlers(
  ipcMain: IpcMainLike,
  impl: ChannelImpl,
  isTrustedSender: (url: string) => boolean,
  log: Logger = consoleLogger,
): void {
  for (const key of Object.keys(CHANNELS) as (keyof typeof CHANNELS)[]) {
    const channel = CHANNELS[key]
    ipcMain.handle(channel, async (event, ...args) => {
      try {
        // senderFrame is null once the frame has navigated away or been destroyed.
        const url = event.senderFrame?.url
        if (url === undefined || !isTrustedSender(url)) {
          log.warn(`[ipc] ${channel} refused: sender ${url ?? '(gone)'} is not the app`)
          return fail('forbidden', 'This request did not come from the app’s own page.')
        }
        const problem = validateArgs(channel, args)
        if (problem !== null) {
          log.warn(`[ipc] ${channel} refused: ${problem}`)
          return fail('invalid-argument', problem)
        }
        const run = impl[key] as (...args: unknown[]) => Promise<unknown>
        return ok(await run(...args))
      } catch (err) {
        return failure(channel, err, log)
      }
    })
  }
}

/** The reply for something thrown, logged with its channel. Never throws itself. */
function failure(channel: string, err: unknown, log: Logger): Reply<never> {
  try {
    if (err instanceof ChannelError) {
      log.warn(`[ipc] ${channel} refused: ${err.message}`)
      return fail(err.code, err.message)
    }
    log.error(`[ipc] ${channel} failed:`, err)
    return fail('failed', readableMessage(err))
  } catch {
    // Something thrown that cannot even be looked at (a hostile Proxy, say).
    return fail('failed', GENERIC_FAILURE)
  }
}

const GENERIC_FAILURE = 'Something went wrong in the desktop app.'

function readableMessage(err: unknown): string {
  if (err instanceof Error && typeof err.message === 'string' && err.message) return err.message
  if (typeof err === 'string' && err) return err
  return GENERIC_FAILURE
}
