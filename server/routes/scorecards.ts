import { createRoute } from '@hono/zod-openapi'
import { IndicatorTableInputSchema, IndicatorTableSchema, ScorecardQuerySchema, ScorecardsSchema } from '../domain/contract/scorecards'
import { indicatorTable, scorecards, setIndicatorTable } from '../services/scorecards'
import { json, jsonBody, router } from './support/router'

/** Scorecards (考核): monthly scores of villages, districts and lead units, the indicator table, drill-downs and the workbook. */
export const scorecardRoutes = router()
  .openapi(
    createRoute({
      method: 'get', path: '/',
      summary: 'A month’s scorecards at a level (village, district, lead unit): each row’s indicators, deductions, score, rank, change and red-list mark; frozen with the month’s bulletin',
      request: { query: ScorecardQuerySchema },
      responses: {
        200: json(ScorecardsSchema, 'the rows in the reader’s reach, best first'),
        400: { description: 'invalid query, a month not begun or before the campaign (details name `month`)' },
        403: { description: 'a level outside the reader’s reach (a village: its own village row only; the wall: districts only)' },
      },
    }),
    (c) => c.json(scorecards(c.var.services, c.var.actor, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'get', path: '/indicators', summary: 'The indicator table in force: weights, deduction points, red line, version',
      responses: { 200: json(IndicatorTableSchema, 'the table'), 403: { description: 'the wall' } },
    }),
    (c) => c.json(indicatorTable(c.var.services, c.var.actor), 200),
  )
  .openapi(
    createRoute({
      method: 'put', path: '/indicators', summary: 'A new indicator table (admin): stored as the next version and audited; published months keep theirs',
      request: { body: jsonBody(IndicatorTableInputSchema) },
      responses: {
        200: json(IndicatorTableSchema, 'the table stored, with its version'),
        400: { description: 'invalid table (details name the field)' },
        403: { description: 'not the administrator' },
      },
    }),
    (c) => c.json(setIndicatorTable(c.var.services, c.var.actor, c.req.valid('json')), 200),
  )
