import { createRoute, z } from '@hono/zod-openapi'
import { IdParamSchema } from '../domain/contract/common'
import {
  HazardActionSchema, HazardAnswerSchema, HazardDetailSchema, HazardListSchema, HazardReportSchema, IDEMPOTENCY_KEY, MAX_PAGE, idempotencyKeyParameter,
} from '../domain/contract/hazards'
import { hazardDetail, listHazards } from '../services/hazard-reads'
import { act, report } from '../services/hazards'
import { replayHeaders } from '../services/idempotency'
import { filterFields, filterOf } from './support/filters'
import { json, jsonBody, router } from './support/router'

const ListQuery = z.strictObject({
  ...filterFields,
  limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(500),
  cursor: z.string().regex(/^\d+-\d+$/).optional(),
})

export const hazardRoutes = router()
  .openapi(
    createRoute({
      method: 'get', path: '/', summary: 'The ledger, newest first, with every list filter; cursor pagination',
      request: { query: ListQuery }, responses: { 200: json(HazardListSchema, 'hazards as GeoJSON points') },
    }),
    (c) => {
      const query = c.req.valid('query')
      return c.json(listHazards(c.var.services, c.var.actor, filterOf(query), query), 200)
    },
  )
  .openapi(
    createRoute({
      method: 'get', path: '/{id}', summary: 'One hazard and its full history',
      request: { params: IdParamSchema },
      responses: { 200: json(HazardDetailSchema, 'the hazard, its events, its photos and the reader’s four-eyes facts'), 404: { description: 'no such hazard here' } },
    }),
    (c) => c.json(hazardDetail(c.var.services, c.var.actor, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'post', path: '/', summary: 'Report a hazard, or report it rectified on the spot (onTheSpot), in one commit; its area comes from the location',
      parameters: [idempotencyKeyParameter],
      request: { body: jsonBody(HazardReportSchema) },
      responses: {
        201: json(HazardAnswerSchema, 'the new hazard: status reported, or rectified when fixed on the spot; a replay of a key’s first answer carries Idempotent-Replayed: true'),
        400: { description: 'invalid, outside the town, or an Idempotency-Key that is not a UUID' }, 403: { description: 'role may not report' },
        409: { description: 'idempotency_conflict: the Idempotency-Key was used for a different request' },
        422: { description: 'bad_time (foundAt, reportedAt, discoveredAt) or bad_location (locationAccuracy, pinReason), naming the field' },
      },
    }),
    (c) => {
      const answer = report(c.var.services, c.var.actor, c.req.valid('json'), c.req.header(IDEMPOTENCY_KEY))
      return c.json(answer.body, 201, replayHeaders(answer))
    },
  )
  .openapi(
    createRoute({
      method: 'post', path: '/{id}/actions', summary: 'Take a lifecycle step: assess, assign, start, rectify, verify, escalate, comment',
      parameters: [idempotencyKeyParameter],
      request: { params: IdParamSchema, body: jsonBody(HazardActionSchema) },
      responses: {
        200: json(HazardAnswerSchema, 'the changed hazard; a replay of a key’s first answer carries Idempotent-Replayed: true'),
        400: { description: 'invalid, or an Idempotency-Key that is not a UUID' }, 403: { description: 'role may not' }, 404: { description: 'no such hazard here' },
        409: { description: 'stale_version (details.version: the hazard’s version now), or idempotency_conflict: the Idempotency-Key was used for a different request' },
        422: { description: 'not allowed in this state' },
      },
    }),
    (c) => {
      const answer = act(c.var.services, c.var.actor, c.req.valid('param').id, c.req.valid('json'), c.req.header(IDEMPOTENCY_KEY))
      return c.json(answer.body, 200, replayHeaders(answer))
    },
  )
