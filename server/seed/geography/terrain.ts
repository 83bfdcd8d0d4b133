import { featureCollection, intersect, polygon, union } from '@turf/turf'
import type { Feature, MultiPolygon, Polygon } from 'geojson'
import { overlaySimple, prepareParent, simple } from './clip'
import { type Parts, type Pt, geometryOf, inParts, lonScale, metres, metresPerDegree, partsArea, partsOf, ringOf } from './planar'
import type { Rng } from './random'

/** A point `m` metres from `from` on a compass bearing (degrees clockwise from north). */
export function offset(from: Pt, bearing: number, m: number): Pt {
  const rad = (bearing * Math.PI) / 180
  return [from[0] + (Math.sin(rad) * m) / metresPerDegree / lonScale, from[1] + (Math.cos(rad) * m) / metresPerDegree]
}

export function bearingOf(a: Pt, b: Pt): number {
  return (Math.atan2((b[0] - a[0]) * lonScale, b[1] - a[1]) * 180) / Math.PI
}

/** How far one can walk from p on a bearing before leaving parts (100 m steps). */
export function reach(parts: Parts, p: Pt, bearing: number): number {
  let m = 0
  while (m < 60_000 && inParts(offset(p, bearing, m + 100), parts)) m += 100
  return m
}

/** A smooth irregular closed blob: a wobbling ellipse, the way hills and lakes look on a small-scale map. */
export function blob(centre: Pt, along: number, across: number, bearing: number, rng: Rng, wobble = 0.18): Pt[] {
  const phases = [rng.range(0, 6.3), rng.range(0, 6.3), rng.range(0, 6.3)] as const
  const ring: Pt[] = []
  const n = 36
  for (let i = 0; i < n; i++) {
    const t = (2 * Math.PI * i) / n
    const r = 1 + wobble * Math.sin(2 * t + phases[0]) + wobble * 0.6 * Math.sin(3 * t + phases[1]) + wobble * 0.3 * Math.sin(5 * t + phases[2])
    const x = Math.cos(t) * along * r
    const y = Math.sin(t) * across * r
    // rotate the ellipse so its long axis follows the bearing
    const ang = (bearing * Math.PI) / 180
    const east = x * Math.sin(ang) + y * Math.cos(ang)
    const north = x * Math.cos(ang) - y * Math.sin(ang)
    ring.push([centre[0] + east / metresPerDegree / lonScale, centre[1] + north / metresPerDegree])
  }
  return [...ring, ring[0] as Pt]
}

const feature = (g: Polygon | MultiPolygon): Feature<Polygon | MultiPolygon> => ({ type: 'Feature', properties: {}, geometry: g })

export interface Hills {
  parts: Parts
  /** the summit area the rivers rise from */
  core: Pt
}

/** Two overlapping hill blobs towards the township's hilly side, cut to the township. */
export function hillsOf(town: Parts, centre: Pt, bearing: number, rng: Rng): Hills | null {
  const blobs = [bearing - 25, bearing + 25].map((b) => {
    const r = reach(town, centre, b)
    const c = offset(centre, b, r * 0.62)
    return polygon([blob(c, r * 0.45, r * 0.32, b + 90, rng)])
  })
  const parts = quickHills(blobs, town) ?? slowHills(blobs, town)
  if (!parts) return null
  const total = partsArea(parts)
  const kept = parts.filter((p) => partsArea([p]) > total * 0.03)
  const core = offset(centre, bearing, reach(town, centre, bearing) * 0.7)
  return kept.length > 0 ? { parts: kept, core } : null
}

/** The blobs' union cut to the township, by polyclip (turf). */
function slowHills(blobs: Feature<Polygon>[], town: Parts): Parts | null {
  const joined = union(featureCollection(blobs))
  if (!joined) return null
  const cut = intersect(featureCollection([joined, feature(geometryOf(town))]))
  return cut ? partsOf(cut.geometry) : null
}

/** slowHills's result without polyclip (clip.ts), or null where that gives up. */
function quickHills(blobs: Feature<Polygon>[], town: Parts): Parts | null {
  const [a, b] = blobs.map((f) => f.geometry.coordinates.map(ringOf))
  const other = b && prepareParent([b])
  const [ring] = a ?? []
  if (!ring || !other || !other.rings.every(simple)) return null
  const joined = overlaySimple(ring, other, false)
  const [only] = joined ?? []
  const [outer] = only ?? []
  const parent = prepareParent(town)
  if (joined?.length !== 1 || only?.length !== 1 || !outer || !parent) return null
  const cut = overlaySimple(outer, parent, true)
  return cut && cut.length > 0 ? cut : null
}

/** 0 in the plain, rising to 1 at the hills' core: used to put 山/岭/涧 villages in the hills. */
export function hilliness(hills: Hills | null, p: Pt): number {
  if (!hills) return 0
  const inside = inParts(p, hills.parts) ? 1 : 0
  return inside + 1 / (1 + metres(p, hills.core) / 2000)
}
