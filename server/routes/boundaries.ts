import { createRoute } from '@hono/zod-openapi'
import { BoundaryImportResultSchema, BoundaryImportSchema } from '../domain/contract/boundaries'
import { importBoundaryFile } from '../services/boundaries'
import { json, router } from './support/router'
import { uploadLimit } from './support/upload'

/** Real boundaries: the administrator replaces the demo shapes of one level from GeoJSON or a zipped Shapefile. */
export const boundaryRoutes = router().openapi(
  createRoute({
    method: 'post', path: '/import',
    summary: 'Replace districts’, villages’ or grid cells’ shapes (GeoJSON or zipped .shp/.dbf/.prj; WGS 84, CGCS2000 or GCJ-02); all or nothing',
    middleware: [uploadLimit((env) => env.AREA_IMPORT_MAX_MB)] as const,
    request: { body: { content: { 'multipart/form-data': { schema: BoundaryImportSchema } }, required: true } },
    responses: {
      200: json(BoundaryImportResultSchema, 'what was replaced; hazards and sites placed again by their points'),
      400: { description: 'a malformed file, an unsupported or contradictory CRS, or bad fields' }, 403: { description: 'administrator only' },
      413: { description: 'over the size limit, or unpacking to too much' }, 422: { description: 'features rejected (each with its reasons); nothing written' },
      429: { description: 'FILE_JOBS imports and exports are running already: try again after Retry-After seconds' },
    },
  }),
  async (c) => c.json(await importBoundaryFile(c.var.services, c.var.actor, c.req.valid('form')), 200),
)
