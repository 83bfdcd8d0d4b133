import type { Services } from './context'

/**
 * The event streams open per session, so that a logout ends its session's streams at once (the
 * heartbeat's re-check would only notice within 15 s) and one session cannot hold open more than
 * a few: each stream is a socket and a listener for as long as it lasts.
 */
export class OpenStreams {
  private readonly bySession = new Map<string, Set<() => void>>()

  constructor(private readonly perSession: number) {}

  /** Registers a stream's closer; returns its removal, or undefined when the session has its share open. */
  add(session: string, close: () => void): (() => void) | undefined {
    let open = this.bySession.get(session)
    if (!open) this.bySession.set(session, (open = new Set()))
    if (open.size >= this.perSession) return undefined
    open.add(close)
    return () => {
      open.delete(close)
      if (open.size === 0 && this.bySession.get(session) === open) this.bySession.delete(session)
    }
  }

  /** Ends every stream of a session (it logged out). */
  end(session: string): void {
    const open = this.bySession.get(session)
    this.bySession.delete(session)
    for (const close of open ?? []) close()
  }
}

const registries = new WeakMap<object, OpenStreams>()

/** The server's open streams, one registry per store (every app over the same database shares it). */
export function openStreams(s: Services): OpenStreams {
  let r = registries.get(s.store)
  if (!r) registries.set(s.store, (r = new OpenStreams(s.env.STREAMS_PER_SESSION)))
  return r
}
