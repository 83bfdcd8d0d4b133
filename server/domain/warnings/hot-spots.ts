import { type CategoryId, categoryById, categoryIds } from '../categories'
import { fromDay } from '../days'
import {
  type HotSpotPattern, type Responsible, type Signal, type WarningGeography, type WarningLedger, BIN_DAYS, MAX_BINS,
  binDays, warnedPatterns,
} from './model'
import { categoryOfCode, round } from './signals'
import {
  benjaminiHochberg, benjaminiHochbergRejects, binomialLowerTail, binomialUpperTail, mannKendall, meanAndSd, normalTwoSided, poissonUpperTail, senSlope,
} from './stats'

/** Called per cell-bin: a local binding, not a module property read each call. */
const twoSided = normalTwoSided
/** model.ts binOf's step, bound locally for the passes over the ledger (binOf itself is a module property read per call) */
const BIN = BIN_DAYS

/**
 * Detector 1, emerging hot spots (新兴热点), as ArcGIS's Emerging Hot Spot Analysis does it: a
 * space-time cube of grid cells × half-month bins, per category and for all categories; a statistic
 * of every cell-bin over its space-time neighbourhood (the cell and its adjacent cells, in the bin
 * and the one before); the false-discovery rate across cells within each bin; the Mann–Kendall trend
 * of each cell's z-series; each cell's pattern; adjacent warned cells merged into one signal.
 *
 * Two layers, because "where hazards always are" and "where hazards are rising" are different questions:
 * - STANDING (persistent): Getis-Ord Gi* of the raw counts against the whole cube's mean and spread
 *   (analyseGroup), as ArcGIS does it. Only its persistent cells are used: the standing map layer.
 * - EMERGING (new, consecutive, intensifying: the warnings): each neighbourhood against its OWN past
 *   (analyseEmerging). Gi* against the cube's mean made the busy cells of a town hot already (standing
 *   or sporadic, never warned) and let a doubling of a middling cell pass unseen until Mann–Kendall or a
 *   run of hot bins caught up: the backtest's planted hot spot was found within two half-months in 0 of
 *   10 seeds at ten times the demo's volume, where an oracle found all ten. Here a cell-bin's window
 *   count is tested against the same cells' counts in the bins before the window, scaled by the town's
 *   level (the exact conditional binomial test of space-time interaction, as Kulldorff's space-time
 *   permutation scan has it), for the cell alone and its neighbourhood, the bin alone and with the one
 *   before; and since a hot spot of several cells is diluted in any one cell's neighbourhood, a zone
 *   is grown from each cell that leans hot (AMOEBA, Aldstadt & Getis 2006) and tested the same way.
 */

export interface HotSpotOptions {
  /** FDR level of a hot cell-bin and significance of the Mann–Kendall trend */
  alpha?: number
  /** a warned cluster needs this many hazards in bin 0, against sparse noise */
  minHazards?: number
  /**
   * a warned cluster's bin-0 count must also be this unlikely under its own expectation (exact
   * Poisson, the signal's `expected`): the cells are hot through their neighbourhoods and zones, and
   * the cells the warning names must themselves have risen.
   */
  ownP?: number
}

const DEFAULTS = { alpha: 0.05, minHazards: 3, ownP: 0.05 }
/** The trend test needs this many bins (issue 14). */
const MIN_TREND_BINS = 6
/** The emerging layer tests a bin only against at least this many bins of its own past (before its two-bin window). */
const BASELINE_BINS = 4
/** The emerging layer's windows: the bin alone, and the bin with the one before (Gi*'s time neighbourhood). */
const WINDOWS = [1, 2] as const
/** A cell whose own tests lean this hot seeds a grown zone (AMOEBA); ZONE_MAX cells at most. */
const SEED_Z = 2
const ZONE_MAX = 8
/** Below this standardised count a cell-bin's exact tail is not computed: after the correction for its tests it could not be significant. */
const EXACT_Z = 2
/**
 * A grown zone's p is multiplied by this, its size and the windows: the greedy growth picks the best of
 * many zones, which the bare binomial p does not know (a union bound over every zone looked at, about
 * 40, left the detector blind). It is the price of the zone's multiplicity, and it is what made the
 * planted hot spot late at high volume (20 seeds at twenty times the demo's volume: a 2× half-month of
 * 45 against 26 came out at q = 0.07): measured on the backtest's ledgers (hot spot within 2 half-months
 * at 20×; false hot-spot warnings a town a month at the demo's volume and at 10×):
 * 8 → 70 %, 0.26, 0.76; 4 → 85 %, 0.36, 1.21; 2 → 90 %, 0.61, 2.04. 4 keeps false hot spots near one a
 * month at 10× (2 doubles them for one seed in twenty).
 */
