import { type CategoryId, categoryById, categoryIds, itemIds } from '../categories'
import { fromDay } from '../days'
import { type Signal, type WarningGeography, type WarningLedger, BIN_DAYS, binDays } from './model'
import { binsSince } from './hot-spots'
import { categoryOfCode, round } from './signals'
import { mulberry32, poissonSample, poissonUpperTail, senSlope } from './stats'


/** model.ts binOf's step, bound locally for the passes over the ledger (binOf itself is a module property read per call) */
const BIN = BIN_DAYS

/**
 * Detector 2, rising trends (上升趋势): per village × category, and village × item where the item
 * is common enough (a baseline mean of one hazard a half-month or more), a Poisson CUSUM of the
 * latest half-months against the series' own earlier ones.
 *
 * - Window: the CUSUM starts at 0 three bins back (bins 2, 1, 0) and adds x·ln(λ1/λ0) − (λ1 − λ0)
 *   each bin, never falling below 0; λ1 = 2λ0, the design shift.
 * - Baseline: the bins before a guard gap of one bin (bins 4 … 23), at least four of them. λ0 is
 *   their mean shrunk towards the town's per-village rate r of the same category (or item) by one
 *   bin's weight: λ0 = (Σ baseline + r) / (B + 1). A village with an empty past then expects r/(B+1)
 *   rather than nothing, so its first hazard does not look infinitely many times expected; a busy
 *   past barely moves. λ0 is never below 0.05.
 * - Threshold: h(λ0, B, target) from a table made by simulation (below), so each series raises a
 *   NEW alarm (S crosses h) in at most 1/(2·M) of its bins, M the series of its town: with two bins
 *   a month, at most one false alarm a town a month across all its series.
 * - Why the CUSUM alone, with no one-bin exact test beside it: its window of three bins makes S the
 *   largest log-likelihood ratio of the last one, two or three bins, so a single-bin jump is already
 *   one of the things it tests; an extra test would only spend the same false-alarm budget twice.
 *   A 2.5× step is found within two bins of its start in ≥ 90 % of runs once the series holds about
 *   8 hazards a bin (tests/server/warnings/rising.test.ts); at 4 a bin about 70 %, at the backtest
 *   town's typical series (1.8 a bin: 3,000 hazards a year over 116 series) about 20–35 %: there the
 *   elevated counts still overlap the ordinary ones, and no test held to one false alarm a town a
 *   month does much better (a known-series two-bin exact test at the same rate: about 40 %).
 * - An alarm needs at least three hazards in bin 0 (MIN_HAZARDS, below).
 */

export interface RisingOptions {
  /** the false-alarm budget: new alarms a town a month across all its series (default 1) */
  alarmsPerMonth?: number
  /** an alarm needs this many hazards in bin 0 (default 3, MIN_HAZARDS) */
  minHazards?: number
}

const WINDOW = 3
const GAP = 1
const MIN_BASELINE = 4
const PRIOR_BINS = 1
const LAMBDA_FLOOR = 0.05
const SHIFT = 2
const LOG_SHIFT = Math.log(SHIFT)
/**
 * An alarm needs this many hazards in bin 0. In a sparse series (under one hazard a bin) the baseline
 * of a dozen bins often holds none, λ0 is then underestimated more than the simulation (which shrinks
 * towards the true rate) allows for, and one or two hazards would cross h: on the backtest's town
 * (3,000 hazards a year) that alone doubled the false alarms. As the hot spots' minimum cluster.
 */
const MIN_HAZARDS = 3
/** An item gets its own series in a village when its baseline holds a hazard a bin or more. */
const ITEM_MIN_MEAN = 1
const BINS_A_MONTH = 2
const EVIDENCE_MAX = 10
const ORANGE_RATIO = 3
const ORANGE_P = 1e-4

// ---------------------------------------------------------------------------------------------
// The threshold table, by simulation
// ---------------------------------------------------------------------------------------------

