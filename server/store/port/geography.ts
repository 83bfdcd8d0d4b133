import type { AreaLevel } from '../../domain/areas'
import type { Area, Site } from '../../domain/schemas'

/** An area with its shape, as stored. */
export interface AreaRecord extends Area {
  fullName: string | null
  label: [number, number]
  bbox: [number, number, number, number]
  geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon
}

export interface BasemapRecord {
  id: string
  kind: 'main_road' | 'road' | 'river' | 'reservoir'
  name: string
  geometry: GeoJSON.Geometry
}

export interface AreaStore {
  insertMany(areas: readonly AreaRecord[]): void
  list(level?: AreaLevel): AreaRecord[]
  get(id: string): AreaRecord | undefined
  count(): number
}

export interface BasemapStore {
  insertMany(features: readonly BasemapRecord[]): void
  list(): BasemapRecord[]
}

export interface SiteStore {
  insertMany(sites: readonly Site[]): void
  list(filter?: { kind?: string[]; villageIds?: string[] }): Site[]
  get(id: string): Site | undefined
}

/** A replaced area shape, with its new label point, box and (possibly new) parent. */
export interface AreaShape {
  id: string
  parentId: string | null
  label: [number, number]
  bbox: [number, number, number, number]
  geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon
}

export interface BoundaryStore {
  replaceShapes(shapes: readonly AreaShape[]): void
  setParents(changes: ReadonlyArray<{ id: string; parentId: string }>): void
  /** Moves hazards to new cells (and their villages and districts); returns how many changed. */
  placeHazards(rows: ReadonlyArray<{ id: number; areaId: string; villageId: string; districtId: string }>): number
  placeSites(rows: ReadonlyArray<{ id: string; areaId: string; villageId: string }>): number
  /** Recomputes each inspection's village and district from its area, after the tree changed. */
  refreshInspections(): void
  /** Every hazard's id, point and current cell. */
  hazardPoints(): Array<{ id: number; location: [number, number]; areaId: string }>
}