const GROWTH_PENALTY = 4
const EVIDENCE_MAX = 10
/** Group index of "all categories" after the four categories. */
const ALL = categoryIds.length
const GROUPS = ALL + 1
const categoryIndex = new Map(categoryIds.map((c, i) => [c, i]))
const groupOfCode = Uint8Array.from(categoryOfCode, (c) => categoryIndex.get(c)!)

/**
 * How many bins as of a day hold only days of the campaign (each bin's first day on or after
 * `since`), at most MAX_BINS: bins before the campaign would count as quiet when they are unknown.
 */
export function binsSince(asOf: number, since: number): number {
  return Math.max(0, Math.min(MAX_BINS, Math.floor((asOf - since + 1) / BIN_DAYS)))
}

/** Significance of a cell-bin: +1 hot, −1 cold, 0 neither. */
export type BinSignificance = -1 | 0 | 1

/**
 * A location's pattern from its bins' significance in time order (oldest first, the last is the
 * as-of bin) and its Mann–Kendall trend (null below six bins: no trend can be told). The
 * definitions are Esri's (ArcGIS Pro, "How Emerging Hot Spot Analysis works"), paraphrased:
 * - new: a significant hot spot in the final time step that has never been one before;
 * - consecutive: a single uninterrupted run of at least two significant hot bins in the final time
 *   steps, never a significant hot spot before that run, and fewer than 90 % of all bins hot;
 * - intensifying: hot in at least 90 % of the time steps including the final one, and the
 *   intensity of clustering increases over time, significantly (Mann–Kendall);
 * - persistent: hot in at least 90 % of the time steps with no discernible trend;
 * - diminishing: hot in at least 90 % of the time steps including the final one, with a
 *   significant decrease;
 * - sporadic: hot in the final time step, on and off before, fewer than 90 % of bins hot and never
 *   a significant cold spot;
 * - oscillating: hot in the final time step, a significant cold spot in some earlier one, fewer than
 *   90 % of bins hot;
 * - historical: not hot in the final time step, but hot in at least 90 % of the time steps.
 * Where two definitions meet (not hot at the end, ≥ 90 % hot, no trend) persistent is taken first,
 * as sfdep (R) orders them.
 */
export function classifyHotSpot(
  significance: ArrayLike<BinSignificance>,
  trend: { tau: number; p: number } | null,
  alpha = DEFAULTS.alpha,
): HotSpotPattern | null {
  const n = significance.length
  if (n === 0) return null
  let hot = 0
  let cold = 0
  for (let i = 0; i < n; i++) {
    if (significance[i] === 1) hot++
    else if (significance[i] === -1) cold++
  }
  const mostlyHot = hot >= 0.9 * n
  const rising = trend !== null && trend.tau > 0 && trend.p < alpha
  const falling = trend !== null && trend.tau < 0 && trend.p < alpha
  if (significance[n - 1] !== 1) {
    if (!mostlyHot) return null
    return rising || falling ? 'historical' : 'persistent'
  }
  if (hot === 1) return 'new'
  if (mostlyHot) return rising ? 'intensifying' : falling ? 'diminishing' : 'persistent'
  let run = 0
  while (run < n && significance[n - 1 - run] === 1) run++
  if (run >= 2 && run === hot) return 'consecutive'
  return cold > 0 ? 'oscillating' : 'sporadic'
}

/**
 * Hot bins after this many not hot make an emerging run, whatever came before (emergingPattern).
 * Two months: long enough that a run is not the tail of the last one, short enough that a chance hot
 * bin of last season does not hide this one.
 */
export const QUIET_BINS = 4

