import { z } from '@hono/zod-openapi'
import { basemapKinds } from '../basemap'
import {
  ActionSchema, AreaLevelSchema, CategoryIdSchema, ItemIdSchema, LeadUnitSchema, LonLatSchema, MeasuresSchema, PersonKindSchema, RiskLevelSchema, RoleSchema,
  SourceSchema, StatusSchema,
} from '../schemas'
import { type SiteKind, measureIds, siteKindIds } from '../sites'
import { AreaIdSchema, csv } from './common'

/** Site kinds by their ids (the record schema's enum widens them to string). */
const SiteKindSchema = z.enum(siteKindIds as [SiteKind, ...SiteKind[]])

/** The vocabulary and the geography: what `/api/meta`, `/api/areas`, `/api/basemap` and `/api/sites` answer. */

/** One entry of a vocabulary: its id, its Chinese name and the English beside it. */
const named = <T extends z.ZodType<string>>(id: T) => z.object({ id, name: z.string(), nameEn: z.string() })

export const MetaSchema = z
  .object({
    categories: z.array(
      named(CategoryIdSchema).extend({
        leadUnit: LeadUnitSchema, leadUnitName: z.string(),
        items: z.array(named(ItemIdSchema).extend({ confidential: z.boolean() })),
      }),
    ),
    statuses: z.array(named(StatusSchema)),
    levels: z.array(named(RiskLevelSchema).extend({ color: z.string() })),
    sources: z.array(named(SourceSchema)),
    siteKinds: z.array(named(SiteKindSchema)),
    roles: z.array(named(RoleSchema)),
    areaLevels: z.array(named(AreaLevelSchema)),
    actions: z.array(named(ActionSchema)),
    measures: z.array(named(z.enum(measureIds))),
    personKinds: z.array(named(PersonKindSchema)),
  })
  .openapi('Meta')
export type Meta = z.infer<typeof MetaSchema>

// GeoJSON geometries as the server draws them (RFC 7946; positions are [lon, lat]).
const Position = z.array(z.number()).min(2)
export const PointSchema = z.object({ type: z.literal('Point'), coordinates: Position })
const LineStringSchema = z.object({ type: z.literal('LineString'), coordinates: z.array(Position) })
const MultiLineStringSchema = z.object({ type: z.literal('MultiLineString'), coordinates: z.array(z.array(Position)) })
const PolygonSchema = z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(Position)) })
const MultiPolygonSchema = z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(z.array(Position))) })
export const AreaGeometrySchema = z.union([PolygonSchema, MultiPolygonSchema])
export type AreaGeometry = z.infer<typeof AreaGeometrySchema>

/** A feature collection of one kind of feature, with the properties and geometry that kind has. */
export const featureCollection = <P extends z.ZodType, G extends z.ZodType>(properties: P, geometry: G) =>
  z.object({
    type: z.literal('FeatureCollection'),
    features: z.array(z.object({ type: z.literal('Feature'), id: z.union([z.string(), z.number()]).optional(), properties, geometry })),
  })

export const AreaPropertiesSchema = z
  .object({
    id: z.string(), code: z.string(), name: z.string(),
    /** the name with its parents' (e.g. 旧店镇 · 第一管区 · 某村), where the boundary file gave one */
    fullName: z.string().nullable(),
    level: AreaLevelSchema, parentId: z.string().nullable(),
    population: z.number().nullable(), households: z.number().nullable(),
    /** where the name is written: inside the area, chosen by the server */
    label: LonLatSchema,
    bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]),
  })
  .openapi('AreaProperties')
export type AreaProperties = z.infer<typeof AreaPropertiesSchema>
export const AreaCollectionSchema = featureCollection(AreaPropertiesSchema, AreaGeometrySchema).openapi('AreaCollection')
export type AreaCollection = z.infer<typeof AreaCollectionSchema>

export const BasemapPropertiesSchema = z.object({ id: z.string(), kind: z.enum(basemapKinds), name: z.string() }).openapi('BasemapProperties')
export const BasemapGeometrySchema = z.union([LineStringSchema, MultiLineStringSchema, PolygonSchema, MultiPolygonSchema])
export type BasemapGeometry = z.infer<typeof BasemapGeometrySchema>
export type BasemapProperties = z.infer<typeof BasemapPropertiesSchema>
export const BasemapCollectionSchema = featureCollection(BasemapPropertiesSchema, BasemapGeometrySchema).openapi('BasemapCollection')
export type BasemapCollection = z.infer<typeof BasemapCollectionSchema>

export const SitePropertiesSchema = z
  .object({
    id: z.string(), name: z.string(), kind: SiteKindSchema,
    /** the grid cell it lies in */
    areaId: z.string(),
    villageId: z.string(),
    /** null for roles that may not see people's names (the wall) */
    responsible: z.object({ name: z.string(), phone: z.string() }).nullable(),
    measures: MeasuresSchema,
  })
  .openapi('SiteProperties')
export type SiteProperties = z.infer<typeof SitePropertiesSchema>
export const SiteCollectionSchema = featureCollection(SitePropertiesSchema, PointSchema).openapi('SiteCollection')
export type SiteCollection = z.infer<typeof SiteCollectionSchema>

export const AreaQuerySchema = z.strictObject({ level: AreaLevelSchema.optional() })
export const SiteQuerySchema = z.strictObject({ kind: csv(SiteKindSchema).optional(), area: csv(AreaIdSchema).optional() })
export type SiteQuery = z.output<typeof SiteQuerySchema>
