import { createRoute, z } from '@hono/zod-openapi'
import { AreaCollectionSchema, AreaQuerySchema, BasemapCollectionSchema, MetaSchema, SiteCollectionSchema, SiteQuerySchema } from '../domain/contract/reference'
import { listSites } from '../services/sites'
import { meta } from '../services/vocabulary'
import { json, preserialized, router } from './support/router'

export const referenceRoutes = router()
  .openapi(
    createRoute({ method: 'get', path: '/meta', summary: 'The vocabulary: categories and items, statuses, levels, sources, site kinds, roles, area levels, actions, measures, person kinds', request: { query: z.strictObject({}) }, responses: { 200: json(MetaSchema, 'the vocabulary') } }),
    (c) => c.json(meta, 200),
  )
  .openapi(
    createRoute({
      method: 'get', path: '/areas', summary: 'Areas of one level as GeoJSON',
      request: { query: AreaQuerySchema },
      responses: { 200: json(AreaCollectionSchema, 'areas with id, code, name, level, parentId, population, households, label') },
    }),
    // Kept serialised per level: the town's shapes are megabytes of JSON that change only by a boundary import.
    (c) => preserialized(c, AreaCollectionSchema, c.var.services.geography.areaCollection(c.req.valid('query').level)),
  )
  .openapi(
    createRoute({ method: 'get', path: '/basemap', summary: 'Roads, rivers and reservoirs drawn as the offline base map', request: { query: z.strictObject({}) }, responses: { 200: json(BasemapCollectionSchema, 'lines and polygons with kind and name') } }),
    (c) => preserialized(c, BasemapCollectionSchema, c.var.services.geography.basemapCollection()),
  )
  .openapi(
    createRoute({
      method: 'get', path: '/sites', summary: 'Key sites as GeoJSON, within the caller’s reach (no people for the wall)',
      request: { query: SiteQuerySchema },
      responses: { 200: json(SiteCollectionSchema, 'sites with id, name, kind, areaId, responsible, measures') },
    }),
    (c) => c.json(listSites(c.var.services, c.var.actor, c.req.valid('query')), 200),
  )
