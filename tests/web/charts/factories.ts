import type { AreaRow, Summary, TrendPoint } from '../../../web/api/stats'

/** A summary as GET /api/stats/summary returns it; small round numbers unless told otherwise. */
export function makeSummary(overrides: Partial<Summary> = {}): Summary {
  return {
    total: 100,
    open: 30,
    overdue: 4,
    escalated: 6,
    escalatedOpen: 2,
    closed: 70,
    closeRate: 0.7,
    byCategory: { violent_terror: 10, mass_incident: 20, individual_extreme: 30, safety_accident: 40 },
    byLevel: { major: 5, significant: 15, general: 40, low: 30, unassessed: 10 },
    byStatus: { reported: 10, assessed: 0, assigned: 0, rectifying: 20, rectified: 0, closed: 70 },
    bySource: { routine: 50, concentrated: 30, focused: 15, public_report: 5 },
    ...overrides,
  }
}

export function makeBucket(start: string, end: string, overrides: Partial<TrendPoint> = {}): TrendPoint {
  return { start, end, reported: 10, closed: 5, openAtEnd: 20, ...overrides }
}

export function makeAreaStat(areaId: string, overrides: Partial<AreaRow> = {}): AreaRow {
  return { areaId, name: areaId, total: 10, open: 3, overdue: 1, escalated: 0, closed: 7, closeRate: 0.7, density: null, ...overrides }
}
