import { createRoute, z } from '@hono/zod-openapi'
import { IdParamSchema } from '../domain/contract/common'
import {
  NewVisitSchema, PersonAnswerSchema, PersonListQuerySchema, PersonListSchema, RevealSchema, VisitAnswerSchema, VisitListSchema,
} from '../domain/contract/persons'
import { listPersons, listVisits, readPerson, recordVisit, revealPerson } from '../services/persons'
import { json, jsonBody, router } from './support/router'

export const personRoutes = router()
  .openapi(
    createRoute({
      method: 'get', path: '/', summary: 'Key persons (cleared roles only), masked: 张*, 370283********1234',
      request: { query: PersonListQuerySchema },
      responses: { 200: json(PersonListSchema, 'masked records'), 403: { description: 'not cleared' } },
    }),
    (c) => c.json({ persons: listPersons(c.var.services, c.var.actor, c.req.valid('query').area) }, 200),
  )
  .openapi(
    createRoute({
      method: 'get', path: '/{id}', summary: 'One key person, masked (unmasking is POST /{id}/reveal)',
      // reveal= and reason= are refused (400), not ignored: a client still asking that way learns it at once.
      request: { params: IdParamSchema, query: z.strictObject({}) },
      responses: { 200: json(PersonAnswerSchema, 'the masked record'), 403: { description: 'not cleared' }, 404: { description: 'no such person here' } },
    }),
    (c) => c.json({ person: readPerson(c.var.services, c.var.actor, c.req.valid('param').id) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post', path: '/{id}/reveal',
      summary: 'Unmask one key person for a stated reason (audited; REVEAL_DAILY_LIMIT a day per account, the leaders told when reached)',
      request: { params: IdParamSchema, body: jsonBody(RevealSchema) },
      responses: {
        200: json(PersonAnswerSchema, 'the record, unmasked'), 400: { description: 'no reason' }, 403: { description: 'not cleared' },
        404: { description: 'no such person here' }, 429: { description: 'the daily cap is reached' },
      },
    }),
    (c) => c.json({ person: revealPerson(c.var.services, c.var.actor, c.req.valid('param').id, c.req.valid('json').reason) }, 200),
  )
  .openapi(
    createRoute({
      method: 'get', path: '/{id}/visits', summary: 'A key person’s visit records (走访记录), newest first (cleared roles only)',
      request: { params: IdParamSchema },
      responses: { 200: json(VisitListSchema, 'visits'), 403: { description: 'not cleared' }, 404: { description: 'no such person here' } },
    }),
    (c) => c.json({ visits: listVisits(c.var.services, c.var.actor, c.req.valid('param').id) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post', path: '/{id}/visits', summary: 'Record a visit to a key person (cleared roles only)',
      request: { params: IdParamSchema, body: jsonBody(NewVisitSchema) },
      responses: { 201: json(VisitAnswerSchema, 'the visit'), 400: { description: 'invalid' }, 403: { description: 'not cleared' }, 404: { description: 'no such person here' } },
    }),
    (c) => c.json({ visit: recordVisit(c.var.services, c.var.actor, c.req.valid('param').id, c.req.valid('json')) }, 201),
  )
