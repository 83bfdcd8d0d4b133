import { type Parts, type Pt, bboxOf, partsArea, partsLocator, segmentDistance } from './planar'

/**
 * A label point: the point (on a refining grid search) farthest from the polygon's edges, within its
 * largest part. Unlike a centroid it is always inside and away from the boundary, where a map puts a name.
 */
export function labelPoint(parts: Parts): Pt {
  const largest = parts.slice().sort((a, b) => partsArea([b]) - partsArea([a]))[0]
  if (!largest) throw new Error('labelPoint of an empty polygon')
  const part: Parts = [largest]
  const inPart = partsLocator(part)
  const ends: Pt[] = largest.flatMap((r) => r.slice(0, -1).flatMap((a, i) => [a, r[i + 1] as Pt]))
  // distanceToEdges, noting the nearest edge: the next grid point, a neighbour, is likely nearest to it too
  let near = 0
  const distanceToEdges = (p: Pt): number => {
    let d = Infinity
    for (let k = 0; k < ends.length; k += 2) {
      const e = segmentDistance(p, ends[k] as Pt, ends[k + 1] as Pt)
      if (e < d) [d, near] = [e, k]
    }
    return d
  }
  let [x0, y0, x1, y1] = bboxOf(part)
  let best: Pt = [(x0 + x1) / 2, (y0 + y1) / 2]
  let bestD = inPart(best) ? distanceToEdges(best) : -1
  for (let round = 0; round < 4; round++) {
    // a narrow polygon can slip between a coarse grid's points: search finer until one lands inside
    const n = bestD < 0 ? 40 : 10
    const dx = (x1 - x0) / n
    const dy = (y1 - y0) / n
    for (let i = 0; i <= n; i++) {
      for (let j = 0; j <= n; j++) {
        const p: Pt = [x0 + i * dx, y0 + j * dy]
        if (!inPart(p)) continue
        // p is no better when one edge alone is within bestD of it: its distance is at most that edge's
        if (ends.length > 0 && segmentDistance(p, ends[near] as Pt, ends[near + 1] as Pt) <= bestD) continue
        const d = distanceToEdges(p)
        if (d > bestD) [best, bestD] = [p, d]
      }
    }
    if (bestD >= 0) [x0, y0, x1, y1] = [best[0] - dx, best[1] - dy, best[0] + dx, best[1] + dy]
  }
  if (bestD < 0) throw new Error('labelPoint: no interior point found')
  return [round6(best[0]), round6(best[1])]
}

export const round6 = (x: number): number => Math.round(x * 1e6) / 1e6
