/**
 * The emerging layer's calibration (emerging.ts): the null distribution of a cell's statistic T —
 * the smallest raw p of its looks (the cell and its neighbourhood, one bin and two, and the zones
 * grown from it) — so that the p the FDR reads is P(T ≤ t) in a town where nothing emerges, as
 * SaTScan calibrates its scan statistic by Monte Carlo, and not t times a guessed number of looks.
 *
 * The looks overlap and nest, but the greedy growth picks the best of many zones, and in the tail
 * that costs more than the fixed price it replaces (8 for a cell's four looks, 4 × 2 × size for a
 * zone): with zones of up to 8 cells, P(T ≤ 10⁻⁵) was 2–5 × 10⁻³ in the simulation and 2.3 × 10⁻³ on
 * the backtest's null ledgers at ten times the demo's volume — three hundred looks' worth; with up to
 * 4 cells (zones.ts ZONE_MAX), 2–8 × 10⁻⁴ (the table); a cell's four looks alone, 2.5 × 10⁻⁵. The
 * simulated town (a hexagonal lattice, six neighbours) offers the growth more choices than the demo
 * town's cells (5.4 neighbours on average), so the table errs on the cautious side.
 */

/** Mean hazards a cell-bin (the group's level): the table's rows. */
export const CALIBRATION_LEVELS = [0.1, 0.25, 0.5, 1, 2, 4, 8, 16, 32] as const
/** Values of T: the table's columns. */
export const CALIBRATION_THRESHOLDS = [1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6] as const
/** Towns simulated per row, and the bins of past before each one's window. */
export const CALIBRATION_TOWNS = 2_000
export const CALIBRATION_PAST = 12

/**
 * P(T ≤ threshold) by level (rows) × threshold (columns), made by
 * simulateNullShares(level, CALIBRATION_PAST, CALIBRATION_TOWNS, seed = 1000 + row) of
 * calibration-simulation.ts (2,000 towns of 400 cells a row: 800,000 cells, 20–80 of them at or below
 * 10⁻⁶; below that too few to read, so the tail is extrapolated). To make it again:
 *   npx tsx -e "import('./server/domain/warnings/calibration-simulation.ts').then((m) => console.log(JSON.stringify(m.makeCalibrationTable())))"
 * The unit test recomputes a row of it with fewer towns.
 */
export const NULL_SHARES: readonly (readonly number[])[] = [
  /* 0.1 */ [0.106, 0.0441, 0.00917, 0.00141, 0.000208, 3.63e-5],
  /* 0.25 */ [0.117, 0.0579, 0.0135, 0.00218, 0.000251, 2.88e-5],
  /* 0.5 */ [0.122, 0.0663, 0.0166, 0.00262, 0.000376, 6e-5],
  /* 1 */ [0.123, 0.0717, 0.0185, 0.00311, 0.000424, 5.25e-5],
  /* 2 */ [0.126, 0.0757, 0.0202, 0.00357, 0.000481, 4.75e-5],
  /* 4 */ [0.13, 0.08, 0.0218, 0.00378, 0.000505, 5.87e-5],
  /* 8 */ [0.131, 0.0822, 0.0225, 0.00397, 0.000535, 0.000104],
  /* 16 */ [0.132, 0.0849, 0.0243, 0.00458, 0.000655, 6.5e-5],
  /* 32 */ [0.134, 0.0868, 0.0251, 0.00478, 0.000755, 7.12e-5],
]

const logLevels = CALIBRATION_LEVELS.map(Math.log)
const logThresholds = CALIBRATION_THRESHOLDS.map(Math.log)

/** ln P(T ≤ t) of one row at ln t: log-log between columns; below the last, the slope of its last two decades (the tail taken to thin no faster than it did). */
function logShare(row: readonly number[], lt: number): number {
  const ys = row.map(Math.log)
  const last = ys.length - 1
  if (lt <= logThresholds[last]!) {
    const slope = (ys[last - 2]! - ys[last]!) / (logThresholds[last - 2]! - logThresholds[last]!)
    return ys[last]! + slope * (lt - logThresholds[last]!)
  }
  if (lt >= logThresholds[0]!) {
    // above the first column, straight to 1 at t = 1
    const f = (lt - logThresholds[0]!) / -logThresholds[0]!
    return ys[0]! * (1 - f)
  }
  let i = 1
  while (logThresholds[i]! > lt) i++
  const f = (lt - logThresholds[i - 1]!) / (logThresholds[i]! - logThresholds[i - 1]!)
  return ys[i - 1]! + f * (ys[i]! - ys[i - 1]!)
}

/**
 * The calibrated p of a cell's statistic T at a group's level (mean hazards a cell-bin): P(T ≤ t)
 * under the null, interpolated in ln level between rows (clamped to the table's ends) and in ln t
 * between columns. Increasing in t; 1 at t = 1.
 */
export function calibratedP(t: number, level: number, table: readonly (readonly number[])[] = NULL_SHARES): number {
  if (t >= 1) return 1
  if (t <= 0) return 0
  const lt = Math.log(t)
  const ll = Math.log(level)
  if (ll <= logLevels[0]!) return Math.min(1, Math.exp(logShare(table[0]!, lt)))
  const last = logLevels.length - 1
  if (ll >= logLevels[last]!) return Math.min(1, Math.exp(logShare(table[last]!, lt)))
  let i = 1
  while (logLevels[i]! < ll) i++
  const f = (ll - logLevels[i - 1]!) / (logLevels[i]! - logLevels[i - 1]!)
  return Math.min(1, Math.exp((1 - f) * logShare(table[i - 1]!, lt) + f * logShare(table[i]!, lt)))
}
