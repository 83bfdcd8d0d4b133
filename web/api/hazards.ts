import type { CloseOut } from '../../server/domain/lifecycle'
import type { Hazard, HazardEvent } from '../../server/domain/schemas'
import { getJson } from './client'
import type { HazardPhoto } from './photos'

/** A hazard as the API shows it: overdue worked out for today, text withheld where not cleared. */
export type HazardView = Hazard & {
  overdue: boolean
  /** true when text, people and the exact place were withheld from this reader */
  generalised: boolean
}

/** One step of a hazard's history; actor and note are empty for a generalised hazard. */
export type HazardEventView = Omit<HazardEvent, 'hazardId'>

export interface HazardDetail {
  hazard: HazardView
  events: HazardEventView[]
  /** none where the hazard is shown generalised */
  photos: HazardPhoto[]
  /** four eyes: whether this reader reported or rectified it (and may not verify it), and the rectification's evidence */
  closeOut: CloseOut
}

/** `GET /api/hazards/:id` — one hazard and its history (404 when the reader may not see it). */
export function fetchHazard(id: number): Promise<HazardDetail> {
  return getJson<HazardDetail>(`/api/hazards/${encodeURIComponent(String(id))}`)
}

interface SiteNames {
  features: { properties: { id: string; name: string } }[]
}

/**
 * The name of the key site a hazard was found at, from `GET /api/sites?area=<village>` (the
 * hazard detail names only the site's id). Undefined when the site is not among them.
 */
export async function fetchSiteName(villageId: string, siteId: string): Promise<string | undefined> {
  const sites = await getJson<SiteNames>('/api/sites', { area: villageId })
  return sites.features.find((f) => f.properties.id === siteId)?.properties.name
}
