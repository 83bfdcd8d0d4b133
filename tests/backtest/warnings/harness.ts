import { type CategoryId, categoryIds } from '../../../server/domain/categories'
import { fromDay } from '../../../server/domain/days'
import { runDetectors } from '../../../server/domain/warnings'
import { DEFAULT_CALENDAR, type DetectorId, type DetectorRun, type Signal, type WarningLedger } from '../../../server/domain/warnings/model'
import { type Generated, type GeneratedHazard, type ScenarioId, pack } from './generator'
import { poissonUpperTail } from '../../../server/domain/warnings/stats'
import { recount } from './recount'
import { Random } from '../../../server/seed/random'
import { PERIODS, type Town, backtestTown, periodEnd } from './town'

/**
 * The backtest: each scenario's ledger over many seeds, the detectors run as of the end of every
 * half-month (bins of model.ts), reading only what was known then, and the measures.
 */

/** Half-months of history before false warnings are counted: Mann–Kendall needs six bins, the baselines a few. */
export const WARM_UP = 6
/** Months the false warnings are counted over (the half-months after the warm-up). */
export const COUNTED_MONTHS = (PERIODS - WARM_UP) / 2
/** Detection must come within this many half-months of a plant's start (as of the end of its first or second half-month). */
export const WITHIN = 2

const detectorsOf: Record<ScenarioId, readonly DetectorId[]> = {
  null: ['hot_spot', 'rising_trend', 'repeat_site', 'overdue'],
  hot_spot: ['hot_spot'],
  step: ['rising_trend'],
  close_outs: ['repeat_site', 'overdue'],
}

export interface Runs {
  g: Generated
  /** the run as of the end of each half-month */
  runs: DetectorRun[]
}

export function runAll(town: Town, g: Generated, only: readonly DetectorId[] = detectorsOf[g.scenario]): DetectorRun[] {
  const runs: DetectorRun[] = []
  for (let p = 0; p < PERIODS; p++) runs.push(runOnce(town, g.ledger, periodEnd(p), only))
  return runs
}

export function runOnce(town: Town, ledger: WarningLedger, asOf: number, only: readonly DetectorId[]): DetectorRun {
  return runDetectors(ledger, town.geography, { asOf: fromDay(asOf), calendar: DEFAULT_CALENDAR, only })
}

// ---------------------------------------------------------------------------------------------
// Measures, one seed at a time
// ---------------------------------------------------------------------------------------------

/** Keys first seen in the counted half-months: a warning counts once, when its key first appears. */
function newKeys(runs: readonly DetectorRun[], test: (s: Signal) => boolean): Signal[] {
  const seen = new Set<string>()
  const fresh: Signal[] = []
  runs.forEach((run, p) => {
    for (const s of run.signals) {
      if (!test(s) || seen.has(s.key)) continue
      seen.add(s.key)
      if (p >= WARM_UP) fresh.push(s)
    }
  })
  return fresh
}

export interface NullSeed {
  /** warnings first raised in the counted half-months, per month */
  hotSpotsAndTrends: number
  hotSpots: number
  trends: number
  repeatSites: number
  overdue: number
  red: number
}

export function nullMeasures(runs: readonly DetectorRun[]): NullSeed {
  const per = (test: (s: Signal) => boolean) => newKeys(runs, test).length / COUNTED_MONTHS
  return {
    hotSpotsAndTrends: per((s) => s.detector === 'hot_spot' || s.detector === 'rising_trend'),
    hotSpots: per((s) => s.detector === 'hot_spot'),
    trends: per((s) => s.detector === 'rising_trend'),
    repeatSites: per((s) => s.detector === 'repeat_site'),
    overdue: per((s) => s.detector === 'overdue'),
    // every run, the warm-up included: a red warning on a ledger where everything closes in time is never right
    red: runs.reduce((n, r) => n + r.signals.filter((s) => s.level === 'red').length, 0),
  }
}

