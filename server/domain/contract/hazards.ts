import { z } from '@hono/zod-openapi'
import { MAX_PAGE } from '../filters'
import { ExtensionViewSchema, SupervisionRightsSchema, SupervisionViewSchema } from './supervision'
import { CategoryIdSchema, DateSchema, DateTimeSchema, EventActionSchema, HandlingLevelSchema, HazardSchema, ItemIdSchema, LocationMethodSchema, LonLatSchema, RiskLevelSchema, SourceSchema, StatusSchema } from '../schemas'

/**
 * The hazard ledger's contract (api.md, /api/hazards): what a report and a lifecycle step take, and
 * what the list, the detail and every change answer. The routes validate with these, the services
 * take and return their types, and the web and the tests read the same types: one definition.
 */

const text = (max: number) => z.string().trim().min(1).max(max)
const version = z.number().int().positive()

/** 当场整改: the reporter fixed it while there; the hazard is registered already rectified, in the same commit. */
export const OnTheSpotSchema = z
  .strictObject({
    note: text(2000),
    /** the verifier's evidence when no after-photo will follow (four eyes: a pass needs one or the other) */
    noPhotoReason: text(2000).optional(),
  })
  .openapi('OnTheSpot')

/** `POST /api/hazards`: the area is found by the server from the location. */
export const HazardReportSchema = z
  .strictObject({
    category: CategoryIdSchema, item: ItemIdSchema, title: text(120), description: z.string().max(4000).optional(),
    location: LonLatSchema, source: SourceSchema, siteId: z.string().max(60).optional(),
    /** YYYY-MM-DD, the China date of foundAt (422 when both are given and disagree); the server's today when both are left out */
    discoveredAt: DateSchema.optional(),
    /**
     * 发现: when it was found, an instant with its offset (an offline phone sends the moment it was found);
     * left out: discoveredAt's day at 09:00+08:00, else now. 422 when in the future (5 minutes' clock
     * skew allowed), before the campaign started or after reportedAt.
     */
    foundAt: DateTimeSchema.optional(),
    /** 登记: when the reporter registered it on their device (e.g. an offline phone's queue time); now when left out; 422 in the future */
    reportedAt: DateTimeSchema.optional(),
    onTheSpot: OnTheSpotSchema.optional(),
    /** the GPS fix's accuracy in metres; with locationMethod gps required and at most GPS_MAX_ACCURACY_M (422: place a pin) */
    locationAccuracy: z.number().nonnegative().max(1e7).optional(),
    /** how the location was taken; left out by the desk's form (unknown) */
    locationMethod: LocationMethodSchema.optional(),
    /** why a pin was placed instead of a GPS fix (required with locationMethod pin, 422 without) */
    pinReason: text(200).optional(),
  })
  .openapi('HazardReport')
export type HazardReport = z.infer<typeof HazardReportSchema>

/** A UUID of any version, any case (the phone makes v4, by crypto.randomUUID or its fallback outside secure contexts). */
export const UuidSchema = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'not a UUID')

/** The header that makes a report, a step or a photo upload safe to resend (a UUID made on the phone). */
export const IDEMPOTENCY_KEY = 'Idempotency-Key'

/**
 * The header as OpenAPI describes it (a route's `parameters`). Declared there and not as the
 * route's validated `headers`, which would make every typed client call pass a `header` argument;
 * the service checks it (400 naming Idempotency-Key unless a UUID).
 */
export const idempotencyKeyParameter = {
  name: IDEMPOTENCY_KEY, in: 'header', required: false,
  description: 'a UUID the client made for this request: the same key and body again replay the first answer (header Idempotent-Replayed: true); the same key with another body → 409 idempotency_conflict',
  schema: { type: 'string', format: 'uuid', example: '1b4e28ba-2fa1-41d2-883f-0016d3cca427' },
} as const

/** A GPS fix coarser than this many metres is no location: the phone places a pin instead (422 naming locationAccuracy). */
export const GPS_MAX_ACCURACY_M = 100

/** `POST /api/hazards/:id/actions`: one step of the hazard's life; `version` guards against stale edits (409). */
export const HazardActionSchema = z
  .discriminatedUnion('action', [
    z.strictObject({ action: z.literal('assess'), version, level: RiskLevelSchema, measures: text(2000), handlingLevel: HandlingLevelSchema.optional() }),
    z.strictObject({ action: z.literal('assign'), version, responsibleUnit: text(120), responsiblePerson: text(60), deadline: DateSchema.optional() }),
    z.strictObject({ action: z.literal('start'), version }),
    // Evidence for the verifier when no after-photo can exist (four eyes: a pass needs one or the other).
    z.strictObject({ action: z.literal('rectify'), version, note: text(2000), noPhotoReason: text(2000).optional() }),
    z.strictObject({ action: z.literal('verify'), version, passed: z.boolean(), note: text(2000) }),
    z.strictObject({ action: z.literal('escalate'), version, reason: text(2000) }),
    z.strictObject({ action: z.literal('comment'), version, note: text(2000) }),
  ])
  .openapi('HazardAction')
