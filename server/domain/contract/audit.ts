import { z } from '@hono/zod-openapi'
import { DateSchema } from '../schemas'

/** The audit log (who read or changed what): what `/api/audit` takes and answers. */

/** One row: who did what to which target, when, and why where a reason was asked. */
export const AuditEntrySchema = z
  .object({ id: z.number(), at: z.string(), username: z.string(), action: z.string(), target: z.string(), reason: z.string().nullable() })
  .openapi('AuditEntry')
export type AuditEntry = z.infer<typeof AuditEntrySchema>

/** One page, newest first; `next` is the `before` that asks for the page after it. */
export const AuditPageSchema = z.object({ entries: z.array(AuditEntrySchema), next: z.number().nullable() }).openapi('AuditPage')
export type AuditPage = z.infer<typeof AuditPageSchema>

export const AuditQuerySchema = z.strictObject({
  user: z.string().trim().min(1).max(64).optional(),
  action: z.string().trim().min(1).max(64).optional(),
  /** China dates (YYYY-MM-DD), both inclusive */
  from: DateSchema.optional(),
  to: DateSchema.optional(),
  /** the `next` of the page before */
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
})
export type AuditQuery = z.output<typeof AuditQuerySchema>

/** What the audit page's filter form sets (the page and its size are the client's business). */
export type AuditFilter = Pick<AuditQuery, 'user' | 'action' | 'from' | 'to'>
