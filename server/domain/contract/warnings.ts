import { z } from '@hono/zod-openapi'
import { CategoryIdSchema, DateSchema, ItemIdSchema } from '../schemas'
import { detectorIds, hotSpotPatternIds, warningActionIds, warningLevelIds, warningStatusIds } from '../warnings/model'

/**
 * Early warning (预测预警, issue 14): what `/api/warnings…` take and answer. The detectors' own
 * vocabulary is in server/domain/warnings/model.ts.
 */

export const DetectorSchema = z.enum(detectorIds)
export const WarningLevelSchema = z.enum(warningLevelIds)
export const WarningStatusSchema = z.enum(warningStatusIds)
export const WarningActionIdSchema = z.enum(warningActionIds)
export const HotSpotPatternSchema = z.enum(hotSpotPatternIds)

const text = (max: number) => z.string().trim().min(1).max(max)
const csv = <T extends z.ZodType>(one: T) =>
  z.preprocess((v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v), z.array(one).min(1)).optional()

export const WarningQuerySchema = z.strictObject({
  /** the warnings as they stood on this China date (issued by then, with their state then); today when absent */
  asOf: DateSchema.optional(),
  level: csv(WarningLevelSchema),
  category: csv(CategoryIdSchema),
  /** an area id: a district, village or grid cell; warnings touching it */
  area: z.string().min(1).max(64).optional(),
  detector: csv(DetectorSchema),
  /** `open` = every status but lifted */
  status: csv(z.union([WarningStatusSchema, z.literal('open')])),
  /** only the warnings this user's unit must respond to */
  mine: z.enum(['true', 'false']).optional(),
  /** at most this many, most urgent first (open before lifted, by level, newest first); `total` counts them all */
  limit: z.coerce.number().int().min(1).max(5000).default(500),
})
export type WarningQuery = z.output<typeof WarningQuerySchema>

export const WarningParamSchema = z.object({
  id: z.coerce.number().int().positive().openapi({ param: { name: 'id', in: 'path' } }),
})

export const WarningAreaSchema = z
  .object({
    kind: z.enum(['cells', 'village', 'district', 'unit', 'site', 'town']),
    id: z.string(),
    /** the area's name in Chinese and English (a cell cluster: "南村庄等3个网格") */
    name: z.string(),
    nameEn: z.string(),
    /** grid cell ids the area covers (the map layer draws these); empty for a unit */
    cells: z.array(z.string()),
    villageId: z.string().nullable(),
    districtId: z.string().nullable(),
  })
  .openapi('WarningArea')

export const WarningStatsSchema = z
  .object({
    z: z.number().optional(), p: z.number().optional(), q: z.number().optional(), tau: z.number().optional(),
    tauP: z.number().optional(), cusum: z.number().optional(), threshold: z.number().optional(),
  })
  .openapi('WarningStats')

export const WarningActionViewSchema = z
  .object({
    id: z.number(),
    /** ISO instant */
    at: z.string(),
    actor: z.string(),
    /** a user's action, or the system's: issue, refire (the detector fired again), propose_lift */
    action: z.union([WarningActionIdSchema, z.enum(['issue', 'refire', 'propose_lift'])]),
    fromLevel: WarningLevelSchema.nullable(),
    toLevel: WarningLevelSchema.nullable(),
    note: z.string().nullable(),
    hazardIds: z.array(z.number()),
    inspectionIds: z.array(z.number()),
  })
  .openapi('WarningAction')
export type WarningActionView = z.infer<typeof WarningActionViewSchema>

export const WarningViewSchema = z
  .object({
    id: z.number(),
    /** 编号, e.g. YJ-2026-0007 */
    code: z.string(),
    detector: DetectorSchema,
    level: WarningLevelSchema,
    /** the level the detector gave; `level` differs once a user raised or lowered it */
    detectedLevel: WarningLevelSchema,
    status: WarningStatusSchema,
    category: CategoryIdSchema.nullable(),
    item: ItemIdSchema.nullable(),
    area: WarningAreaSchema,
    pattern: HotSpotPatternSchema.nullable(),
    /** the explanation with its numbers */
    reason: z.object({ zh: z.string(), en: z.string() }),
    /** an internal risk notice (风险提示) of a social-security category, not a public alert */
    internalNotice: z.boolean(),
    window: z.object({ from: DateSchema, to: DateSchema }),
    /** recounted from the ledger when shown */
    observed: z.number(),
    /** as counted when the detector fired */
    observedAtIssue: z.number(),
    expected: z.number().nullable(),
    ratio: z.number().nullable(),
    stats: WarningStatsSchema,
    streak: z.number().nullable(),
    slope: z.number().nullable(),
    evidence: z.array(z.number()),
    upcoming: z.array(z.object({ id: z.number(), deadline: DateSchema })),
    parameters: z.record(z.string(), z.union([z.number(), z.string()])),
    ruleId: z.string(),
    ruleVersion: z.string(),
    rule: z.object({ zh: z.string(), en: z.string() }),
    responsible: z.object({ kind: z.enum(['lead_unit', 'district']), id: z.string(), name: z.string() }),
    /** ISO instant; the as-of day it was issued on is `issuedOn` */
    issuedAt: z.string(),
    issuedOn: DateSchema,
    /** respond by (签收 and start 处置) */
    responseDeadline: DateSchema,
    /** the last as-of day the detector still fired */
    lastFiredOn: DateSchema,
    /** the detector has not fired for two half-months: the product proposes lifting it */
    liftProposed: z.boolean(),
    liftedAt: z.string().nullable(),
    liftReason: z.string().nullable(),
    /** what this reader may do now; the web offers only these */
    may: z.array(WarningActionIdSchema),
  })
  .openapi('Warning')
