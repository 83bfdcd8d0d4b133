import { createRoute } from '@hono/zod-openapi'
import {
  WarningActionInputSchema, WarningCalendarInputSchema, WarningCalendarSchema, WarningDetailSchema, WarningListSchema, WarningParamSchema,
  WarningQuerySchema, WarningRulesSchema, WarningSummarySchema,
} from '../domain/contract/warnings'
import { readCalendar, readRules, setCalendar } from '../services/warnings/calendar'
import { actOnWarning } from '../services/warnings/lifecycle'
import { listWarnings, warningDetail, warningSummary } from '../services/warnings/views'
import { json, jsonBody, router } from './support/router'

/** Early warning (预测预警): the warnings, their lifecycle, the wall's summary, the rule table and the seasonal calendar. */
export const warningRoutes = router()
  .openapi(
    createRoute({
      method: 'get', path: '/',
      summary: 'Warnings the caller may see (scoped as hazards; a confidential item withheld from the uncleared), as they stand now or stood on `asOf`; open counts by level; the standing hot spots',
      request: { query: WarningQuerySchema },
      responses: {
        200: json(WarningListSchema, 'the warnings, most severe and newest first'),
        400: { description: 'invalid filter, or `asOf` after today (details name the field)' },
        403: { description: 'the wall (it reads /api/warnings/summary)' },
      },
    }),
    (c) => c.json(listWarnings(c.var.services, c.var.actor, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'get', path: '/summary',
      summary: 'Open warnings by level, and the red and orange ones as area + category + level only (no hazard, item or reason): the wall’s one warnings route',
      responses: { 200: json(WarningSummarySchema, 'the summary over what the caller may see') },
    }),
    (c) => c.json(warningSummary(c.var.services, c.var.actor), 200),
  )
  .openapi(
    createRoute({
      method: 'get', path: '/rules', summary: 'The versioned rule table (四色) every warning cites, and the days to respond by level',
      responses: { 200: json(WarningRulesSchema, 'the rules'), 403: { description: 'the wall' } },
    }),
    (c) => c.json(readRules(c.var.actor), 200),
  )
  .openapi(
    createRoute({
      method: 'get', path: '/calendar', summary: 'The seasonal calendar in force (detector 5): seasons, their days and the items they name',
      responses: { 200: json(WarningCalendarSchema, 'the calendar with its version'), 403: { description: 'the wall' } },
    }),
    (c) => c.json(readCalendar(c.var.services, c.var.actor), 200),
  )
  .openapi(
    createRoute({
      method: 'put', path: '/calendar', summary: 'A new seasonal calendar (admin), with the reason: stored as the next version and audited; the next run uses it',
      request: { body: jsonBody(WarningCalendarInputSchema) },
      responses: {
        200: json(WarningCalendarSchema, 'the calendar stored, with its version'),
        400: { description: 'invalid calendar (details name the field)' }, 403: { description: 'not the administrator' },
      },
    }),
    (c) => c.json(setCalendar(c.var.services, c.var.actor, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({
      method: 'get', path: '/{id}', summary: 'One warning with its reason, evidence (hazards the caller reads in full) and history',
      request: { params: WarningParamSchema },
      responses: {
        200: json(WarningDetailSchema, 'the warning'), 403: { description: 'the wall' }, 404: { description: 'no such warning here' },
      },
    }),
    (c) => c.json(warningDetail(c.var.services, c.var.actor, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'post', path: '/{id}/actions',
      summary: 'Act on a warning, by its responsible unit or the leadership: acknowledge (签收), respond (处置中, note + linked hazards/inspections), note, link, raise or lower (level + reason), lift (解除, reason)',
      request: { params: WarningParamSchema, body: jsonBody(WarningActionInputSchema) },
      responses: {
        200: json(WarningDetailSchema, 'the warning after the action'),
        400: { description: 'malformed input (details name the field)' },
        403: { description: 'not the responsible unit nor the leadership (the analyst and villages read only; the wall never)' },
        404: { description: 'no such warning here' },
        409: { description: 'not allowed in the warning’s state (the reason says why), or it changed meanwhile' },
        422: { description: 'a required note or level missing or wrong, or linked hazards or inspections not found (details name the field)' },
      },
    }),
    (c) => c.json(actOnWarning(c.var.services, c.var.actor, c.req.valid('param').id, c.req.valid('json')), 200),
  )
