import { destination } from '@turf/turf'
import type { PointFeature } from '../../../web/geo/proximity'

export interface SiteProps {
  id: string
  name: string
}
export interface HazardProps {
  id: number
}

export const point = <P>(lonLat: number[], properties: P): PointFeature<P> => ({ type: 'Feature', geometry: { type: 'Point', coordinates: lonLat }, properties })

export const makeSite = (id: string, lonLat: number[] = [120.2, 36.9]) => point<SiteProps>(lonLat, { id, name: `场所${id}` })

/** A hazard `metres` from `from` along `bearing` (degrees from north). */
export const hazardFrom = (id: number, from: number[], metres: number, bearing = 90) =>
  point<HazardProps>(destination(from, metres, bearing, { units: 'meters' }).geometry.coordinates, { id })

/** Deterministic pseudo-random numbers (mulberry32), so a failing case can be replayed. */
export function seeded(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
