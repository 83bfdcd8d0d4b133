import { type AccountabilityLimits, type ReportTimeliness, reportDelayHours, reportTimeliness } from '../../server/domain/accountability'
import type { HazardView } from '../api/hazards'

/** A hazard's three times as the card shows them, and whether its report was late (迟报) or concealed (瞒报). */
export interface HazardTimesView {
  /** 'YYYY-MM-DD HH:mm', China time, whatever offset the instant was written in */
  found: string
  reported: string
  received: string
  timeliness: ReportTimeliness
  /** found → reported, in whole hours */
  delayHours: number
  /** reported → received (an offline phone's queue), in whole hours; 0 when it arrived at once */
  queuedHours: number
}

const CHINA_OFFSET_MS = 8 * 3_600_000

/** An instant as the town reads it: its China date and time to the minute. */
export function chinaClock(iso: string): string {
  return new Date(Date.parse(iso) + CHINA_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ')
}

/** The card's times; the limits are the deployment's (GET /api/health), the judgement the domain's. */
export function hazardTimes(h: Pick<HazardView, 'foundAt' | 'reportedAt' | 'receivedAt'>, limits: AccountabilityLimits): HazardTimesView {
  const delay = reportDelayHours(h.foundAt, h.reportedAt)
  return {
    found: chinaClock(h.foundAt),
    reported: chinaClock(h.reportedAt),
    received: chinaClock(h.receivedAt),
    timeliness: reportTimeliness(delay, limits),
    delayHours: Math.floor(delay),
    queuedHours: Math.floor(reportDelayHours(h.reportedAt, h.receivedAt)),
  }
}
