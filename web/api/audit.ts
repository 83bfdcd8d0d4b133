import { getJson } from './client'

/** One row of the audit log: who read or changed what, when, and why when a reason was asked. */
export interface AuditEntry {
  id: number
  at: string
  username: string
  action: string
  target: string
  reason: string | null
}

/** Filters of the audit log; dates are China dates, both inclusive. */
export interface AuditFilter {
  user?: string
  action?: string
  from?: string
  to?: string
}

/** `GET /api/audit` — one page, newest first (admin and leader only); `next` asks for the page after. */
export async function fetchAudit(filter: AuditFilter, before?: number): Promise<{ entries: AuditEntry[]; next: number | null }> {
  const query: Record<string, string> = {}
  for (const [key, value] of Object.entries(filter)) if (value) query[key] = value
  if (before !== undefined) query['before'] = String(before)
  return getJson('/api/audit', query)
}
