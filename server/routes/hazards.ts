import { createRoute, z } from '@hono/zod-openapi'
import { CategoryIdSchema, DateSchema, HandlingLevelSchema, ItemIdSchema, LonLatSchema, RiskLevelSchema, SourceSchema } from '../domain/schemas'
import { isConfidential } from '../domain/categories'
import { closeOutFor } from '../services/close-out'
import { actOn, hazardFor, reportHazard } from '../services/hazards'
import { hazardFeature, viewEvents, hazardViewer, viewHazard } from '../services/hazard-view'
import { toDay } from '../domain/days'
import { photoStages, photosOf } from '../services/photos'
import { newestHazards } from '../services/statistics'
import { filterFields, filterOf } from './support/filters'
import { json, router } from './support/router'
import { FeatureCollectionSchema } from './support/schemas'
import { actorOf, userOf } from './support/session'

const text = (max: number) => z.string().trim().min(1).max(max)
const version = z.number().int().positive()

export const NewHazardBody = z
  .strictObject({
    category: CategoryIdSchema, item: ItemIdSchema, title: text(120), description: z.string().max(4000).optional(),
    location: LonLatSchema, source: SourceSchema, siteId: z.string().max(60).optional(), discoveredAt: DateSchema.optional(),
  })
  .openapi('NewHazard')

export const ActionBody = z
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

const ListQuery = z.strictObject({
  ...filterFields,
  limit: z.coerce.number().int().min(1).max(10_000).default(500),
  cursor: z.string().regex(/^\d+-\d+$/).optional(),
})
const IdParam = z.object({ id: z.coerce.number().int().positive().openapi({ param: { name: 'id', in: 'path' } }) })
const HazardResponse = z.object({ hazard: z.record(z.string(), z.unknown()) }).openapi('HazardResponse')
const DetailResponse = z
  .object({
    hazard: z.record(z.string(), z.unknown()), events: z.array(z.record(z.string(), z.unknown())),
    photos: z.array(z.object({ id: z.number(), url: z.string(), stage: z.enum(photoStages) })),
    closeOut: z.object({ own: z.enum(['reported', 'rectified']).nullable(), photos: z.number().int(), noPhotoReason: z.string().nullable() }).openapi({
      description: 'four eyes: whether the reader reported or rectified it (and so may not verify it), and the rectification’s evidence',
    }),
  })
  .openapi('HazardDetail')
const HazardList = FeatureCollectionSchema.extend({ nextCursor: z.string().optional() })
const jsonBody = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } }, required: true })

export const hazardRoutes = router()
  .openapi(
    createRoute({
      method: 'get', path: '/', summary: 'The ledger, newest first, with every list filter; cursor pagination',
      request: { query: ListQuery }, responses: { 200: json(HazardList, 'hazards as GeoJSON points') },
    }),
    (c) => {
      const query = c.req.valid('query')
      const user = userOf(c)
      const actor = actorOf(user)
      const s = c.var.services
      const [day, id] = query.cursor ? query.cursor.split('-').map(Number) : []
      const ids = newestHazards(s, actor, filterOf(query), query.limit + 1, day !== undefined && id !== undefined ? { day, id } : undefined)
      const page = s.store.hazards.getMany(ids.slice(0, query.limit))
      const views = page.map(hazardViewer(s, actor))
      const secret = views.filter((v) => !v.generalised && isConfidential(v.item))
      // Every read of confidential detail is audited, lists included.
      if (secret.length)
        s.store.audit.write({ at: new Date().toISOString(), username: user.username, action: 'list_hazards', target: secret.map((v) => v.id).join(','), reason: null })
      const features = views.map(hazardFeature)
      const last = page.at(-1)
      const nextCursor = ids.length > query.limit && last ? `${toDay(last.discoveredAt)}-${last.id}` : undefined
      return c.json({ type: 'FeatureCollection' as const, features, ...(nextCursor ? { nextCursor } : {}) }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'get', path: '/{id}', summary: 'One hazard and its full history',
      request: { params: IdParam }, responses: { 200: json(DetailResponse, 'the hazard and its events'), 404: { description: 'no such hazard here' } },
    }),
    (c) => {
      const { id } = c.req.valid('param')
      const user = userOf(c)
      const actor = actorOf(user)
      const s = c.var.services
      const h = hazardFor(s, actor, id)
      const hazard = viewHazard(s, actor, h)
      const events = s.store.hazards.events(id)
      // Every read of confidential detail is audited.
      if (!hazard.generalised && isConfidential(h.item))
        s.store.audit.write({ at: new Date().toISOString(), username: user.username, action: 'read_hazard', target: String(h.id), reason: null })
      const closeOut = closeOutFor(s, user.username, h, events, !hazard.generalised)
      return c.json({ hazard, events: viewEvents(events, hazard.generalised), photos: photosOf(s, h.id, hazard.generalised), closeOut }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'post', path: '/', summary: 'Report a hazard; its area comes from the location',
      request: { body: jsonBody(NewHazardBody) },
      responses: { 201: json(HazardResponse, 'the new hazard, status reported'), 400: { description: 'invalid, or outside the town' }, 403: { description: 'role may not report' } },
    }),
    (c) => {
      const actor = c.var.actor
      const s = c.var.services
      const h = reportHazard(s, actor, c.req.valid('json'))
      return c.json({ hazard: viewHazard(s, actor, h) }, 201)
    },
  )
  .openapi(
    createRoute({
      method: 'post', path: '/{id}/actions', summary: 'Take a lifecycle step: assess, assign, start, rectify, verify, escalate, comment',
      request: { params: IdParam, body: jsonBody(ActionBody) },
      responses: {
        200: json(HazardResponse, 'the changed hazard'), 403: { description: 'role may not' }, 404: { description: 'no such hazard here' },
        409: { description: 'stale version' }, 422: { description: 'not allowed in this state' },
      },
    }),
    (c) => {
      const { id } = c.req.valid('param')
      const actor = c.var.actor
      const s = c.var.services
      const h = actOn(s, actor, id, c.req.valid('json'))
      return c.json({ hazard: viewHazard(s, actor, h) }, 200)
    },
  )
