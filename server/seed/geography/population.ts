import type { Rng } from './random'

/**
 * Merged rural villages (新型农村社区) are sized by the land they farm: about 250 people per km² of
 * the township, shared among its villages. City communities are denser and sized alike.
 */
export function villagePopulation(rng: Rng, urban: boolean, townKm2: number, villages: number): number {
  const median = urban ? 4200 : Math.min(9000, Math.max(1200, (250 * townKm2) / villages))
  const raw = median * Math.exp(0.38 * rng.normal())
  return Math.round(Math.min(Math.max(raw, median * 0.35), median * 2.8))
}

/** Rural households are 2.6–3.0 people. */
export function householdsOf(population: number, rng: Rng): number {
  return Math.round(population / rng.range(2.6, 3.0))
}

export const minCells = 2
export const maxCells = 8

/**
 * Grid cells per village: one per `perCell` people, clamped to 2–8. The figure is tuned per township
 * so that it averages `targetPerVillage` cells a village (the demo town must land in 200–400 cells).
 */
export function gridCounts(populations: number[], targetPerVillage = 7.3): { perCell: number; counts: number[] } {
  const target = Math.ceil(populations.length * targetPerVillage)
  const countsFor = (perCell: number): number[] =>
    populations.map((p) => Math.min(maxCells, Math.max(minCells, Math.ceil(p / perCell))))
  let perCell = 2000
  while (perCell > 50 && countsFor(perCell).reduce((a, b) => a + b, 0) < target) perCell -= 10
  return { perCell, counts: countsFor(perCell) }
}

/** Split a total into integer shares proportional to weights (largest remainder), summing exactly. */
export function shares(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0)
  const raw = weights.map((w) => (total * w) / sum)
  const out = raw.map(Math.floor)
  let left = total - out.reduce((a, b) => a + b, 0)
  const order = raw.map((r, i) => ({ i, frac: r - Math.floor(r) })).sort((a, b) => b.frac - a.frac || a.i - b.i)
  for (const { i } of order) {
    if (left <= 0) break
    out[i] = (out[i] ?? 0) + 1
    left--
  }
  return out
}
