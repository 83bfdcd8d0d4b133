import { z } from '@hono/zod-openapi'
import { inspectionSourceIds } from '../sources'
import { CategoryIdSchema, DateSchema, InspectionSchema } from '../schemas'
import { AreaIdSchema, csv } from './common'

/** Inspections (排查记录): what `/api/inspections` takes and answers. */

export const InspectionSourceSchema = z.enum(inspectionSourceIds)

/** What a form records; the server finds the rest (who, when written). */
export const NewInspectionSchema = z
  .strictObject({
    source: InspectionSourceSchema, areaId: AreaIdSchema, date: DateSchema, inspectors: z.string().trim().min(1).max(200),
    checked: z.string().max(2000).optional(), findings: z.string().max(4000).optional(), hazardsFound: z.number().int().min(0).max(10_000).optional(),
    // the category it concerns, if one: its text then needs that category's clearance (as a hazard's does)
    category: CategoryIdSchema.optional(),
  })
  .openapi('NewInspection')
export type NewInspection = z.infer<typeof NewInspectionSchema>

export const InspectionQuerySchema = z.strictObject({
  area: csv(AreaIdSchema).optional(), from: DateSchema.optional(), to: DateSchema.optional(),
  source: csv(InspectionSourceSchema).optional(), limit: z.coerce.number().int().min(1).max(5000).default(500),
})
export type InspectionQuery = z.output<typeof InspectionQuerySchema>

/** An inspection as the API shows it: `generalised` when its text (inspectors, checked, findings) was withheld from this reader. */
export const InspectionViewSchema = InspectionSchema.extend({ category: CategoryIdSchema.nullable(), generalised: z.boolean() }).openapi('Inspection')
export type InspectionView = z.infer<typeof InspectionViewSchema>

export const InspectionListSchema = z.object({ inspections: z.array(InspectionViewSchema) })
export const InspectionAnswerSchema = z.object({ inspection: InspectionViewSchema })