/** λ0 values of the table; above the last, its thresholds (the design shift then dwarfs the noise). */
export const TABLE_LAMBDAS = [0.05, 0.1, 0.2, 0.35, 0.5, 0.75, 1, 1.5, 2, 3, 4, 6, 8, 11, 16, 22, 32, 45, 64, 100] as const
/** Baseline lengths of the table; a series uses the longest not longer than its own (the shorter, the noisier λ0). */
export const TABLE_BASELINES = [4, 8, 16] as const
/** Per-series per-bin new-alarm rates of the table. */
export const TABLE_TARGETS = [1e-2, 3e-3, 1e-3, 3e-4, 1e-4] as const
export const TABLE_BINS = 2_000_000
const H_STEP = 0.02
const H_MAX = 40

/**
 * Simulates one series of `bins` Poisson(λ) counts and runs the detector as of each bin exactly as
 * detectRisingTrends does (baseline of B bins with the same shrinkage, towards the true λ; guard gap;
 * a three-bin CUSUM from 0), and returns for each target rate the smallest threshold h (in steps of
 * 0.02) at which S crosses h upward (S ≥ h now, S < h as of the bin before) in at most that share
 * of the bins. Seeded: the same arguments give the same thresholds.
 */
export function simulateThresholds(lambda: number, baseline: number, bins: number, seed: number, targets: readonly number[] = TABLE_TARGETS): number[] {
  const random = mulberry32(seed)
  const n = bins + baseline + GAP + WINDOW
  const x = new Int32Array(n)
  for (let i = 0; i < n; i++) x[i] = poissonSample(random, lambda)
  const steps = Math.ceil(H_MAX / H_STEP) + 2
  // crossings[i]: how many bins S crossed h = i·H_STEP upward, by a difference array
  const diff = new Int32Array(steps + 1)
  const first = baseline + GAP + WINDOW - 1
  let base = 0
  for (let i = 0; i < baseline; i++) base += x[i]!
  let before = -1
  let judged = 0
  for (let t = first; t < n; t++) {
    const last = t - WINDOW - GAP
    if (t > first) base += x[last]! - x[last - baseline]!
    const l0 = Math.max(LAMBDA_FLOOR, (base + PRIOR_BINS * lambda) / (baseline + PRIOR_BINS))
    let s = 0
    for (let j = t - WINDOW + 1; j <= t; j++) s = Math.max(0, s + x[j]! * LOG_SHIFT - (SHIFT - 1) * l0)
    if (before >= 0) {
      judged++
      const from = Math.max(1, Math.floor(before / H_STEP) + 1)
      const to = Math.min(steps - 1, Math.floor(s / H_STEP))
      if (to >= from) {
        diff[from]!++
        diff[to + 1]!--
      }
    }
    before = s
  }
  const crossings = new Int32Array(steps)
  let running = 0
  for (let i = 0; i < steps; i++) crossings[i] = running += diff[i]!
  return targets.map((target) => {
    const budget = target * judged
    // the smallest h from which on every higher threshold keeps within the budget (h ≥ one step)
    let i = steps - 1
    while (i > 1 && crossings[i - 1]! <= budget) i--
    return round(i * H_STEP, 2)
  })
}

/**
 * h by λ0 (rows, TABLE_LAMBDAS) × baseline (TABLE_BASELINES) × target (TABLE_TARGETS), made by
 * simulateThresholds(λ, B, TABLE_BINS, seed = 1000·row + column + 1). To make it again:
 *   npx tsx -e "import('./server/domain/warnings/rising.ts').then((m) => console.log(JSON.stringify(m.makeThresholdTable())))"
 * The unit test recomputes entries of it.
 */