/**
 * The emerging layer's pattern: Esri's definitions judge "new" and "consecutive" over the whole
 * series, so a cell hot once by chance a year ago is "sporadic" (or "oscillating") forever after and
 * its present rise is never warned — at ten and twenty times the demo's volume that, more than power,
 * is what made the backtest's planted hot spots late. For early warning they are judged over a recent
 * horizon: a final run of hot bins after at least QUIET_BINS bins that were not hot is new (one bin) or
 * consecutive (two or more), unless the cell is hot in most bins (then Esri's intensifying/persistent
 * still apply). Otherwise Esri's classification.
 */
export function emergingPattern(
  significance: ArrayLike<BinSignificance>,
  trend: { tau: number; p: number } | null,
  alpha = DEFAULTS.alpha,
): HotSpotPattern | null {
  const esri = classifyHotSpot(significance, trend, alpha)
  if (esri !== 'sporadic' && esri !== 'oscillating') return esri
  const n = significance.length
  let run = 0
  while (run < n && significance[n - 1 - run] === 1) run++
  for (let i = n - 1 - run; i >= n - run - QUIET_BINS; i--) if (i < 0 || significance[i] === 1) return esri
  return run === 1 ? 'new' : 'consecutive'
}

/** A cell's findings in one group (a category, or all). */
interface CellResult {
  pattern: HotSpotPattern
  z0: number
  q0: number
  tau: number | null
  tauP: number | null
}

/** One group's cube: counts by cell and bin (bin 0 first), and what Gi* made of it. */
interface GroupCube {
  group: number
  counts: Int32Array
  mean: number
  /** hot (+1) / cold (−1) per cell-bin */
  significance: Int8Array
  cells: Map<number, CellResult>
}

/** Pattern strength when a cluster's cells differ: the longer the evidence, the stronger. */
const patternRank: Partial<Record<HotSpotPattern, number>> = { intensifying: 3, consecutive: 2, new: 1, persistent: 0 }

export function detectHotSpots(
  ledger: WarningLedger,
  geo: WarningGeography,
  asOf: number,
  options: HotSpotOptions = {},
): { signals: Signal[]; persistent: Signal[] } {
  const { alpha, minHazards, ownP } = { ...DEFAULTS, ...options }
  const bins = binsSince(asOf, geo.since)
  const nCells = geo.cells.length
  if (bins === 0 || nCells === 0) return { signals: [], persistent: [] }
  const counts = countCube(ledger, asOf, nCells, bins)
  const neighbourhoods = geo.cells.map((cell, c) => [c, ...cell.neighbours.filter((j) => j !== c && j < nCells)])
  const standingCubes: GroupCube[] = []
  const emergingCubes: GroupCube[] = []
  for (let g = 0; g < GROUPS; g++) {
    const groupCounts = counts.subarray(g * nCells * bins, (g + 1) * nCells * bins)
    const spatial = spatialSums(groupCounts, neighbourhoods, bins)
    const standing = analyseGroup(g, groupCounts, spatial, neighbourhoods, bins, alpha)
    if (standing) standingCubes.push(standing)
    const emerging = analyseEmerging(g, groupCounts, spatial, neighbourhoods, bins, alpha)
    if (emerging) emergingCubes.push(emerging)
  }
  const window = { from: fromDay(binDays(asOf, 0)[0]), to: fromDay(asOf) }
  const signals: Signal[] = []
  const persistent: Signal[] = []
  const clusters: Array<{ signal: Signal; group: number; cells: number[] }> = []
  for (const cube of emergingCubes) {
    const warned = clustersOf(cube, neighbourhoods, (p) => warnedPatterns.includes(p))
    for (const cluster of warned) {
      const cells = coreOf(cube, cluster, bins)
      if (cells.length === 0) continue
      const signal = clusterSignal(cube, cluster, cells, geo, bins, window, alpha, minHazards, ownP)
      if (signal.observed < minHazards || signal.stats.p! >= ownP) continue
      signals.push(signal)
      clusters.push({ signal, group: cube.group, cells })
    }
  }
  for (const cube of standingCubes) {
    const standing = clustersOf(cube, neighbourhoods, (p) => p === 'persistent')
    for (const cluster of standing) {
      const cells = coreOf(cube, cluster, bins)
      if (cells.length === 0) continue
      const signal = clusterSignal(cube, cluster, cells, geo, bins, window, alpha, minHazards, ownP)
      persistent.push(signal)
      clusters.push({ signal, group: cube.group, cells })
    }
  }
  addEvidence(ledger, asOf, nCells, clusters)
  return { signals, persistent }
}

