import { categoryIds } from '../../../server/domain/categories'
import type { DetectorId } from '../../../server/domain/warnings/model'
import { HAZARDS_PER_YEAR, type ScenarioId, generate, scenarioIds } from './generator'
import {
  type CloseOutSeed, type Detection, type Forecast, type NullSeed, type RecountResult, COUNTED_MONTHS, WITHIN, closeOutMeasures, emptyForecast, forecast,
  hotSpotDetection, nullMeasures, outcome, recountAll, runAll, runOnce, stepDetection, withLaterRecords,
} from './harness'
import { backtestTown, periodEnd } from './town'

/** The issue's seeds: 1 … 20. */
export const SEEDS = Array.from({ length: 20 }, (_, i) => i + 1)
/** The as-of half-months the leakage check compares (before, at and after the plants' start). */
export const LEAKAGE_PERIODS = [8, 15, 20]

export interface Summary {
  seeds: number[]
  /** hazards a year ÷ the demo town's 3,000 */
  volume: number
  countedMonths: number
  null: NullSeed[]
  hotSpot: Array<Detection & { cells: number; rate: number }>
  step: Array<Detection & { rate: number; rank: string }>
  closeOuts: CloseOutSeed[]
  /** seeds (null and close-out ledgers) in which a repeat site nobody planted was warned */
  unplantedSeeds: number
  leakage: { compared: number; differing: string[] }
  recount: RecountResult
  forecast: Forecast
  ms: Partial<Record<ScenarioId, number>>
}

const scenarioDetectors: Record<ScenarioId, readonly DetectorId[]> = {
  null: ['hot_spot', 'rising_trend', 'repeat_site', 'overdue'],
  hot_spot: ['hot_spot'],
  step: ['rising_trend'],
  close_outs: ['repeat_site', 'overdue'],
}

export function runBacktest(seeds: readonly number[] = SEEDS, volume = 1): Summary {
  const town = backtestTown()
  const s: Summary = {
    seeds: [...seeds], volume, countedMonths: COUNTED_MONTHS, null: [], hotSpot: [], step: [], closeOuts: [], unplantedSeeds: 0,
    leakage: { compared: 0, differing: [] }, recount: { checked: 0, mismatches: [], skipped: 0 }, forecast: emptyForecast(), ms: {},
  }
  for (const scenario of scenarioIds) {
    const started = performance.now()
    for (const seed of seeds) {
      const g = generate(town, seed, scenario, volume)
      const only = scenarioDetectors[scenario]
      const runs = runAll(town, g, only)
      if (scenario === 'null') {
        const m = nullMeasures(runs)
        s.null.push(m)
        if (m.repeatSites > 0) s.unplantedSeeds++
        forecast(town, g, runs, s.forecast)
      } else if (scenario === 'hot_spot') {
        const plant = g.plan.hotSpot!
        const k = categoryIds.indexOf(plant.category)
        const rate = plant.cells.reduce((sum, c) => sum + g.rates[c * 4 + k]!, 0)
        s.hotSpot.push({ ...hotSpotDetection(town, g, runs), cells: plant.cells.length, rate })
        forecast(town, g, runs, s.forecast)
      } else if (scenario === 'step') s.step.push({ ...stepDetection(town, g, runs), rate: g.plan.step!.rate, rank: g.plan.step!.rank })
      else {
        const m = closeOutMeasures(g, runs)
        s.closeOuts.push(m)
        if (m.unplantedSites > 0) s.unplantedSeeds++
      }
      recountAll(town, g, runs, s.recount)
      for (const p of LEAKAGE_PERIODS) {
        const later = runOnce(town, withLaterRecords(g, periodEnd(p), seed), periodEnd(p), only)
        s.leakage.compared++
        if (outcome(later) !== outcome(runs[p]!)) s.leakage.differing.push(`${scenario} seed ${seed} as of ${later.asOf}`)
      }
    }
    s.ms[scenario] = Math.round(performance.now() - started)
  }
  return s
}

// ---------------------------------------------------------------------------------------------
// The table
// ---------------------------------------------------------------------------------------------

export const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0)
const max = (xs: readonly number[]) => xs.reduce((a, b) => Math.max(a, b), 0)
const pct = (n: number, d: number) => (d ? `${Math.round((100 * n) / d)} %` : '–')
const f2 = (x: number) => x.toFixed(2)
const pc = (x: number) => `${(100 * x).toFixed(1)} %`

function delays(ds: readonly Detection[]): string {
  const found = ds.map((d) => d.delay).filter((d): d is number => d !== null).sort((a, b) => a - b)
  if (!found.length) return 'never found'
  return `median ${found[Math.floor((found.length - 1) / 2)]}, ${found.length}/${ds.length} ever found, by half-month ${[1, 2, 3, 4].map((k) => `≤${k}: ${found.filter((d) => d <= k).length}`).join(' ')}`
}

/** Share of seeds found within WITHIN half-months. */
export const foundWithin = (ds: readonly Detection[]) => ds.filter((d) => d.delay !== null && d.delay <= WITHIN).length / ds.length
const oracleWithin = (ds: readonly Detection[]) => ds.filter((d) => d.oracle !== null && d.oracle <= WITHIN).length / ds.length

