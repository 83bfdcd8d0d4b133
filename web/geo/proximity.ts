import { bbox as turfBbox, circle, distance } from '@turf/turf'
import type { BBox, Feature, FeatureCollection, Point, Polygon } from 'geojson'

/** Turf's mean Earth radius, so the index and turf's `distance` agree on what a metre is. */
const EARTH_RADIUS_M = 6_371_008.8
const METRES_PER_DEGREE = (Math.PI * EARTH_RADIUS_M) / 180
/** Vertices of a drawn buffer: its edge then strays at most 0.12 % of the radius inside the true circle. */
export const BUFFER_STEPS = 64

export type PointFeature<P> = Feature<Point, P>

/** A hazard that lies within the radius of at least one site, with the nearest such site. */
export interface Hit<H, S> {
  hazard: PointFeature<H>
  site: PointFeature<S>
  /** great-circle distance to that site, in metres */
  metres: number
}

/**
 * The buffer drawn around each site: turf's geodesic circle of `radiusM` metres. For a point this
 * is what `@turf/buffer` gives (an azimuthal-equidistant circle), without the ≈290 KB of JSTS
 * that `buffer` would ship to the browser for polygon buffering we never do.
 */
export function siteBuffers<S extends object>(sites: readonly PointFeature<S>[], radiusM: number, steps = BUFFER_STEPS): FeatureCollection<Polygon, S & { radius: number }> {
  return {
    type: 'FeatureCollection',
    features: sites.map((site) => circle(site.geometry.coordinates, radiusM, { steps, units: 'meters', properties: { ...site.properties, radius: radiusM } })),
  }
}

/** The bounding box of some features, widened to whole micro-degrees so it still holds them all. */
export function boundsOf(collection: FeatureCollection): BBox {
  const [minLon, minLat, maxLon, maxLat] = turfBbox(collection) as [number, number, number, number]
  const down = (x: number) => Math.floor(x * 1e6) / 1e6
  const up = (x: number) => Math.ceil(x * 1e6) / 1e6
  return [down(minLon), down(minLat), up(maxLon), up(maxLat)]
}

const overlaps = (a: BBox, b: BBox) => a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3]
const union = (a: BBox, b: BBox): BBox => [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])]

/**
 * One box per group of overlapping buffers: far fewer hazards to fetch than one box round all of
 * them when the sites are spread over a town or a city, and no hazard of a buffer left out.
 */
export function buffersBoxes(collection: FeatureCollection): BBox[] {
  let boxes = collection.features.map((f) => boundsOf({ type: 'FeatureCollection', features: [f] }))
  for (let merged = true; merged; ) {
    merged = false
    const next: BBox[] = []
    for (const box of boxes) {
      const i = next.findIndex((other) => overlaps(other, box))
      if (i < 0) next.push(box)
      else {
        next[i] = union(next[i]!, box)
        merged = true
      }
    }
    boxes = next
  }
  return boxes
}

/** `bbox` as the API's filters take it: four plain decimals. */
export const bboxParam = (box: BBox) => box.slice(0, 4).map((x) => x.toFixed(6)).join(',')

/**
 * Sites bucketed in cells at least `radiusM` wide, so a hazard is measured only against the
 * sites in its own and the eight neighbouring cells: anything farther is beyond the radius.
 */
function siteGrid<S>(sites: readonly PointFeature<S>[], radiusM: number) {
  const cellLat = (radiusM / METRES_PER_DEGREE) * 1.01
  const widest = Math.max(0, ...sites.map((s) => Math.abs(s.geometry.coordinates[1]!))) + cellLat
  // A degree of longitude is shortest at the highest latitude involved; 1 % slack covers the sphere.
  const cellLon = cellLat / Math.max(Math.cos((Math.min(widest, 89) * Math.PI) / 180), 1e-6)
  const key = (i: number, j: number) => `${i}:${j}`
  const cellOf = ([lon, lat]: number[]) => [Math.floor(lon! / cellLon), Math.floor(lat! / cellLat)] as const
  const cells = new Map<string, PointFeature<S>[]>()
  for (const site of sites) {
    const [i, j] = cellOf(site.geometry.coordinates)
    const k = key(i, j)
    const list = cells.get(k)
    if (list) list.push(site)
    else cells.set(k, [site])
  }
  return (at: number[]): PointFeature<S>[] => {
    const [i, j] = cellOf(at)
    const near: PointFeature<S>[] = []
    for (let di = -1; di <= 1; di++) for (let dj = -1; dj <= 1; dj++) near.push(...(cells.get(key(i + di, j + dj)) ?? []))
    return near
  }
}

/**
 * The hazards that lie within `radiusM` metres (great-circle, turf's `distance`) of any site, each
 * with its nearest site, nearest first. A distance test is exact where point-in-buffer would only
 * approximate the circle; ties keep the hazards' order.
 */
export function hazardsNear<H, S>(hazards: readonly PointFeature<H>[], sites: readonly PointFeature<S>[], radiusM: number): Hit<H, S>[] {
  if (!sites.length || !(radiusM > 0)) return []
  const candidates = siteGrid(sites, radiusM)
  const hits: Hit<H, S>[] = []
  for (const hazard of hazards) {
    const at = hazard.geometry.coordinates
    let best: Hit<H, S> | undefined
    for (const site of candidates(at)) {
      const metres = distance(at, site.geometry.coordinates, { units: 'meters' })
      if (metres <= radiusM && (!best || metres < best.metres)) best = { hazard, site, metres }
    }
    if (best) hits.push(best)
  }
  return hits.sort((a, b) => a.metres - b.metres)
}

/** The hits as points at the hazards, for the map to ring. */
export function hitPoints<H, S>(hits: readonly Hit<H, S>[], describe: (hit: Hit<H, S>) => Record<string, string | number>): FeatureCollection<Point> {
  return { type: 'FeatureCollection', features: hits.map((hit) => ({ type: 'Feature', geometry: hit.hazard.geometry, properties: describe(hit) })) }
}
