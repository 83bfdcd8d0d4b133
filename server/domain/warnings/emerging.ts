import { calibratedP } from './calibration'
import { type GroupCube, emergingPattern, patterns } from './patterns'
import { benjaminiHochberg, benjaminiHochbergRejects, binomialLowerTail, binomialUpperTail } from './stats'
import { type ZoneInput, growZone } from './zones'

/**
 * The emerging layer of hot spots (hot-spots.ts), the one that warns: every cell-bin's space-time
 * neighbourhood against that neighbourhood's OWN past — the bins before its window (at least
 * BASELINE_BINS of them) — scaled by the town's level in the window: given n = O + B hazards in the
 * window (O) and past (B), O is Binomial(n, π) with π = N_w ÷ (N_w + N_b), the group's town-wide
 * counts in the window and the past. The exact conditional test of two Poisson rates (Przyborowski &
 * Wilenski 1940), here the 2×2 table of space-time interaction that Kulldorff's space-time
 * permutation scan tests (Kulldorff et al. 2005, PLoS Med 2:e59): a busy cell is not hot for being
 * busy, a town-wide season not hot anywhere, a new or quiet neighbourhood not infinitely hot.
 *
 * A cell's statistic T is the smallest raw p of its looks: the cell alone and its neighbourhood (the
 * cell and its adjacent cells), each over the bin alone and with the one before (WINDOWS), in the
 * direction of its standardised count; and, when it already leans hot (z ≥ SEED_Z), the zones grown
 * from it (zones.ts, AMOEBA). T's null distribution is calibrated by simulation (calibration.ts), as
 * SaTScan calibrates its scan statistic, instead of a Bonferroni-like price per look: the looks are
 * nested and overlap, so most of the price was paid twice. BH-FDR across cells within each bin; bins
 * with too short a past are not tested, and the pattern and Mann–Kendall are of the tested bins.
 */

/** The emerging layer tests a bin only against at least this many bins of its own past (before its two-bin window). */
export const BASELINE_BINS = 4
/** The windows: the bin alone, and the bin with the one before (Gi*'s time neighbourhood). */
export const WINDOWS = [1, 2] as const
/** A cell whose own looks lean this hot seeds grown zones. */
const SEED_Z = 2
/**
 * The FDR level of a hot cell-bin here. With calibrated p-values the level is the false-warning
 * budget's to spend: under a null town BH at level q keeps any rejection in a bin's test below q.
 * Set on the backtest's null ledgers at ten times the demo's volume, where discreteness no longer
 * hides the level: 0.15 keeps false hot spots near one a town a month (0.92; with the rising trends
 * 1.57, the budget 2), as 0.05 wasted it (0.19 a month, the planted hot spot found in time in 35 % of
 * seeds) and 0.2 raised them to 1.27 for no earlier finding.
 */
export const EMERGING_FDR = 0.15
/** Below this standardised count a look's exact tail is not computed: it could not be significant after the calibration. */
const EXACT_Z = 2

/** A group's cube as the interaction test reads it: the cells' and neighbourhoods' counts, their suffix sums, the town's. */
export interface InteractionCube extends ZoneInput {
  nCells: number
  /** [the cells' counts, the neighbourhoods' counts], and their suffix sums per cell (bins + 1 entries) */
  looks: [Int32Array | Float64Array, Int32Array | Float64Array]
  pasts: [Float64Array, Float64Array]
  /** the group's mean hazards a cell-bin: the calibration's entry */
  level: number
}

