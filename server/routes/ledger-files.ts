import { createRoute, z } from '@hono/zod-openapi'
import { LedgerImportFormSchema, LedgerImportResultSchema } from '../domain/contract/ledger-files'
import { ledgerFormats } from '../domain/files'
import { exportLedgerFile, importLedgerFile } from '../services/ledger-files'
import { filterFields, filterOf } from './support/filters'
import { json, router } from './support/router'
import { attachment, uploadLimit } from './support/upload'

// The list filters are shared with the hazard list and the statistics (./support/filters.ts); the export adds its format.
const ExportQuery = z.strictObject({ ...filterFields, format: z.enum(ledgerFormats).default('xlsx') })

/**
 * The ledger as files: export for the list filters and the caller's reach; import of new hazards
 * from a spreadsheet in the export's own columns. Mounted before the hazard routes, so that
 * `/export` and `/import` are not read as a hazard id.
 */
export const ledgerFileRoutes = router()
  .openapi(
    createRoute({
      method: 'get', path: '/export',
      summary: 'Download the ledger for the list filters and the caller’s reach: .xlsx, .csv (UTF-8 with BOM) or GeoJSON',
      request: { query: ExportQuery },
      responses: {
        200: {
          description: 'the file, named with the date',
          content: {
            'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: z.string().openapi({ format: 'binary' }) },
            'text/csv': { schema: z.string() }, 'application/geo+json': { schema: z.string() },
          },
        },
        403: { description: 'the wall display exports nothing' }, 413: { description: 'more than 100,000 hazards: narrow the filters' },
        429: { description: 'FILE_JOBS imports and exports are running already: try again after Retry-After seconds' },
      },
    }),
    async (c) => {
      const q = c.req.valid('query')
      const file = await exportLedgerFile(c.var.services, c.var.actor, filterOf(q), q.format)
      return c.body(file.bytes as Uint8Array<ArrayBuffer>, 200, {
        'content-type': file.contentType,
        'content-disposition': attachment(file.filename.ascii, file.filename.utf8),
        'cache-control': 'private, no-store',
        'x-content-type-options': 'nosniff',
      })
    },
  )
  .openapi(
    createRoute({
      method: 'post', path: '/import',
      summary: 'Register new hazards from an .xlsx or .csv in the export’s columns: each row taken whole or rejected with its reasons',
      middleware: [uploadLimit((env) => env.IMPORT_MAX_MB)] as const,
      request: { body: { content: { 'multipart/form-data': { schema: LedgerImportFormSchema } }, required: true } },
      responses: {
        200: json(LedgerImportResultSchema, 'what was created and which rows were rejected, with their reasons'),
        400: { description: 'no file, a malformed file, or required columns missing (named)' }, 403: { description: 'role may not register hazards' },
        413: { description: 'over the size or row limit, or a workbook unpacking to too much' },
        429: { description: 'FILE_JOBS imports and exports are running already: try again after Retry-After seconds' },
      },
    }),
    async (c) => c.json(await importLedgerFile(c.var.services, c.var.actor, c.req.valid('form').file), 200),
  )
