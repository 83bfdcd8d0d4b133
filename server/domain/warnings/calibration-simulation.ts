import { CALIBRATION_LEVELS, CALIBRATION_PAST, CALIBRATION_THRESHOLDS, CALIBRATION_TOWNS } from './calibration'
import { interactionCube, localStatistics } from './emerging'
import { spatialSums } from './standing'
import { type Random, mulberry32, poissonSample } from './stats'

/**
 * The null simulation behind calibration.ts's table: towns where nothing emerges (every cell's
 * hazards a stationary Poisson series, cells of unequal busyness), read by the emerging layer's own
 * statistic (emerging.ts localStatistics), so the table is the distribution of exactly what the
 * detector computes. Seeded: the same arguments give the same table.
 */

/** The simulated town: a hexagonal lattice of SIDE × SIDE cells (six neighbours inside, fewer on the edge; the demo town's cells have 5.4 on average). */
const SIDE = 20
/** Gamma shape of the cells' busyness (mean 1, coefficient of variation 0.8: a few cells three times the median). */
const BUSY_SHAPE = 1.5

/** Each cell's adjacent cells on an offset-row hexagonal lattice. */
export function hexNeighbourhoods(side: number): number[][] {
  const out: number[][] = []
  for (let r = 0; r < side; r++)
    for (let q = 0; q < side; q++) {
      const odd = r % 2
      const around = [[q - 1, r], [q + 1, r], [q - 1 + odd, r - 1], [q + odd, r - 1], [q - 1 + odd, r + 1], [q + odd, r + 1]]
      const hood = [r * side + q]
      for (const [x, y] of around) if (x! >= 0 && x! < side && y! >= 0 && y! < side) hood.push(y! * side + x!)
      out.push(hood)
    }
  return out
}

function normal(random: Random): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random())
}

/** Marsaglia–Tsang, shape ≥ 1. */
function gamma(random: Random, shape: number): number {
  const d = shape - 1 / 3
  const c = 1 / Math.sqrt(9 * d)
  for (;;) {
    const x = normal(random)
    const v = (1 + c * x) ** 3
    if (v <= 0) continue
    if (Math.log(1 - random()) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v
  }
}

/**
 * Simulates `towns` null towns at `level` mean hazards a cell-bin with `past` bins before the
 * two-bin window, and returns for each threshold the share of cells whose statistic T (as of the
 * newest bin) is at most it.
 */
export function simulateNullShares(level: number, past: number, towns: number, seed: number, thresholds: readonly number[]): number[] {
  const random = mulberry32(seed)
  const neighbourhoods = hexNeighbourhoods(SIDE)
  const nCells = neighbourhoods.length
  const bins = past + 2
  const counts = new Int32Array(nCells * bins)
  const z = new Float64Array(nCells * bins)
  const t = new Float64Array(nCells)
  const inZone = new Uint8Array(nCells)
  const below = new Float64Array(thresholds.length)
  let cells = 0
  for (let town = 0; town < towns; town++) {
    for (let c = 0; c < nCells; c++) {
      const rate = level * gamma(random, BUSY_SHAPE)
      for (let k = 0; k < bins; k++) counts[c * bins + k] = poissonSample(random, rate)
    }
    const cube = interactionCube(counts, spatialSums(counts, neighbourhoods, bins), neighbourhoods, bins)
    if (!cube) continue
    localStatistics(cube, 0, z, t, inZone)
    for (let c = 0; c < nCells; c++) for (let i = 0; i < thresholds.length; i++) if (t[c]! <= thresholds[i]!) below[i]!++
    cells += nCells
  }
  return [...below].map((b) => b / cells)
}

/** calibration.ts's NULL_SHARES, made again (about a minute). */
export function makeCalibrationTable(): number[][] {
  return CALIBRATION_LEVELS.map((level, row) =>
    simulateNullShares(level, CALIBRATION_PAST, CALIBRATION_TOWNS, 1000 + row, CALIBRATION_THRESHOLDS).map((x) => Number(x.toPrecision(3))),
  )
}
