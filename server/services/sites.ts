import type { SiteCollection, SiteQuery } from '../domain/contract/reference'
import type { Actor } from '../domain/roles'
import type { Services } from './context'
import { ApiError } from './errors'
import { siteFeature } from './geography'
import { reachOf } from './reach'

/**
 * Key sites (重点场所) of some kinds and areas, kept to the caller's reach: a grid worker gets the
 * sites of its village only. The wall is seen by visitors: no names or phone numbers of people.
 */
export function listSites(s: Services, actor: Actor, { kind, area }: SiteQuery): SiteCollection {
  const { areas } = s.ledger
  const villageIds = (ids: readonly string[]) => [...new Set(ids.flatMap((id) => [...areas.gridsInside(id)].map((g) => areas.grids[g]!.parentId!)))]
  const unknown = (area ?? []).filter((id) => !areas.byId.has(id))
  if (unknown.length) throw new ApiError(400, 'invalid_input', `Unknown area: ${unknown.join(', ')}.`, unknown.map(() => ({ field: 'area', message: 'unknown area id' })))
  const reach = reachOf(actor)
  let villages = area ? villageIds(area) : undefined
  if (reach.areaIds) {
    const mine = new Set(villageIds(reach.areaIds))
    villages = (villages ?? [...mine]).filter((v) => mine.has(v))
  }
  const sites = s.store.sites.list({ kind, villageIds: villages })
  return { type: 'FeatureCollection', features: sites.map((site) => siteFeature(site, actor.role !== 'wall')) }
}
