import { z } from '@hono/zod-openapi'
import { deductionIds, indicatorIds, scoreLevelIds } from '../scorecards'
import { DateSchema, DateTimeSchema } from '../schemas'

/** Scorecards (考核, server/domain/scorecards.ts): what `/api/scorecards*` takes and answers. */

export const ScoreLevelSchema = z.enum(scoreLevelIds)
export const IndicatorIdSchema = z.enum(indicatorIds)
export const DeductionIdSchema = z.enum(deductionIds)
export const MeasureIdSchema = z.enum([...indicatorIds, ...deductionIds])
export const MonthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM')

const weight = z.number().int().min(0).max(100)
const points = z.number().min(0).max(100)

/** The indicator table as a deployment sets it (admin: `PUT /api/scorecards/indicators`). */
export const IndicatorTableSchema = z
  .object({
    version: z.number().int().positive(),
    weights: z.strictObject(Object.fromEntries(indicatorIds.map((id) => [id, weight])) as Record<(typeof indicatorIds)[number], typeof weight>),
    points: z.strictObject(Object.fromEntries(deductionIds.map((id) => [id, points])) as Record<(typeof deductionIds)[number], typeof points>),
    redLine: z.number().min(0).max(100),
  })
  .openapi('IndicatorTable')
export type IndicatorTableView = z.infer<typeof IndicatorTableSchema>

/** A new table: the server gives it the next version. */
export const IndicatorTableInputSchema = IndicatorTableSchema.omit({ version: true }).strict().openapi('IndicatorTableInput')
export type IndicatorTableInput = z.infer<typeof IndicatorTableInputSchema>

export const ScorecardQuerySchema = z.strictObject({
  /** YYYY-MM; the current month by default */
  month: MonthSchema.optional(),
  level: ScoreLevelSchema.default('village'),
})
export type ScorecardQuery = z.output<typeof ScorecardQuerySchema>

export const IndicatorValueSchema = z.object({
  id: IndicatorIdSchema,
  /** the table's weight, and the weight it carried after renormalising over the indicators with a denominator */
  weight: z.number(),
  effectiveWeight: z.number(),
  numerator: z.number().int(),
  denominator: z.number().int(),
  /** numerator ÷ denominator, 0–1, three decimals; null when the denominator is 0 (left out) */
  rate: z.number().nullable(),
})
export type IndicatorValue = z.infer<typeof IndicatorValueSchema>

export const DeductionValueSchema = z.object({
  id: DeductionIdSchema,
  count: z.number().int(),
  /** count × the table's points; a district's ÷ the number of its villages (their mean), one decimal */
  points: z.number(),
})
export type DeductionValue = z.infer<typeof DeductionValueSchema>

/** The figures a score is made of. */
const FiguresSchema = z.object({
  /** 0–100, one decimal; null when no indicator had anything to count */
  score: z.number().nullable(),
  indicators: z.array(IndicatorValueSchema),
  deductions: z.array(DeductionValueSchema),
})

export const ScorecardRowSchema = FiguresSchema.extend({
  /** the village, district or lead unit */
  id: z.string(),
  name: z.string(),
  /** 1 = best; rows with no score are ranked after the others, in the ledger's order */
  rank: z.number().int().nullable(),
  /** the previous month's score (frozen if that month is) and the change from it */
  previousScore: z.number().nullable(),
  change: z.number().nullable(),
  /** below the table's red line: named in the bulletin (通报批评) */
  redList: z.boolean(),
  /**
   * For a frozen month: the figures as the ledger gives them now, when they differ from the published
   * ones (a later edit); null when they agree or the month is not frozen.
   */
  recomputed: FiguresSchema.nullable(),
}).openapi('ScorecardRow')
export type ScorecardRow = z.infer<typeof ScorecardRowSchema>

export const ScorecardsSchema = z
  .object({
    month: MonthSchema,
    level: ScoreLevelSchema,
    period: z.object({ start: DateSchema, end: DateSchema }),
    /** provisional while the month runs or its bulletin is not published; frozen with the bulletin */
    frozen: z.boolean(),
    frozenAt: DateTimeSchema.nullable(),
    /** the table the month was scored by (a frozen month keeps the version it was published with) */
    table: IndicatorTableSchema,
    rows: z.array(ScorecardRowSchema),
  })
  .openapi('Scorecards')
export type Scorecards = z.infer<typeof ScorecardsSchema>

export const ScorecardDrillQuerySchema = z.strictObject({
  month: MonthSchema,
  level: ScoreLevelSchema,
  /** the row: a village, district or lead unit id */
  id: z.string().trim().min(1).max(40),
  measure: MeasureIdSchema,
})
export type ScorecardDrillQuery = z.output<typeof ScorecardDrillQuerySchema>

/**
 * One record behind a figure: a hazard, a due check or a listing. `counted` is whether it is in the
 * numerator (an indicator) or counted at all (a deduction: always true). The denominator is the
 * number of records; the numerator the number counted; a deduction's count the number of records.
 */
export const DrillRecordSchema = z
  .object({
    kind: z.enum(['hazard', 'check', 'supervision', 'warning']),
    /** hazard id, due check key (kind:subject:start), listing id or warning id */
    id: z.string(),
    hazardId: z.number().int().nullable(),
    /** the hazard's code and title (withheld where the reader is not cleared), or the check's subject and period */
    label: z.string(),
    /** the day that placed it in the month (found, deadline, due, closed …) */
    date: DateSchema,
    counted: z.boolean(),
    /** why it counts or not, in a few words */
    note: z.string(),
  })
  .openapi('DrillRecord')
export type DrillRecord = z.infer<typeof DrillRecordSchema>

export const ScorecardDrillSchema = z
  .object({
    month: MonthSchema,
    level: ScoreLevelSchema,
    id: z.string(),
    name: z.string(),
    measure: MeasureIdSchema,
    numerator: z.number().int(),
    denominator: z.number().int(),
    records: z.array(DrillRecordSchema),
  })
  .openapi('ScorecardDrill')
export type ScorecardDrill = z.infer<typeof ScorecardDrillSchema>

/** A place or unit as the bulletin's 考核排名 names it. */
export const BulletinScoreRowSchema = z.object({
  level: ScoreLevelSchema,
  id: z.string(),
  name: z.string(),
  score: z.number().nullable(),
  rank: z.number().int().nullable(),
  change: z.number().nullable(),
})
export type BulletinScoreRow = z.infer<typeof BulletinScoreRowSchema>

/**
 * The bulletin's section 考核排名: the districts' and lead units' rankings, the red list (通报批评:
 * every row of any level below the red line, lowest first) and the villages' five best and five worst.
 */
export const BulletinScorecardsSchema = z
  .object({
    tableVersion: z.number().int(),
    redLine: z.number(),
    districts: z.array(BulletinScoreRowSchema),
    units: z.array(BulletinScoreRowSchema),
    redList: z.array(BulletinScoreRowSchema),
    villagesTop: z.array(BulletinScoreRowSchema),
    villagesBottom: z.array(BulletinScoreRowSchema),
  })
  .openapi('BulletinScorecards')
export type BulletinScorecards = z.infer<typeof BulletinScorecardsSchema>

/** `GET /api/scorecards/export`: the month's rows at a level as a workbook, in Chinese or English. */
export const ScorecardExportQuerySchema = ScorecardQuerySchema.extend({ lang: z.enum(['zh', 'en']).default('zh') })
export type ScorecardExportQuery = z.output<typeof ScorecardExportQuerySchema>