/** One pass over the ledger: hazards known as of the day, by group, cell and the bin of their discovery. */
function countCube(ledger: WarningLedger, asOf: number, nCells: number, bins: number): Int32Array {
  const counts = new Int32Array(GROUPS * nCells * bins)
  const allOffset = ALL * nCells * bins
  for (let i = 0; i < ledger.n; i++) {
    if (ledger.reported[i]! > asOf) continue
    const k = Math.floor((asOf - ledger.discovered[i]!) / BIN)
    if (k < 0 || k >= bins) continue
    const c = ledger.grid[i]!
    if (c >= nCells) continue
    const at = c * bins + k
    counts[groupOfCode[ledger.item[i]!]! * nCells * bins + at]! += 1
    counts[allOffset + at]! += 1
  }
  return counts
}

/**
 * Gi* of every cell-bin of one group. A cell-bin's neighbourhood is the cell and its adjacent cells,
 * in its own bin and in the bin before (ArcGIS's neighbourhood time step of one); the mean and
 * standard deviation are over the whole cube. p is two-sided, as ArcGIS reports it; the FDR runs
 * across all cells within each bin. Null when the cube holds nothing.
 */
function analyseGroup(group: number, counts: Int32Array, spatial: Float64Array, neighbourhoods: number[][], bins: number, alpha: number): GroupCube | null {
  const nCells = neighbourhoods.length
  const { mean, sd, n } = meanAndSd(counts)
  if (sd === 0) return null
  const z = new Float64Array(nCells * bins)
  const significance = new Int8Array(nCells * bins)
  const p = new Float64Array(nCells)
  // Gi*'s denominator depends only on the neighbourhood's size: one for a bin alone (the oldest), one with the bin before.
  const spreadOf = (w: number) => sd * Math.sqrt((n * w - w * w) / (n - 1))
  const spreads = neighbourhoods.map((hood) => [spreadOf(hood.length), spreadOf(2 * hood.length)] as const)
  // The same (sum, weight) gives the same p; count cubes repeat them a great deal.
  const pCache = new Map<number, number>()
  let q0: Float64Array = new Float64Array(nCells)
  for (let k = 0; k < bins; k++) {
    const earlier = k + 1 < bins
    for (let c = 0; c < nCells; c++) {
      const sum = spatial[c * bins + k]! + (earlier ? spatial[c * bins + k + 1]! : 0)
      const weight = neighbourhoods[c]!.length * (earlier ? 2 : 1)
      const zi = (sum - mean * weight) / spreads[c]![earlier ? 1 : 0]
      z[c * bins + k] = zi
      const key = sum * 4096 + weight
      let pi = pCache.get(key)
      if (pi === undefined) {
        pi = twoSided(zi)
        pCache.set(key, pi)
      }
      p[c] = pi
    }
    // Bin 0's q-values are reported; earlier bins need only which cells the FDR keeps.
    if (k === 0) {
      q0 = benjaminiHochberg(p)
      for (let c = 0; c < nCells; c++) if (q0[c]! < alpha) significance[c * bins] = z[c * bins]! > 0 ? 1 : -1
    } else {
      const rejects = benjaminiHochbergRejects(p, alpha)
      for (let c = 0; c < nCells; c++) if (rejects[c]) significance[c * bins + k] = z[c * bins + k]! > 0 ? 1 : -1
    }
  }
  return { group, counts, mean, significance, cells: patterns(significance, z, q0, nCells, bins, bins, alpha, classifyHotSpot) }
}

/** Each cell-bin's neighbourhood sum (the cell and its adjacent cells, one bin), so each space-time sum is two reads. */
function spatialSums(counts: Int32Array, neighbourhoods: number[][], bins: number): Float64Array {
  const nCells = neighbourhoods.length
  const spatial = new Float64Array(nCells * bins)
  for (let c = 0; c < nCells; c++) {
    const hood = neighbourhoods[c]!
    for (let k = 0; k < bins; k++) {
      let s = 0
      for (const j of hood) s += counts[j * bins + k]!
      spatial[c * bins + k] = s
    }
  }
  return spatial
}

