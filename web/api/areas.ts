import type { AreaLevel } from '../../server/domain/areas'
import type { AreaCollection } from '../../server/domain/contract/reference'
import { api, call } from './client'

export type { AreaCollection, AreaGeometry, AreaProperties } from '../../server/domain/contract/reference'
export type AreaFeature = AreaCollection['features'][number]
export type LonLat = [number, number]

/** `GET /api/areas?level=` — every area of one level of the grid-management tree. */
export function fetchAreas(level: AreaLevel): Promise<AreaCollection> {
  return call(api.areas.$get({ query: { level } }))
}
