import { chinaDateOf } from '../domain/days'
import type { HazardReport } from '../domain/contract/hazards'
import type { Hazard } from '../domain/schemas'
import { chinaToday } from '../env'
import { foundOnDay } from '../store/port/hazards'
import { ApiError } from './errors'
import type { Services } from './context'

/**
 * A hazard's three times (issue 13): found (发现), reported (登记: when the reporter registered it,
 * perhaps in an offline phone's queue) and received by the server. Timeliness (上报及时率) counts
 * from found to reported; the server checks what a reporter may claim and fills what they left out.
 */

/** A phone's clock may run this far ahead of the server's and still be believed. */
export const CLOCK_SKEW_MS = 5 * 60_000
const CHINA_OFFSET_MS = 8 * 3_600_000

export type HazardTimes = Pick<Hazard, 'discoveredAt' | 'foundAt' | 'reportedAt' | 'receivedAt'>

/** An instant as the ledger writes it: China time, whole seconds, e.g. 2026-11-28T09:30:00+08:00. */
export function chinaInstant(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000 + CHINA_OFFSET_MS).toISOString().slice(0, 19) + '+08:00'
}

/**
 * The ledger's now, in epoch ms: the clock's, except when "today" is pinned (AS_OF) to another
 * day; then the clock's time of day on that day, so that now and today agree.
 */
export function ledgerNow(s: Pick<Services, 'today'>, clock = Date.now()): number {
  const today = s.today()
  const real = chinaToday(new Date(clock))
  if (today === real) return clock
  return Date.parse(`${today}T00:00:00+08:00`) + ((clock + CHINA_OFFSET_MS) % 86_400_000)
}

const refuse = (field: string, message: string) => new ApiError(422, 'bad_time', `${field}: ${message}.`, [{ field, message }])

/**
 * The three times of a new report, or a 422 naming the field: foundAt given, else discoveredAt's
 * day at 09:00, else now; reportedAt given, else now; receivedAt now. Refused: a found or reported
 * time in the future (beyond CLOCK_SKEW_MS; within it, now), found before the campaign started or
 * after it was reported, and a discoveredAt that is not foundAt's China date.
 */
export function reportTimes(s: Pick<Services, 'today' | 'store'>, input: Pick<HazardReport, 'foundAt' | 'reportedAt' | 'discoveredAt'>, clock = Date.now()): HazardTimes {
  const now = ledgerNow(s, clock)
  const given = (field: 'foundAt' | 'reportedAt', iso: string | undefined): number | undefined => {
    if (iso === undefined) return undefined
    const ms = Date.parse(iso)
    if (ms > now + CLOCK_SKEW_MS) throw refuse(field, 'in the future')
    // A phone's clock a little ahead: its "now" is the server's.
    return Math.min(ms, now)
  }
  if (input.foundAt !== undefined && input.discoveredAt !== undefined && chinaDateOf(Date.parse(input.foundAt)) !== input.discoveredAt)
    throw refuse('discoveredAt', `not the day of foundAt (${chinaDateOf(Date.parse(input.foundAt))})`)
  const reported = given('reportedAt', input.reportedAt) ?? now
  const foundField = input.foundAt === undefined && input.discoveredAt !== undefined ? 'discoveredAt' : 'foundAt'
  let found = given('foundAt', input.foundAt) ?? (input.discoveredAt !== undefined ? Date.parse(foundOnDay(input.discoveredAt)) : reported)
  // Only the day was given, and it was reported that same day before 09:00: found no later than reported.
  if (input.foundAt === undefined && found > reported && chinaDateOf(found) === chinaDateOf(reported)) found = reported
  const campaignStart = s.store.meta.get('campaignStart')
  if (campaignStart && chinaDateOf(found) < campaignStart) throw refuse(foundField, `before the campaign started (${campaignStart})`)
  if (found > reported) throw refuse(foundField, 'after reportedAt')
  const foundAt = chinaInstant(found)
  return { discoveredAt: chinaDateOf(found), foundAt, reportedAt: chinaInstant(reported), receivedAt: chinaInstant(now) }
}
