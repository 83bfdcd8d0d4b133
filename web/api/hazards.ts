import type { HazardDetail } from '../../server/domain/contract/hazards'
import { api, call } from './client'
import { fetchSites } from './sites'

// The shapes are defined once, by the contract (server/domain/contract/hazards.ts).
export type { CloseOut, EventView, HazardDetail, HazardView } from '../../server/domain/contract/hazards'

/** `GET /api/hazards/:id` — one hazard and its history (404 when the reader may not see it). */
export function fetchHazard(id: number): Promise<HazardDetail> {
  return call(api.hazards[':id'].$get({ param: { id: String(id) } }))
}

/**
 * The name of the key site a hazard was found at, from `GET /api/sites?area=<village>` (the
 * hazard detail names only the site's id). Undefined when the site is not among them.
 */
export async function fetchSiteName(villageId: string, siteId: string): Promise<string | undefined> {
  const sites = await fetchSites({ area: [villageId] })
  return sites.features.find((f) => f.properties.id === siteId)?.properties.name
}
