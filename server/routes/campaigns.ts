import { createRoute } from '@hono/zod-openapi'
import {
  CampaignAnswerSchema, CampaignChangeSchema, CampaignDetailSchema, CampaignListSchema, CampaignMembersSchema, NewCampaignSchema,
} from '../domain/contract/campaigns'
import { IdParamSchema } from '../domain/contract/common'
import { campaignDetail, changeMembers, createCampaign, listCampaigns } from '../services/campaigns'
import { json, jsonBody, router } from './support/router'

/** Special campaigns (专项整治): named groups of hazards sharing a problem, with a goal, a deadline and their progress. */
export const campaignRoutes = router()
  .openapi(
    createRoute({
      method: 'post', path: '/', summary: 'Set up a special campaign (analyst, or a lead unit for its category)',
      request: { body: jsonBody(NewCampaignSchema) },
      responses: {
        201: json(CampaignAnswerSchema, 'the campaign'), 400: { description: 'invalid' }, 403: { description: 'role may not' },
        422: { description: 'CAMPAIGNS_OPEN_MAX campaigns are open already' }, 429: { description: 'this account set up CAMPAIGNS_PER_DAY campaigns in the last 24 hours' },
      },
    }),
    (c) => c.json({ campaign: createCampaign(c.var.services, c.var.actor, c.req.valid('json')) }, 201),
  )
  .openapi(
    createRoute({ method: 'get', path: '/', summary: 'Campaigns with their progress within the caller’s reach', responses: { 200: json(CampaignListSchema, 'campaigns, newest first') } }),
    (c) => c.json({ campaigns: listCampaigns(c.var.services, c.var.actor) }, 200),
  )
  .openapi(
    createRoute({
      method: 'get', path: '/{id}', summary: 'One campaign, its progress and its hazards (generalised where not cleared)',
      request: { params: IdParamSchema }, responses: { 200: json(CampaignDetailSchema, 'the campaign'), 404: { description: 'no such campaign' } },
    }),
    (c) => c.json(campaignDetail(c.var.services, c.var.actor, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'post', path: '/{id}/hazards', summary: 'Add hazards to the campaign and take others out (all or nothing)',
      request: { params: IdParamSchema, body: jsonBody(CampaignMembersSchema) },
      responses: {
        200: json(CampaignChangeSchema, 'the campaign after the change'),
        403: { description: 'role may not change this campaign' }, 404: { description: 'no such campaign' },
        422: { description: 'a hazard out of reach, of another category, or in another campaign' },
      },
    }),
    (c) => c.json(changeMembers(c.var.services, c.var.actor, c.req.valid('param').id, c.req.valid('json')), 200),
  )
