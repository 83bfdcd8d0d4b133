import type { AuditPage, AuditQuery } from '../domain/contract/audit'
import type { Actor } from '../domain/roles'
import type { Services } from './context'
import { ApiError, forbidden } from './errors'

/**
 * Writes one row of the audit log: who did what to which target, now. Every audited read and change
 * goes through here, so the rows all have one shape.
 */
export function audit(s: Pick<Services, 'store'>, actor: { username: string }, action: string, target: string, reason: string | null = null): void {
  s.store.audit.write({ at: new Date().toISOString(), username: actor.username, action, target, reason })
}

/** Who reads the audit log: the administrator and the leadership, who answer for what was read. */
export function mayReadAudit(actor: Actor): boolean {
  return actor.role === 'admin' || actor.role === 'leader'
}

/** The instant a China date begins, as the log's ISO timestamps (UTC) spell it. */
const dayStart = (date: string, plusDays = 0) => new Date(Date.parse(`${date}T00:00:00+08:00`) + plusDays * 86_400_000).toISOString()

/** One page of the audit log, newest first; `next` asks for the page after it. */
export function readAudit(s: Services, actor: Actor, f: AuditQuery): AuditPage {
  if (!mayReadAudit(actor)) throw forbidden('Only the administrator and the leadership read the audit log.')
  if (f.from && f.to && f.from > f.to) throw new ApiError(400, 'invalid_input', 'The range ends before it begins.', [{ field: 'to', message: 'before from' }])
  const rows = s.store.audit.query({
    username: f.user, action: f.action, fromAt: f.from && dayStart(f.from), toAt: f.to && dayStart(f.to, 1), beforeId: f.before, limit: f.limit + 1,
  })
  const entries = rows.slice(0, f.limit)
  return { entries, next: rows.length > f.limit ? entries[entries.length - 1]!.id : null }
}