export type HazardAction = z.infer<typeof HazardActionSchema>

/** A hazard as the API shows it: overdue worked out for today, text withheld where not cleared. */
export const HazardViewSchema = HazardSchema.extend({
  overdue: z.boolean(),
  /** true when text, people and the exact place were withheld from this reader */
  generalised: z.boolean(),
}).openapi('HazardView')
export type HazardView = z.infer<typeof HazardViewSchema>

/** One step of a hazard's history; actor and note are empty for a generalised hazard. */
export const EventViewSchema = z
  .object({
    at: z.string(), actor: z.string(), action: EventActionSchema, note: z.string().nullable(), from: StatusSchema.nullable(), to: StatusSchema,
    /** a rectification's reason for having no after-photo, where one was given and the reader may read it */
    noPhotoReason: z.string().optional(),
  })
  .openapi('HazardEventView')
export type EventView = z.infer<typeof EventViewSchema>

/**
 * Four eyes (四眼原则): the facts about one reader and one hazard that can bar them from verifying it,
 * drawn from its events and photos (server/services/close-out.ts); domain/lifecycle.ts judges them.
 */
export const CloseOutSchema = z
  .object({
    /** what the reader did to the hazard that bars them from verifying it: reported it, or reported it rectified */
    own: z.enum(['reported', 'rectified']).nullable(),
    /** after-photos (stage rectified) of the rectification under review: those since the last failed verification */
    photos: z.number().int().nonnegative(),
    /** why no after-photo can exist, as the rectifier wrote it; '' when the reader may not read the text */
    noPhotoReason: z.string().nullable(),
  })
  .openapi('CloseOut')
export type CloseOut = z.infer<typeof CloseOutSchema>

/** A photo of the hazard, served from this origin only to roles that see the hazard in full. */
export const HazardPhotoSchema = z
  .object({
    id: z.number().int().positive(), url: z.string(), stage: z.enum(['found', 'rectified']),
    /** when it was taken (the camera's time, given with the upload); left out when not given */
    takenAt: DateTimeSchema.optional(),
  })
  .openapi('HazardPhoto')
export type HazardPhoto = z.infer<typeof HazardPhotoSchema>

/** `GET /api/hazards/:id`: the hazard, its history, its photos (none where generalised), the reader's close-out facts and its supervision. */
export const HazardDetailSchema = z
  .object({
    hazard: HazardViewSchema, events: z.array(EventViewSchema), photos: z.array(HazardPhotoSchema), closeOut: CloseOutSchema,
    /** 挂牌督办: the open listing, or the last one taken down, or null (contract/supervision.ts) */
    supervision: SupervisionViewSchema.nullable(),
    /** extension requests, newest first */
    extensions: z.array(ExtensionViewSchema),
    /** what this reader may do about listing and extensions now */
    supervisionRights: SupervisionRightsSchema,
  })
  .openapi('HazardDetail')
export type HazardDetail = z.infer<typeof HazardDetailSchema>

/** What a report and a step answer: the hazard as it now is. */
export const HazardAnswerSchema = z.object({ hazard: HazardViewSchema }).openapi('HazardAnswer')
export type HazardAnswer = z.infer<typeof HazardAnswerSchema>

/** A hazard as a GeoJSON point: its view without the location, which is the geometry. */
export const HazardFeatureSchema = z
  .object({
    type: z.literal('Feature'), id: z.number().int().positive(), properties: HazardViewSchema.omit({ location: true }),
    geometry: z.object({ type: z.literal('Point'), coordinates: LonLatSchema }),
  })
  .openapi('HazardFeature')
export type HazardFeature = z.infer<typeof HazardFeatureSchema>

/** `GET /api/hazards`: one page of the ledger, newest first. */
export const HazardListSchema = z
  .object({
    type: z.literal('FeatureCollection'), features: z.array(HazardFeatureSchema),
    /** present when there is more: pass it back as `cursor` */
    nextCursor: z.string().optional(),
  })
  .openapi('HazardList')
export type HazardList = z.infer<typeof HazardListSchema>

export { MAX_PAGE }
