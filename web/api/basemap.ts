import type { BasemapCollection } from '../../server/domain/contract/reference'
import { api, call } from './client'

export { basemapKinds, type BasemapKind } from '../../server/domain/basemap'
export type { BasemapCollection, BasemapGeometry, BasemapProperties } from '../../server/domain/contract/reference'
export type BasemapFeature = BasemapCollection['features'][number]

/** `GET /api/basemap` — roads, rivers and reservoirs of the town. */
export function fetchBasemap(): Promise<BasemapCollection> {
  return call(api.basemap.$get({ query: {} }))
}