/** Null when the cube is too short to test a bin or holds nothing. */
export function interactionCube(counts: Int32Array, spatial: Float64Array, neighbourhoods: number[][], bins: number): InteractionCube | null {
  const nCells = neighbourhoods.length
  if (bins - 1 - BASELINE_BINS < 1) return null
  const town = new Float64Array(bins + 1)
  for (let c = 0; c < nCells; c++) for (let k = 0; k < bins; k++) town[k]! += counts[c * bins + k]!
  const townPast = new Float64Array(bins + 1)
  for (let k = bins - 1; k >= 0; k--) townPast[k] = townPast[k + 1]! + town[k]!
  if (townPast[0] === 0) return null
  const suffix = (zone: Int32Array | Float64Array) => {
    const past = new Float64Array(nCells * (bins + 1))
    for (let c = 0; c < nCells; c++) for (let k = bins - 1; k >= 0; k--) past[c * (bins + 1) + k] = past[c * (bins + 1) + k + 1]! + zone[c * bins + k]!
    return past
  }
  const pasts: [Float64Array, Float64Array] = [suffix(counts), suffix(spatial)]
  return { nCells, counts, past: pasts[0], neighbourhoods, bins, town, townPast, looks: [counts, spatial], pasts, level: townPast[0]! / (nCells * bins) }
}

/**
 * Bin k's statistic of every cell: T into t[c], the standardised count of its best look into
 * z[c·bins + k]. `inZone` is one byte per cell of scratch (left zero).
 */
export function localStatistics(cube: InteractionCube, k: number, z: Float64Array, t: Float64Array, inZone: Uint8Array): void {
  const { nCells, bins, town, townPast, looks, pasts } = cube
  const nb = townPast[k + 2]!
  // the same look (count, total, window, kind) gives the same p; count cubes repeat them a great deal
  const pCache = new Map<number, number>()
  for (let c = 0; c < nCells; c++) {
    let best = 1
    let bestZ = 0
    for (let v = 0; v < looks.length; v++) {
      const look = looks[v]!
      const b = pasts[v]![c * (bins + 1) + k + 2]!
      for (const w of WINDOWS) {
        const nw = w === 2 ? town[k]! + town[k + 1]! : town[k]!
        const pi = nw / (nw + nb)
        const o = w === 2 ? look[c * bins + k]! + look[c * bins + k + 1]! : look[c * bins + k]!
        const n = o + b
        if (n === 0 || pi === 0 || pi === 1) continue
        const e = n * pi
        const zv = (o - e) / Math.sqrt(e * (1 - pi))
        if (best === 1 && Math.abs(zv) > Math.abs(bestZ)) bestZ = zv
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
    if (bestZ >= SEED_Z) {
      for (const w of WINDOWS) {
        const grown = growZone(c, cube, k, w, inZone)
        if (grown && grown.p < best) {
          best = grown.p
          bestZ = Math.max(bestZ, grown.z)
        }
      }
    }
    z[c * bins + k] = bestZ
    t[c] = best
  }
}

/** The emerging layer of one group (a category, or all); null when no bin can be tested. `alpha` is the trend's significance. */
export function analyseEmerging(
  group: number, counts: Int32Array, spatial: Float64Array, neighbourhoods: number[][], bins: number, alpha: number,
): GroupCube | null {
  const cube = interactionCube(counts, spatial, neighbourhoods, bins)
  if (!cube) return null
  const { nCells } = cube
  const tested = bins - 1 - BASELINE_BINS
  const z = new Float64Array(nCells * bins)
  const significance = new Int8Array(nCells * bins)
  const t = new Float64Array(nCells)
  const p = new Float64Array(nCells)
  const inZone = new Uint8Array(nCells)
  let q0: Float64Array = new Float64Array(nCells).fill(1)
  for (let k = 0; k < tested; k++) {
    localStatistics(cube, k, z, t, inZone)
    for (let c = 0; c < nCells; c++) p[c] = calibratedP(t[c]!, cube.level)
    if (k === 0) {
      q0 = benjaminiHochberg(p)
      for (let c = 0; c < nCells; c++) if (q0[c]! < EMERGING_FDR) significance[c * bins] = z[c * bins]! > 0 ? 1 : -1
    } else {
      const rejects = benjaminiHochbergRejects(p, EMERGING_FDR)
      for (let c = 0; c < nCells; c++) if (rejects[c]) significance[c * bins + k] = z[c * bins + k]! > 0 ? 1 : -1
    }
  }
  return { group, counts, mean: cube.level, significance, cells: patterns(significance, z, q0, nCells, bins, tested, alpha, emergingPattern) }
}
