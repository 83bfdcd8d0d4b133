import type { WarningActionInput, WarningDetail, WarningList, WarningSummary } from '../../server/domain/contract/warnings'
import { api, call } from './client'

// The answers' shapes are defined once, by the contract (server/domain/contract/warnings.ts).
export type { BulletinWarning, WarningActionInput, WarningActionView, WarningDetail, WarningList, WarningSummary, WarningView } from '../../server/domain/contract/warnings'

/** What the desk and the workbench ask `GET /api/warnings`: lists as the URL carries them (comma-separated). */
export type WarningAsk = Partial<Record<'asOf' | 'level' | 'category' | 'area' | 'detector' | 'status', string>> & { mine?: 'true' | 'false' }

/** `GET /api/warnings` — the warnings within the reader's reach, with the standing hot spots and the open counts by level. */
export function fetchWarnings(ask: WarningAsk): Promise<WarningList> {
  return call(api.warnings.$get({ query: ask }))
}

/** `GET /api/warnings/:id` — one warning with its history. */
export function fetchWarning(id: number): Promise<WarningDetail> {
  return call(api.warnings[':id'].$get({ param: { id: String(id) } }))
}

/** `POST /api/warnings/:id/actions` — acknowledge, respond, note, link, raise, lower or lift; answers the warning as it now stands. */
export function actOnWarning(id: number, input: WarningActionInput): Promise<WarningDetail> {
  return call(api.warnings[':id'].actions.$post({ param: { id: String(id) }, json: input }))
}

/** `GET /api/warnings/summary` — the wall's aggregate: open counts by level, the red and orange ones by area and category. */
export function fetchWarningSummary(): Promise<WarningSummary> {
  return call(api.warnings.summary.$get())
}
