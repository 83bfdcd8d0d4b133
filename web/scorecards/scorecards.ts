import { type DeductionId, type IndicatorId, type MeasureId, deductionIds, indicatorIds } from '../../server/domain/scorecards'
import type { IndicatorTableView, ScorecardRow, Scorecards } from '../api/scorecards'

/**
 * The scorecard tab's reading of an answer, pure (no Vue): which indicator columns to show, how a
 * change reads, what a frozen row's recomputed figure is. Tested in tests/web/scorecards.
 */

/** A score as printed: one decimal, or a dash when there is none. */
export function scoreText(score: number | null | undefined): string {
  return score === null || score === undefined ? '—' : score.toFixed(1)
}

/** A rate (0–1) as a percentage with one decimal; a dash when left out. */
export function rateText(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(1)}%`
}

export type Trend = 'up' | 'down' | 'flat' | 'none'

/** The month-on-month change as an arrow and a signed figure: ↑ 3.5, ↓ 1.0, → 0.0; nothing when last month had no score. */
export function changeOf(change: number | null): { trend: Trend; text: string; size: string } {
  if (change === null) return { trend: 'none', text: '—', size: '' }
  const size = Math.abs(change).toFixed(1)
  if (change > 0) return { trend: 'up', text: `↑ ${size}`, size }
  if (change < 0) return { trend: 'down', text: `↓ ${size}`, size }
  return { trend: 'flat', text: '→ 0.0', size }
}

/**
 * The indicators worth a column: those the table weighs and that had anything to count in some
 * row this month (预警响应率 has nothing until early warning exists; the legend says it is left out).
 */
export function shownIndicators(answer: Pick<Scorecards, 'table' | 'rows'>): IndicatorId[] {
  return indicatorIds.filter((id) => answer.table.weights[id] > 0 && answer.rows.some((row) => row.indicators.some((i) => i.id === id && i.denominator > 0)))
}

/** Points a row loses to deductions, in all. */
export function deductedPoints(row: Pick<ScorecardRow, 'deductions'>): number {
  return Math.round(row.deductions.reduce((sum, d) => sum + d.points, 0) * 10) / 10
}

/** The deductions a row actually has (count > 0), in the table's order. */
export function deductionsOf(row: Pick<ScorecardRow, 'deductions'>): ScorecardRow['deductions'] {
  return deductionIds.flatMap((id) => row.deductions.filter((d) => d.id === id && d.count > 0))
}

/** A frozen row's score as the ledger now gives it, when that differs from the published one. */
export function recomputedScore(row: Pick<ScorecardRow, 'score' | 'recomputed'>): number | null | undefined {
  if (!row.recomputed || row.recomputed.score === row.score) return undefined
  return row.recomputed.score
}

export const isDeduction = (id: MeasureId): id is DeductionId => (deductionIds as readonly string[]).includes(id)

/** The weights' total: the editor shows it, since the score is renormalised over it anyway. */
export function weightTotal(table: Pick<IndicatorTableView, 'weights'>): number {
  return indicatorIds.reduce((sum, id) => sum + table.weights[id], 0)
}

/** The UTC instant in China's time, minutes: frozenAt as the town reads it. */
export function chinaTime(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ')
}