/** Half-months from the plant's start to the first run that finds it (1 = as of the end of its first half-month); null when never. */
export interface Detection {
  delay: number | null
  /** the oracle's (oracleDelay) */
  oracle: number | null
  /** found by a signal of another category only (hot spots) */
  wrongCategoryOnly: boolean
}

export function hotSpotDetection(town: Town, g: Generated, runs: readonly DetectorRun[]): Detection {
  const plant = g.plan.hotSpot!
  const ids = new Set(plant.cells.map((c) => town.geography.cells[c]!.id))
  const on = (s: Signal) => s.detector === 'hot_spot' && (s.area.kind === 'cells' || s.area.kind === 'site') && s.area.cells.some((c) => ids.has(c))
  const oracle = oracleDelay(g, new Set(plant.cells), plant.category, plant.start)
  let other = false
  for (let p = plant.start; p < PERIODS; p++) {
    const found = runs[p]!.signals.filter(on)
    if (found.some((s) => s.category === plant.category)) return { delay: p - plant.start + 1, oracle, wrongCategoryOnly: false }
    if (found.length) other = true
  }
  return { delay: null, oracle, wrongCategoryOnly: other }
}

export function stepDetection(town: Town, g: Generated, runs: readonly DetectorRun[]): Detection {
  const plant = g.plan.step!
  const on = (s: Signal) =>
    s.detector === 'rising_trend' && s.category === plant.category && (s.area.kind === 'village' ? s.area.id === plant.villageId : s.area.kind === 'cells' && s.area.villageId === plant.villageId)
  const oracle = oracleDelay(g, new Set(town.cellsOfVillage[plant.village]), plant.category, plant.start)
  for (let p = plant.start; p < PERIODS; p++) if (runs[p]!.signals.some(on)) return { delay: p - plant.start + 1, oracle, wrongCategoryOnly: false }
  return { delay: null, oracle, wrongCategoryOnly: false }
}

/**
 * The best any detector could do: one that knows where, what and when the plant starts, and the base
 * rate, testing the plant's own count since its start against it (exact Poisson, one-sided, α = 0.05,
 * a fresh look every half-month and no correction for the 205 cells or 112 series it would really
 * watch). Half-months to its first alarm, null when never. A target this cannot reach is one of power.
 */
export function oracleDelay(g: Generated, cells: ReadonlySet<number>, category: CategoryId, start: number): number | null {
  const k = categoryIds.indexOf(category)
  let lambda = 0
  for (const c of cells) lambda += g.rates[c * 4 + k]!
  for (let p = start; p < PERIODS; p++) {
    const asOf = periodEnd(p)
    const from = periodEnd(start) - 14
    const n = g.hazards.filter((h) => h.category === category && cells.has(h.cell) && h.discovered >= from && h.discovered <= asOf && h.reported <= asOf).length
    if (poissonUpperTail(n, lambda * (p - start + 1)) < ORACLE_ALPHA) return p - start + 1
  }
  return null
}
const ORACLE_ALPHA = 0.05

export interface CloseOutSeed {
  /** planted repeat sites flagged by the first run on or after their qualifying return is known, under their rule */
  repeatsFlagged: number
  repeatsFlaggedLate: number
  repeats: number
  /** planted repeat sites warned before their qualifying return (R9 on the first return) */
  repeatsEarly: number
  decoysFlagged: string[]
  /** repeat-site warnings about no planted site */
  unplantedSites: number
  /** the unit that stopped closing: half-months from the stop to its first build-up warning */
  unitDelay: number | null
  unit: string
  /** its major and significant hazards overdue as of a run, and how many of those were warned red or orange in that run */
  unitOverdue: number
  unitOverdueWarned: number
}

