import { z } from '@hono/zod-openapi'
import { inspectionSourceIds } from '../sources'
import { CategoryIdSchema, DateSchema, InspectionSchema, LonLatSchema } from '../schemas'
import { AreaIdSchema, FileSchema, csv } from './common'

/** Inspections (排查记录): what `/api/inspections` takes and answers. */

export const InspectionSourceSchema = z.enum(inspectionSourceIds)

/** What a form records; the server finds the rest (who, when written). */
export const NewInspectionSchema = z
  .strictObject({
    source: InspectionSourceSchema, areaId: AreaIdSchema, date: DateSchema, inspectors: z.string().trim().min(1).max(200),
    checked: z.string().max(2000).optional(), findings: z.string().max(4000).optional(), hazardsFound: z.number().int().min(0).max(10_000).optional(),
    // the category it concerns, if one: its text then needs that category's clearance (as a hazard's does)
    category: CategoryIdSchema.optional(),
    // the key site it checked (must lie in areaId): it then fulfils that site's due check, whatever its category
    siteId: z.string().min(1).max(60).optional(),
    // where the inspector stood, [lon, lat] (optional; must fall in the town)
    location: LonLatSchema.optional(),
  })
  .openapi('NewInspection')
export type NewInspection = z.infer<typeof NewInspectionSchema>

export const InspectionQuerySchema = z.strictObject({
  area: csv(AreaIdSchema).optional(), from: DateSchema.optional(), to: DateSchema.optional(),
  source: csv(InspectionSourceSchema).optional(), limit: z.coerce.number().int().min(1).max(5000).default(500),
})
export type InspectionQuery = z.output<typeof InspectionQuerySchema>

/** A photo of an inspection (e.g. of a site where nothing was found), served at its url. */
export const InspectionPhotoSchema = z.object({ id: z.number().int().positive(), url: z.string() }).openapi('InspectionPhoto')
export type InspectionPhoto = z.infer<typeof InspectionPhotoSchema>

/**
 * An inspection as the API shows it: `generalised` when its text (inspectors, checked, findings)
 * was withheld from this reader, and then no site, location or photos either. hazardsFound 0 is
 * a check that found nothing (未发现隐患), a record like any other. createdAt is null for records
 * older than the field.
 */
export const InspectionViewSchema = InspectionSchema.extend({
  category: CategoryIdSchema.nullable(),
  siteId: z.string().nullable(),
  siteName: z.string().nullable(),
  location: LonLatSchema.nullable(),
  createdAt: z.string().nullable(),
  photos: z.array(InspectionPhotoSchema),
  generalised: z.boolean(),
}).openapi('Inspection')
export type InspectionView = z.infer<typeof InspectionViewSchema>

export const InspectionListSchema = z.object({ inspections: z.array(InspectionViewSchema) })
export const InspectionAnswerSchema = z.object({ inspection: InspectionViewSchema })

/** `POST /api/inspections/:id/photos`: one image, multipart field `photo`. */
export const InspectionPhotoUploadSchema = z.object({ photo: FileSchema }).openapi('InspectionPhotoUpload')
export const InspectionPhotoAnswerSchema = z.object({ photo: InspectionPhotoSchema })
