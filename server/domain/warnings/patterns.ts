import type { HotSpotPattern } from './model'
import { mannKendall } from './stats'

/**
 * Emerging hot spots' patterns (hot-spots.ts): Esri's classification of a cell's series of hot and
 * cold bins, the emerging layer's recent-horizon reading of it, and each cell's pattern of a cube.
 */

/** FDR level of a hot cell-bin and significance of the Mann–Kendall trend, unless the detector is told otherwise. */
export const ALPHA = 0.05
/** The trend test needs this many bins (issue 14). */
const MIN_TREND_BINS = 6

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
  alpha = ALPHA,
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
  alpha = ALPHA,
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
export interface CellResult {
  pattern: HotSpotPattern
  z0: number
  q0: number
  tau: number | null
  tauP: number | null
}

/** One group's cube: counts by cell and bin (bin 0 first), and what its layer made of it. */
export interface GroupCube {
  group: number
  counts: Int32Array
  mean: number
  /** hot (+1) / cold (−1) per cell-bin */
  significance: Int8Array
  cells: Map<number, CellResult>
}

/** Each cell's pattern (`classify`: Esri's for the standing layer, emergingPattern for the warned one) from its first `tested` bins' significance and its z-series' Mann–Kendall trend; only cells hot at some bin. */
export function patterns(
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