export function closeOutMeasures(g: Generated, runs: readonly DetectorRun[]): CloseOutSeed {
  const plan = g.plan
  const planted = new Set(plan.repeats!.flatMap((r) => r.ids))
  const decoyIds = new Set(plan.decoys!.map((d) => d.ids[1]))
  const repeatSignals = (p: number) => runs[p]!.signals.filter((s) => s.detector === 'repeat_site')
  let flagged = 0
  let late = 0
  let early = 0
  for (const r of plan.repeats!) {
    const first = runs.findIndex((_, p) => periodEnd(p) >= r.due)
    const hit = (p: number) => repeatSignals(p).some((s) => s.ruleId === r.rule && s.evidence.some((id) => r.ids.includes(id)))
    if (first >= 0 && hit(first)) flagged++
    else if (first >= 0 && runs.some((_, p) => p > first && hit(p))) late++
    if (runs.some((_, p) => p < first && repeatSignals(p).some((s) => s.evidence.some((id) => r.ids.includes(id))))) early++
  }
  const decoysFlagged = plan.decoys!.filter((d) => runs.some((_, p) => repeatSignals(p).some((s) => s.evidence.includes(d.ids[1])))).map((d) => d.kind)
  const unplanted = new Set<string>()
  runs.forEach((_, p) => {
    for (const s of repeatSignals(p)) if (!s.evidence.some((id) => planted.has(id) || decoyIds.has(id))) unplanted.add(s.key)
  })

  const unit = plan.unit!
  const stopPeriod = runs.findIndex((_, p) => periodEnd(p) >= unit.stop)
  const unitRun = runs.findIndex((run, p) => p >= stopPeriod && run.signals.some((s) => s.detector === 'overdue' && s.area.kind === 'unit' && s.area.id === unit.unit))
  let overdue = 0
  let warned = 0
  runs.forEach((run, p) => {
    const asOf = periodEnd(p)
    const ids = new Set(run.signals.filter((s) => s.ruleId === 'R1' || s.ruleId === 'R2').flatMap((s) => s.evidence))
    for (const h of g.hazards) {
      if (h.category !== unit.category || h.level > 2 || h.reported > asOf || !(h.deadline < asOf) || (h.closed > 0 && h.closed <= asOf)) continue
      overdue++
      if (ids.has(h.id)) warned++
    }
  })
  return {
    repeatsFlagged: flagged, repeatsFlaggedLate: late, repeats: plan.repeats!.length, repeatsEarly: early, decoysFlagged,
    unplantedSites: unplanted.size, unitDelay: unitRun < 0 ? null : unitRun - stopPeriod + 1, unit: unit.unit, unitOverdue: overdue, unitOverdueWarned: warned,
  }
}

// ---------------------------------------------------------------------------------------------
// Leakage and recounts
// ---------------------------------------------------------------------------------------------

/**
 * The ledger as it would stand later: hazards found before or after the day but reported after it,
 * and close-outs after it of hazards still open on it. Appended and changed only past the day, so a
 * run as of the day must not see any of it.
 */
export function withLaterRecords(g: Generated, asOf: number, seed: number): WarningLedger {
  const r = new Random(seed).fork(`later-${asOf}`)
  const later = g.hazards.map((h) => ({ ...h }))
  for (const h of later) if (h.reported <= asOf && (h.closed === 0 || h.closed > asOf) && r.chance(0.5)) h.closed = asOf + r.int(1, 20)
  const copies = g.hazards.filter(() => r.chance(0.15))
  let id = later.length
  for (const h of copies) {
    const discovered = asOf + r.int(-10, 30)
    const reported = Math.max(discovered, asOf + 1) + r.int(0, 2)
    later.push({ ...h, id: ++id, discovered, reported, deadline: reported + (h.deadline - h.reported), closed: r.chance(0.5) ? 0 : reported + r.int(1, 10), tag: 'later' })
  }
  return pack(later, backtestTown())
}

/** What a run says, without how long it took. */
export const outcome = (run: DetectorRun) => JSON.stringify({ asOf: run.asOf, signals: run.signals, persistent: run.persistent })

export interface RecountResult {
  checked: number
  mismatches: Array<{ key: string; asOf: string; field: string; shown: number | null; recounted: number | null }>
  /** signals whose detector the recount does not cover */
  skipped: number
}

