import { type GroupCube, classifyHotSpot, patterns } from './patterns'
import { benjaminiHochberg, benjaminiHochbergRejects, meanAndSd, normalTwoSided } from './stats'

/**
 * The standing layer of hot spots (hot-spots.ts): Getis-Ord Gi* of the raw counts against the whole
 * cube's mean and spread, as ArcGIS's Emerging Hot Spot Analysis does it. Only its persistent cells
 * are used: "where hazards always are", the standing map layer.
 */

/** Called per cell-bin: a local binding, not a module property read each call. */
const twoSided = normalTwoSided

/**
 * Gi* of every cell-bin of one group. A cell-bin's neighbourhood is the cell and its adjacent cells,
 * in its own bin and in the bin before (ArcGIS's neighbourhood time step of one); the mean and
 * standard deviation are over the whole cube. p is two-sided, as ArcGIS reports it; the FDR runs
 * across all cells within each bin. Null when the cube holds nothing.
 */
export function analyseGroup(group: number, counts: Int32Array, spatial: Float64Array, neighbourhoods: number[][], bins: number, alpha: number): GroupCube | null {
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
export function spatialSums(counts: Int32Array, neighbourhoods: number[][], bins: number): Float64Array {
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