export const THRESHOLDS: readonly (readonly (readonly number[])[])[] = [
  /* λ0 = 0.05 */ [[0.66, 1.24, 1.34, 1.66, 1.98], [0.66, 1.24, 1.34, 1.74, 1.94], [0.66, 1.24, 1.34, 1.84, 1.96]],
  /* λ0 = 0.1 */ [[1.24, 1.34, 1.94, 1.98, 2.64], [1.24, 1.34, 1.94, 1.98, 2.54], [1.2, 1.34, 1.9, 1.98, 2.58]],
  /* λ0 = 0.2 */ [[1.36, 1.98, 2.64, 2.68, 3.32], [1.36, 1.96, 2.38, 2.68, 3.08], [1.48, 1.94, 2.4, 2.64, 3.08]],
  /* λ0 = 0.35 */ [[1.94, 2.58, 3.26, 3.36, 3.96], [1.94, 2.48, 3.02, 3.38, 3.74], [1.84, 2.36, 2.88, 3.24, 3.66]],
  /* λ0 = 0.5 */ [[2.48, 3.16, 3.28, 3.96, 4.56], [2.22, 2.7, 3.34, 3.84, 4.36], [2.02, 2.68, 3.2, 3.72, 4.24]],
  /* λ0 = 0.75 */ [[2.52, 3.3, 3.9, 4.56, 5.2], [2.56, 3.26, 3.94, 4.36, 5], [2.28, 3, 3.66, 4.18, 4.72]],
  /* λ0 = 1 */ [[2.96, 3.76, 4.44, 5.14, 5.74], [2.64, 3.56, 4.24, 4.94, 5.6], [2.56, 3.28, 3.96, 4.64, 5.18]],
  /* λ0 = 1.5 */ [[3.36, 4.24, 5.12, 6.04, 6.74], [3.06, 4.08, 4.8, 5.54, 6.22], [2.8, 3.68, 4.5, 5.24, 5.94]],
  /* λ0 = 2 */ [[3.56, 4.72, 5.6, 6.62, 7.4], [3.28, 4.32, 5.32, 6.1, 6.8], [3, 4, 4.88, 5.66, 6.34]],
  /* λ0 = 3 */ [[3.9, 5.28, 6.4, 7.6, 8.56], [3.44, 4.74, 5.8, 6.84, 7.74], [3.16, 4.36, 5.26, 6.28, 7.16]],
  /* λ0 = 4 */ [[4.08, 5.56, 6.86, 8.06, 9.08], [3.54, 4.94, 6.18, 7.34, 8.34], [3.28, 4.5, 5.56, 6.74, 7.62]],
  /* λ0 = 6 */ [[4.16, 5.94, 7.42, 8.84, 10.1], [3.62, 5.08, 6.42, 7.78, 8.94], [3.26, 4.66, 5.82, 7.02, 8.18]],
  /* λ0 = 8 */ [[4.1, 5.96, 7.56, 9.28, 10.74], [3.54, 5.12, 6.56, 8.04, 9.34], [3.18, 4.62, 5.88, 7.26, 8.48]],
  /* λ0 = 11 */ [[3.78, 5.76, 7.52, 9.34, 10.9], [3.24, 4.92, 6.38, 8.08, 9.42], [2.94, 4.44, 5.74, 7.2, 8.5]],
  /* λ0 = 16 */ [[3.24, 5.2, 7.02, 9.04, 10.86], [2.76, 4.5, 6.02, 7.72, 9.28], [2.42, 4, 5.4, 6.9, 8.34]],
  /* λ0 = 22 */ [[2.48, 4.56, 6.4, 8.38, 10.52], [2.02, 3.88, 5.46, 7.12, 8.6], [1.7, 3.42, 4.9, 6.48, 7.74]],
  /* λ0 = 32 */ [[1.02, 3.28, 5.14, 7.08, 8.9], [0.58, 2.7, 4.46, 6.22, 7.86], [0.24, 2.26, 3.94, 5.68, 7.24]],
  /* λ0 = 45 */ [[0.02, 1.5, 3.56, 5.7, 7.44], [0.02, 0.82, 2.84, 4.84, 6.56], [0.02, 0.34, 2.24, 4.18, 5.76]],
  /* λ0 = 64 */ [[0.02, 0.02, 0.8, 3.14, 5.26], [0.02, 0.02, 0.02, 2.28, 4.08], [0.02, 0.02, 0.02, 1.66, 3.56]],
  /* λ0 = 100 */ [[0.02, 0.02, 0.02, 0.02, 0.02], [0.02, 0.02, 0.02, 0.02, 0.02], [0.02, 0.02, 0.02, 0.02, 0.02]],
]