/**
 * The emerging layer: every cell-bin's space-time neighbourhood (the same as Gi*'s: the cell and its
 * adjacent cells, in the bin and the one before) against that neighbourhood's OWN past — the bins
 * before its window (at least BASELINE_BINS of them) — scaled by the town's level in the window:
 * given n = O + B hazards in the neighbourhood's window (O) and past (B), O is Binomial(n, π) with
 * π = N_w ÷ (N_w + N_b), the group's town-wide counts in the window and the past. The exact
 * conditional test of two Poisson rates (Przyborowski & Wilenski 1940), here the 2×2 table of
 * space-time interaction that Kulldorff's space-time permutation scan tests (Kulldorff et al. 2005,
 * PLoS Med 2:e59): a busy cell is not hot for being busy, a town-wide season not hot anywhere, a new
 * or quiet neighbourhood not infinitely hot (its past is counted, not plugged in). p two-sided;
 * BH-FDR across cells within each bin; bins with too short a past are not tested, and the pattern and
 * Mann–Kendall are of the tested bins. z is the standardised count (O − nπ)/√(nπ(1 − π)).
 */
function analyseEmerging(
  group: number, counts: Int32Array, spatial: Float64Array, neighbourhoods: number[][], bins: number, alpha: number,
): GroupCube | null {
  const nCells = neighbourhoods.length
  const tested = bins - 1 - BASELINE_BINS
  if (tested < 1) return null
  const town = new Float64Array(bins + 1)
  for (let c = 0; c < nCells; c++) for (let k = 0; k < bins; k++) town[k]! += counts[c * bins + k]!
  // suffix sums: the town's, each cell's and each neighbourhood's hazards in bins k … bins − 1
  const townPast = new Float64Array(bins + 1)
  for (let k = bins - 1; k >= 0; k--) townPast[k] = townPast[k + 1]! + town[k]!
  if (townPast[0] === 0) return null
  const zones = [counts, spatial]
  const pasts = zones.map((zone) => {
    const past = new Float64Array(nCells * (bins + 1))
    for (let c = 0; c < nCells; c++) for (let k = bins - 1; k >= 0; k--) past[c * (bins + 1) + k] = past[c * (bins + 1) + k + 1]! + zone[c * bins + k]!
    return past
  })
  const z = new Float64Array(nCells * bins)
  const significance = new Int8Array(nCells * bins)
  const p = new Float64Array(nCells)
  let q0: Float64Array = new Float64Array(nCells).fill(1)
  const tests = zones.length * WINDOWS.length
  const inZone = new Uint8Array(nCells)
  for (let k = 0; k < tested; k++) {
    const nb = townPast[k + 2]!
    const pCache = new Map<number, number>()
    for (let c = 0; c < nCells; c++) {
      let best = 1
      let bestZ = 0
      for (let v = 0; v < zones.length; v++) {
        const zone = zones[v]!
        const b = pasts[v]![c * (bins + 1) + k + 2]!
        for (const w of WINDOWS) {
          const nw = w === 2 ? town[k]! + town[k + 1]! : town[k]!
          const pi = nw / (nw + nb)
          const o = w === 2 ? zone[c * bins + k]! + zone[c * bins + k + 1]! : zone[c * bins + k]!
          const n = o + b
          if (n === 0 || pi === 0 || pi === 1) continue
          const e = n * pi
          const zv = (o - e) / Math.sqrt(e * (1 - pi))
          if (best === 1 && Math.abs(zv) > Math.abs(bestZ)) bestZ = zv
          // Within two standard deviations no test survives the correction below: skip the exact tail (the city's cost)
          if (Math.abs(zv) < EXACT_Z) continue
          const key = ((o * 1_048_576 + n) * 4 + w) * 2 + v
          let pv = pCache.get(key)
          if (pv === undefined) {
            pv = o > e ? binomialUpperTail(o, n, pi) : binomialLowerTail(o, n, pi)
            pCache.set(key, pv)
          }
          if (pv < best) {
            best = pv
            bestZ = zv
          }
        }
      }
      z[c * bins + k] = bestZ
      p[c] = Math.min(1, 2 * tests * best)
    }
    // A hot spot of several cells is diluted in any one cell's neighbourhood: from each cell already
    // leaning hot, grow the zone that shows it (AMOEBA) and keep the smaller p.
    for (let c = 0; c < nCells; c++) {
      if (z[c * bins + k]! < SEED_Z) continue
      for (const w of WINDOWS) {
        const grown = growZone(c, counts, pasts[0]!, neighbourhoods, bins, k, w, town, townPast, inZone)
        if (grown && grown.p < p[c]!) {
          p[c] = grown.p
          z[c * bins + k] = Math.max(z[c * bins + k]!, grown.z)
        }
      }
    }
    if (k === 0) {
      q0 = benjaminiHochberg(p)
      for (let c = 0; c < nCells; c++) if (q0[c]! < alpha) significance[c * bins] = z[c * bins]! > 0 ? 1 : -1
    } else {
      const rejects = benjaminiHochbergRejects(p, alpha)
      for (let c = 0; c < nCells; c++) if (rejects[c]) significance[c * bins + k] = z[c * bins + k]! > 0 ? 1 : -1
    }
  }
  return { group, counts, mean: townPast[0]! / (nCells * bins), significance, cells: patterns(significance, z, q0, nCells, bins, tested, alpha, emergingPattern) }
}

