import { z } from '@hono/zod-openapi'
import { crsIds, importLevels } from '../files'
import { FieldErrorSchema, FileSchema } from './common'

/** Real boundaries: what `/api/areas/import` takes and answers. */

const field = z.string().trim().min(1).max(64)
export const BoundaryImportSchema = z
  .object({
    file: FileSchema,
    level: z.enum(importLevels),
    /** exactly one of the two names the property that matches a feature to an area */
    nameField: field.optional(),
    codeField: field.optional(),
    /** omitted: read from the file (.prj, or GeoJSON's own), else WGS 84 */
    crs: z.enum(crsIds).optional(),
  })
  .openapi('BoundaryImport')
export type BoundaryImport = z.infer<typeof BoundaryImportSchema>
/** How a file is to be read: the form without its file. */
export type BoundaryOptions = Omit<BoundaryImport, 'file'>

/** A feature the import refused, with its position in the file (from 0) and its name or code, where it had one. */
export const FeatureRejectionSchema = z
  .object({ feature: z.number(), key: z.string().nullable(), errors: z.array(FieldErrorSchema) })
  .openapi('FeatureRejection')
export type FeatureRejection = z.infer<typeof FeatureRejectionSchema>

/** The file's own CRS label, set aside because the user said the coordinates are GCJ-02: what it said, its name there, what was used. */
export const CrsOverrideSchema = z.object({ file: z.enum(crsIds), name: z.string(), used: z.enum(crsIds) })
export type CrsOverride = z.infer<typeof CrsOverrideSchema>

export const BoundaryImportResultSchema = z
  .object({
    imported: z.number(), level: z.enum(importLevels), crs: z.enum(crsIds),
    /** set when crs=gcj02 was given for a file labelled WGS 84 or CGCS2000 */
    crsOverride: CrsOverrideSchema.nullable(),
    format: z.enum(['geojson', 'shapefile']), rejected: z.array(FeatureRejectionSchema),
    reparented: z.number(), hazards: z.object({ moved: z.number(), unplaced: z.number() }), sites: z.object({ moved: z.number() }),
  })
  .openapi('BoundaryImportResult')
export type BoundaryImportResult = z.infer<typeof BoundaryImportResultSchema>
