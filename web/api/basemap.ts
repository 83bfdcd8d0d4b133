import type { Feature, FeatureCollection, LineString, MultiLineString, MultiPolygon, Polygon } from 'geojson'
import { getJson } from './client'

/** What the town's own base layer draws; a raster basemap is optional (see config.ts). */
export const basemapKinds = ['main_road', 'road', 'river', 'reservoir'] as const
export type BasemapKind = (typeof basemapKinds)[number]

export interface BasemapProperties {
  kind: BasemapKind
  name: string
}

export type BasemapGeometry = LineString | MultiLineString | Polygon | MultiPolygon
export type BasemapFeature = Feature<BasemapGeometry, BasemapProperties>
export type BasemapCollection = FeatureCollection<BasemapGeometry, BasemapProperties>

/** `GET /api/basemap` — roads, rivers and reservoirs of the town. */
export function fetchBasemap(): Promise<BasemapCollection> {
  return getJson<BasemapCollection>('/api/basemap')
}
