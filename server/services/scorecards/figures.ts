import { type LeadUnitId, categoryById, itemById, itemIds, leadUnitIds, leadUnits } from '../../domain/categories'
import { type AccountabilityLimits, MISSED_WITHIN_DAYS, REOPEN_DAYS, REOPEN_METRES, metresBetween, othersFindings, reopensAfter, reportTimeliness } from '../../domain/accountability'
import { chinaDateOf, fromDay, toDay } from '../../domain/days'
import { type DeductionId, type DrillNote, type IndicatorId, type MeasureId, type ScoreLevel, deductionIds, indicatorIds } from '../../domain/scorecards'
import { sourceIds } from '../../domain/sources'
import { type JudgedCheck, judgeDue } from '../check-plans'
import type { Services } from '../context'
import { CLOSED } from '../ledger/codes'
import type { HazardColumns } from '../ledger/columns'
import type { LedgerIndex } from '../ledger'

/**
 * The per-row counting behind the scorecards: for one month and level, every record that enters an
 * indicator (counted in its numerator or not) or a deduction is handed to a sink. The scores add the
 * records up; the drill-down keeps those of one row and measure. One pass decides both, so a figure
 * and its records cannot disagree.
 */

/** The month as judged: its first and last day, and the day it is judged as of (today while it runs). */
export interface MonthPeriod {
  month: string
  start: string
  last: string
  asOf: string
  /** the month is over: its figures no longer move with the calendar */
  final: boolean
  today: string
}

export function monthPeriod(month: string, today: string): MonthPeriod {
  const last = lastDayOf(month)
  return { month, start: `${month}-01`, last, asOf: last < today ? last : today, final: today > last, today }
}

function lastDayOf(month: string): string {
  return fromDay(Math.floor(Date.UTC(+month.slice(0, 4), +month.slice(5, 7), 1) / 86_400_000) - 1)
}

