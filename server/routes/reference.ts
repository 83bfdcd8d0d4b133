import { createRoute, z } from '@hono/zod-openapi'
import { areaLevelIds, areaLevels } from '../domain/areas'
import { categories, leadUnits } from '../domain/categories'
import { riskLevels } from '../domain/levels'
import { personKinds } from '../domain/persons'
import { roles } from '../domain/roles'
import { measures, siteKinds } from '../domain/sites'
import { sources } from '../domain/sources'
import { statuses } from '../domain/statuses'
import { actionNames } from '../domain/lifecycle'
import { siteFeature } from '../services/geography'
import { ApiError } from '../services/errors'
import { reachOf } from '../services/reach'
import { json, preserialized, router } from './support/router'
import { AreaQuerySchema, FeatureCollectionSchema, SiteQuerySchema } from './support/schemas'
import { actorOf, userOf } from './support/session'

const named = <T extends { zh: string; en: string }>(table: Record<string, T>) =>
  Object.entries(table).map(([id, n]) => ({ id, name: n.zh, nameEn: n.en }))

/** The vocabulary, built once: names in Chinese with English beside them. */
export const meta = {
  categories: categories.map((c) => ({
    id: c.id, name: c.name.zh, nameEn: c.name.en, leadUnit: c.leadUnit, leadUnitName: leadUnits[c.leadUnit].zh,
    items: c.items.map((i) => ({ id: i.id, name: i.name.zh, nameEn: i.name.en, confidential: i.confidential })),
  })),
  statuses: named(statuses),
  levels: Object.entries(riskLevels).map(([id, l]) => ({ id, name: l.zh, nameEn: l.en, color: l.color })),
  sources: named(sources),
  siteKinds: named(siteKinds),
  roles: named(roles),
  areaLevels: areaLevelIds.map((id) => ({ id, name: areaLevels[id].zh, nameEn: areaLevels[id].en })),
  actions: named(actionNames),
  measures: named(measures),
  personKinds: named(personKinds),
}

const MetaSchema = z.object({ categories: z.array(z.unknown()), statuses: z.array(z.unknown()), levels: z.array(z.unknown()), sources: z.array(z.unknown()), siteKinds: z.array(z.unknown()), roles: z.array(z.unknown()) }).passthrough().openapi('Meta')

export const referenceRoutes = router()
  .openapi(
    createRoute({ method: 'get', path: '/meta', summary: 'The vocabulary: categories and items, statuses, levels, sources, site kinds, roles', request: { query: z.strictObject({}) }, responses: { 200: json(MetaSchema, 'the vocabulary') } }),
    (c) => c.json(meta, 200),
  )
  .openapi(
    createRoute({
      method: 'get', path: '/areas', summary: 'Areas of one level as GeoJSON',
      request: { query: AreaQuerySchema },
      responses: { 200: json(FeatureCollectionSchema, 'areas with id, code, name, level, parentId, population, households, label') },
    }),
    (c) => {
      const { level } = c.req.valid('query')
      return preserialized(c, FeatureCollectionSchema, c.var.services.geography.areaCollection(level))
    },
  )
  .openapi(
    createRoute({ method: 'get', path: '/basemap', summary: 'Roads, rivers and reservoirs drawn as the offline base map', request: { query: z.strictObject({}) }, responses: { 200: json(FeatureCollectionSchema, 'lines and polygons with kind and name') } }),
    (c) => preserialized(c, FeatureCollectionSchema, c.var.services.geography.basemapCollection()),
  )
  .openapi(
    createRoute({
      method: 'get', path: '/sites', summary: 'Key sites as GeoJSON',
      request: { query: SiteQuerySchema },
      responses: { 200: json(FeatureCollectionSchema, 'sites with id, name, kind, areaId, responsible, measures') },
    }),
    (c) => {
      const { kind, area } = c.req.valid('query')
      const user = userOf(c)
      const { store, ledger } = c.var.services
      const villageIds = (ids: readonly string[]) => [...new Set(ids.flatMap((id) => [...ledger.areas.gridsInside(id)].map((g) => ledger.areas.grids[g]!.parentId!)))]
      const unknown = (area ?? []).filter((id) => !ledger.areas.byId.has(id))
      if (unknown.length) throw new ApiError(400, 'invalid_input', `Unknown area: ${unknown.join(', ')}.`, unknown.map(() => ({ field: 'area', message: 'unknown area id' })))
      const reach = reachOf(actorOf(user))
      let villages = area ? villageIds(area) : undefined
      if (reach.areaIds) {
        const mine = new Set(villageIds(reach.areaIds))
        villages = (villages ?? [...mine]).filter((v) => mine.has(v))
      }
      const sites = store.sites.list({ kind, villageIds: villages })
      // The wall is seen by visitors: no names or phone numbers of people.
      const features = sites.map((s) => siteFeature(s, user.role !== 'wall'))
      return c.json({ type: 'FeatureCollection' as const, features }, 200)
    },
  )
