import type { CategoryId } from './categories'
import type { RiskLevel } from './levels'
import type { SourceId } from './sources'
import type { Status } from './statuses'

/** The answers of /api/stats/*: one definition for the server that computes them and the web that reads them. */

/** Hazards not yet assessed have no risk level; the summary counts them under this key. */
export const UNASSESSED = 'unassessed'
export type LevelKey = RiskLevel | typeof UNASSESSED

export interface Summary {
  total: number
  open: number
  overdue: number
  /** every escalated hazard, as the escalated=true filter lists them */
  escalated: number
  /** of those, the ones not yet closed: what still needs a joint diagnosis */
  escalatedOpen: number
  closed: number
  /** closed ÷ total, 0–1, three decimals */
  closeRate: number
  byCategory: Record<CategoryId, number>
  byLevel: Record<LevelKey, number>
  byStatus: Record<Status, number>
  bySource: Record<SourceId, number>
}

export type TrendBucket = 'half-month' | 'week' | 'month'

export interface TrendPoint {
  start: string
  end: string
  reported: number
  closed: number
  openAtEnd: number
}

export interface AreaRow {
  areaId: string
  name: string
  total: number
  open: number
  overdue: number
  escalated: number
  closed: number
  closeRate: number
  /** open hazards per 1,000 residents where population is known */
  density: number | null
}

export interface Coverage {
  period: { start: string; end: string }
  villages: Array<{ villageId: string; name: string; districtId: string | null; inspected: boolean; inspections: number; lastDate: string | null }>
  covered: number
  total: number
  rate: number
}
