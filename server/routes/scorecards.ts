import { createRoute, z } from '@hono/zod-openapi'
import {
  IndicatorTableInputSchema, IndicatorTableSchema, ScorecardDrillQuerySchema, ScorecardDrillSchema, ScorecardExportQuerySchema, ScorecardQuerySchema, ScorecardsSchema,
} from '../domain/contract/scorecards'
import { indicatorTable, scorecards, setIndicatorTable } from '../services/scorecards'
import { scorecardRecords } from '../services/scorecards/drill'
import { scorecardsXlsx } from '../services/scorecards/xlsx'
import { json, jsonBody, router } from './support/router'
import { attachment } from './support/upload'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

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
  .openapi(
    createRoute({
      method: 'get', path: '/records',
      summary: 'The records behind one figure of one row: hazards (confidential text withheld), due checks or listings; denominator = records, numerator = those counted',
      request: { query: ScorecardDrillQuerySchema },
      responses: {
        200: json(ScorecardDrillSchema, 'the records, oldest first'),
        400: { description: 'invalid query, or no such row (details name the field)' },
        403: { description: 'a row outside the reader’s reach (a district: its own and its villages; a village: its own; a lead unit: its own)' },
      },
    }),
    (c) => c.json(scorecardRecords(c.var.services, c.var.actor, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'get', path: '/export',
      summary: 'A month’s scorecards at a level as a workbook: each indicator’s numerator, denominator and rate, deductions, score, rank; the indicator table and formulas on a second sheet',
      request: { query: ScorecardExportQuerySchema },
      responses: {
        200: { description: 'the workbook', content: { [XLSX]: { schema: z.string().openapi({ format: 'binary' }) } } },
        400: { description: 'invalid query (details name the field)' },
        403: { description: 'a level outside the reader’s reach' },
      },
    }),
    async (c) => {
      const { month, bytes } = await scorecardsXlsx(c.var.services, c.var.actor, c.req.valid('query'))
      const level = c.req.valid('query').level
      return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
        'content-type': XLSX,
        'content-disposition': attachment(`pingan-scorecards-${month}-${level}.xlsx`, `平安一张图-${month}考核-${level}.xlsx`),
        'cache-control': 'private, no-cache',
      })
    },
  )
