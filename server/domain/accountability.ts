import { toDay } from './days'
import type { SourceId } from './sources'

/**
 * Accountability's shared definitions (问责, issue 13), pure and zod-free: when a report was late or
 * concealed, when a check missed what was there, when a close-out was false. The scorecards
 * (server/services/scorecards) count them, the trace-back (server/services/traceback) flags them,
 * and the README's "How scores are computed" quotes them: one definition each.
 */

/** The deployment's limits (env: REPORT_LIMIT_HOURS, CONCEALED_AFTER_DAYS, VERIFY_LIMIT_DAYS). */
export interface AccountabilityLimits {
  /** 上报时限: found → reported within this many hours is on time (default 24) */
  reportLimitHours: number
  /** a report more than this many days after the find was withheld (瞒报), not merely late (default 7) */
  concealedAfterDays: number
  /** 复查时限: a rectification verified within this many days of being reported done (default 3) */
  verifyLimitDays: number
}
export const defaultLimits: AccountabilityLimits = { reportLimitHours: 24, concealedAfterDays: 7, verifyLimitDays: 3 }

/** A close-out is suspected false (虚假销号) when the same item comes back this close, this soon. */
export const REOPEN_DAYS = 60
export const REOPEN_METRES = 50
/** A check that recorded nothing missed (漏查) a hazard found there by others within this many days after it. */
export const MISSED_WITHIN_DAYS = 14

const HOUR_MS = 3_600_000

/** Hours from found (发现) to reported (登记), from two ISO instants; never negative. */
export function reportDelayHours(foundAt: string, reportedAt: string): number {
  return Math.max(0, (Date.parse(reportedAt) - Date.parse(foundAt)) / HOUR_MS)
}

/**
 * 按时 / 迟报 / 瞒报: on time within the limit; late (迟报) beyond it; concealed (瞒报) when it was
 * held back more than `concealedAfterDays`. The three are exclusive, so no report is counted twice.
 */
export type ReportTimeliness = 'on_time' | 'late' | 'concealed'
export function reportTimeliness(delayHours: number, limits: AccountabilityLimits): ReportTimeliness {
  if (delayHours <= limits.reportLimitHours) return 'on_time'
  return delayHours > limits.concealedAfterDays * 24 ? 'concealed' : 'late'
}

/** Metres between two lon/lat points (equirectangular: exact enough at 50 m in one town). */
export function metresBetween(a: readonly [number, number], b: readonly [number, number]): number {
  const rad = Math.PI / 180
  const x = (b[0] - a[0]) * rad * Math.cos(((a[1] + b[1]) / 2) * rad)
  const y = (b[1] - a[1]) * rad
  return Math.hypot(x, y) * 6_371_000
}

/** What a reopening is judged on: the item, where, at which key site, and the day. */
export interface PlacedHazard {
  item: string
  location: readonly [number, number]
  siteId: string | null
}

/**
 * Whether `later` reopens `closed` (虚假销号 suspected, or a fix that failed): the same item, at the
 * same key site or within REOPEN_METRES, found within REOPEN_DAYS after the close-out (the day of
 * the close-out itself included, as a fix that fails the same day is the plainest case).
 */
export function reopens(closed: PlacedHazard & { closedAt: string }, later: PlacedHazard & { discoveredAt: string }): boolean {
  if (closed.item !== later.item) return false
  return reopensAfter(toDay(later.discoveredAt) - toDay(closed.closedAt), closed.siteId !== null && closed.siteId === later.siteId, () => metresBetween(closed.location, later.location))
}

/**
 * `reopens` for two finds of the same item, in numbers (the scorecards judge a whole ledger this way):
 * days from the close-out to the later find, whether both lie at the same key site, and their distance.
 */
export function reopensAfter(days: number, sameSite: boolean, metres: () => number): boolean {
  if (days < 0 || days > REOPEN_DAYS) return false
  return sameSite || metres() <= REOPEN_METRES
}

/**
 * Sources that are someone else's finding at a village that the village's own check should have
 * made: the town's round (集中排查, the same ground as a self-check) and the public. A lead unit's
 * focused check (重点排查) is left out: it looks with a specialist's eyes (clues of terror, chemicals,
 * certified plants) for what a village's weekly self-check is not expected to find.
 */
export const othersFindings: readonly SourceId[] = ['concentrated', 'public_report']

/**
 * 漏查 / 漏报: a village's own check recorded nothing found, and within MISSED_WITHIN_DAYS after it
 * someone else (othersFindings) found a hazard in that village. The check looked and did not record it.
 */
export function missedBy(check: { villageId: string | null; date: string; hazardsFound: number }, h: { villageId: string; discoveredAt: string; source: SourceId }): boolean {
  if (check.villageId !== h.villageId || check.hazardsFound > 0 || !othersFindings.includes(h.source)) return false
  const days = toDay(h.discoveredAt) - toDay(check.date)
  return days >= 0 && days <= MISSED_WITHIN_DAYS
}
