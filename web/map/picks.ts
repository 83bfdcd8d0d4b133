import type { CategoryId } from '../../server/domain/categories'
import type { SiteProperties } from '../api/sites'
import type { SubLevel } from './layers/focus'

/** What a hazard tile says of a mark (see server/services/tiles.ts); bins carry no id. */
export interface HazardMark {
  id?: number
  count: number
  category: CategoryId
  /** '' when not yet assessed; a bin's worst level */
  level: string
  open: number
  overdue: number
  escalated: number
  item?: string
  status?: string
  /** 1: shown at its village's point, not its own */
  generalised?: number
}

/** What lies under the pointer, topmost first: a hazard, a bin, a site cluster, a site, an area. */
export type MapPick =
  | { kind: 'hazard'; mark: HazardMark & { id: number } }
  | { kind: 'bin'; mark: HazardMark; lngLat: [number, number] }
  | { kind: 'cluster'; clusterId: number; count: number; lngLat: [number, number] }
  | { kind: 'site'; site: Pick<SiteProperties, 'id' | 'name' | 'kind'> }
  | { kind: 'area'; id: string; level: SubLevel }

/** A pick with where the pointer is over the map, in CSS pixels from its top left. */
export type MapHover = MapPick & { x: number; y: number }