/**
 * AMOEBA (Aldstadt & Getis 2006, Geographical Analysis 38:327–343) on the interaction test: from a
 * seed cell, add the adjacent cell that raises the zone's standardised count most, while it rises, up
 * to ZONE_MAX cells. The zone's exact binomial p is multiplied by the number of zones looked at on the
 * way (twice, for the two windows), a union bound over the growth that the null backtest keeps honest.
 */
function growZone(
  seed: number, counts: Int32Array, past: Float64Array, neighbourhoods: number[][], bins: number, k: number, w: number,
  town: Float64Array, townPast: Float64Array, inZone: Uint8Array,
): { p: number; z: number } | null {
  const nw = w === 2 ? town[k]! + town[k + 1]! : town[k]!
  const pi = nw / (nw + townPast[k + 2]!)
  if (pi <= 0 || pi >= 1) return null
  const spread = pi * (1 - pi)
  const zone = [seed]
  inZone[seed] = 1
  let o = counts[seed * bins + k]! + (w === 2 ? counts[seed * bins + k + 1]! : 0)
  let n = o + past[seed * (bins + 1) + k + 2]!
  let z = n > 0 ? (o - n * pi) / Math.sqrt(n * spread) : 0
  while (zone.length < ZONE_MAX) {
    let pick = -1
    let pickZ = z
    let pickO = 0
    let pickN = 0
    for (let m = 0; m < zone.length; m++)
      for (const j of neighbourhoods[zone[m]!]!) {
        if (inZone[j]) continue
        const oj = counts[j * bins + k]! + (w === 2 ? counts[j * bins + k + 1]! : 0)
        const nj = n + oj + past[j * (bins + 1) + k + 2]!
        const zj = (o + oj - nj * pi) / Math.sqrt(nj * spread)
        if (zj > pickZ) {
          pick = j
          pickZ = zj
          pickO = o + oj
          pickN = nj
        }
      }
    if (pick < 0) break
    zone.push(pick)
    inZone[pick] = 1
    o = pickO
    n = pickN
    z = pickZ
  }
  for (const c of zone) inZone[c] = 0
  if (n === 0 || o <= n * pi) return null
  return { p: Math.min(1, GROWTH_PENALTY * WINDOWS.length * zone.length * binomialUpperTail(o, n, pi)), z }
}

