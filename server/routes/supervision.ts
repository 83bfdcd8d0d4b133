import { createRoute } from '@hono/zod-openapi'
import { IdParamSchema } from '../domain/contract/common'
import {
  CloseSupervisionSchema, ExtensionAnswerSchema, ExtensionDecisionSchema, ExtensionParamSchema, ExtensionRequestSchema, NewSupervisionSchema,
  SupervisionAnswerSchema, SupervisionListSchema, SupervisionQuerySchema,
} from '../domain/contract/supervision'
import { askExtension, closeListing, decideExtension, listHazard, listSupervisions } from '../services/supervision'
import { json, jsonBody, router } from './support/router'

/** 挂牌督办 (listed supervision) and extensions of a hazard's deadline. */
export const supervisionRoutes = router()
  .openapi(
    createRoute({
      method: 'post', path: '/hazards/{id}/supervision', summary: 'List a major hazard for supervision (挂牌督办): the leader for the town, or the lead unit of its category',
      request: { params: IdParamSchema, body: jsonBody(NewSupervisionSchema) },
      responses: {
        201: json(SupervisionAnswerSchema, 'the listing, and the hazard’s deadline (moved to the listing’s when that is earlier)'),
        400: { description: 'invalid, or the deadline is in the past (details name the field)' },
        403: { description: 'not the leader nor the lead unit of the hazard’s category' }, 404: { description: 'no such hazard here' },
        409: { description: 'already listed' }, 422: { description: 'not assessed major, or closed out' },
      },
    }),
    (c) => c.json(listHazard(c.var.services, c.var.actor, c.req.valid('param').id, c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({
      method: 'post', path: '/hazards/{id}/supervision/close', summary: 'Take the listing down (摘牌), by the listing unit, once the hazard is closed out',
      request: { params: IdParamSchema, body: jsonBody(CloseSupervisionSchema) },
      responses: {
        200: json(SupervisionAnswerSchema, 'the listing taken down'), 400: { description: 'invalid (details name the field)' },
        403: { description: 'not the listing unit' }, 404: { description: 'no such hazard here' },
        422: { description: 'not listed, or not closed out yet' },
      },
    }),
    (c) => c.json(closeListing(c.var.services, c.var.actor, c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({
      method: 'post', path: '/hazards/{id}/extensions', summary: 'Ask to move the hazard’s deadline, by the responsible side, at least EXTENSION_NOTICE_DAYS before it',
      request: { params: IdParamSchema, body: jsonBody(ExtensionRequestSchema) },
      responses: {
        201: json(ExtensionAnswerSchema, 'the pending request'),
        400: { description: 'invalid, or the new deadline is not after the current one (details name the field)' },
        403: { description: 'not the hazard’s district, village or lead unit' }, 404: { description: 'no such hazard here' },
        409: { description: 'a request is pending already' }, 422: { description: '`late`: inside the notice; or no deadline to move' },
      },
    }),
    (c) => c.json(askExtension(c.var.services, c.var.actor, c.req.valid('param').id, c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({
      method: 'post', path: '/hazards/{id}/extensions/{eid}/decision', summary: 'Grant or refuse a pending request, by the listing unit (not listed: the lead unit or the leader); granted moves the deadlines',
      request: { params: ExtensionParamSchema, body: jsonBody(ExtensionDecisionSchema) },
      responses: {
        200: json(ExtensionAnswerSchema, 'the decided request, the listing and the hazard’s deadline as they now are'),
        400: { description: 'invalid (details name the field)' }, 403: { description: 'not the one who decides, or the one who asked' },
        404: { description: 'no such hazard or request here' }, 409: { description: 'decided already' },
        422: { description: 'granting no longer moves the deadline (closed out, or the deadline moved past it)' },
      },
    }),
    (c) => {
      const { id, eid } = c.req.valid('param')
      return c.json(decideExtension(c.var.services, c.var.actor, id, eid, c.req.valid('json')), 200)
    },
  )
  .openapi(
    createRoute({
      method: 'get', path: '/supervisions', summary: 'Listings of hazards in the caller’s reach, newest first: open, closed or all, optionally those listed or taken down in a month',
      request: { query: SupervisionQuerySchema },
      responses: {
        200: json(SupervisionListSchema, 'the listings with their hazards (titles withheld where not cleared) and extensions'),
        400: { description: 'invalid filter (details name the field)' }, 403: { description: 'the wall' },
      },
    }),
    (c) => c.json(listSupervisions(c.var.services, c.var.actor, c.req.valid('query')), 200),
  )
