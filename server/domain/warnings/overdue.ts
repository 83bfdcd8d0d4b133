import { type LeadUnitId, categoryOfLeadUnit, leadUnitIds } from '../categories'
import { fromDay, toDay } from '../days'
import type { DetectorOptions, Signal, WarningGeography, WarningLedger } from './model'
import { categoryOfCode, cellsArea, itemIdOf, leadUnitOfCode, percentile, round, signalKey } from './signals'

/**
 * Detector 4, overdue build-up (逾期积压): as of a day, each overdue major hazard is red (R1), each
 * overdue significant one orange (R2); a lead unit or district whose overdue count rose two weeks
 * running and stands above its own 75th percentile is yellow (R3), with the deadlines falling due
 * in the next week listed beside it.
 */

const WEEK = 7
/** Deadlines this many days ahead are listed beside a build-up. */
const UPCOMING_DAYS = 7
const UPCOMING_MAX = 20
const PERCENTILE = 75
/**
 * A build-up needs at least this many overdue hazards: 0 → 1 → 2 rises two weeks running above a
 * quiet unit's 75th percentile, yet is no build-up anyone should be warned of.
 */
const MIN_OVERDUE = 3
const EVIDENCE_MAX = 10

/** Level codes (ledger/codes.ts levelCode): 1 major, 2 significant. */
const MAJOR = 1
const SIGNIFICANT = 2

/**
 * The first day a hazard is no longer overdue: closed, or its rectification reported done (then it
 * waits on the verifier, not on the unit), whichever came first; Infinity while neither.
 */
function overdueEnd(l: WarningLedger, i: number): number {
  const closed = l.closed[i]! > 0 ? l.closed[i]! : Infinity
  const rectified = l.rectified && l.rectified[i]! > 0 ? l.rectified[i]! : Infinity
  return Math.min(closed, rectified)
}

/** Overdue on day d: known by then, past its deadline, neither closed nor reported rectified by then. */
function overdueOn(l: WarningLedger, i: number, d: number): boolean {
  const deadline = l.deadline[i]!
  return deadline > 0 && deadline < d && l.reported[i]! <= d && overdueEnd(l, i) > d
}

export function detectOverdue(l: WarningLedger, geo: WarningGeography, options: DetectorOptions): Signal[] {
  const asOf = toDay(options.asOf)
  return [...overdueHazards(l, geo, asOf), ...buildUps(l, geo, asOf)]
}

/** R1/R2: one warning per overdue major or significant hazard. */
function overdueHazards(l: WarningLedger, geo: WarningGeography, asOf: number): Signal[] {
  const out: Signal[] = []
  for (let i = 0; i < l.n; i++) {
    const level = l.level[i]!
    if ((level !== MAJOR && level !== SIGNIFICANT) || !overdueOn(l, i, asOf)) continue
    const code = l.item[i]!
    const category = categoryOfCode[code]!
    const item = itemIdOf[code]!
    const cell = geo.cells[l.grid[i]!]
    const deadline = l.deadline[i]!
    out.push({
      key: signalKey('overdue', `hazard:${l.id[i]}`, category, item),
      detector: 'overdue',
      level: level === MAJOR ? 'red' : 'orange',
      ruleId: level === MAJOR ? 'R1' : 'R2',
      area: cellsArea('cells', cell?.id ?? '', [l.grid[i]!], geo),
      category,
      item,
      window: { from: fromDay(deadline), to: fromDay(asOf) },
      // the days past the deadline: what grows while nobody acts
      observed: asOf - deadline,
      expected: null,
      ratio: null,
      stats: {},
      streak: null,
      slope: null,
      evidence: [l.id[i]!],
      parameters: { hazard: l.id[i]!, deadline: fromDay(deadline), hazardLevel: level === MAJOR ? 'major' : 'significant' },
      responsible: { kind: 'lead_unit', id: leadUnitOfCode[code]! },
    })
  }
  return out
}

/** A group of hazards the build-up is judged for: a lead unit or a district. */
interface Group {
  kind: 'unit' | 'district'
  id: string
  /** weekly overdue counts: [0] as of the day, [k] k weeks before */
  weekly: Int32Array
  overdueNow: number[]
  upcoming: number[]
}

