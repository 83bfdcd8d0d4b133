import type { CategoryId } from '../../server/domain/categories'
import type { RiskLevel } from '../../server/domain/levels'
import type { Status } from '../../server/domain/statuses'
import { request } from './client'

/** `hello`: sent first on every (re)connection. */
export interface HelloEvent {
  seq: number
  /** the server's today (YYYY-MM-DD) */
  today: string
}

/** `hazard`: one hazard the reader may see was created or changed; no text, no people. */
export interface HazardEvent {
  id: number
  kind: 'created' | 'changed'
  status: Status
  version: number
  level: RiskLevel | null
  escalated: boolean
  category: CategoryId
  item: string
  villageId: string
  districtId: string
  /** the grid cell, or only the village for a hazard generalised for this reader */
  areaId: string
  confidential: boolean
}

/**
 * `tally`: what the wall display is told instead of `hazard` (server/services/live.ts): per
 * village and category, how many hazards were found, closed and escalated since its last
 * message. Counts and place names only: never which hazard, its item, its status or its level.
 */
export interface TallyEvent {
  villageId: string
  villageName: string
  districtId: string
  districtName: string
  category: CategoryId
  found: number
  closed: number
  escalated: number
}

/** Event names the stream sends (see server/routes/stream.ts). */
export const streamEvents = ['hello', 'hazard', 'tally', 'stats', 'reload', 'notification'] as const
export type StreamEvent = (typeof streamEvents)[number]

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
  await request('/api/auth/me')
}
