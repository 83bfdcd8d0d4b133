import { z } from '@hono/zod-openapi'
import { checkKindIds } from '../check-plans'
import { CategoryIdSchema, DateSchema, LeadUnitSchema } from '../schemas'

/** Check plans (排查计划): what `/api/check-plans/*` takes and answers. */

/** A coverage period: the month or half-month (1st–15th, 16th–end) holding a date. */
export const CheckPeriodBucketSchema = z.enum(['half-month', 'month'])
/** The rows: villages and districts (the checks placed there), lead units (their own and their sites' kinds'), key sites. */
export const CheckLevelSchema = z.enum(['village', 'district', 'unit', 'site'])
export type CheckLevel = z.infer<typeof CheckLevelSchema>

export const CheckPlanQuerySchema = z.strictObject({
  /** a date inside the period; today by default */
  period: DateSchema.optional(),
  bucket: CheckPeriodBucketSchema.default('half-month'),
  level: CheckLevelSchema.default('village'),
})
export type CheckPlanQuery = z.output<typeof CheckPlanQuerySchema>

const PeriodSchema = z.object({ start: DateSchema, end: DateSchema })

/**
 * Counts of checks due in the period (their own period ends in it): done, missed (未查: not done
 * and its period over) and pending (not done, its period not over yet); due = done + missed + pending.
 */
const CountsSchema = z.object({
  due: z.number().int(),
  done: z.number().int(),
  missed: z.number().int(),
  pending: z.number().int(),
  /** done ÷ due, 0–1, three decimals (computed from the counts, rounded only here); 0 when nothing was due */
  rate: z.number(),
})

export const CheckPlanRowSchema = CountsSchema.extend({
  /** the village, district, lead unit or key site */
  id: z.string(),
  name: z.string(),
}).openapi('CheckPlanRow')

export const CheckPlanCoverageSchema = z
  .object({
    period: PeriodSchema,
    bucket: CheckPeriodBucketSchema,
    level: CheckLevelSchema,
    rows: z.array(CheckPlanRowSchema),
    /** over the rows: done and due summed, so the rate is theirs, not an average of the rows' */
    totals: CountsSchema,
  })
  .openapi('CheckPlanCoverage')
export type CheckPlanCoverage = z.infer<typeof CheckPlanCoverageSchema>

export const CheckKindSchema = z.enum(checkKindIds)

/** A check that was due and not done (未查): what, where, who answers for it, and its period. */
export const MissedCheckSchema = z
  .object({
    kind: CheckKindSchema,
    /** the village (self-check, round), lead unit (focused) or key site (site) that went unchecked */
    subjectId: z.string(),
    subjectName: z.string(),
    villageId: z.string().nullable(),
    districtId: z.string().nullable(),
    unit: LeadUnitSchema.nullable(),
    category: CategoryIdSchema.nullable(),
    start: DateSchema,
    end: DateSchema,
    /** the row of the level asked for that it counts in */
    rowId: z.string(),
  })
  .openapi('MissedCheck')
export type MissedCheck = z.infer<typeof MissedCheckSchema>

export const MissedChecksSchema = z
  .object({ period: PeriodSchema, bucket: CheckPeriodBucketSchema, level: CheckLevelSchema, missed: z.array(MissedCheckSchema) })
  .openapi('MissedChecks')
export type MissedChecks = z.infer<typeof MissedChecksSchema>
