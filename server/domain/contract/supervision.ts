import { z } from '@hono/zod-openapi'
import { CategoryIdSchema, DateSchema, RiskLevelSchema, StatusSchema } from '../schemas'
import { decisionIds, unitIds } from '../supervision'

/**
 * 挂牌督办 (listed supervision) and extensions (server/domain/supervision.ts): what
 * `/api/hazards/{id}/supervision`, `/api/hazards/{id}/extensions` and `/api/supervisions` take and answer.
 */

const text = (max: number) => z.string().trim().min(1).max(max)

/** The town's leadership group (`town`) or a lead unit. */
export const SupervisionUnitSchema = z.enum(unitIds)

export const NewSupervisionSchema = z
  .strictObject({
    /** the unit that follows the rectification up (督办单位) */
    supervisingUnit: SupervisionUnitSchema,
    /** the listing's deadline; the hazard's own moves to it when this is earlier */
    deadline: DateSchema,
    reason: text(2000),
  })
  .openapi('NewSupervision')
export type NewSupervision = z.infer<typeof NewSupervisionSchema>

/** 摘牌: taking the listing down once the hazard is closed out. */
export const CloseSupervisionSchema = z.strictObject({ note: text(2000) }).openapi('CloseSupervision')
export type CloseSupervision = z.infer<typeof CloseSupervisionSchema>

export const ExtensionRequestSchema = z.strictObject({ newDeadline: DateSchema, reason: text(2000) }).openapi('ExtensionRequest')
export type ExtensionRequest = z.infer<typeof ExtensionRequestSchema>

export const ExtensionDecisionSchema = z.strictObject({ decision: z.enum(decisionIds), note: text(2000) }).openapi('ExtensionDecision')
export type ExtensionDecision = z.infer<typeof ExtensionDecisionSchema>

export const ExtensionParamSchema = z.object({
  id: z.coerce.number().int().positive().openapi({ param: { name: 'id', in: 'path' } }),
  eid: z.coerce.number().int().positive().openapi({ param: { name: 'eid', in: 'path' } }),
})

export const SupervisionQuerySchema = z.strictObject({
  /** open listings, closed ones, or both (the default) */
  state: z.enum(['open', 'closed', 'all']).default('all'),
  /** only listings listed or taken down in that month (China's calendar) */
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM').optional(),
})
export type SupervisionQuery = z.output<typeof SupervisionQuerySchema>

/**
 * A listing as a reader sees it. Where the hazard is generalised for the reader, its reason, note
 * and people are withheld ('' / null), as the hazard's own text is.
 */
export const SupervisionViewSchema = z
  .object({
    id: z.number(),
    hazardId: z.number(),
    listingUnit: SupervisionUnitSchema,
    listedBy: z.string(),
    /** ISO instant */
    listedAt: z.string(),
    supervisingUnit: SupervisionUnitSchema,
    deadline: DateSchema,
    reason: z.string(),
    closedAt: z.string().nullable(),
    closedBy: z.string().nullable(),
    closeNote: z.string().nullable(),
    /** while open: days from today to the deadline, negative once overdue; null once taken down */
    daysLeft: z.number().nullable(),
    /** whether the hazard was closed out by the deadline; null while it is not closed out */
    onTime: z.boolean().nullable(),
  })
  .openapi('Supervision')
export type SupervisionView = z.infer<typeof SupervisionViewSchema>

export const ExtensionViewSchema = z
  .object({
    id: z.number(),
    hazardId: z.number(),
    supervisionId: z.number().nullable(),
    requestedBy: z.string(),
    requestedAt: z.string(),
    reason: z.string(),
    oldDeadline: DateSchema,
    newDeadline: DateSchema,
    /** null while pending */
    decision: z.enum(decisionIds).nullable(),
    decidedBy: z.string().nullable(),
    decidedAt: z.string().nullable(),
    decisionNote: z.string().nullable(),
  })
  .openapi('Extension')
export type ExtensionView = z.infer<typeof ExtensionViewSchema>

/** What this reader may do about the hazard's supervision now; the web offers only these. */
export const SupervisionRightsSchema = z
  .object({
    list: z.boolean(),
    close: z.boolean(),
    ask: z.boolean(),
    decide: z.boolean(),
    /** the last day an extension may be asked for (deadline − notice); null when the hazard has no deadline to move */
    lastDayToAsk: DateSchema.nullable(),
    /** EXTENSION_NOTICE_DAYS */
    noticeDays: z.number(),
  })
  .openapi('SupervisionRights')
export type SupervisionRights = z.infer<typeof SupervisionRightsSchema>

/** A listing in `/api/supervisions`: with its hazard (title withheld where the reader is not cleared) and its extensions. */
export const SupervisionListItemSchema = SupervisionViewSchema.extend({
  hazard: z.object({
    id: z.number(), code: z.string(), title: z.string(), generalised: z.boolean(), category: CategoryIdSchema,
    level: RiskLevelSchema.nullable(), status: StatusSchema, villageId: z.string(), districtId: z.string(), deadline: DateSchema.nullable(),
  }),
  extensions: z.array(ExtensionViewSchema),
}).openapi('SupervisionListItem')
export type SupervisionListItem = z.infer<typeof SupervisionListItemSchema>

export const SupervisionListSchema = z.object({ today: DateSchema, supervisions: z.array(SupervisionListItemSchema) }).openapi('SupervisionList')
export type SupervisionList = z.infer<typeof SupervisionListSchema>

/** What listing and taking down answer: the listing and the hazard's deadline as it now is. */
export const SupervisionAnswerSchema = z
  .object({ supervision: SupervisionViewSchema, hazardDeadline: DateSchema.nullable() })
  .openapi('SupervisionAnswer')
export type SupervisionAnswer = z.infer<typeof SupervisionAnswerSchema>

/** What asking and deciding answer: the request, the listing (if any) and the hazard's deadline as they now are. */
export const ExtensionAnswerSchema = z
  .object({ extension: ExtensionViewSchema, supervision: SupervisionViewSchema.nullable(), hazardDeadline: DateSchema.nullable() })
  .openapi('ExtensionAnswer')
export type ExtensionAnswer = z.infer<typeof ExtensionAnswerSchema>

/** A listing as the monthly bulletin names it: a confidential hazard by its code and category only. */
export const BulletinListingSchema = z
  .object({
    hazardId: z.number(), code: z.string(), title: z.string().nullable(), confidential: z.boolean(), category: CategoryIdSchema, categoryName: z.string(),
    village: z.string(), district: z.string(),
    listingUnit: SupervisionUnitSchema, listingUnitName: z.string(), supervisingUnit: SupervisionUnitSchema, supervisingUnitName: z.string(),
    /** China dates */
    listedOn: DateSchema, deadline: DateSchema, closedOn: DateSchema.nullable(),
    /** closed out by the deadline; null while the hazard is not closed out (as the bulletin's day stood) */
    onTime: z.boolean().nullable(),
  })
  .openapi('BulletinListing')
export type BulletinListing = z.infer<typeof BulletinListingSchema>

/** 挂牌督办 in the month: hazards listed in it, and listings taken down (摘牌) in it. */
export const BulletinSupervisionSchema = z
  .object({ listed: z.array(BulletinListingSchema), closed: z.array(BulletinListingSchema) })
  .openapi('BulletinSupervision')
export type BulletinSupervision = z.infer<typeof BulletinSupervisionSchema>
