import { createRoute } from '@hono/zod-openapi'
import { AuditPageSchema, AuditQuerySchema } from '../domain/contract/audit'
import { readAudit } from '../services/audit'
import { json, router } from './support/router'

/** The audit log (who read or changed what), for the administrator and the leadership. */
export const auditRoutes = router().openapi(
  createRoute({
    method: 'get', path: '/', summary: 'The audit log, newest first, by user, action and China dates (admin and leader only)',
    request: { query: AuditQuerySchema },
    responses: { 200: json(AuditPageSchema, 'one page of the log'), 400: { description: 'invalid filter' }, 403: { description: 'not admin or leader' } },
  }),
  (c) => c.json(readAudit(c.var.services, c.var.actor, c.req.valid('query')), 200),
)
