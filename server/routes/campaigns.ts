import { createRoute, z } from '@hono/zod-openapi'
import { CategoryIdSchema, DateSchema } from '../domain/schemas'
import { campaignDetail, changeMembers, createCampaign, listCampaigns } from '../services/campaigns'
import { json, router } from './support/router'

const NewCampaign = z
  .strictObject({ name: z.string().trim().min(1).max(80), goal: z.string().trim().min(1).max(2000), deadline: DateSchema, category: CategoryIdSchema.optional() })
  .openapi('NewCampaign')
const Members = z
  .strictObject({ add: z.array(z.number().int().positive()).max(5000).default([]), remove: z.array(z.number().int().positive()).max(5000).default([]) })
  .refine((b) => b.add.length + b.remove.length > 0, { message: 'name hazards to add or remove', path: ['add'] })
  .openapi('CampaignMembers')
const Campaign = z
  .object({
    id: z.number(), name: z.string(), goal: z.string(), deadline: z.string(), category: CategoryIdSchema.nullable(),
    createdBy: z.string(), createdAt: z.string(), daysLeft: z.number(),
    progress: z.object({ total: z.number(), closed: z.number(), open: z.number(), overdue: z.number(), closeRate: z.number() }),
  })
  .openapi('Campaign')
const Detail = z.object({ campaign: Campaign, hazards: z.array(z.record(z.string(), z.unknown())) }).openapi('CampaignDetail')
const IdParam = z.object({ id: z.coerce.number().int().positive().openapi({ param: { name: 'id', in: 'path' } }) })
const body = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } }, required: true })

/** Special campaigns (专项整治): named groups of hazards sharing a problem, with a goal, a deadline and their progress. */
export const campaignRoutes = router()
  .openapi(
    createRoute({
      method: 'post', path: '/', summary: 'Set up a special campaign (analyst, or a lead unit for its category)',
      request: { body: body(NewCampaign) },
      responses: {
        201: json(z.object({ campaign: Campaign }), 'the campaign'), 400: { description: 'invalid' }, 403: { description: 'role may not' },
        422: { description: 'CAMPAIGNS_OPEN_MAX campaigns are open already' }, 429: { description: 'this account set up CAMPAIGNS_PER_DAY campaigns in the last 24 hours' },
      },
    }),
    (c) => {
      return c.json({ campaign: createCampaign(c.var.services, c.var.actor, c.req.valid('json')) }, 201)
    },
  )
  .openapi(
    createRoute({ method: 'get', path: '/', summary: 'Campaigns with their progress within the caller’s reach', responses: { 200: json(z.object({ campaigns: z.array(Campaign) }), 'campaigns, newest first') } }),
    (c) => c.json({ campaigns: listCampaigns(c.var.services, c.var.actor) }, 200),
  )
  .openapi(
    createRoute({
      method: 'get', path: '/{id}', summary: 'One campaign, its progress and its hazards (generalised where not cleared)',
      request: { params: IdParam }, responses: { 200: json(Detail, 'the campaign'), 404: { description: 'no such campaign' } },
    }),
    (c) => c.json(campaignDetail(c.var.services, c.var.actor, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'post', path: '/{id}/hazards', summary: 'Add hazards to the campaign and take others out (all or nothing)',
      request: { params: IdParam, body: body(Members) },
      responses: {
        200: json(Detail.extend({ added: z.number(), removed: z.number() }), 'the campaign after the change'),
        403: { description: 'role may not change this campaign' }, 404: { description: 'no such campaign' },
        422: { description: 'a hazard out of reach, of another category, or in another campaign' },
      },
    }),
    (c) => {
      const { add, remove } = c.req.valid('json')
      return c.json(changeMembers(c.var.services, c.var.actor, c.req.valid('param').id, add, remove), 200)
    },
  )
