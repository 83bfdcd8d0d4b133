import type { FeatureCollection, Geometry, Point, Position } from 'geojson'
import type { AreaFeature, AreaGeometry } from '../api/areas'
import type { BasemapFeature } from '../api/basemap'
import type { SiteFeature } from '../api/sites'
import { distinctCharacters } from './fonts'

/** Everything the town map draws, as the API delivers it. */
export interface TownMapData {
  areas: AreaFeature[]
  basemap: BasemapFeature[]
  /** Key sites the role may see. */
  sites: SiteFeature[]
}

export type Bounds = [minLon: number, minLat: number, maxLon: number, maxLat: number]

/** The shapes source: only what the layers read, so the worker parses as little as possible. */
export function areaShapes(areas: AreaFeature[]): FeatureCollection<AreaGeometry> {
  let districtOrder = 0
  return {
    type: 'FeatureCollection',
    features: areas.map(({ geometry, properties: { id, name, level } }) => ({
      type: 'Feature',
      geometry,
      properties: level === 'district' ? { id, name, level, tint: districtOrder++ } : { id, name, level },
    })),
  }
}

/** One point per area at the server's chosen label position: names sit inside odd shapes too. */
export function areaLabelPoints(areas: AreaFeature[]): FeatureCollection<Point> {
  return {
    type: 'FeatureCollection',
    features: areas
      .filter((area) => area.properties.level !== 'town')
      .map(({ properties: { id, name, level, population, label } }) => ({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: label },
        properties: { id, name, level, population },
      })),
  }
}

/** Every character any label may draw, so the font subsets are loaded before the first label. */
export function labelCharacters(data: TownMapData): string {
  return distinctCharacters([...data.areas, ...data.basemap, ...data.sites].map((f) => f.properties.name))
}

function positions(geometry: Geometry): Position[] {
  switch (geometry.type) {
    case 'Point':
      return [geometry.coordinates]
    case 'LineString':
    case 'MultiPoint':
      return geometry.coordinates
    case 'Polygon':
    case 'MultiLineString':
      return geometry.coordinates.flat()
    case 'MultiPolygon':
      return geometry.coordinates.flat(2)
    case 'GeometryCollection':
      return geometry.geometries.flatMap(positions)
  }
}

/** The extent of one area's outline. */
export function areaBounds(area: AreaFeature): Bounds | undefined {
  return extent([area])
}

function extent(areas: AreaFeature[]): Bounds | undefined {
  const bounds: Bounds = [Infinity, Infinity, -Infinity, -Infinity]
  for (const area of areas) {
    for (const [lon = NaN, lat = NaN] of positions(area.geometry)) {
      bounds[0] = Math.min(bounds[0], lon)
      bounds[1] = Math.min(bounds[1], lat)
      bounds[2] = Math.max(bounds[2], lon)
      bounds[3] = Math.max(bounds[3], lat)
    }
  }
  return bounds.every(Number.isFinite) ? bounds : undefined
}

/** The town's extent (or, if no town outline came, that of all areas): what the map opens on. */
export function townBounds(areas: AreaFeature[]): Bounds | undefined {
  const town = areas.filter((a) => a.properties.level === 'town')
  return extent(town.length > 0 ? town : areas)
}
