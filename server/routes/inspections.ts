import { createRoute } from '@hono/zod-openapi'
import { InspectionAnswerSchema, InspectionListSchema, InspectionQuerySchema, NewInspectionSchema } from '../domain/contract/inspections'
import { listInspections, recordInspection } from '../services/inspections'
import { json, jsonBody, router } from './support/router'

export const inspectionRoutes = router()
  .openapi(
    createRoute({ method: 'get', path: '/', summary: 'Inspections in reach, newest first', request: { query: InspectionQuerySchema }, responses: { 200: json(InspectionListSchema, 'inspections') } }),
    (c) => c.json({ inspections: listInspections(c.var.services, c.var.actor, c.req.valid('query')) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post', path: '/', summary: 'Record an inspection (possibly finding nothing)',
      request: { body: jsonBody(NewInspectionSchema) },
      responses: { 201: json(InspectionAnswerSchema, 'the recorded inspection, as the recorder may read it'), 400: { description: 'invalid' }, 403: { description: 'role may not' } },
    }),
    (c) => c.json({ inspection: recordInspection(c.var.services, c.var.actor, c.req.valid('json')) }, 201),
  )
