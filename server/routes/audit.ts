import { createRoute, z } from '@hono/zod-openapi'
import { DateSchema } from '../domain/schemas'
import { readAudit } from '../services/audit'
import { json, router } from './support/router'

const Entry = z
  .object({ id: z.number(), at: z.string(), username: z.string(), action: z.string(), target: z.string(), reason: z.string().nullable() })
  .openapi('AuditEntry')
const Page = z.object({ entries: z.array(Entry), next: z.number().nullable() }).openapi('AuditPage')
const Query = z.strictObject({
  user: z.string().trim().min(1).max(64).optional(),
  action: z.string().trim().min(1).max(64).optional(),
  from: DateSchema.optional(),
  to: DateSchema.optional(),
  /** the `next` of the page before */
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
})

/** The audit log (who read or changed what), for the administrator and the leadership. */
export const auditRoutes = router().openapi(
  createRoute({
    method: 'get', path: '/', summary: 'The audit log, newest first, by user, action and China dates (admin and leader only)',
    request: { query: Query },
    responses: { 200: json(Page, 'one page of the log'), 400: { description: 'invalid filter' }, 403: { description: 'not admin or leader' } },
  }),
  (c) => c.json(readAudit(c.var.services, c.var.actor, c.req.valid('query')), 200),
)
