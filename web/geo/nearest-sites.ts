import { distance } from '@turf/turf'
import type { Feature, Point } from 'geojson'

export interface NearSite<S> {
  site: Feature<Point, S>
  /** great-circle distance from the hazard's point, in metres */
  metres: number
}

/**
 * The key sites nearest a point, nearest first, within `withinM` metres — the radius inside which
 * the server accepts a hazard as lying "at" a site (1 km, services/hazards.ts).
 */
export function nearestSites<S>(sites: readonly Feature<Point, S>[], point: [number, number], withinM = 1000, limit = 5): NearSite<S>[] {
  return sites
    .map((site) => ({ site, metres: distance(site.geometry.coordinates, point, { units: 'meters' }) }))
    .filter((n) => n.metres <= withinM)
    .sort((a, b) => a.metres - b.metres)
    .slice(0, limit)
}
