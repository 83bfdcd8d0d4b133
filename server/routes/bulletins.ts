import { createRoute, z } from '@hono/zod-openapi'
import { BulletinMonthParamSchema, BulletinQuerySchema, BulletinSchema } from '../domain/contract/bulletins'
import { bulletinFor } from '../services/bulletins'
import { bulletinHtml } from '../services/bulletins/html'
import { bulletinXlsx } from '../services/bulletins/xlsx'
import { router } from './support/router'
import { attachment } from './support/upload'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** The monthly bulletin (每月通报): JSON, a printable A4 page, or a workbook; frozen once the month has ended. */
export const bulletinRoutes = router().openapi(
  createRoute({
    method: 'get', path: '/{month}',
    summary: 'The monthly bulletin: per district and village found, closed, close rate, overdue, escalated, coverage, ranked; top items; a summary',
    request: { params: BulletinMonthParamSchema, query: BulletinQuerySchema },
    responses: {
      200: {
        description: 'the bulletin (provisional while the month runs; stored and unchanging once it has ended)',
        content: { 'application/json': { schema: BulletinSchema }, 'text/html': { schema: z.string() }, [XLSX]: { schema: z.string().openapi({ format: 'binary' }) } },
      },
      400: { description: 'not a month, or one not yet begun' }, 403: { description: 'role does not receive the bulletin' },
    },
  }),
  async (c) => {
    const { month } = c.req.valid('param')
    const { format, lang } = c.req.valid('query')
    const b = bulletinFor(c.var.services, c.var.actor, month)
    if (format === 'html')
      return c.html(bulletinHtml(b, lang), 200, {
        // Self-contained: its own inline styles and, for printing, the app's own font; nothing else may load.
        'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; font-src 'self'; img-src 'self' data:",
        'cache-control': 'private, no-cache',
      })
    if (format === 'xlsx') {
      const bytes = await bulletinXlsx(b, lang)
      return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
        'content-type': XLSX,
        'content-disposition': attachment(`pingan-bulletin-${month}.xlsx`, `平安一张图-${month}通报.xlsx`),
        'cache-control': 'private, no-cache',
      })
    }
    return c.json(b, 200)
  },
)
