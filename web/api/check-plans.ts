import type { CheckPlanCoverage, CheckPlanQuery, MissedChecks } from '../../server/domain/contract/check-plans'
import { api, call } from './client'

export type { CheckLevel, CheckPlanCoverage, CheckPlanQuery, MissedCheck, MissedChecks } from '../../server/domain/contract/check-plans'
/** One row of coverage: a village, district, lead unit or key site with its counts. */
export type CheckPlanRow = CheckPlanCoverage['rows'][number]

/** A coverage question: the period holding a date (month or half-month) and the rows' level. */
export type CheckPlanAsk = Pick<CheckPlanQuery, 'bucket' | 'level'> & { period: string }

/** `GET /api/check-plans/coverage` — per row of the level: the checks due in the period, done, missed, pending, and done ÷ due. */
export function fetchCheckCoverage(q: CheckPlanAsk): Promise<CheckPlanCoverage> {
  return call(api['check-plans'].coverage.$get({ query: q }))
}

/** `GET /api/check-plans/missed` — the checks due in the period and not done though their own period is over (未查). */
export function fetchMissedChecks(q: CheckPlanAsk): Promise<MissedChecks> {
  return call(api['check-plans'].missed.$get({ query: q }))
}
