import { fromDay } from '../days'
import { type Signal, type WarningGeography, type WarningLedger, BIN_DAYS, MAX_BINS, binDays, warnedPatterns } from './model'
import { ALL, GROUPS, type ClusterSettings, addEvidence, clusterSignal, clustersOf, coreOf, groupOfCode } from './clusters'
import { analyseEmerging } from './emerging'
import { ALPHA, type GroupCube } from './patterns'
import { analyseGroup, spatialSums } from './standing'

export { type BinSignificance, QUIET_BINS, classifyHotSpot, emergingPattern } from './patterns'

/** model.ts binOf's step, bound locally for the pass over the ledger (binOf itself is a module property read per call) */
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
 *   The smallest p of a cell's looks is calibrated by simulating towns where nothing emerges
 *   (calibration.ts), as SaTScan calibrates its scan statistic by Monte Carlo: the fixed price per
 *   look it replaces was far too low in the tail, where the greedy zones' choices cost most.
 *
 * Files: emerging.ts (the warned layer), zones.ts (grown zones), calibration.ts and
 * calibration-simulation.ts (the null distribution), standing.ts (Gi*), patterns.ts (Esri's and the
 * recent-horizon patterns), clusters.ts (cells merged into signals, their numbers and evidence).
 */

export interface HotSpotOptions {
  /** FDR level of the standing layer's hot cell-bins and significance of the Mann–Kendall trend (the warned layer's FDR level is emerging.ts's EMERGING_FDR) */
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

const DEFAULTS: ClusterSettings = { alpha: ALPHA, minHazards: 3, ownP: 0.05 }

/**
 * How many bins as of a day hold only days of the campaign (each bin's first day on or after
 * `since`), at most MAX_BINS: bins before the campaign would count as quiet when they are unknown.
 */
export function binsSince(asOf: number, since: number): number {
  return Math.max(0, Math.min(MAX_BINS, Math.floor((asOf - since + 1) / BIN_DAYS)))
}

export function detectHotSpots(
  ledger: WarningLedger,
  geo: WarningGeography,
  asOf: number,
  options: HotSpotOptions = {},
): { signals: Signal[]; persistent: Signal[] } {
  const settings: ClusterSettings = { ...DEFAULTS, ...options }
  const { alpha, minHazards, ownP } = settings
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
      const signal = clusterSignal(cube, cluster, cells, geo, bins, window, settings)
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
      const signal = clusterSignal(cube, cluster, cells, geo, bins, window, settings)
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
