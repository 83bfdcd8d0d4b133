import type { Feature, FeatureCollection, Point } from 'geojson'
import type { MeasureId, SiteKind } from '../../server/domain/sites'
import { getJson } from './client'

export interface SiteProperties {
  id: string
  name: string
  kind: SiteKind
  /** the grid cell it lies in */
  areaId: string
  villageId: string
  /** null for roles that may not see people's names (the wall) */
  responsible: { name: string; phone: string } | null
  measures: Partial<Record<MeasureId, string>>
}

export type SiteFeature = Feature<Point, SiteProperties>
export type SiteCollection = FeatureCollection<Point, SiteProperties>

/**
 * `GET /api/sites?kind=&area=` — key sites (重点场所). The server keeps to the caller's reach: a
 * grid worker gets the sites of their village only.
 */
export function fetchSites(filter: { kind?: SiteKind[]; area?: string[] } = {}): Promise<SiteCollection> {
  const query: Record<string, string> = {}
  if (filter.kind?.length) query['kind'] = filter.kind.join(',')
  if (filter.area?.length) query['area'] = filter.area.join(',')
  return getJson<SiteCollection>('/api/sites', query)
}
