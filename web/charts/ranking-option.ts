import type { AreaRow } from '../api/stats'
import { type BarRow, horizontalBars } from './bars-option'
import { percent } from './labels'
import { rankingColors } from './palette'
import type { ChartSpec } from './types'

export const rankingMetrics = ['open', 'overdue', 'closeRate'] as const
export type RankingMetric = (typeof rankingMetrics)[number]


export interface RankingInput {
  rows: readonly AreaRow[]
  metric: RankingMetric
  /** the area the reader is in, outlined when it is among the rows (a grid cell among its siblings) */
  current?: string
  /** at most this many rows, the highest first */
  limit?: number
}

/** Areas sorted by the metric, highest first, names breaking ties so the order is stable. */
export function rankAreas(rows: readonly AreaRow[], metric: RankingMetric): AreaRow[] {
  return [...rows].sort((a, b) => b[metric] - a[metric] || a.name.localeCompare(b.name, 'zh-CN'))
}

/** A ranking of the areas one level down; a bar click drills into its area. */
export function rankingOption({ rows, metric, current, limit = 40 }: RankingInput): ChartSpec {
  const bars: BarRow[] = rankAreas(rows, metric)
    .slice(0, limit)
    .map((r) => ({ key: r.areaId, name: r.name, value: r[metric], color: rankingColors[metric], current: r.areaId === current }))
  return horizontalBars(bars, metric === 'closeRate' ? percent : String)
}
