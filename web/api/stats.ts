import type { AreaRow, Coverage, Summary, TrendInterval, TrendPoint } from '../../server/domain/stats'
import { api, call } from './client'

// The answers' shapes are defined once, by the contract (server/domain/contract/stats.ts).
export { UNASSESSED, type AreaRow, type Coverage, type LevelKey, type Summary, type TrendInterval, type TrendPoint, type VillageCoverage } from '../../server/domain/stats'
export type RankedLevel = 'district' | 'village' | 'grid'

/** `GET /api/stats/summary` — totals for the filter (a filter query from `filterToQuery`). */
export function fetchSummary(query: Record<string, string>): Promise<Summary> {
  return call(api.stats.summary.$get({ query }))
}

/** `GET /api/stats/trend` — reported, closed and the open backlog per interval over the period. */
export function fetchTrend(query: Record<string, string>, bucket: TrendInterval = 'half-month'): Promise<TrendPoint[]> {
  return call(api.stats.trend.$get({ query: { ...query, bucket } }))
}

/**
 * `GET /api/stats/areas` — one row an area of `level`. There `level` names the area level, so the
 * filter's risk level travels as `riskLevel`.
 */
export function fetchAreaStats(level: RankedLevel, query: Record<string, string>): Promise<AreaRow[]> {
  const { level: riskLevel, ...rest } = query
  return call(api.stats.areas.$get({ query: { ...rest, ...(riskLevel ? { riskLevel } : {}), level } }))
}

/** `GET /api/stats/coverage` — per village, whether it was inspected in the half-month holding `date`. */
export function fetchCoverage(date?: string): Promise<Coverage> {
  return call(api.stats.coverage.$get({ query: date ? { period: date } : {} }))
}