/** The month before YYYY-MM. */
export function previousMonth(month: string): string {
  const y = +month.slice(0, 4)
  const m = +month.slice(5, 7)
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`
}

/** The rows of a level, in the ledger's order: villages, districts, or the lead units. */
export interface ScoreRows {
  level: ScoreLevel
  ids: string[]
  names: string[]
}

export function rowsOf(s: Services, level: ScoreLevel): ScoreRows {
  if (level === 'unit') return { level, ids: [...leadUnitIds], names: leadUnitIds.map((u) => leadUnits[u].zh) }
  const list = s.ledger.areas.byLevel.get(level) ?? []
  return { level, ids: list.map((a) => a.id), names: list.map((a) => a.name) }
}

/** Where the records go: counted into figures, or kept for a drill-down. */
export interface Sink {
  /** a hazard (its row in the ledger columns) in a row's measure; `counted`: in the numerator (an indicator), always true for a deduction */
  hazard(row: number, measure: MeasureId, counted: boolean, slot: number, day: number, note: DrillNote): void
  check(row: number, counted: boolean, check: JudgedCheck): void
  supervision(row: number, counted: boolean, listing: { id: number; hazardId: number; deadline: string }, note: DrillNote): void
  /** a warning issued to the row's unit or district in the month; `counted`: acknowledged (签收) by its response deadline */
  warning(row: number, counted: boolean, warning: { id: number; code: string; issuedOn: string }, note: DrillNote): void
}

/** A row's figures: each indicator's numerator and denominator, each deduction's count. */
export interface RowFigures {
  figures: Record<IndicatorId, { numerator: number; denominator: number }>
  counts: Record<DeductionId, number>
}

/** A sink that adds the records up, row by row. */
export class Counter implements Sink {
  private readonly num: Record<IndicatorId, Int32Array>
  private readonly den: Record<IndicatorId, Int32Array>
  private readonly cnt: Record<DeductionId, Int32Array>

  constructor(private readonly n: number) {
    const arrays = <K extends string>(ids: readonly K[]) => Object.fromEntries(ids.map((id) => [id, new Int32Array(n)])) as Record<K, Int32Array>
    this.num = arrays(indicatorIds)
    this.den = arrays(indicatorIds)
    this.cnt = arrays(deductionIds)
  }

  private add(row: number, measure: MeasureId, counted: boolean): void {
    if (measure in this.cnt) this.cnt[measure as DeductionId][row]!++
    else {
      this.den[measure as IndicatorId][row]!++
      if (counted) this.num[measure as IndicatorId][row]!++
    }
  }

  hazard(row: number, measure: MeasureId, counted: boolean): void {
    this.add(row, measure, counted)
  }

  check(row: number, counted: boolean): void {
    this.add(row, 'coverage', counted)
  }

  supervision(row: number, counted: boolean): void {
    this.add(row, 'supervision_done', counted)
  }

  warning(row: number, counted: boolean): void {
    this.add(row, 'warning_response', counted)
  }

  row(i: number): RowFigures {
    return {
      figures: Object.fromEntries(indicatorIds.map((id) => [id, { numerator: this.num[id][i]!, denominator: this.den[id][i]! }])) as RowFigures['figures'],
      counts: Object.fromEntries(deductionIds.map((id) => [id, this.cnt[id][i]!])) as RowFigures['counts'],
    }
  }

  get rows(): number {
    return this.n
  }
}

/** For each item code, the row of its category's lead unit. */
const unitRowOfItem = Int8Array.from(itemIds, (id) => leadUnitIds.indexOf(categoryById[itemById.get(id)!.category].leadUnit))
const sourceOthers = Uint8Array.from(sourceIds, (id) => (othersFindings.includes(id) ? 1 : 0))

/** How a level places a hazard: by its grid cell's village or district, or by its category's lead unit. */
function placeOf(s: Services, level: ScoreLevel): (c: HazardColumns, i: number) => number {
  if (level === 'unit') return (c, i) => unitRowOfItem[c.item[i]!]!
  const up = s.ledger.areas.gridAncestor.get(level)
  if (!up) return () => -1
  return (c, i) => up[c.grid[i]!]!
}

/**
 * Every record of a month at a level, handed to the sink. What counts where is written beside each
 * measure in server/domain/scorecards.ts and in the README ("How scores are computed").
 */
export function scanMonth(s: Services, p: MonthPeriod, level: ScoreLevel, limits: AccountabilityLimits, sink: Sink): void {
  const rows = rowsOf(s, level)
  const c = s.ledger.columns
  const from = toDay(p.start)
  const last = toDay(p.last)
  const end = toDay(p.asOf)
  const today = toDay(p.today)
  const place = placeOf(s, level)

  // A unit answers for the reports its own accounts made; a village and a district for those made in them.
  const reportRowOf = reporterRows(s, p, level, place)
  const concealedMinutes = limits.concealedAfterDays * 24 * 60
  const concealedCandidates: number[] = []
  const verifyDays = limits.verifyLimitDays
  const quiet = level === 'unit' ? null : quietChecksByVillage(s, p)
  const upV = s.ledger.areas.gridAncestor.get('village')

  for (let i = 0; i < c.n; i++) {
    const found = c.discovered[i]!
    if (found > end) continue
    const row = place(c, i)
    const cl = c.status[i] === CLOSED ? c.closed[i]! : 0
    // Reported rectified on this day (a hazard closed with no rectification date: on its close-out).
    const rect = c.rectified[i]! || cl
    const dl = c.deadline[i]!

    if (row >= 0) {
      // 按期整改: deadlines in the month; one not yet come and not yet met is pending, left out.
      if (dl >= from && dl <= last) {
        const met = rect > 0 && rect <= dl
        if (met || dl < today) sink.hazard(row, 'rectified_on_time', met, i, dl, met ? 'rectified_by_deadline' : 'not_rectified_by_deadline')
      }
      // 超期: past its deadline and not reported rectified at the month's end (the bulletin's overdue).
      if (dl > 0 && dl < end && (rect === 0 || rect > end)) sink.hazard(row, 'overdue', true, i, dl, 'overdue')
      // 复查及时: reported rectified in the month; pending while not verified and its limit not over.
      if (rect >= from && rect <= end) {
        const inTime = cl > 0 && cl - rect <= verifyDays
        if (cl > 0 || rect + verifyDays < today) sink.hazard(row, 'verified_on_time', inTime, i, rect, inTime ? 'verified_in_time' : cl > 0 ? 'verified_late' : 'not_verified')
      }
    }

    const delay = c.reportDelay[i]!
    // 上报及时 and 迟报: found in the month, split by found → reported (on time, late, concealed).
    if (found >= from) {
      const r = reportRowOf(c, i)
      if (r >= 0) {
        const kind = reportTimeliness(delay / 60, limits)
        sink.hazard(r, 'reported_on_time', kind === 'on_time', i, found, kind)
        if (kind === 'late') sink.hazard(r, 'late_report', true, i, found, 'late')
      }
    }
    // 瞒报 counts in the month it was reported: a candidate when found + delay may fall in the month.
    if (delay > concealedMinutes) {
      const after = Math.floor(delay / 1440)
      if (found + after <= end && found + after + 1 >= from) concealedCandidates.push(i)
    }

    // 漏报: found in the month by others in a village whose own check found nothing in the 14 days before.
    if (quiet && upV && found >= from && row >= 0 && sourceOthers[c.source[i]!]) {
      const days = quiet.get(upV[c.grid[i]!]!)
      if (days && days.some((d) => found - d >= 0 && found - d <= MISSED_WITHIN_DAYS)) sink.hazard(row, 'missed_report', true, i, found, 'missed_report')
    }
  }

  if (concealedCandidates.length) concealed(s, p, level, c, concealedCandidates, concealedMinutes, place, sink)
  reopenings(s, p, c, place, sink)
  supervisions(s, p, c, place, sink)
  coverage(s, p, rows, sink)
  warningResponses(s, p, rows, sink)
}

/**
 * 预警响应率: warnings issued in the month to a district or a lead unit (its row at that level),
 * answered when acknowledged (签收) on or before their response deadline; one not yet acknowledged
 * whose deadline has not passed is pending, left out. A village answers for none (its district does).
 */
function warningResponses(s: Services, p: MonthPeriod, rows: ScoreRows, sink: Sink) {
  if (rows.level === 'village') return
  const kind = rows.level === 'unit' ? 'lead_unit' : 'district'
  const ord = new Map(rows.ids.map((id, i) => [id, i]))
  const acknowledged = new Map<number, string>()
  for (const a of s.store.warnings.actionsUntil(p.asOf)) if (a.action === 'acknowledge' && !acknowledged.has(a.warningId)) acknowledged.set(a.warningId, a.on)
  for (const w of s.store.warnings.list()) {
    if (w.issuedOn < p.start || w.issuedOn > p.last || w.responsible.kind !== kind) continue
    const row = ord.get(w.responsible.id)
    if (row === undefined) continue
    const on = acknowledged.get(w.id)
    const inTime = on !== undefined && on <= w.responseDeadline
    if (on !== undefined || w.responseDeadline < p.asOf)
      sink.warning(row, inTime, { id: w.id, code: w.code, issuedOn: w.issuedOn }, inTime ? 'acknowledged_in_time' : 'not_acknowledged_in_time')
  }
}

/**
 * 督办完成率: listings whose deadline fell in the month, done when their hazard was closed out (销号)
 * by the deadline; one whose deadline has not come and whose hazard is still open is pending, left out.
 * Placed by the listed hazard, as every hazard measure is.
 */
function supervisions(s: Services, p: MonthPeriod, c: HazardColumns, place: (c: HazardColumns, i: number) => number, sink: Sink) {
  const today = toDay(p.today)
  for (const listing of s.store.supervision.list({ deadlineFrom: p.start, deadlineTo: p.last })) {
    const i = c.slotOf(listing.hazardId)
    if (i === undefined) continue
    const row = place(c, i)
    if (row < 0) continue
    const deadline = toDay(listing.deadline)
    const closed = c.status[i] === CLOSED ? c.closed[i]! : 0
    const done = closed > 0 && closed <= deadline
    if (done || deadline < today) sink.supervision(row, done, listing, done ? 'closed_by_deadline' : 'not_closed_by_deadline')
  }
}

/** The row a report counts in: its place's, or for a unit the reporting account's unit (-1: none). */
function reporterRows(s: Services, p: MonthPeriod, level: ScoreLevel, place: (c: HazardColumns, i: number) => number) {
  if (level !== 'unit') return place
  const unitOf = new Map(s.store.scorecards.unitReports(p.start, p.asOf).map((r) => [r.hazardId, leadUnitIds.indexOf(r.unit)]))
  return (c: HazardColumns, i: number) => unitOf.get(c.id[i]!) ?? -1
}

/** The candidates for 瞒报 whose report (the instant the store keeps) fell in the month. */
function concealed(
  s: Services, p: MonthPeriod, level: ScoreLevel, c: HazardColumns, slots: readonly number[], minutes: number,
  place: (c: HazardColumns, i: number) => number, sink: Sink,
) {
  const units = level === 'unit' ? s.store.scorecards.unitAccounts() : null
  const slotOf = new Map(slots.map((i) => [c.id[i]!, i]))
  for (const h of s.store.hazards.getMany([...slotOf.keys()])) {
    const day = chinaDateOf(Date.parse(h.reportedAt))
    if (day < p.start || day > p.asOf) continue
    const i = slotOf.get(h.id)!
    const unit = units?.get(h.reportedBy)
    const row = units ? (unit ? leadUnitIds.indexOf(unit) : -1) : place(c, i)
    if (row >= 0 && c.reportDelay[i]! > minutes) sink.hazard(row, 'concealed_report', true, i, toDay(day), 'concealed')
  }
}

/** Each village's days of self-checks that found nothing, from 14 days before the month to its end. */
function quietChecksByVillage(s: Services, p: MonthPeriod): Map<number, number[]> {
  const ord = new Map((s.ledger.areas.byLevel.get('village') ?? []).map((v, i) => [v.id, i]))
  const out = new Map<number, number[]>()
  for (const q of s.store.scorecards.quietSelfChecks(fromDay(toDay(p.start) - MISSED_WITHIN_DAYS), p.asOf)) {
    const v = ord.get(q.villageId)
    if (v === undefined) continue
    const list = out.get(v)
    if (list) list.push(toDay(q.date))
    else out.set(v, [toDay(q.date)])
  }
  return out
}

/**
 * The step of the reopening hash, in degrees: at least REOPEN_METRES both ways anywhere below 60°
 * latitude, so every hazard within REOPEN_METRES of another lies in the 3×3 block around it.
 */
const CELL_DEG = REOPEN_METRES / (111_320 * Math.cos(Math.PI / 3))

/**
 * 疑似虚假销号: a close-out that the same item found again at the same place within REOPEN_DAYS
 * (accountability.ts `reopens`) calls into question; counted once, in the month its first
 * reopening was found, to the closed hazard's row.
 */
/** The close-outs first reopened in a month: their ledger rows and the days of the reopenings, per ledger version and month. */
const reopenedCache = new WeakMap<LedgerIndex, { version: number; months: Map<string, { slots: number[]; days: number[] }> }>()

function reopenings(s: Services, p: MonthPeriod, c: HazardColumns, place: (c: HazardColumns, i: number) => number, sink: Sink) {
  const from = toDay(p.start)
  const end = toDay(p.asOf)
  // The same for every level and every request until the ledger changes (a month and the one before it are
  // asked together, for the change): counted once each, kept with the ledger's version.
  let kept = reopenedCache.get(s.ledger)
  if (!kept || kept.version !== s.ledger.version) {
    kept = { version: s.ledger.version, months: new Map() }
    reopenedCache.set(s.ledger, kept)
  }
  const key = `${from}:${end}`
  let hit = kept.months.get(key)
  if (!hit) {
    if (kept.months.size >= 4) kept.months.clear()
    hit = reopenedCloseOuts(c, from, end)
    kept.months.set(key, hit)
  }
  for (let k = 0; k < hit.slots.length; k++) {
    const row = place(c, hit.slots[k]!)
    if (row >= 0) sink.hazard(row, 'false_close_out', true, hit.slots[k]!, hit.days[k]!, 'reopened')
  }
}

function reopenedCloseOuts(c: HazardColumns, from: number, end: number): { slots: number[]; days: number[] } {
  const slots: number[] = []
  const days: number[] = []
  const site = c.site
  // The later finds that could reopen a close-out and be found in the month (found in [from − 60, end]),
  // bucketed by item and hash cell, and by item and key site, each bucket in order of the day found.
  // Cells 4096 steps apart (≈ 250 km) share a key: harmless, as every pair is judged on its distance.
  const cellKey = (item: number, x: number, y: number) => (item * 4096 + (x & 4095)) * 4096 + (y & 4095)
  const siteKey = (item: number, ord: number) => item * 1_048_576 + ord
  const byCell = new Map<number, number[]>()
  const bySite = new Map<number, number[]>()
  const push = (map: Map<number, number[]>, k: number, i: number) => {
    const list = map.get(k)
    if (list) list.push(i)
    else map.set(k, [i])
  }
  for (let i = 0; i < c.n; i++) {
    const d = c.discovered[i]!
    if (d < from - REOPEN_DAYS || d > end) continue
    push(byCell, cellKey(c.item[i]!, Math.floor(c.lon[i]! / CELL_DEG), Math.floor(c.lat[i]! / CELL_DEG)), i)
    if (site[i]) push(bySite, siteKey(c.item[i]!, site[i]!), i)
  }
  const byDay = (a: number, b: number) => c.discovered[a]! - c.discovered[b]!
  for (const list of byCell.values()) list.sort(byDay)
  for (const list of bySite.values()) list.sort(byDay)
  const here: [number, number] = [0, 0]
  const there: [number, number] = [0, 0]
  const metres = () => metresBetween(here, there)

  /** The day of the first find in a bucket, from the close-out of i on, that reopens it (`reopensAfter`); Infinity if none before `first`. */
  const earliestIn = (list: readonly number[] | undefined, i: number, closed: number, first: number): number => {
    if (!list) return first
    let lo = 0
    let hi = list.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (c.discovered[list[mid]!]! < closed) lo = mid + 1
      else hi = mid
    }
    for (let k = lo; k < list.length; k++) {
      const j = list[k]!
      const d = c.discovered[j]!
      if (d >= first || d > closed + REOPEN_DAYS) return first
      there[0] = c.lon[j]!
      there[1] = c.lat[j]!
      if (j !== i && reopensAfter(d - closed, site[i]! > 0 && site[i] === site[j], metres)) return d
    }
    return first
  }

  for (let i = 0; i < c.n; i++) {
    if (c.status[i] !== CLOSED) continue
    const closed = c.closed[i]!
    if (closed < from - REOPEN_DAYS || closed > end) continue
    here[0] = c.lon[i]!
    here[1] = c.lat[i]!
    const item = c.item[i]!
    const x = Math.floor(c.lon[i]! / CELL_DEG)
    const y = Math.floor(c.lat[i]! / CELL_DEG)
    // The earliest reopening of the close-out: in the same-item buckets of its 3×3 cells and of its key site.
    let first = Infinity
    for (let dx = -1; dx <= 1; dx++) for (let dy = -1; dy <= 1; dy++) first = earliestIn(byCell.get(cellKey(item, x + dx, y + dy)), i, closed, first)
    if (site[i]) first = earliestIn(bySite.get(siteKey(item, site[i]!)), i, closed, first)
    if (first >= from && first <= end) {
      slots.push(i)
      days.push(first)
    }
  }
  return { slots, days }
}

/** 排查覆盖率: the checks due in the month, judged as check plans judge them; pending ones left out. */
function coverage(s: Services, p: MonthPeriod, rows: ScoreRows, sink: Sink) {
  const villages = s.ledger.areas.byLevel.get('village') ?? []
  const judged = judgeDue(s, p.start, p.last, villages, s.store.sites.list())
  const ord = new Map(rows.ids.map((id, i) => [id, i]))
  for (const j of judged) {
    if (!j.done && !j.missed) continue
    const id = rows.level === 'village' ? j.due.villageId : rows.level === 'district' ? j.due.districtId : j.due.unit
    const row = id === null ? undefined : ord.get(id)
    if (row !== undefined) sink.check(row, j.done, j)
  }
}

export type { LeadUnitId }
