import type { Traceback } from '../../server/domain/contract/traceback'
import { api, call } from './client'

// The answer's shape is defined once, by the contract (server/domain/contract/traceback.ts).
export type { Traceback, TracebackCheck, TracebackFlag, TracebackHazard, TracebackRecord } from '../../server/domain/contract/traceback'

/** What a trace-back is asked: one of at (lon,lat), site or hazard, and the date, radius and months, as the URL carries them. */
export type TracebackAsk = Partial<Record<'at' | 'site' | 'hazard' | 'date' | 'radius' | 'months', string>>

/** `GET /api/traceback` — the leadership's, the analyst's and a lead unit's (its own category); audited. */
export function fetchTraceback(ask: TracebackAsk): Promise<Traceback> {
  return call(api.traceback.$get({ query: ask }))
}

/** Where the same trace-back's workbook downloads from (a plain link: the session cookie goes with it). */
export function tracebackXlsxUrl(ask: TracebackAsk): string {
  return `/api/traceback/export?${new URLSearchParams(ask as Record<string, string>)}`
}
