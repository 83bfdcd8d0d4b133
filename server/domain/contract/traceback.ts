import { z } from '@hono/zod-openapi'
import { checkKindIds } from '../check-plans'
import { postKindIds } from '../posts'
import { CategoryIdSchema, DateSchema, DateTimeSchema, LeadUnitSchema, LonLatSchema, SiteKindSchema } from '../schemas'
import { MONTHS_DEFAULT, MONTHS_MAX, RADIUS_DEFAULT, RADIUS_MAX, flagKindIds } from '../traceback'
import { EventViewSchema, HazardPhotoSchema, HazardViewSchema } from './hazards'
import { InspectionViewSchema } from './inspections'
import { PostViewSchema } from './posts'

/** Responsibility trace-back (责任倒查): what `/api/traceback` and its export take and answer. */

const whole = (min: number, max: number, fallback: number) => z.coerce.number().int().min(min).max(max).default(fallback)

/**
 * Exactly one of `at` (lon,lat), `site` (a key site's id) or `hazard` (a hazard's id) says where;
 * the service names the field when none or several are given, or `at` is not a point.
 */
export const TracebackQuerySchema = z.strictObject({
  at: z.string().max(60).optional().openapi({ example: '117.0234,36.6512' }),
  site: z.string().trim().min(1).max(60).optional(),
  hazard: z.coerce.number().int().positive().optional(),
  /** the day asked about; today (the server's) when left out */
  date: DateSchema.optional(),
  /** metres around the point (or the site, or the hazard) */
  radius: whole(1, RADIUS_MAX, RADIUS_DEFAULT),
  /** calendar months looked back from the date */
  months: whole(1, MONTHS_MAX, MONTHS_DEFAULT),
})
export type TracebackQuery = z.output<typeof TracebackQuerySchema>

const Named = z.object({ id: z.string(), name: z.string() })

export const TracebackPlaceSchema = z
  .object({
    /** the point looked around: the one asked for, the site's or the hazard's (its village's when the hazard is withheld) */
    location: LonLatSchema,
    grid: Named.nullable(),
    village: Named.nullable(),
    district: Named.nullable(),
    site: Named.extend({ kind: SiteKindSchema }).nullable(),
    /** the hazard asked about, when `hazard` was */
    hazardId: z.number().int().nullable(),
  })
  .openapi('TracebackPlace')

/** A post of the place on the date, and who held it (null: nobody did). */
export const TracebackPostSchema = z
  .object({ kind: z.enum(postKindIds), place: z.string(), placeName: z.string(), holder: PostViewSchema.nullable() })
  .openapi('TracebackPost')
export type TracebackPost = z.infer<typeof TracebackPostSchema>

/** An inspection that fulfilled a due check, as the inspections' list shows it (text, site, place and photos withheld where not cleared), with its area's name. */
export const TracebackRecordSchema = InspectionViewSchema.extend({ areaName: z.string() }).openapi('TracebackRecord')
export type TracebackRecord = z.infer<typeof TracebackRecordSchema>

/** A check due for the place in the window: done or not, and the records that did it. */
export const TracebackCheckSchema = z
  .object({
    kind: z.enum(checkKindIds),
    subjectId: z.string(),
    subjectName: z.string(),
    unit: LeadUnitSchema.nullable(),
    category: CategoryIdSchema.nullable(),
    start: DateSchema,
    end: DateSchema,
    done: z.boolean(),
    /** how many inspections fulfilled it (a lead unit's focused check: counted among its latest 50 in the period) */
    recordCount: z.number().int(),
    /** up to five of them: those at the place first, then by date */
    records: z.array(TracebackRecordSchema),
  })
  .openapi('TracebackCheck')
export type TracebackCheck = z.infer<typeof TracebackCheckSchema>

/** One step of the chain with the actor's name beside the account ('' where withheld or unknown). */
export const TracebackEventSchema = EventViewSchema.extend({ actorName: z.string() }).openapi('TracebackEvent')

export const TracebackHazardSchema = z
  .object({
    hazard: HazardViewSchema,
    /** metres from the place; null where the hazard's place is withheld from this reader */
    metres: z.number().nullable(),
    /** hours from 发现 (hazard.foundAt) to 登记 (hazard.reportedAt), one decimal */
    reportDelayHours: z.number(),
    events: z.array(TracebackEventSchema),
    photos: z.array(HazardPhotoSchema),
  })
  .openapi('TracebackHazard')
export type TracebackHazard = z.infer<typeof TracebackHazardSchema>

export const FlagKindSchema = z.enum(flagKindIds)

/** A flag and the records that raise it (server/domain/traceback.ts flagsOf). */
export const TracebackFlagSchema = z
  .object({
    kind: FlagKindSchema,
    hazardIds: z.array(z.number().int()),
    inspectionIds: z.array(z.number().int()),
    /** 未查: the index of the check in `checks` */
    check: z.number().int().nullable(),
    /** 超期: days past the deadline; 迟报: hours from found to reported; 虚假销号: days from close-out to the find */
    amount: z.number().nullable(),
    timeliness: z.enum(['late', 'concealed']).nullable(),
  })
  .openapi('TracebackFlag')
export type TracebackFlag = z.infer<typeof TracebackFlagSchema>

export const TracebackSchema = z
  .object({
    date: DateSchema,
    /** the window looked at, both days inclusive */
    from: DateSchema,
    to: DateSchema,
    radius: z.number().int(),
    months: z.number().int(),
    /** a lead unit's trace-back holds its own category only */
    category: CategoryIdSchema.nullable(),
    place: TracebackPlaceSchema,
    posts: z.array(TracebackPostSchema),
    checks: z.array(TracebackCheckSchema),
    hazards: z.array(TracebackHazardSchema),
    flags: z.array(TracebackFlagSchema),
    ranBy: z.object({ name: z.string(), username: z.string() }),
    ranAt: DateTimeSchema,
  })
  .openapi('Traceback')
export type Traceback = z.infer<typeof TracebackSchema>