export function makeThresholdTable(): number[][][] {
  return TABLE_LAMBDAS.map((lambda, row) => TABLE_BASELINES.map((b, column) => simulateThresholds(lambda, b, TABLE_BINS, 1000 * row + column + 1)))
}

/** Linear interpolation of y over x at v, clamped to the ends. */
function interpolate(xs: readonly number[], ys: readonly number[], v: number): number {
  if (v <= xs[0]!) return ys[0]!
  const last = xs.length - 1
  if (v >= xs[last]!) return ys[last]!
  let i = 1
  while (xs[i]! < v) i++
  const f = (v - xs[i - 1]!) / (xs[i]! - xs[i - 1]!)
  return ys[i - 1]! + f * (ys[i]! - ys[i - 1]!)
}

const logLambdas = TABLE_LAMBDAS.map(Math.log)
const logTargets = TABLE_TARGETS.map((t) => -Math.log(t))

const inverseBaselines = TABLE_BASELINES.map((b) => -1 / b)

/**
 * The CUSUM threshold for a baseline mean λ0 over B baseline bins at a per-bin new-alarm rate:
 * interpolated in ln λ0, in ln rate and in 1/B (the noise of a baseline's mean falls as 1/B; beyond
 * 16 bins, the 16-bin column). Rates above the table's greatest take it; below its least (1e-4, a
 * town of over 5,000 series), its least.
 */
export function cusumThreshold(lambda0: number, baseline: number, target: number, table = THRESHOLDS): number {
  const byLambda = table.map((row) => {
    const byBaseline = row.map((column) => interpolate(logTargets, column, -Math.log(target)))
    return interpolate(inverseBaselines, byBaseline, -1 / baseline)
  })
  return interpolate(logLambdas, byLambda, Math.log(Math.max(lambda0, LAMBDA_FLOOR)))
}

// ---------------------------------------------------------------------------------------------
// The detector
// ---------------------------------------------------------------------------------------------

/** The CUSUM of the window (bins 2, 1, 0), oldest first: S after bin 0. */
export function windowCusum(counts: ArrayLike<number>, lambda0: number): number {
  let s = 0
  for (let k = WINDOW - 1; k >= 0; k--) s = Math.max(0, s + counts[k]! * LOG_SHIFT - (SHIFT - 1) * lambda0)
  return s
}

interface Series {
  village: number
  category: number
  /** item code, or −1 for the whole category */
  item: number
  /** counts by bin, bin 0 first */
  counts: Int32Array
  lambda0: number
  baseline: number
}

const categoryIndex = new Map(categoryIds.map((c, i) => [c, i]))
const categoryOfItem = Uint8Array.from(categoryOfCode, (c) => categoryIndex.get(c)!)
const NCAT = categoryIds.length
const NITEM = itemIds.length

