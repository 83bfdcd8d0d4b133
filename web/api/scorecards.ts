import type { IndicatorTableInput, IndicatorTableView, ScorecardDrill, ScorecardDrillQuery, Scorecards } from '../../server/domain/contract/scorecards'
import type { ScoreLevel } from '../../server/domain/scorecards'
import { api, call } from './client'

// The answers' shapes are defined once, by the contract (server/domain/contract/scorecards.ts).
export type { DrillRecord, IndicatorTableInput, IndicatorTableView, IndicatorValue, DeductionValue, ScorecardDrill, ScorecardDrillQuery, ScorecardRow, Scorecards } from '../../server/domain/contract/scorecards'

/** `GET /api/scorecards` — the month's scores of every village, district or lead unit within reach (the current month by default). */
export function fetchScorecards(level: ScoreLevel, month?: string): Promise<Scorecards> {
  return call(api.scorecards.$get({ query: { level, ...(month ? { month } : {}) } }))
}

/** `GET /api/scorecards/records` — the records behind one figure of one row. */
export function fetchScorecardDrill(query: ScorecardDrillQuery): Promise<ScorecardDrill> {
  return call(api.scorecards.records.$get({ query }))
}

/** `GET /api/scorecards/indicators` — the indicator table scores are computed by now. */
export function fetchIndicatorTable(): Promise<IndicatorTableView> {
  return call(api.scorecards.indicators.$get())
}

/** `PUT /api/scorecards/indicators` (admin) — a new table; the server gives it the next version. */
export function saveIndicatorTable(table: IndicatorTableInput): Promise<IndicatorTableView> {
  return call(api.scorecards.indicators.$put({ json: table }))
}

/** Where the month's workbook downloads from (a plain link: the session cookie goes with it). */
export function scorecardsXlsxUrl(month: string, level: ScoreLevel, lang: 'zh' | 'en'): string {
  return `/api/scorecards/export?${new URLSearchParams({ month, level, lang })}`
}
