import { z } from 'zod'
import { areaLevelIds, handlingLevelIds } from './areas'
import { categoryIds, itemIds, leadUnitIds } from './categories'
import { actionIds } from './lifecycle'
import { riskLevelIds } from './levels'
import { controlLevelIds, personKindIds } from './persons'
import { roleIds } from './roles'
import { type SiteKind, measureIds, siteKindIds } from './sites'
import { sourceIds } from './sources'
import { statusIds } from './statuses'

/** Zod schemas of every record; the store, the API and the seed all validate against these. */
export const CategoryIdSchema = z.enum(categoryIds)
export const ItemIdSchema = z.enum(itemIds as [string, ...string[]])
export const StatusSchema = z.enum(statusIds)
export const RiskLevelSchema = z.enum(riskLevelIds)
export const SourceSchema = z.enum(sourceIds)
export const RoleSchema = z.enum(roleIds)
export const LeadUnitSchema = z.enum(leadUnitIds)
export const AreaLevelSchema = z.enum(areaLevelIds)
export const SiteKindSchema = z.enum(siteKindIds as [SiteKind, ...SiteKind[]])
export const ActionSchema = z.enum(actionIds)
export const HandlingLevelSchema = z.enum(handlingLevelIds)
export const PersonKindSchema = z.enum(personKindIds as [string, ...string[]])
export const ControlLevelSchema = z.enum(controlLevelIds)

export const DateSchema = z.iso.date()
export const DateTimeSchema = z.iso.datetime({ offset: true })
export const LonLatSchema = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)])
/** How a report's place was taken: a GPS fix, a pin placed on the map (with a reason), or typed coordinates. */
export const LocationMethodSchema = z.enum(['gps', 'pin', 'typed'])
export type LocationMethod = z.infer<typeof LocationMethodSchema>

export const AreaSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  level: AreaLevelSchema,
  parentId: z.string().nullable(),
  population: z.number().int().nonnegative().nullable(),
  households: z.number().int().nonnegative().nullable(),
})
export type Area = z.infer<typeof AreaSchema>

export const MeasuresSchema = z.object(Object.fromEntries(measureIds.map((m) => [m, z.string()])) as Record<(typeof measureIds)[number], z.ZodString>)
export type SiteMeasures = z.infer<typeof MeasuresSchema>

export const SiteSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: SiteKindSchema,
  areaId: z.string(),
  villageId: z.string(),
  location: LonLatSchema,
  responsible: z.object({ name: z.string(), phone: z.string() }),
  measures: MeasuresSchema,
})
export type Site = z.infer<typeof SiteSchema>

export const HazardSchema = z.object({
  id: z.number().int().positive(),
  code: z.string(),
  title: z.string(),
  description: z.string(),
  category: CategoryIdSchema,
  item: ItemIdSchema,
  status: StatusSchema,
  level: RiskLevelSchema.nullable(),
  source: SourceSchema,
  location: LonLatSchema,
  areaId: z.string(),
  villageId: z.string(),
  districtId: z.string(),
  townId: z.string(),
  siteId: z.string().nullable(),
  /** the China date of foundAt (api.md's name, kept) */
  discoveredAt: DateSchema,
  /** 发现: when it was found (on a phone, perhaps long before it could be sent) */
  foundAt: DateTimeSchema,
  /** 登记: when the reporter registered it (an offline phone's queue time); timeliness counts found → reported */
  reportedAt: DateTimeSchema,
  /** 接收: when the server received it */
  receivedAt: DateTimeSchema,
  reportedBy: z.string(),
  measures: z.string().nullable(),
  leadUnit: LeadUnitSchema,
  responsibleUnit: z.string().nullable(),
  responsiblePerson: z.string().nullable(),
  deadline: DateSchema.nullable(),
  handlingLevel: HandlingLevelSchema.nullable(),
  escalated: z.boolean(),
  rectifiedAt: DateSchema.nullable(),
  closedAt: DateSchema.nullable(),
  campaignId: z.number().int().nullable(),
  version: z.number().int().positive(),
  updatedAt: DateTimeSchema,
  /**
   * How the location was taken (issue 15): the GPS fix's accuracy in metres (kept also beside a pin
   * that replaced a poor fix), the method and a pin's reason. Optional in a record (a seeded or
   * imported hazard has none, and the store leaves out what it does not know); the API always
   * answers them, null when unknown.
   */
  locationAccuracy: z.number().nonnegative().nullable().optional(),
  locationMethod: LocationMethodSchema.nullable().optional(),
  pinReason: z.string().nullable().optional(),
})
export type Hazard = z.infer<typeof HazardSchema>

export const EventActionSchema = z.union([z.literal('report'), ActionSchema])
export const HazardEventSchema = z.object({
  hazardId: z.number().int().positive(),
  at: DateTimeSchema,
  actor: z.string(),
  action: EventActionSchema,
  note: z.string().nullable(),
  from: StatusSchema.nullable(),
  to: StatusSchema,
  /** on a rectify step without an after-photo: why none can exist (the verifier's evidence instead) */
  noPhotoReason: z.string().nullable().optional(),
})
export type HazardEvent = z.infer<typeof HazardEventSchema>

export const InspectionSchema = z.object({
  id: z.number().int().positive(),
  source: SourceSchema,
  areaId: z.string(),
  date: DateSchema,
  inspectors: z.string(),
  checked: z.string(),
  findings: z.string().nullable(),
  hazardsFound: z.number().int().nonnegative(),
  /** the category the inspection concerns, when it is one: its text then needs that category's clearance */
  category: CategoryIdSchema.nullable().optional(),
})
export type Inspection = z.infer<typeof InspectionSchema>

export const PersonSchema = z.object({
  id: z.number().int().positive(),
  kind: PersonKindSchema,
  villageId: z.string(),
  name: z.string(),
  idNumber: z.string().regex(/^\d{17}[\dX]$/),
  phone: z.string().regex(/^1\d{10}$/),
  controlLevel: ControlLevelSchema,
  measures: z.string(),
})
export type Person = z.infer<typeof PersonSchema>

export const UserSchema = z.object({
  id: z.number().int().positive(),
  username: z.string(),
  name: z.string(),
  role: RoleSchema,
  areaId: z.string().nullable(),
  leadUnit: LeadUnitSchema.nullable(),
})
export type User = z.infer<typeof UserSchema>
