import type { Feature, FeatureCollection, Point } from 'geojson'
import type { HazardView } from './hazards'
import { getJson } from './client'

export type HazardFeature = Feature<Point, HazardView>

export interface HazardPage extends FeatureCollection<Point, HazardView> {
  /** present when there is more: pass it back as `cursor` */
  nextCursor?: string
}

/** The most a page may hold (the API refuses more). */
export const MAX_PAGE = 10_000

/** `GET /api/hazards?<filters>&limit=&cursor=` — one page of the ledger, newest first. */
export function fetchHazardPage(query: Record<string, string>, cursor?: string, limit = MAX_PAGE): Promise<HazardPage> {
  return getJson<HazardPage>('/api/hazards', { ...query, limit: String(limit), ...(cursor && { cursor }) })
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
