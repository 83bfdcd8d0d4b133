import { createRoute, z } from '@hono/zod-openapi'
import { AreaRowsSchema, CoverageQuerySchema, CoverageSchema, RankedLevelSchema, SummarySchema, TrendIntervalSchema, TrendSchema } from '../domain/contract/stats'
import { RiskLevelSchema } from '../domain/schemas'
import { coverage } from '../services/coverage'
import { areaTable, summary, trend } from '../services/statistics'
import { filterFields, filterOf } from './support/filters'
import { json, router } from './support/router'
import { csv } from './support/schemas'

/** On /stats/areas `level` names the area level, so the risk-level filter is spelt `riskLevel` there. */
const { level: _riskLevel, ...areaFilterFields } = filterFields
const AreaQuery = z.strictObject({
  ...areaFilterFields,
  level: RankedLevelSchema.default('village'),
  riskLevel: csv(RiskLevelSchema).optional(),
})

export const statsRoutes = router()
  .openapi(
    createRoute({ method: 'get', path: '/summary', summary: 'Totals by status, category, level and source for the filters', request: { query: z.strictObject(filterFields) }, responses: { 200: json(SummarySchema, 'the summary') } }),
    (c) => c.json(summary(c.var.services, c.var.actor, filterOf(c.req.valid('query'))), 200),
  )
  .openapi(
    createRoute({
      method: 'get', path: '/trend', summary: 'Reported, closed and open backlog per half-month, week or month',
      request: { query: z.strictObject({ ...filterFields, bucket: TrendIntervalSchema.default('half-month') }) },
      responses: { 200: json(TrendSchema, 'one point an interval') },
    }),
    (c) => {
      const q = c.req.valid('query')
      return c.json(trend(c.var.services, c.var.actor, filterOf(q), q.bucket), 200)
    },
  )
  .openapi(
    createRoute({ method: 'get', path: '/areas', summary: 'Per district, village or grid cell: total, open, overdue, close rate, density', request: { query: AreaQuery }, responses: { 200: json(AreaRowsSchema, 'one row an area') } }),
    (c) => {
      const q = c.req.valid('query')
      return c.json(areaTable(c.var.services, c.var.actor, filterOf({ ...q, level: q.riskLevel }), q.level), 200)
    },
  )
  .openapi(
    createRoute({
      method: 'get', path: '/coverage', summary: 'Per village: inspected or not in the half-month (or week, month) holding a date; by default by the town\'s concentrated round',
      request: { query: CoverageQuerySchema },
      responses: { 200: json(CoverageSchema, 'coverage of the villages in reach') },
    }),
    (c) => {
      const q = c.req.valid('query')
      return c.json(coverage(c.var.services, c.var.actor, q.period, q.bucket, q.source), 200)
    },
  )
