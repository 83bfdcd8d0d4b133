import { z } from '@hono/zod-openapi'
import { categoryIds } from '../categories'
import { riskLevelIds } from '../levels'
import { inspectionSourceIds, sourceIds } from '../sources'
import { statusIds } from '../statuses'
import { UNASSESSED } from '../stats'
import { AreaLevelSchema, DateSchema } from '../schemas'
import { csv } from './common'

/**
 * The answers of /api/stats/*: one definition for the server that computes them, the routes that
 * declare them, and the web that reads them (server/domain/stats.ts names the types).
 */

/** A count for every id of a vocabulary: every key is always present, zero or not. */
const countsOf = <const T extends readonly [string, ...string[]]>(ids: T) => z.record(z.enum(ids), z.number())

export const SummarySchema = z
  .object({
    total: z.number(),
    open: z.number(),
    overdue: z.number(),
    /** every escalated hazard, as the escalated=true filter lists them */
    escalated: z.number(),
    /** of those, the ones not yet closed: what still needs a joint diagnosis */
    escalatedOpen: z.number(),
    closed: z.number(),
    /** closed ÷ total, 0–1, three decimals */
    closeRate: z.number(),
    byCategory: countsOf(categoryIds),
    /** hazards not yet assessed have no risk level: they count under `unassessed` */
    byLevel: countsOf([...riskLevelIds, UNASSESSED]),
    byStatus: countsOf(statusIds),
    bySource: countsOf(sourceIds),
  })
  .openapi('Summary')

/** The size of one step of the trend (and of a coverage period): half-months as the plan's rounds, weeks or months. */
export const TrendIntervalSchema = z.enum(['half-month', 'week', 'month'])

/** One point of the trend: what was reported and closed in [start, end], and what was still open at its end. */
export const TrendPointSchema = z
  .object({ start: DateSchema, end: DateSchema, reported: z.number(), closed: z.number(), openAtEnd: z.number() })
  .openapi('TrendPoint')
export const TrendSchema = z.array(TrendPointSchema).openapi('Trend')

export const AreaRowSchema = z
  .object({
    areaId: z.string(), name: z.string(), total: z.number(), open: z.number(), overdue: z.number(), escalated: z.number(), closed: z.number(), closeRate: z.number(),
    /** open hazards per 1,000 residents where population is known */
    density: z.number().nullable(),
  })
  .openapi('AreaRow')
export const AreaRowsSchema = z.array(AreaRowSchema).openapi('AreaStats')

export const VillageCoverageSchema = z
  .object({ villageId: z.string(), name: z.string(), districtId: z.string().nullable(), inspected: z.boolean(), inspections: z.number(), lastDate: DateSchema.nullable() })
  .openapi('VillageCoverage')
export const CoverageSchema = z
  .object({ period: z.object({ start: DateSchema, end: DateSchema }), villages: z.array(VillageCoverageSchema), covered: z.number(), total: z.number(), rate: z.number() })
  .openapi('Coverage')

/** On /stats/areas `level` names the area level (no county); the filters' risk level is spelt `riskLevel` there. */
export const RankedLevelSchema = AreaLevelSchema.exclude(['county'])

export const CoverageQuerySchema = z.strictObject({
  period: DateSchema.optional(),
  bucket: TrendIntervalSchema.default('half-month'),
  source: csv(z.enum(inspectionSourceIds)).optional(),
})