export function detectRisingTrends(ledger: WarningLedger, geo: WarningGeography, asOf: number, options: RisingOptions = {}): Signal[] {
  const bins = binsSince(asOf, geo.since)
  const baseline = bins - WINDOW - GAP
  const nVillages = geo.villages.length
  if (baseline < MIN_BASELINE || nVillages === 0) return []
  const villageIndex = new Map(geo.villages.map((v, i) => [v.id, i]))
  const villageOfCell = Int32Array.from(geo.cells, (c) => villageIndex.get(c.villageId) ?? -1)
  const { byCategory, byItem } = countSeries(ledger, asOf, villageOfCell, nVillages, bins)
  const series = [
    ...villageSeries(byCategory, NCAT, nVillages, bins, baseline, (s) => s, -1),
    ...villageSeries(byItem, NITEM, nVillages, bins, baseline, (i) => categoryOfItem[i]!, 0).filter((s) => sumBaseline(s.counts, bins) / baseline >= ITEM_MIN_MEAN),
  ]
  // The false-alarm budget is per town: count each town's series.
  const townOf = townOfVillage(geo)
  const perTown = new Map<string, number>()
  for (const s of series) perTown.set(townOf[s.village]!, (perTown.get(townOf[s.village]!) ?? 0) + 1)
  const budget = options.alarmsPerMonth ?? 1
  const minHazards = options.minHazards ?? MIN_HAZARDS
  const window = { from: fromDay(binDays(asOf, 0)[0]), to: fromDay(asOf) }
  const found: Array<{ signal: Signal; s: Series }> = []
  for (const s of series) {
    const m = perTown.get(townOf[s.village]!)!
    const target = budget / (BINS_A_MONTH * m)
    const h = cusumThreshold(s.lambda0, s.baseline, target)
    const cusum = windowCusum(s.counts, s.lambda0)
    if (cusum < h || cusum === 0 || s.counts[0]! < minHazards) continue
    found.push({ signal: trendSignal(s, geo, bins, window, { cusum, threshold: h, series: m, target, minHazards }), s })
  }
  addEvidence(ledger, asOf, villageOfCell, found)
  return found.map((f) => f.signal)
}

/** One pass: known hazards by village × category and village × item, by the bin of their discovery. */
function countSeries(ledger: WarningLedger, asOf: number, villageOfCell: Int32Array, nVillages: number, bins: number) {
  const byCategory = new Int32Array(nVillages * NCAT * bins)
  const byItem = new Int32Array(nVillages * NITEM * bins)
  for (let i = 0; i < ledger.n; i++) {
    if (ledger.reported[i]! > asOf) continue
    const k = Math.floor((asOf - ledger.discovered[i]!) / BIN)
    if (k < 0 || k >= bins) continue
    const v = villageOfCell[ledger.grid[i]!]
    if (v === undefined || v < 0) continue
    const item = ledger.item[i]!
    byCategory[(v * NCAT + categoryOfItem[item]!) * bins + k]!++
    byItem[(v * NITEM + item) * bins + k]!++
  }
  return { byCategory, byItem }
}

function sumBaseline(counts: Int32Array, bins: number): number {
  let s = 0
  for (let k = WINDOW + GAP; k < bins; k++) s += counts[k]!
  return s
}

/**
 * Every village's series of one kind (categories, or items), each with its shrunk baseline mean:
 * the town's per-village rate r is the kind's baseline total over all villages, per village and bin.
 */
function villageSeries(
  counts: Int32Array,
  kinds: number,
  nVillages: number,
  bins: number,
  baseline: number,
  categoryOf: (kind: number) => number,
  itemFlag: -1 | 0,
): Series[] {
  const townTotal = new Float64Array(kinds)
  const sums = new Float64Array(nVillages * kinds)
  for (let v = 0; v < nVillages; v++) {
    for (let j = 0; j < kinds; j++) {
      const s = sumBaseline(counts.subarray((v * kinds + j) * bins, (v * kinds + j + 1) * bins), bins)
      sums[v * kinds + j] = s
      townTotal[j]! += s
    }
  }
  const out: Series[] = []
  for (let v = 0; v < nVillages; v++) {
    for (let j = 0; j < kinds; j++) {
      const rate = townTotal[j]! / (nVillages * baseline)
      const lambda0 = Math.max(LAMBDA_FLOOR, (sums[v * kinds + j]! + PRIOR_BINS * rate) / (baseline + PRIOR_BINS))
      out.push({
        village: v,
        category: categoryOf(j),
        item: itemFlag === -1 ? -1 : j,
        counts: counts.subarray((v * kinds + j) * bins, (v * kinds + j + 1) * bins),
        lambda0,
        baseline,
      })
    }
  }
  return out
}

