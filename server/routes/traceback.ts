import { createRoute, z } from '@hono/zod-openapi'
import { TracebackQuerySchema, TracebackSchema } from '../domain/contract/traceback'
import { runTraceback } from '../services/traceback'
import { exportTraceback } from '../services/traceback-export'
import { json, router } from './support/router'
import { attachment } from './support/upload'

const refusals = {
  400: { description: 'none or several of at/site/hazard, or a bad at, date, radius or months (details name the field)' },
  403: { description: 'not the leadership, the analyst or a lead unit; or a lead unit asking about a hazard of another category' },
  404: { description: 'no such site or hazard' },
} as const

/** Responsibility trace-back (责任倒查): who answered for a place on a day, what was due, what was found, and the flags. */
export const tracebackRoutes = router()
  .openapi(
    createRoute({
      method: 'get', path: '/',
      summary: 'For a point, key site or hazard and a date: the posts’ holders, the checks due in the months before and their records, every hazard near with its chain, and the flags (未查 漏查 超期 虚假销号 迟报); audited',
      request: { query: TracebackQuerySchema },
      responses: { 200: json(TracebackSchema, 'the trace-back, with who ran it and when'), ...refusals },
    }),
    (c) => c.json(runTraceback(c.var.services, c.var.actor, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'get', path: '/export',
      summary: 'The same trace-back as an .xlsx: sheets 岗位, 排查, 隐患 and 标记, each headed by the date, the place and who ran it; audited',
      request: { query: TracebackQuerySchema },
      responses: {
        200: { description: 'the workbook', content: { 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: z.string().openapi({ format: 'binary' }) } } },
        ...refusals,
      },
    }),
    async (c) => {
      const file = await exportTraceback(c.var.services, c.var.actor, c.req.valid('query'))
      return c.body(file.bytes as Uint8Array<ArrayBuffer>, 200, {
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'content-disposition': attachment(file.filename.ascii, file.filename.utf8),
        'cache-control': 'private, no-store',
        'x-content-type-options': 'nosniff',
      })
    },
  )
