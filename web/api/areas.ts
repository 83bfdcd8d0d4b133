import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson'
import type { AreaLevel } from '../../server/domain/areas'
import { getJson } from './client'

export type LonLat = [number, number]

export interface AreaProperties {
  id: string
  code: string
  name: string
  level: AreaLevel
  parentId: string | null
  population: number | null
  households: number | null
  /** Where the name is written: inside the area, chosen by the server. */
  label: LonLat
}

export type AreaGeometry = Polygon | MultiPolygon
export type AreaFeature = Feature<AreaGeometry, AreaProperties>
export type AreaCollection = FeatureCollection<AreaGeometry, AreaProperties>

/** `GET /api/areas?level=` — every area of one level of the grid-management tree. */
export function fetchAreas(level: AreaLevel): Promise<AreaCollection> {
  return getJson<AreaCollection>('/api/areas', { level })
}