/** Each cell's pattern (`classify`: Esri's for the standing layer, emergingPattern for the warned one) from its first `tested` bins' significance and its z-series' Mann–Kendall trend; only cells hot at some bin. */
function patterns(
  significance: Int8Array, z: Float64Array, q0: Float64Array, nCells: number, bins: number, tested: number, alpha: number,
  classify: typeof classifyHotSpot,
): Map<number, CellResult> {
  const cells = new Map<number, CellResult>()
  const series = new Int8Array(tested)
  const zSeries = new Float64Array(tested)
  for (let c = 0; c < nCells; c++) {
    let anyHot = false
    for (let k = 0; k < tested; k++) {
      // time order: oldest first
      series[tested - 1 - k] = significance[c * bins + k] as BinSignificance
      zSeries[tested - 1 - k] = z[c * bins + k]!
      if (significance[c * bins + k] === 1) anyHot = true
    }
    if (!anyHot) continue
    const mk = tested >= MIN_TREND_BINS ? mannKendall(zSeries) : null
    const pattern = classify(series as ArrayLike<BinSignificance>, mk && { tau: mk.tau, p: mk.p }, alpha)
    if (!pattern) continue
    cells.set(c, { pattern, z0: z[c * bins]!, q0: q0[c]!, tau: mk?.tau ?? null, tauP: mk?.p ?? null })
  }
  return cells
}

/** Adjacent cells whose pattern passes `keep`, merged (breadth first); each cluster's cells ascending. */
function clustersOf(cube: GroupCube, neighbourhoods: number[][], keep: (p: HotSpotPattern) => boolean): number[][] {
  const seen = new Set<number>()
  const out: number[][] = []
  const starts = [...cube.cells.keys()].sort((a, b) => a - b)
  for (const start of starts) {
    if (seen.has(start) || !keep(cube.cells.get(start)!.pattern)) continue
    const cluster: number[] = []
    const queue = [start]
    seen.add(start)
    while (queue.length) {
      const c = queue.pop()!
      cluster.push(c)
      for (const j of neighbourhoods[c]!) {
        const r = cube.cells.get(j)
        if (!seen.has(j) && r && keep(r.pattern)) {
          seen.add(j)
          queue.push(j)
        }
      }
    }
    out.push(cluster.sort((a, b) => a - b))
  }
  return out
}

/**
 * The cells of a Gi* cluster that carry it. Gi* is a neighbourhood sum, so the quiet ring around a
 * busy block is "hot" too (its neighbourhood holds the block); the warning names only the cells
 * whose own count in bin 0 is above their own expectation (the same baseline as the signal's
 * `expected`), or for a standing hot spot above the cube's mean.
 */
function coreOf(cube: GroupCube, cluster: number[], bins: number): number[] {
  return cluster.filter((c) => {
    const now = cube.counts[c * bins]!
    let earlier = 0
    for (let k = 1; k < bins; k++) earlier += cube.counts[c * bins + k]!
    return now > (earlier + cube.mean) / bins || (cube.cells.get(c)!.pattern === 'persistent' && now > cube.mean)
  })
}

/**
 * One cluster as a signal: its counts are those of its core `cells`. Its key must stay the same while
 * the cluster grows or shrinks by a cell, or every half-month would raise a new warning: it is named
 * after its anchor, the cell of the whole Gi* cluster with the most hazards over the whole cube
 * (which a new neighbouring cell rarely overtakes at once, and which stays in the Gi* cluster while
 * a quiet fortnight drops it from the core), ties to the lowest cell id; the area's id, village and
 * district are the anchor's.
 */
