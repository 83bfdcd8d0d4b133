import type { CheckLevel, CheckPlanCoverage, CheckPlanQuery, MissedChecks } from '../domain/contract/check-plans'
import { type CategoryId, categoryById, leadUnitIds, leadUnits } from '../domain/categories'
import { type CheckRecord, type DueCheck, type PlanSite, type PlanVillage, dueChecks, fulfils, planWith, siteKindCategory } from '../domain/check-plans'
import { bucketOf, fromDay, toDay } from '../domain/days'
import type { Actor } from '../domain/roles'
import type { Site } from '../domain/schemas'
import type { AreaNode } from './ledger/area-index'
import type { Services } from './context'
import { reachOf } from './reach'

/** A due check, judged: done when an inspection fulfils it, else missed once its period is over, else pending. */
export interface JudgedCheck {
  due: DueCheck
  done: boolean
  missed: boolean
}
interface Judged extends JudgedCheck {
  rowId: string
}

interface Row {
  id: string
  name: string
  checks: Judged[]
}

/** done ÷ due from the integers, rounded to three decimals only here, in the answer. */
const rateOf = (done: number, due: number) => (due ? Math.round((done * 1000) / due) / 1000 : 0)

function countsOf(checks: readonly Judged[]) {
  const done = checks.filter((c) => c.done).length
  const missed = checks.filter((c) => c.missed).length
  return { due: checks.length, done, missed, pending: checks.length - done - missed, rate: rateOf(done, checks.length) }
}

/** Inspections grouped by where they may fulfil a check: a village's, a whole district's, and the focused rounds. */
function indexRecords(records: readonly CheckRecord[]) {
  const byVillage = new Map<string, CheckRecord[]>()
  const byDistrict = new Map<string, CheckRecord[]>()
  const focused: CheckRecord[] = []
  const push = (map: Map<string, CheckRecord[]>, key: string, r: CheckRecord) => {
    const list = map.get(key)
    if (list) list.push(r)
    else map.set(key, [r])
  }
  for (const r of records) {
    if (r.villageId) push(byVillage, r.villageId, r)
    else if (r.districtId) push(byDistrict, r.districtId, r)
    if (r.source === 'focused') focused.push(r)
  }
  return (due: DueCheck): readonly CheckRecord[] =>
    due.kind === 'focused' ? focused : [...(byVillage.get(due.villageId ?? '') ?? []), ...(byDistrict.get(due.districtId ?? '') ?? [])]
}

/**
 * Every check due in [from, to] (its period ends there) among these villages and key sites, kept to
 * those `keep` accepts, each judged against the inspections recorded: done when one fulfils it,
 * missed (未查) when not and its period is over by `today`, else pending. Check plans and the
 * scorecards (services/scorecards) both judge through here, so coverage means one thing.
 */
export function judgeDue(
  s: Services, from: string, to: string, villages: readonly PlanVillage[], sites: readonly PlanSite[], keep: (d: DueCheck) => boolean = () => true,
): JudgedCheck[] {
  const due = dueChecks(planWith(s.env.CHECK_CADENCES), from, to, villages, sites).filter(keep)
  const first = due.reduce((min, d) => (d.start < min ? d.start : min), from)
  const candidates = indexRecords(s.store.inspections.checkRecords(first, to))
  const today = s.today()
  return due.map((d) => {
    const done = candidates(d).some((r) => fulfils(r, d))
    return { due: d, done, missed: !done && d.end < today }
  })
}

/**
 * The checks due in the period holding a date (a month or half-month), each judged against the
 * recorded inspections, grouped into rows of a level. Kept to the reader's reach as coverage.ts
 * is: a grid worker's or district officer's own villages (and their sites), a lead unit's own
 * category and the checks of none (the villages' self-checks and the town's rounds).
 */
