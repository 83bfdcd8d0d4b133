import { createRoute, z } from '@hono/zod-openapi'
import { DateSchema, PersonSchema } from '../domain/schemas'
import { listPersons, listVisits, readPerson, recordVisit, revealPerson } from '../services/persons'
import { json, router } from './support/router'
import { csv } from './support/schemas'

const PersonView = PersonSchema.extend({ idNumber: z.string(), phone: z.string(), masked: z.boolean() }).openapi('Person')
const Visit = z
  .object({ id: z.number(), personId: z.number(), date: z.string(), visitors: z.string(), note: z.string(), createdBy: z.string(), createdAt: z.string() })
  .openapi('PersonVisit')
const NewVisit = z
  .strictObject({ date: DateSchema, visitors: z.string().trim().min(1).max(200), note: z.string().trim().min(1).max(2000) })
  .openapi('NewPersonVisit')
/** The reason travels in the body, never the address, so it stays out of logs and histories. */
const Reveal = z.strictObject({ reason: z.string().trim().min(4).max(500) }).openapi('PersonReveal')
const IdParam = z.object({ id: z.coerce.number().int().positive().openapi({ param: { name: 'id', in: 'path' } }) })

export const personRoutes = router()
  .openapi(
    createRoute({
      method: 'get', path: '/', summary: 'Key persons (cleared roles only), masked: 张*, 370283********1234',
      request: { query: z.strictObject({ area: csv(z.string().min(1).max(40)).optional() }) },
      responses: { 200: json(z.object({ persons: z.array(PersonView) }), 'masked records'), 403: { description: 'not cleared' } },
    }),
    (c) => {
      return c.json({ persons: listPersons(c.var.services, c.var.actor, c.req.valid('query').area) }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'get', path: '/{id}', summary: 'One key person, masked (unmasking is POST /{id}/reveal)',
      // reveal= and reason= are refused (400), not ignored: a client still asking that way learns it at once.
      request: { params: IdParam, query: z.strictObject({}) },
      responses: { 200: json(z.object({ person: PersonView }), 'the masked record'), 403: { description: 'not cleared' }, 404: { description: 'no such person here' } },
    }),
    (c) => c.json({ person: readPerson(c.var.services, c.var.actor, c.req.valid('param').id) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post', path: '/{id}/reveal',
      summary: 'Unmask one key person for a stated reason (audited; REVEAL_DAILY_LIMIT a day per account, the leaders told when reached)',
      request: { params: IdParam, body: { content: { 'application/json': { schema: Reveal } }, required: true } },
      responses: {
        200: json(z.object({ person: PersonView }), 'the record, unmasked'), 400: { description: 'no reason' }, 403: { description: 'not cleared' },
        404: { description: 'no such person here' }, 429: { description: 'the daily cap is reached' },
      },
    }),
    (c) => {
      const person = revealPerson(c.var.services, c.var.actor, c.req.valid('param').id, c.req.valid('json').reason)
      return c.json({ person }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'get', path: '/{id}/visits', summary: 'A key person’s visit records (走访记录), newest first (cleared roles only)',
      request: { params: IdParam },
      responses: { 200: json(z.object({ visits: z.array(Visit) }), 'visits'), 403: { description: 'not cleared' }, 404: { description: 'no such person here' } },
    }),
    (c) => {
      return c.json({ visits: listVisits(c.var.services, c.var.actor, c.req.valid('param').id) }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'post', path: '/{id}/visits', summary: 'Record a visit to a key person (cleared roles only)',
      request: { params: IdParam, body: { content: { 'application/json': { schema: NewVisit } }, required: true } },
      responses: { 201: json(z.object({ visit: Visit }), 'the visit'), 400: { description: 'invalid' }, 403: { description: 'not cleared' }, 404: { description: 'no such person here' } },
    }),
    (c) => {
      const visit = recordVisit(c.var.services, c.var.actor, c.req.valid('param').id, c.req.valid('json'))
      return c.json({ visit }, 201)
    },
  )
