import { createRoute } from '@hono/zod-openapi'
import { CheckPlanCoverageSchema, CheckPlanQuerySchema, MissedChecksSchema } from '../domain/contract/check-plans'
import { checkPlanCoverage, missedChecks } from '../services/check-plans'
import { json, router } from './support/router'

export const checkPlanRoutes = router()
  .openapi(
    createRoute({
      method: 'get', path: '/coverage',
      summary: 'Per village, district, lead unit or key site: the checks due in the month or half-month holding a date, done, missed, and done ÷ due',
      request: { query: CheckPlanQuerySchema },
      responses: { 200: json(CheckPlanCoverageSchema, 'one row a place or unit in reach, and the totals'), 400: { description: 'invalid query' }, 403: { description: 'the wall' } },
    }),
    (c) => c.json(checkPlanCoverage(c.var.services, c.var.actor, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'get', path: '/missed',
      summary: 'The checks due in the period and not done though their own period is over (未查)',
      request: { query: CheckPlanQuerySchema },
      responses: { 200: json(MissedChecksSchema, 'the missed checks in reach'), 400: { description: 'invalid query' }, 403: { description: 'the wall' } },
    }),
    (c) => c.json(missedChecks(c.var.services, c.var.actor, c.req.valid('query')), 200),
  )
