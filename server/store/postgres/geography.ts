import type { AreaStore, BasemapStore, BoundaryStore, SiteStore } from '../types'
import type { PgSync } from './bridge'
import { notYet } from './not-yet'

/** areas, basemap, sites and boundary uploads, with PostGIS geometry; part of migration 1. */
export const geographySchema = ''

export function areaStore(_db: PgSync): AreaStore {
  return notYet('areaStore')
}
export function basemapStore(_db: PgSync): BasemapStore {
  return notYet('basemapStore')
}
export function siteStore(_db: PgSync): SiteStore {
  return notYet('siteStore')
}
export function boundaryStore(_db: PgSync): BoundaryStore {
  return notYet('boundaryStore')
}