/** R3: lead units and districts whose overdue count rose two weeks running above their own 75th percentile. */
function buildUps(l: WarningLedger, geo: WarningGeography, asOf: number): Signal[] {
  // Weekly samples back to the campaign's first day: asOf, asOf − 7, …
  const weeks = Math.max(0, Math.floor((asOf - geo.since) / WEEK)) + 1
  const units: Group[] = leadUnitIds.map((id) => group('unit', id, weeks))
  const districtOrd = new Map(geo.districts.map((d, k) => [d.id, k]))
  const districts: Group[] = geo.districts.map((d) => group('district', d.id, weeks))
  const cellDistrict = geo.cells.map((c) => districtOrd.get(c.districtId) ?? -1)
  const unitOrd = new Map<LeadUnitId, number>(leadUnitIds.map((u, k) => [u, k]))
  // Each hazard's overdue stretch [a, b] adds one to every weekly sample inside it (a difference array per group).
  const diff = (g: Group, a: number, b: number) => {
    const kLo = Math.max(0, Math.ceil((asOf - b) / WEEK))
    const kHi = Math.min(weeks - 1, Math.floor((asOf - a) / WEEK))
    if (kLo > kHi) return
    g.weekly[kLo]! += 1
    if (kHi + 1 < weeks) g.weekly[kHi + 1]! -= 1
  }
  for (let i = 0; i < l.n; i++) {
    const deadline = l.deadline[i]!
    if (deadline <= 0 || l.reported[i]! > asOf) continue
    const unit = units[unitOrd.get(leadUnitOfCode[l.item[i]!]!)!]!
    const district = districts[cellDistrict[l.grid[i]!]!]
    const a = Math.max(l.reported[i]!, deadline + 1)
    const b = Math.min(overdueEnd(l, i) - 1, asOf)
    if (a <= b) {
      diff(unit, a, b)
      if (district) diff(district, a, b)
    }
    if (b === asOf && a <= asOf) {
      unit.overdueNow.push(i)
      district?.overdueNow.push(i)
    } else if (deadline > asOf && deadline <= asOf + UPCOMING_DAYS && overdueEnd(l, i) > asOf) {
      unit.upcoming.push(i)
      district?.upcoming.push(i)
    }
  }
  const out: Signal[] = []
  for (const g of [...units, ...districts]) {
    for (let k = 1; k < weeks; k++) g.weekly[k]! += g.weekly[k - 1]!
    const s = buildUp(l, g, asOf)
    if (s) out.push(s)
  }
  return out
}

function group(kind: 'unit' | 'district', id: string, weeks: number): Group {
  return { kind, id, weekly: new Int32Array(weeks), overdueNow: [], upcoming: [] }
}

function buildUp(l: WarningLedger, g: Group, asOf: number): Signal | null {
  const c = g.weekly
  if (c.length < 3) return null
  const now = c[0]!
  // rising weeks in a row, counted back from the as-of day
  let streak = 0
  while (streak + 1 < c.length && c[streak]! > c[streak + 1]!) streak++
  // its own 75th percentile over every weekly count back to the campaign's start, this week's included
  const p75 = percentile([...c], PERCENTILE)
  if (streak < 2 || now <= p75 || now < MIN_OVERDUE) return null
  const byDeadline = (a: number, b: number) => l.deadline[a]! - l.deadline[b]! || l.id[a]! - l.id[b]!
  const evidence = [...g.overdueNow].sort(byDeadline).slice(0, EVIDENCE_MAX).map((i) => l.id[i]!)
  const upcoming = [...g.upcoming].sort(byDeadline).slice(0, UPCOMING_MAX).map((i) => ({ id: l.id[i]!, deadline: fromDay(l.deadline[i]!) }))
  const unit = g.kind === 'unit' ? (g.id as LeadUnitId) : null
  const category = unit ? categoryOfLeadUnit(unit) : null
  return {
    key: signalKey('overdue', `${g.kind}:${g.id}`, category, null),
    detector: 'overdue',
    level: 'yellow',
    ruleId: 'R3',
    area: unit ? { kind: 'unit', id: unit } : { kind: 'district', id: g.id },
    category,
    item: null,
    window: { from: fromDay(asOf - 2 * WEEK), to: fromDay(asOf) },
    observed: now,
    expected: round(p75, 1),
    ratio: p75 > 0 ? round(now / p75) : null,
    stats: {},
    streak,
    slope: null,
    evidence,
    upcoming,
    parameters: {
      weekAgo: c[1]!, twoWeeksAgo: c[2]!, percentile: PERCENTILE, p75: round(p75, 1), weeks: c.length, minOverdue: MIN_OVERDUE,
      upcomingDays: UPCOMING_DAYS, upcomingCount: g.upcoming.length,
    },
    responsible: unit ? { kind: 'lead_unit', id: unit } : { kind: 'district', id: g.id },
  }
}