export function recountAll(town: Town, g: Generated, runs: readonly DetectorRun[], into: RecountResult): void {
  runs.forEach((run, p) => {
    for (const s of [...run.signals, ...run.persistent]) {
      const again = recount(town, g, periodEnd(p), s)
      if (!again) {
        into.skipped++
        continue
      }
      into.checked++
      if (again.observed !== s.observed) into.mismatches.push({ key: s.key, asOf: run.asOf, field: 'observed', shown: s.observed, recounted: again.observed })
      if (again.expected !== undefined && !close(again.expected, s.expected))
        into.mismatches.push({ key: s.key, asOf: run.asOf, field: 'expected', shown: s.expected, recounted: again.expected })
    }
  })
}

/** Expected counts are shown rounded (to 0.1 or 0.01): equal when they round alike. */
function close(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a === b
  return Math.abs(a - b) <= 0.05 + 1e-9 * Math.abs(a)
}

// ---------------------------------------------------------------------------------------------
// Hot spots as a forecast: the next half-month
// ---------------------------------------------------------------------------------------------

export interface Forecast {
  /** forecasts made: a run's hot cells of one category, or of all */
  made: number
  cells: number
  /** hazards of the next half-month of the forecast's category (or all): in total, in the detector's cells, in the baseline's */
  next: number
  hitDetector: number
  hitBaseline: number
  /** the cells' share of the town's area, weighted by `next`, summed */
  areaDetector: number
  areaBaseline: number
}

export const emptyForecast = (): Forecast => ({ made: 0, cells: 0, next: 0, hitDetector: 0, hitBaseline: 0, areaDetector: 0, areaBaseline: 0 })

/**
 * Hot spots as a forecast: as of each counted half-month's end, the cells of every hot spot (warned
 * and standing) of a category, or of all, against that category's (or all) hazards found in the next
 * half-month; beside them the naive forecast, the cells with the most of them last half-month (as
 * many cells, ties to the lower ordinal). Pooled: hit rate Σ hits ÷ Σ hazards, area share weighted
 * by hazards, PAI their ratio.
 */
export function forecast(town: Town, g: Generated, runs: readonly DetectorRun[], into: Forecast): void {
  const cells = town.geography.cells
  const ordOf = new Map(cells.map((c, i) => [c.id, i]))
  const share = (set: ReadonlySet<number>) => [...set].reduce((s, c) => s + cells[c]!.areaKm2, 0) / town.areaKm2
  for (let p = WARM_UP; p < PERIODS - 1; p++) {
    const run = runs[p]!
    const asOf = periodEnd(p)
    const byGroup = new Map<string, Set<number>>()
    for (const s of [...run.signals, ...run.persistent]) {
      if (s.detector !== 'hot_spot' || (s.area.kind !== 'cells' && s.area.kind !== 'site')) continue
      const group = s.category ?? '*'
      const set = byGroup.get(group) ?? new Set<number>()
      for (const c of s.area.cells) set.add(ordOf.get(c)!)
      byGroup.set(group, set)
    }
    for (const [group, hot] of byGroup) {
      const of = (h: GeneratedHazard) => group === '*' || h.category === group
      const last = new Float64Array(cells.length)
      for (const h of g.hazards) if (of(h) && h.reported <= asOf && h.discovered > asOf - 15 && h.discovered <= asOf) last[h.cell]!++
      const top = new Set([...cells.keys()].sort((a, b) => last[b]! - last[a]! || a - b).slice(0, hot.size))
      const next = g.hazards.filter((h) => of(h) && h.discovered > asOf && h.discovered <= asOf + 15)
      into.made++
      into.cells += hot.size
      into.next += next.length
      into.hitDetector += next.filter((h) => hot.has(h.cell)).length
      into.hitBaseline += next.filter((h) => top.has(h.cell)).length
      into.areaDetector += share(hot) * next.length
      into.areaBaseline += share(top) * next.length
    }
  }
}

export { backtestTown }