/** The town of each village (by its district); one town when the geography names none. */
function townOfVillage(geo: WarningGeography): string[] {
  const townOfDistrict = new Map(geo.districts.map((d) => [d.id, d.townId ?? geo.towns?.[0]?.id ?? 'town']))
  return geo.villages.map((v) => townOfDistrict.get(v.districtId) ?? 'town')
}

/** Bins in a row, back from bin 0, in which the CUSUM rose: the count above the break-even λ0·(λ1−λ0)/(λ0·ln 2) = λ0/ln 2. */
function risingStreak(counts: Int32Array, lambda0: number, bins: number): number {
  let k = 0
  while (k < bins && counts[k]! * LOG_SHIFT - (SHIFT - 1) * lambda0 > 0) k++
  return k
}

function trendSignal(
  s: Series,
  geo: WarningGeography,
  bins: number,
  window: { from: string; to: string },
  run: { cusum: number; threshold: number; series: number; target: number; minHazards: number },
): Signal {
  const { cusum, threshold, series, target, minHazards } = run
  const village = geo.villages[s.village]
  const category: CategoryId = categoryIds[s.category]!
  const observed = s.counts[0]!
  const ratio = observed! / s.lambda0
  const p = poissonUpperTail(observed!, s.lambda0)
  const orange = ratio >= ORANGE_RATIO && p < ORANGE_P
  const item = s.item >= 0 ? itemIds[s.item]! : null
  const chronological = Float64Array.from({ length: bins }, (_, i) => s.counts[bins - 1 - i]!)
  return {
    key: `rising_trend|village:${village!.id}|${category}|${item ?? ''}`,
    detector: 'rising_trend',
    level: orange ? 'orange' : 'yellow',
    ruleId: orange ? 'R6' : 'R7',
    area: { kind: 'village', id: village!.id, districtId: village!.districtId },
    category,
    item,
    window,
    observed,
    expected: round(s.lambda0, 2),
    ratio: round(ratio, 2),
    stats: { p, cusum: round(cusum, 2), threshold: round(threshold, 2) },
    streak: risingStreak(s.counts, s.lambda0, bins),
    slope: round(senSlope(chronological), 2),
    evidence: [],
    parameters: {
      window: WINDOW,
      guardBins: GAP,
      baselineBins: s.baseline,
      shift: SHIFT,
      priorBins: PRIOR_BINS,
      series,
      alarmRate: Number(target.toPrecision(3)),
      minHazards,
    },
    responsible: { kind: 'lead_unit', id: categoryById[category].leadUnit },
  }
}

/** Second pass: bin 0's hazards of each alarmed series, the newest ten (by day found, then id). */
function addEvidence(ledger: WarningLedger, asOf: number, villageOfCell: Int32Array, found: Array<{ signal: Signal; s: Series }>): void {
  if (found.length === 0) return
  const wanted = new Map<number, number[]>()
  const keyOf = (village: number, category: number, item: number) => (village * (NCAT + 1) + category) * (NITEM + 1) + item + 1
  found.forEach((f, index) => {
    const key = keyOf(f.s.village, f.s.category, f.s.item)
    wanted.set(key, [...(wanted.get(key) ?? []), index])
  })
  const hits: Array<Array<{ id: number; day: number }>> = found.map(() => [])
  for (let i = 0; i < ledger.n; i++) {
    if (ledger.reported[i]! > asOf || Math.floor((asOf - ledger.discovered[i]!) / BIN) !== 0) continue
    const v = villageOfCell[ledger.grid[i]!]
    if (v === undefined || v < 0) continue
    const item = ledger.item[i]!
    const category = categoryOfItem[item]
    for (const key of [keyOf(v, category!, -1), keyOf(v, category!, item)]) {
      for (const index of wanted.get(key) ?? []) hits[index]!.push({ id: ledger.id[i]!, day: ledger.discovered[i]! })
    }
  }
  found.forEach((f, index) => {
    f.signal.evidence = hits[index]!
      .sort((a, b) => b.day - a.day || b.id - a.id)
      .slice(0, EVIDENCE_MAX)
      .map((h) => h.id)
  })
}
