import type { AuditFilter, AuditPage } from '../../server/domain/contract/audit'
import { api, call } from './client'

export type { AuditEntry, AuditFilter, AuditPage } from '../../server/domain/contract/audit'

/** `GET /api/audit` — one page, newest first (admin and leader only); `next` asks for the page after. */
export function fetchAudit(filter: AuditFilter, before?: number): Promise<AuditPage> {
  const query: { user?: string; action?: string; from?: string; to?: string; before?: string } = {}
  for (const key of ['user', 'action', 'from', 'to'] as const) if (filter[key]) query[key] = filter[key]
  if (before !== undefined) query.before = String(before)
  return call(api.audit.$get({ query }))
}