export type WarningView = z.infer<typeof WarningViewSchema>

export const WarningDetailSchema = WarningViewSchema.extend({ actions: z.array(WarningActionViewSchema) }).openapi('WarningDetail')
export type WarningDetail = z.infer<typeof WarningDetailSchema>

/** A standing (persistent) hot spot: a map layer, not a warning. */
export const StandingHotSpotSchema = z
  .object({ category: CategoryIdSchema.nullable(), cells: z.array(z.string()), z: z.number(), areaName: z.string() })
  .openapi('StandingHotSpot')

export const WarningListSchema = z
  .object({
    asOf: DateSchema,
    /** when the detectors last ran, ISO instant */
    computedAt: z.string().nullable(),
    /** how many warnings the filters keep; `warnings` holds the first `limit` of them */
    total: z.number(),
    warnings: z.array(WarningViewSchema),
    persistent: z.array(StandingHotSpotSchema),
    /** counts of open warnings by level, over what the reader may see */
    open: z.record(WarningLevelSchema, z.number()),
  })
  .openapi('WarningList')
export type WarningList = z.infer<typeof WarningListSchema>

/** POST /api/warnings/{id}/actions */
export const WarningActionInputSchema = z
  .strictObject({
    action: WarningActionIdSchema,
    /** required for respond, note, raise, lower and lift */
    note: z.string().trim().max(2000).optional(),
    /** raise / lower: the new level */
    level: WarningLevelSchema.optional(),
    /** link / respond: hazards and inspections the response consists of */
    hazardIds: z.array(z.number().int().positive()).max(50).optional(),
    inspectionIds: z.array(z.number().int().positive()).max(50).optional(),
  })
  .openapi('WarningActionInput')
export type WarningActionInput = z.infer<typeof WarningActionInputSchema>

/** The wall's aggregate (GET /api/warnings/summary): counts by level, and the red and orange ones as area + category + level. */
export const WarningSummarySchema = z
  .object({
    asOf: DateSchema,
    open: z.record(WarningLevelSchema, z.number()),
    urgent: z.array(
      z.object({
        level: WarningLevelSchema,
        category: CategoryIdSchema.nullable(),
        areaName: z.string(),
        areaNameEn: z.string(),
        /** where to pulse on the map (the area's label point) */
        at: z.tuple([z.number(), z.number()]),
        cells: z.array(z.string()),
      }),
    ),
  })
  .openapi('WarningSummary')
export type WarningSummary = z.infer<typeof WarningSummarySchema>

export const SeasonEntrySchema = z
  .strictObject({
    id: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/),
    zh: text(40),
    en: text(80),
    from: z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'a day as MM-DD'),
    to: z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'a day as MM-DD'),
    leadDays: z.number().int().min(0).max(60),
    items: z.array(ItemIdSchema).min(1),
  })
  .openapi('SeasonEntry')

/** The seasonal calendar (GET/PUT /api/warnings/calendar), versioned like the scorecards' indicators. */
export const WarningCalendarSchema = z
  .object({ version: z.number(), updatedAt: z.string().nullable(), updatedBy: z.string().nullable(), entries: z.array(SeasonEntrySchema) })
  .openapi('WarningCalendar')
export const WarningCalendarInputSchema = z.strictObject({ entries: z.array(SeasonEntrySchema).max(40), reason: text(500) }).openapi('WarningCalendarInput')

/** The rule table every warning cites. */
export const WarningRulesSchema = z
  .object({
    version: z.string(),
    rules: z.array(z.object({ id: z.string(), detector: DetectorSchema, level: WarningLevelSchema, zh: z.string(), en: z.string() })),
    responseDays: z.record(WarningLevelSchema, z.number()),
  })
  .openapi('WarningRules')

/** A warning as the monthly bulletin names it. */
export const BulletinWarningSchema = z
  .object({
    code: z.string(), level: WarningLevelSchema, detector: DetectorSchema, category: CategoryIdSchema.nullable(), areaName: z.string(),
    reason: z.string(), issuedOn: DateSchema, status: WarningStatusSchema, responses: z.number(), liftedOn: DateSchema.nullable(),
    liftReason: z.string().nullable(), responsibleName: z.string(),
  })
  .openapi('BulletinWarning')
export type BulletinWarning = z.infer<typeof BulletinWarningSchema>