export function table(s: Summary): string {
  const n = s.seeds.length
  const co = s.closeOuts
  const sum = (f: (c: CloseOutSeed) => number) => co.reduce((a, c) => a + f(c), 0)
  const fc = s.forecast
  const hitD = fc.next ? fc.hitDetector / fc.next : 0
  const hitB = fc.next ? fc.hitBaseline / fc.next : 0
  const areaD = fc.next ? fc.areaDetector / fc.next : 0
  const areaB = fc.next ? fc.areaBaseline / fc.next : 0
  const rows: Array<[string, string, string, string]> = [
    ['Null: false warnings a month, hot spots + rising trends', '≤ 2', `mean ${f2(mean(s.null.map((x) => x.hotSpotsAndTrends)))}, worst seed ${f2(max(s.null.map((x) => x.hotSpotsAndTrends)))} (hot spots ${f2(mean(s.null.map((x) => x.hotSpots)))}, trends ${f2(mean(s.null.map((x) => x.trends)))})`, verdict(mean(s.null.map((x) => x.hotSpotsAndTrends)) <= 2)],
    ['Null: false warnings a month, repeat sites', '≤ 1', `mean ${f2(mean(s.null.map((x) => x.repeatSites)))}, worst seed ${f2(max(s.null.map((x) => x.repeatSites)))}`, verdict(mean(s.null.map((x) => x.repeatSites)) <= 1)],
    ['Null: red warnings (any run)', '0', `${s.null.reduce((a, x) => a + x.red, 0)} (overdue warnings of any level: ${f2(mean(s.null.map((x) => x.overdue)))} a month)`, verdict(s.null.every((x) => x.red === 0))],
    [`Hot spot (3–7 cells, ${'safety_accident'}, ramp to 3×) found with its category within ${WITHIN} half-months`, '≥ 90 %', `${pct(foundWithin(s.hotSpot) * n, n)}; ${delays(s.hotSpot)}; other category only: ${s.hotSpot.filter((d) => d.wrongCategoryOnly).length}; the cells' base rate ${f2(mean(s.hotSpot.map((x) => x.rate)))} a half-month (mean of ${f2(mean(s.hotSpot.map((x) => x.cells)))} cells)`, verdict(foundWithin(s.hotSpot) >= 0.9)],
    ['… the oracle (knows the cells, category, start and base rate; Poisson p < 0.05, no multiplicity)', '–', `${pct(oracleWithin(s.hotSpot) * n, n)} within ${WITHIN}; ${delays(s.hotSpot.map((d) => ({ ...d, delay: d.oracle })))}`, ''],
    [`2.5× step in one village × category found within ${WITHIN} half-months`, '≥ 90 %', `${pct(foundWithin(s.step) * n, n)}; ${delays(s.step)}; series rate ${f2(mean(s.step.map((x) => x.rate)))} a half-month`, verdict(foundWithin(s.step) >= 0.9)],
    ['… the oracle (as above)', '–', `${pct(oracleWithin(s.step) * n, n)} within ${WITHIN}; ${delays(s.step.map((d) => ({ ...d, delay: d.oracle })))}`, ''],
    ['Planted repeat sites flagged when due (R8 at the 1st return if significant, R9 at the 2nd)', 'all', `${sum((c) => c.repeatsFlagged)}/${sum((c) => c.repeats)} (late ${sum((c) => c.repeatsFlaggedLate)}, early ${sum((c) => c.repeatsEarly)})`, verdict(sum((c) => c.repeatsFlagged) === sum((c) => c.repeats))],
    ['Near misses flagged (75 m; 70 days; another item)', '0', `${co.filter((c) => c.decoysFlagged.length).length} seeds (${[...new Set(co.flatMap((c) => c.decoysFlagged))].join(', ') || 'none'})`, verdict(co.every((c) => !c.decoysFlagged.length))],
    ['Seeds with an unplanted repeat site flagged (null and close-out ledgers)', '≤ 5 %', `${s.unplantedSeeds}/${2 * n}`, verdict(s.unplantedSeeds <= 0.05 * 2 * n)],
    ['Unit that stops closing: build-up warned (R3)', 'all', `${co.filter((c) => c.unitDelay !== null).length}/${n}; half-months after the stop (seeds): ${[...new Set(co.map((c) => c.unitDelay))].sort().map((d) => `${d ?? 'never'} (${co.filter((c) => c.unitDelay === d).length}: ${[...new Set(co.filter((c) => c.unitDelay === d).map((c) => c.unit))].sort().join(', ')})`).join('; ')}`, verdict(co.every((c) => c.unitDelay !== null))],
    ['… its overdue major/significant hazards warned red/orange in each run', 'all', `${sum((c) => c.unitOverdueWarned)}/${sum((c) => c.unitOverdue)}`, verdict(sum((c) => c.unitOverdueWarned) === sum((c) => c.unitOverdue))],
    ['Leakage: runs changed by records after the as-of day', '0', `${s.leakage.differing.length}/${s.leakage.compared}`, verdict(!s.leakage.differing.length)],
    ['Explanations: observed/expected ≠ independent recount', '0', `${s.recount.mismatches.length}/${s.recount.checked} signals (${s.recount.skipped} not recounted)`, verdict(!s.recount.mismatches.length && s.recount.skipped === 0)],
    ['Hot spots as a forecast of the next half-month (null and hot-spot ledgers): hit rate, area share, PAI', '–', `${pc(hitD)} of ${fc.next} hazards in ${pc(areaD)} of the area: PAI ${f2(areaD ? hitD / areaD : 0)} (${fc.made} forecasts, ${f2(fc.made ? fc.cells / fc.made : 0)} cells each)`, ''],
    ['… naive: last half-month\'s busiest cells (as many)', '–', `${pc(hitB)} in ${pc(areaB)} of the area: PAI ${f2(areaB ? hitB / areaB : 0)}`, ''],
  ]
  const head = `| Measure (${n} seeds, ${s.countedMonths} counted months, ${(s.volume * HAZARDS_PER_YEAR).toLocaleString('en')} hazards a year) | Target | Result | |\n|---|---|---|---|\n`
  return head + rows.map((r) => `| ${r.join(' | ')} |`).join('\n') + '\n'
}

const verdict = (ok: boolean) => (ok ? 'pass' : '**MISS**')
