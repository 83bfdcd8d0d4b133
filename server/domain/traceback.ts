import { type AccountabilityLimits, type PlacedHazard, REOPEN_DAYS, type ReportTimeliness, metresBetween, missedBy, reopens, reportDelayHours, reportTimeliness } from './accountability'
import { fromDay, toDay } from './days'
import type { Bilingual } from './names'
import type { SourceId } from './sources'
import type { Status } from './statuses'

/**
 * Responsibility trace-back (责任倒查, issue 13), its pure parts: the window looked back over, and
 * the five flags raised from the records. The definitions behind the flags are accountability.ts's
 * (reportTimeliness, reopens, missedBy); this file only applies them to one place's records.
 */

/** Radius around a point, metres: the default and the most a reader may ask. */
export const RADIUS_DEFAULT = 200
export const RADIUS_MAX = 2000
/** Months looked back from the date: the default and the most. */
export const MONTHS_DEFAULT = 3
export const MONTHS_MAX = 12
/** A point stands at a key site when the site lies this close: the site's checks and responsible person then count. */
export const SITE_NEAR_METRES = 50

export const flagKindIds = ['unchecked', 'missed', 'overdue', 'false_closeout', 'late_report'] as const
export type FlagKind = (typeof flagKindIds)[number]

export const flagKinds: Record<FlagKind, Bilingual> = {
  unchecked: { zh: '未查', en: 'Never checked' },
  missed: { zh: '漏查', en: 'Checked, hazard not recorded' },
  overdue: { zh: '超期', en: 'Overdue' },
  false_closeout: { zh: '虚假销号', en: 'Closed, then back (false close-out suspected)' },
  late_report: { zh: '迟报', en: 'Reported late' },
}

/** "lon,lat" as a query gives it, or undefined when it is not two numbers on the earth. */
export function parseLonLat(text: string): [number, number] | undefined {
  const parts = text.split(',')
  if (parts.length !== 2) return undefined
  const [lon, lat] = parts.map((p) => (p.trim() === '' ? NaN : Number(p)))
  if (!Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lon!) > 180 || Math.abs(lat!) > 90) return undefined
  return [lon!, lat!]
}

/**
 * The window [from, to] a trace-back looks at: `months` calendar months back from the date (the
 * same day of the month, or the month's last when it has no such day), through the date itself.
 */
export function windowOf(date: string, months: number): { from: string; to: string } {
  const y = +date.slice(0, 4)
  const m = +date.slice(5, 7) - 1 - months
  const d = +date.slice(8, 10)
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate()
  const from = fromDay(Math.floor(Date.UTC(y, m, Math.min(d, lastDay)) / 86_400_000))
  return { from, to: date }
}

/** A box around a point holding every point within `metres` (a first cut before the exact distance). */
export function boxAround([lon, lat]: readonly [number, number], metres: number): [number, number, number, number] {
  const dLat = metres / 111_320
  const dLon = metres / (111_320 * Math.max(0.01, Math.cos((lat * Math.PI) / 180)))
  return [lon - dLon, lat - dLat, lon + dLon, lat + dLat]
}

export { metresBetween }

/** A hazard as the flags read it. */
export interface FlaggedHazard extends PlacedHazard {
  id: number
  villageId: string
  source: SourceId
  status: Status
  discoveredAt: string
  deadline: string | null
  rectifiedAt: string | null
  closedAt: string | null
  /** 发现 and 登记, ISO instants */
  foundAt: string
  reportedAt: string
}

/** A village's own check that recorded something or nothing. */
export interface FlaggedCheck {
  id: number
  villageId: string | null
  date: string
  hazardsFound: number
}

/**
 * 超期: the days a hazard went past its deadline, or 0 when it did not. A rectification reported after
 * the deadline was late by that many days; one not yet reported is late by the days to `today`.
 */
export function daysOverdue(h: Pick<FlaggedHazard, 'deadline' | 'rectifiedAt' | 'closedAt' | 'status'>, today: string): number {
  if (!h.deadline) return 0
  const done = h.rectifiedAt ?? (h.status === 'closed' ? h.closedAt : null)
  const end = done ?? (h.status === 'rectified' || h.status === 'closed' ? null : today)
  return end === null ? 0 : Math.max(0, toDay(end) - toDay(h.deadline))
}

export interface Flag {
  kind: FlagKind
  /** the hazards raising it: the one (超期, 迟报), the later find (漏查), the closed one then the one back (虚假销号) */
  hazardIds: number[]
  /** the inspections raising it: the check that recorded nothing (漏查) */
  inspectionIds: number[]
  /** 未查: the index of the due check in the answer's `checks` */
  check: number | null
  /** 超期: days past the deadline; 迟报: hours from found to reported; 虚假销号: days from close-out to the find */
  amount: number | null
  /** 迟报: late (迟报) or held back beyond the concealment limit (瞒报) */
  timeliness: Exclude<ReportTimeliness, 'on_time'> | null
}

const flag = (kind: FlagKind, f: Partial<Omit<Flag, 'kind'>>): Flag => ({
  kind, hazardIds: [], inspectionIds: [], check: null, amount: null, timeliness: null, ...f,
})

/**
 * The flags of one trace-back, each with the records raising it, in the order of the five kinds:
 * 未查 per due check not done; 漏查 per (self-check that found nothing, hazard others found soon
 * after in its village); 超期 per hazard past its deadline; 虚假销号 per (closed hazard, hazard back
 * near it); 迟报 per hazard reported late or concealed.
 */
export function flagsOf(input: {
  checks: ReadonlyArray<{ done: boolean }>
  selfChecks: readonly FlaggedCheck[]
  hazards: readonly FlaggedHazard[]
  limits: AccountabilityLimits
  today: string
}): Flag[] {
  const { checks, selfChecks, hazards, limits, today } = input
  const out: Flag[] = []
  checks.forEach((c, i) => {
    if (!c.done) out.push(flag('unchecked', { check: i }))
  })
  for (const check of selfChecks)
    for (const h of hazards) if (missedBy(check, h)) out.push(flag('missed', { hazardIds: [h.id], inspectionIds: [check.id] }))
  for (const h of hazards) {
    const days = daysOverdue(h, today)
    if (days > 0) out.push(flag('overdue', { hazardIds: [h.id], amount: days }))
  }
  // Only the same item can reopen a close-out: pairs are sought within each item's hazards.
  const byItem = new Map<string, FlaggedHazard[]>()
  for (const h of hazards) {
    const same = byItem.get(h.item)
    if (same) same.push(h)
    else byItem.set(h.item, [h])
  }
  // Days counted once (thousands of pairs within 2 km and a year); reopens() still judges each pair in full.
  const found = new Map(hazards.map((h) => [h.id, toDay(h.discoveredAt)]))
  for (const closed of hazards) {
    if (closed.status !== 'closed' || !closed.closedAt) continue
    const closedAt = closed.closedAt
    const closedDay = toDay(closedAt)
    for (const later of byItem.get(closed.item)!) {
      const days = found.get(later.id)! - closedDay
      if (days < 0 || days > REOPEN_DAYS || later.id === closed.id) continue
      if (reopens({ ...closed, closedAt }, later))
        out.push(flag('false_closeout', { hazardIds: [closed.id, later.id], amount: days }))
    }
  }
  for (const h of hazards) {
    const delay = reportDelayHours(h.foundAt, h.reportedAt)
    const verdict = reportTimeliness(delay, limits)
    if (verdict !== 'on_time') out.push(flag('late_report', { hazardIds: [h.id], amount: Math.round(delay * 10) / 10, timeliness: verdict }))
  }
  return out
}