function clusterSignal(
  cube: GroupCube,
  cluster: number[],
  cells: number[],
  geo: WarningGeography,
  bins: number,
  window: { from: string; to: string },
  alpha: number,
  minHazards: number,
  ownP: number,
): Signal {
  const { counts, group } = cube
  const perBin = new Float64Array(bins)
  for (const c of cells) for (let k = 0; k < bins; k++) perBin[k]! += counts[c * bins + k]!
  let anchor = cluster[0]!
  let anchorTotal = -1
  for (const c of cluster) {
    let total = 0
    for (let k = 0; k < bins; k++) total += counts[c * bins + k]!
    const id = geo.cells[c]!.id
    if (total > anchorTotal || (total === anchorTotal && id < geo.cells[anchor]!.id)) {
      anchor = c
      anchorTotal = total
    }
  }
  const results = cells.map((c) => cube.cells.get(c)!)
  const pattern = results.reduce((best, r) => ((patternRank[r.pattern] ?? 0) > (patternRank[best] ?? 0) ? r.pattern : best), results[0]!.pattern)
  // The trend reported is that of the cluster's hottest cell with the cluster's pattern.
  const lead = results.filter((r) => r.pattern === pattern).reduce((a, b) => (b.z0 > a.z0 ? b : a))
  const observed = perBin[0]!
  // Expected: the cells' own earlier bins, with one bin of the cube's mean so a quiet past does not
  // make any count infinitely many times expected (a cell's own history tells more than the town's mean).
  let earlier = 0
  for (let k = 1; k < bins; k++) earlier += perBin[k]!
  const expected = (earlier + cube.mean * cells.length) / bins
  const ratio = observed / expected
  let streak = 0
  while (streak < bins && cells.some((c) => cube.significance[c * bins + streak] === 1)) streak++
  const chronological = Float64Array.from({ length: bins }, (_, i) => perBin[bins - 1 - i]!)
  const category: CategoryId | null = group === ALL ? null : categoryIds[group]!
  const anchorCell = geo.cells[anchor]!
  const responsible: Responsible = category
    ? { kind: 'lead_unit', id: categoryById[category].leadUnit }
    : { kind: 'district', id: anchorCell.districtId }
  const orange = pattern === 'intensifying' && ratio >= 3
  const stats: Signal['stats'] = {
    z: round(Math.max(...results.map((r) => r.z0)), 2),
    p: poissonUpperTail(observed, expected),
    q: Math.min(...results.map((r) => r.q0)),
  }
  if (lead.tau !== null && lead.tauP !== null) {
    stats.tau = round(lead.tau, 3)
    stats.tauP = lead.tauP
  }
  return {
    key: `hot_spot|cells:${anchorCell.id}|${category ?? 'all'}|`,
    detector: 'hot_spot',
    level: pattern === 'persistent' ? 'yellow' : orange ? 'orange' : 'yellow',
    // A persistent hot spot is a standing layer, not a warning: it cites no rule.
    ruleId: pattern === 'persistent' ? '' : orange ? 'R4' : 'R5',
    area: {
      kind: 'cells',
      id: anchorCell.id,
      cells: cells.map((c) => geo.cells[c]!.id),
      villageId: anchorCell.villageId,
      districtId: anchorCell.districtId,
    },
    category,
    item: null,
    window,
    observed,
    expected: round(expected, 2),
    ratio: round(ratio, 2),
    stats,
    streak,
    slope: round(senSlope(chronological), 2),
    pattern,
    evidence: [],
    parameters: {
      alpha,
      bins,
      neighbours: 'adjacent cells and the same cells one half-month earlier, itself included',
      minHazards,
      ownP,
      expected: "the cells' own earlier half-months, with one half-month at the cube's mean",
      baseline: "warned when the cells' half-month (alone or with the one before) stands above their own past at the town's level (exact binomial, FDR across cells)",
    },
    responsible,
  }
}

/** Second pass: each cluster's newest hazards of bin 0 (by day found, then id), up to ten. */
function addEvidence(
  ledger: WarningLedger,
  asOf: number,
  nCells: number,
  clusters: Array<{ signal: Signal; group: number; cells: number[] }>,
): void {
  if (clusters.length === 0) return
  const owner = Array.from({ length: GROUPS }, () => new Map<number, number[]>())
  clusters.forEach((cl, index) => {
    for (const c of cl.cells) {
      const list = owner[cl.group]!.get(c) ?? []
      list.push(index)
      owner[cl.group]!.set(c, list)
    }
  })
  const found: Array<Array<{ id: number; day: number }>> = clusters.map(() => [])
  for (let i = 0; i < ledger.n; i++) {
    if (ledger.reported[i]! > asOf || Math.floor((asOf - ledger.discovered[i]!) / BIN) !== 0) continue
    const c = ledger.grid[i]!
    if (c >= nCells) continue
    for (const g of [groupOfCode[ledger.item[i]!]!, ALL]) {
      for (const index of owner[g]!.get(c) ?? []) found[index]!.push({ id: ledger.id[i]!, day: ledger.discovered[i]! })
    }
  }
  clusters.forEach((cl, index) => {
    cl.signal.evidence = found[index]!
      .sort((a, b) => b.day - a.day || b.id - a.id)
      .slice(0, EVIDENCE_MAX)
      .map((h) => h.id)
  })
}
