import type { CategoryId } from '../../server/domain/categories'
import type { RiskLevel } from '../../server/domain/levels'
import type { SourceId } from '../../server/domain/sources'
import type { Status } from '../../server/domain/statuses'
import { getJson } from './client'

/** Hazards not yet assessed have no risk level; the summary counts them under this key. */
export const UNASSESSED = 'unassessed'
export type LevelKey = RiskLevel | typeof UNASSESSED

export interface Summary {
  total: number
  open: number
  overdue: number
  escalated: number
  /** escalated and still open */
  escalatedOpen: number
  closed: number
  /** closed ÷ total, 0–1 */
  closeRate: number
  byCategory: Partial<Record<CategoryId, number>>
  byLevel: Partial<Record<LevelKey, number>>
  byStatus: Partial<Record<Status, number>>
  bySource: Partial<Record<SourceId, number>>
}

export type TrendBucketSize = 'half-month' | 'week' | 'month'

export interface TrendBucket {
  start: string
  end: string
  reported: number
  closed: number
  openAtEnd: number
}

export type RankedLevel = 'district' | 'village' | 'grid'

export interface AreaStat {
  areaId: string
  name: string
  total: number
  open: number
  overdue: number
  escalated: number
  closed: number
  closeRate: number
  /** open hazards per 1,000 residents, where the population is known */
  density: number | null
}

export interface VillageCoverage {
  villageId: string
  name: string
  districtId: string | null
  inspected: boolean
  inspections: number
  lastDate: string | null
}

export interface Coverage {
  period: { start: string; end: string }
  villages: VillageCoverage[]
  covered: number
  total: number
  rate: number
}

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
