import type { LiveEventName } from '../../server/domain/contract/live'
import { api, call } from './client'

// What each event carries is the contract's (server/domain/contract/live.ts): `hello` a LiveHello,
// `hazard` a LiveHazardMessage (not a history row, a HazardEvent), `tally` a WallTally for the wall.
export type { LiveHazardMessage, LiveHello, WallTally } from '../../server/domain/contract/live'

/** Event names the stream sends (see server/routes/stream.ts). */
export const streamEvents = ['hello', 'hazard', 'tally', 'stats', 'reload', 'notification', 'warning'] as const satisfies readonly LiveEventName[]
export type StreamEvent = (typeof streamEvents)[number]
// An event the server adds and this list lacks fails the type check.
const _everyEvent: Exclude<LiveEventName, StreamEvent> extends never ? true : never = true

/**
 * `GET /api/stream` — Server-Sent Events with the session cookie (same origin). The browser
 * reconnects by itself after a dropped connection, sending the last event id it saw; a refusal
 * (401) closes the stream for good.
 */
export function openStream(): EventSource {
  return new EventSource('/api/stream')
}

/**
 * `GET /api/auth/me` asked as an ordinary call: a 401 here means the session ended while the
 * stream was open, and goes to the app's one 401 handler like any other call's.
 */
export async function confirmSession(): Promise<void> {
  await call(api.auth.me.$get())
}
