import { onBeforeUnmount, watch } from 'vue'
import { CallError } from '../api/client'
import { confirmSession, openStream } from '../api/stream'
import { useLiveStore } from '../stores/live'
import { useSessionStore } from '../stores/session'

/** A burst of events (a hazard and its `stats`, an import) becomes one refetch. */
export const LIVE_DEBOUNCE_MS = 150
/** Waits before reopening a stream the server refused for a reason other than the session. */
export const REOPEN_MS = [1_000, 3_000, 10_000] as const

/** The part of EventSource the follower uses, so tests can stand in for the browser's. */
export interface StreamLike {
  readonly readyState: number
  addEventListener(type: string, listener: () => void): void
  close(): void
}

export interface FollowDeps {
  live: ReturnType<typeof useLiveStore>
  open: () => StreamLike
  /** resolves while the session lasts; a 401 rejects (and reaches the app's 401 handling) */
  confirmSession: () => Promise<void>
}

const CLOSED = 2 // EventSource.CLOSED, which Node does not define

/**
 * Follows the stream: every change the reader may see moves `revision` (once per burst),
 * `connected` says whether the stream is open, and `asOf` when the data shown was last known
 * current. The browser reconnects a dropped stream by itself; a refused one (CLOSED) is reopened
 * here unless the session has ended.
 */
export function followStream({ live, open, confirmSession }: FollowDeps) {
  let source: StreamLike | undefined
  let burst: ReturnType<typeof setTimeout> | undefined
  let reopen: ReturnType<typeof setTimeout> | undefined
  let refusals = 0
  let running = false

  function settle(): void {
    clearTimeout(burst)
    burst = setTimeout(() => live.changed(), LIVE_DEBOUNCE_MS)
  }

  function connect(): void {
    const stream = open()
    source = stream
    stream.addEventListener('hello', () => {
      refusals = 0
      // A page that was following before may have missed changes while it was not (the server
      // restarted, or kept too little to replay): what it shows is fetched again.
      if (live.everConnected) settle()
      else live.current()
      live.linked()
    })
    // A notification (an escalation reaching this lead unit) changes the reader's work queue.
    for (const name of ['hazard', 'tally', 'stats', 'reload', 'notification'] as const) stream.addEventListener(name, settle)
    // A warning issued or changed: the warnings panel, queue and the wall's summary, not the ledger's views.
    stream.addEventListener('warning', () => live.warningChanged())
    stream.addEventListener('error', () => {
      live.unlinked()
      if (stream.readyState === CLOSED) void recover(stream)
    })
  }

  /** After a refusal: a session that ended goes to the app's 401 handling; anything else is retried. */
  async function recover(stream: StreamLike): Promise<void> {
    if (source !== stream) return
    source = undefined
    try {
      await confirmSession()
    } catch (error) {
      if (error instanceof CallError && error.notLoggedIn) return stop()
    }
    if (running) reopen = setTimeout(connect, REOPEN_MS[Math.min(refusals++, REOPEN_MS.length - 1)])
  }

  function start(): void {
    if (running) return
    running = true
    connect()
  }

  function stop(): void {
    running = false
    clearTimeout(burst)
    clearTimeout(reopen)
    source?.close()
    source = undefined
    live.unlinked()
  }

  return { start, stop }
}

/** Follows `/api/stream` while someone is logged in; mount once per page (LiveStatus does). */
export function useLiveUpdates(): void {
  const session = useSessionStore()
  const follower = followStream({ live: useLiveStore(), open: openStream, confirmSession })
  watch(() => session.user !== null, (loggedIn) => (loggedIn ? follower.start() : follower.stop()), { immediate: true })
  onBeforeUnmount(follower.stop)
}
