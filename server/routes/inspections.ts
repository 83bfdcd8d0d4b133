import { createRoute, z } from '@hono/zod-openapi'
import { inspectionSourceIds } from '../domain/sources'
import { CategoryIdSchema, DateSchema, InspectionSchema } from '../domain/schemas'
import { listInspections, recordInspection } from '../services/inspections'
import { json, router } from './support/router'
import { csv } from './support/schemas'

const Source = z.enum(inspectionSourceIds)
const NewInspection = z
  .strictObject({
    source: Source, areaId: z.string().min(1).max(40), date: DateSchema, inspectors: z.string().trim().min(1).max(200),
    checked: z.string().max(2000).optional(), findings: z.string().max(4000).optional(), hazardsFound: z.number().int().min(0).max(10_000).optional(),
    // the category it concerns, if one: its text then needs that category's clearance (as a hazard's does)
    category: CategoryIdSchema.optional(),
  })
  .openapi('NewInspection')
const ListQuery = z.strictObject({
  area: csv(z.string().min(1).max(40)).optional(), from: DateSchema.optional(), to: DateSchema.optional(),
  source: csv(Source).optional(), limit: z.coerce.number().int().min(1).max(5000).default(500),
})
/** generalised: the text (inspectors, checked, findings) was withheld from this reader */
const InspectionView = InspectionSchema.extend({ category: CategoryIdSchema.nullable(), generalised: z.boolean() }).openapi('Inspection')
const List = z.object({ inspections: z.array(InspectionView) })

export const inspectionRoutes = router()
  .openapi(
    createRoute({ method: 'get', path: '/', summary: 'Inspections in reach, newest first', request: { query: ListQuery }, responses: { 200: json(List, 'inspections') } }),
    (c) => {
      return c.json({ inspections: listInspections(c.var.services, c.var.actor, c.req.valid('query')) }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'post', path: '/', summary: 'Record an inspection (possibly finding nothing)',
      request: { body: { content: { 'application/json': { schema: NewInspection } }, required: true } },
      responses: { 201: json(z.object({ inspection: InspectionView }), 'the recorded inspection, as the recorder may read it'), 400: { description: 'invalid' }, 403: { description: 'role may not' } },
    }),
    (c) => {
      return c.json({ inspection: recordInspection(c.var.services, c.var.actor, c.req.valid('json')) }, 201)
    },
  )
