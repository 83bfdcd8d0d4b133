import { createRoute, z } from '@hono/zod-openapi'
import { bulletinFor } from '../services/bulletins'
import { bulletinHtml } from '../services/bulletins/html'
import { bulletinXlsx } from '../services/bulletins/xlsx'
import { router } from './support/router'
import { attachment } from './support/upload'

const MonthParam = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM').openapi({ param: { name: 'month', in: 'path' }, example: '2026-10' }),
})
const Query = z.strictObject({ format: z.enum(['json', 'html', 'xlsx']).default('json'), lang: z.enum(['zh', 'en']).default('zh') })
const Row = z.object({
  areaId: z.string(), code: z.string(), name: z.string(), districtId: z.string().nullable(), districtName: z.string().nullable(),
  found: z.number(), closed: z.number(), openAtStart: z.number(), closeRate: z.number().nullable(), overdue: z.number(), escalated: z.number(),
  coverage: z.number().nullable(), rank: z.number(),
}).openapi('BulletinRow')
const Item = z.object({
  id: z.number(), code: z.string(), title: z.string().nullable(), confidential: z.boolean(), category: z.string(), categoryName: z.string(),
  item: z.string(), itemName: z.string().nullable(), level: z.string().nullable(), status: z.string(), villageId: z.string(), village: z.string(),
  districtId: z.string(), district: z.string(), deadline: z.string().nullable(), daysOverdue: z.number().nullable(), escalatedOn: z.string().nullable(),
}).openapi('BulletinItem')
const Figures = z.object({
  name: z.string(), found: z.number(), closed: z.number(), openAtStart: z.number(), closeRate: z.number().nullable(), overdue: z.number(), escalated: z.number(), coverage: z.number().nullable(),
})
const Bulletin = z.object({
  month: z.string(), period: z.object({ start: z.string(), end: z.string() }), asOf: z.string(), final: z.boolean(), generatedAt: z.string(),
  town: Figures, districts: z.array(Row), villages: z.array(Row), topOverdue: z.array(Item), topEscalated: z.array(Item),
  summary: z.object({ zh: z.string(), en: z.string() }), ranking: z.object({ zh: z.string(), en: z.string() }),
}).openapi('Bulletin')

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** The monthly bulletin (每月通报): JSON, a printable A4 page, or a workbook; frozen once the month has ended. */
export const bulletinRoutes = router().openapi(
  createRoute({
    method: 'get', path: '/{month}',
    summary: 'The monthly bulletin: per district and village found, closed, close rate, overdue, escalated, coverage, ranked; top items; a summary',
    request: { params: MonthParam, query: Query },
    responses: {
      200: {
        description: 'the bulletin (provisional while the month runs; stored and unchanging once it has ended)',
        content: { 'application/json': { schema: Bulletin }, 'text/html': { schema: z.string() }, [XLSX]: { schema: z.string().openapi({ format: 'binary' }) } },
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
