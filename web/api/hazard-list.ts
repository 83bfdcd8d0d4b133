import type { HazardFeature, HazardList } from '../../server/domain/contract/hazards'
import { MAX_PAGE } from '../../server/domain/filters'
import { api, call } from './client'

// A page is GeoJSON points whose properties are the hazard's view without its location (the geometry holds it).
export { MAX_PAGE } from '../../server/domain/filters'
export type { HazardFeature, HazardList } from '../../server/domain/contract/hazards'

/** `GET /api/hazards?<filters>&limit=&cursor=` — one page of the ledger, newest first. */
export function fetchHazardPage(query: Record<string, string>, cursor?: string, limit = MAX_PAGE): Promise<HazardList> {
  return call(api.hazards.$get({ query: { ...query, limit: String(limit), ...(cursor && { cursor }) } }))
}

/** Every hazard matching the filter, page after page; `isStale` stops the paging early. */
export async function fetchAllHazards(query: Record<string, string>, isStale: () => boolean = () => false): Promise<HazardFeature[]> {
  const all: HazardFeature[] = []
  let cursor: string | undefined
  do {
    const page = await fetchHazardPage(query, cursor)
    all.push(...page.features)
    cursor = page.nextCursor
  } while (cursor && !isStale())
  return all
}
