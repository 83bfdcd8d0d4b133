import type { AreaRow, Coverage, Summary, TrendBucket as BucketSize, TrendPoint } from '../../server/domain/stats'
import { getJson } from './client'

// The answers' shapes are defined once, in server/domain/stats.ts, for the server that computes
// them and the web that reads them; the names below are the web's for the same types.
export { UNASSESSED, type LevelKey, type Summary, type Coverage } from '../../server/domain/stats'
export type TrendBucketSize = BucketSize
export type TrendBucket = TrendPoint
export type AreaStat = AreaRow
export type VillageCoverage = Coverage['villages'][number]
export type RankedLevel = 'district' | 'village' | 'grid'

/** `GET /api/stats/summary` — totals for the filter (a filter query from `filterToQuery`). */
export function fetchSummary(query: Record<string, string>): Promise<Summary> {
  return getJson<Summary>('/api/stats/summary', query)
}

/** `GET /api/stats/trend` — reported, closed and the open backlog per bucket over the period. */
export function fetchTrend(query: Record<string, string>, bucket: TrendBucketSize = 'half-month'): Promise<TrendBucket[]> {
  return getJson<TrendBucket[]>('/api/stats/trend', { ...query, bucket })
}

/**
 * `GET /api/stats/areas` — one row an area of `level`. There `level` names the area level, so the
 * filter's risk level travels as `riskLevel`.
 */
export function fetchAreaStats(level: RankedLevel, query: Record<string, string>): Promise<AreaStat[]> {
  const { level: riskLevel, ...rest } = query
  return getJson<AreaStat[]>('/api/stats/areas', { ...rest, ...(riskLevel ? { riskLevel } : {}), level })
}

/** `GET /api/stats/coverage` — per village, whether it was inspected in the half-month holding `date`. */
export function fetchCoverage(date?: string): Promise<Coverage> {
  return getJson<Coverage>('/api/stats/coverage', date ? { period: date } : {})
}
