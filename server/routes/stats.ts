import { createRoute, z } from '@hono/zod-openapi'
import { AreaLevelSchema, DateSchema, RiskLevelSchema } from '../domain/schemas'
import { inspectionSourceIds } from '../domain/sources'
import { coverage } from '../services/coverage'
import { areaTable, summary, trend } from '../services/statistics'
import { filterFields, filterOf } from './support/filters'
import { json, router } from './support/router'
import { csv } from './support/schemas'

const SummarySchema = z
  .object({
    total: z.number(), open: z.number(), overdue: z.number(), escalated: z.number(), escalatedOpen: z.number(), closed: z.number(), closeRate: z.number(),
    byCategory: z.record(z.string(), z.number()), byLevel: z.record(z.string(), z.number()),
    byStatus: z.record(z.string(), z.number()), bySource: z.record(z.string(), z.number()),
  })
  .openapi('Summary')
const TrendSchema = z.array(z.object({ start: z.string(), end: z.string(), reported: z.number(), closed: z.number(), openAtEnd: z.number() })).openapi('Trend')
const AreaRowsSchema = z
  .array(z.object({ areaId: z.string(), name: z.string(), total: z.number(), open: z.number(), overdue: z.number(), escalated: z.number(), closed: z.number(), closeRate: z.number(), density: z.number().nullable() }))
  .openapi('AreaStats')

const CoverageSchema = z
  .object({
    period: z.object({ start: z.string(), end: z.string() }),
    villages: z.array(z.object({ villageId: z.string(), name: z.string(), districtId: z.string().nullable(), inspected: z.boolean(), inspections: z.number(), lastDate: z.string().nullable() })),
    covered: z.number(), total: z.number(), rate: z.number(),
  })
  .openapi('Coverage')

/** On /stats/areas `level` names the area level, so the risk-level filter is spelt `riskLevel` there. */
const { level: _riskLevel, ...areaFilterFields } = filterFields
const AreaQuery = z.strictObject({
  ...areaFilterFields,
  level: AreaLevelSchema.exclude(['county']).default('village'),
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
      request: { query: z.strictObject({ ...filterFields, bucket: z.enum(['half-month', 'week', 'month']).default('half-month') }) },
      responses: { 200: json(TrendSchema, 'one row a bucket') },
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
      const filter = filterOf({ ...q, level: q.riskLevel })
      return c.json(areaTable(c.var.services, c.var.actor, filter, q.level), 200)
    },
  )
  .openapi(
    createRoute({
      method: 'get', path: '/coverage', summary: 'Per village: inspected or not in the half-month (or week, month) holding a date; by default by the town\'s concentrated round',
      request: { query: z.strictObject({ period: DateSchema.optional(), bucket: z.enum(['half-month', 'week', 'month']).default('half-month'), source: csv(z.enum(inspectionSourceIds)).optional() }) },
      responses: { 200: json(CoverageSchema, 'coverage of the villages in reach') },
    }),
    (c) => {
      const q = c.req.valid('query')
      return c.json(coverage(c.var.services, c.var.actor, q.period ?? c.var.services.today(), q.bucket, q.source), 200)
    },
  )