function judge(s: Services, actor: Actor, q: CheckPlanQuery) {
  const [startDay, endDay] = bucketOf(toDay(q.period ?? s.today()), q.bucket)
  const period = { start: fromDay(startDay), end: fromDay(endDay) }
  const areas = s.ledger.areas
  const reach = reachOf(actor)
  const mine = reach.areaIds ? new Set(reach.areaIds.flatMap((id) => [...areas.gridsInside(id)].map((g) => areas.grids[g]!.parentId!))) : undefined
  const villages = (areas.byLevel.get('village') ?? []).filter((v) => !mine || mine.has(v.id))
  const categories = reach.categories
  // A lead unit's sites are those of the kinds it leads.
  const sites = s.store.sites.list({ villageIds: mine ? [...mine] : undefined }).filter((site) => !categories || categories.includes(siteKindCategory[site.kind]))
  const judged = judgeDue(
    s, period.start, period.end, villages, sites,
    (d) => (!mine || (d.villageId !== null && mine.has(d.villageId))) && (!categories || d.category === null || categories.includes(d.category)),
  )

  const rows = new Map<string, Row>()
  const rowIdOf = (d: DueCheck): string | null =>
    q.level === 'village' ? d.villageId : q.level === 'district' ? d.districtId : q.level === 'unit' ? d.unit : d.kind === 'site' ? d.subjectId : null
  // Every place or unit in reach has its row, even one with nothing due in the period.
  for (const [id, name] of rowNames(s, q.level, villages, sites, categories)) rows.set(id, { id, name, checks: [] })
  for (const j of judged) {
    const rowId = rowIdOf(j.due)
    const row = rowId === null ? undefined : rows.get(rowId)
    if (row) row.checks.push({ ...j, rowId: row.id })
  }
  return { period, rows: [...rows.values()], sites }
}

/** The rows of a level in reach, in the ledger's order, with their names. */
function rowNames(
  s: Services, level: CheckLevel, villages: readonly AreaNode[], sites: readonly Site[], categories: readonly CategoryId[] | undefined,
): Map<string, string> {
  if (level === 'village') return new Map(villages.map((v) => [v.id, v.name]))
  if (level === 'site') return new Map(sites.map((site) => [site.id, site.name]))
  if (level === 'unit') {
    const units = categories ? new Set(categories.map((c) => categoryById[c].leadUnit)) : undefined
    return new Map(leadUnitIds.filter((u) => !units || units.has(u)).map((u) => [u, leadUnits[u].zh]))
  }
  const districts = new Set(villages.map((v) => v.parentId))
  return new Map((s.ledger.areas.byLevel.get('district') ?? []).filter((d) => districts.has(d.id)).map((d) => [d.id, d.name]))
}

/** The name of what a check is of: a village, a lead unit or a key site. */
function nameOfSubject(s: Services, sites: readonly Site[]) {
  const siteNames = new Map(sites.map((site) => [site.id, site.name]))
  return (d: DueCheck): string =>
    d.kind === 'focused' ? leadUnits[d.unit!].zh : d.kind === 'site' ? (siteNames.get(d.subjectId) ?? d.subjectId) : (s.ledger.areas.byId.get(d.subjectId)?.name ?? d.subjectId)
}

/** Per row of the level: due, done, missed and pending checks, and done ÷ due; with the totals over the rows. */
export function checkPlanCoverage(s: Services, actor: Actor, q: CheckPlanQuery): CheckPlanCoverage {
  const { period, rows } = judge(s, actor, q)
  return {
    period, bucket: q.bucket, level: q.level,
    rows: rows.map((r) => ({ id: r.id, name: r.name, ...countsOf(r.checks) })),
    totals: countsOf(rows.flatMap((r) => r.checks)),
  }
}

/** The checks due in the period and not done though their period is over (未查), row by row. */
export function missedChecks(s: Services, actor: Actor, q: CheckPlanQuery): MissedChecks {
  const { period, rows, sites } = judge(s, actor, q)
  const subjectName = nameOfSubject(s, sites)
  const missed = rows.flatMap((r) =>
    r.checks
      .filter((c) => c.missed)
      .map(({ due: d, rowId }) => ({
        kind: d.kind, subjectId: d.subjectId, subjectName: subjectName(d), villageId: d.villageId, districtId: d.districtId,
        unit: d.unit, category: d.category, start: d.start, end: d.end, rowId,
      })),
  )
  return { period, bucket: q.bucket, level: q.level, missed }
}
