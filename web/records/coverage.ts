import type { CheckLevel, CheckPlanCoverage, CheckPlanRow, MissedCheck } from '../api/check-plans'

/** The periods coverage is counted over: the half-month (the town's round) by default, or the month. */
export const coverageBuckets = ['half-month', 'month'] as const
export type CoverageBucket = (typeof coverageBuckets)[number]
export const coverageLevels: readonly CheckLevel[] = ['village', 'district', 'unit', 'site']

/**
 * The rows worst first: most checks missed, then the lowest share done, then by name — the
 * places a town chases are at the top. Rows with nothing due come last.
 */
export function rowsWorstFirst(coverage: CheckPlanCoverage): CheckPlanRow[] {
  return [...coverage.rows].sort(
    (a, b) =>
      Number(a.due === 0) - Number(b.due === 0) || b.missed - a.missed || a.rate - b.rate || a.name.localeCompare(b.name, 'zh-CN'),
  )
}

/** A missed check as the 未查 list shows it: what, where (village, district), and the period. */
export interface MissedLine {
  key: string
  kind: MissedCheck['kind']
  villageId: string | null
  subjectId: string
  subject: string
  village: string
  district: string
  start: string
  end: string
}

/**
 * The 未查 list: by district, then village (names in the page's order), then period and what was
 * due, so a district officer finds their own together; a lead unit's town-wide check has no place.
 */
export function missedLines(missed: readonly MissedCheck[], nameOf: (id: string) => string | undefined): MissedLine[] {
  return missed
    .map((m) => ({
      key: `${m.kind}:${m.subjectId}:${m.start}`, kind: m.kind, villageId: m.villageId, subjectId: m.subjectId, subject: m.subjectName,
      village: (m.villageId && nameOf(m.villageId)) || '', district: (m.districtId && nameOf(m.districtId)) || '', start: m.start, end: m.end,
    }))
    .sort(
      (a, b) =>
        a.district.localeCompare(b.district, 'zh-CN') || a.village.localeCompare(b.village, 'zh-CN') || a.start.localeCompare(b.start) ||
        a.kind.localeCompare(b.kind) || a.subject.localeCompare(b.subject, 'zh-CN'),
    )
}
