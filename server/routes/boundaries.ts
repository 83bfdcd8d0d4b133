import { createRoute, z } from '@hono/zod-openapi'
import { crsIds, importBoundaries, importLevels } from '../services/boundaries'
import { fileJobs } from '../services/file-jobs'
import { json, router } from './support/router'
import { FileField, bytesOf, uploadLimit } from './support/upload'

const field = z.string().trim().min(1).max(64)
const BoundaryForm = z
  .object({ file: FileField, level: z.enum(importLevels), nameField: field.optional(), codeField: field.optional(), crs: z.enum(crsIds).optional() })
  .openapi('BoundaryImport')
const Rejection = z.object({ feature: z.number(), key: z.string().nullable(), errors: z.array(z.object({ field: z.string(), message: z.string() })) }).openapi('FeatureRejection')
const Result = z
  .object({
    imported: z.number(), level: z.enum(importLevels), crs: z.enum(crsIds),
    /** set when crs=gcj02 was given for a file labelled WGS 84 or CGCS2000: what the label said */
    crsOverride: z.object({ file: z.enum(crsIds), name: z.string(), used: z.enum(crsIds) }).nullable(),
    format: z.enum(['geojson', 'shapefile']), rejected: z.array(Rejection),
    reparented: z.number(), hazards: z.object({ moved: z.number(), unplaced: z.number() }), sites: z.object({ moved: z.number() }),
  })
  .openapi('BoundaryImportResult')

/** Real boundaries: the administrator replaces the demo shapes of one level from GeoJSON or a zipped Shapefile. */
export const boundaryRoutes = router().openapi(
  createRoute({
    method: 'post', path: '/import',
    summary: 'Replace districts’, villages’ or grid cells’ shapes (GeoJSON or zipped .shp/.dbf/.prj; WGS 84, CGCS2000 or GCJ-02); all or nothing',
    middleware: [uploadLimit((env) => env.AREA_IMPORT_MAX_MB)] as const,
    request: { body: { content: { 'multipart/form-data': { schema: BoundaryForm } }, required: true } },
    responses: {
      200: json(Result, 'what was replaced; hazards and sites placed again by their points'),
      400: { description: 'a malformed file, an unsupported or contradictory CRS, or bad fields' }, 403: { description: 'administrator only' },
      413: { description: 'over the size limit, or unpacking to too much' }, 422: { description: 'features rejected (each with its reasons); nothing written' },
      429: { description: 'FILE_JOBS imports and exports are running already: try again after Retry-After seconds' },
    },
  }),
  async (c) => {
    const { file, ...options } = c.req.valid('form')
    const s = c.var.services
    return c.json(await fileJobs(s).run(async () => importBoundaries(s, c.var.actor, await bytesOf(file), options)), 200)
  },
)
