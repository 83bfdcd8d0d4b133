import { type Pt, metres } from './planar'

/** About one management district (管区) per 5–7 villages, at most six to a township. */
export function districtCount(villages: number): number {
  return Math.min(6, Math.max(1, Math.round(villages / 6)))
}

export interface DistrictGrouping {
  /** index of each district's seat village; the first district's seat is the township seat */
  seats: number[]
  /** district index of each village */
  of: number[]
}

/**
 * Group villages into `count` contiguous districts: seats spread out from the township seat (bigger
 * villages preferred, as real 管区 sit in them), then the smallest district repeatedly takes the
 * neighbouring village nearest its seat, so groups stay connected and balanced.
 */
export function groupDistricts(points: Pt[], populations: number[], adjacency: number[][], seat: number, count: number): DistrictGrouping {
  const n = points.length
  const maxPop = Math.max(...populations)
  const seats = [seat]
  while (seats.length < Math.min(count, n)) {
    let best = -1
    let bestScore = -1
    for (let i = 0; i < n; i++) {
      if (seats.includes(i)) continue
      const d = Math.min(...seats.map((s) => metres(points[i] as Pt, points[s] as Pt)))
      const score = d * ((populations[i] ?? 0) / maxPop) ** 0.3
      if (score > bestScore) [best, bestScore] = [i, score]
    }
    seats.push(best)
  }
  const of = new Array<number>(n).fill(-1)
  const sizes = seats.map(() => 1)
  seats.forEach((s, d) => (of[s] = d))
  for (let assigned = seats.length; assigned < n; assigned++) {
    const order = seats.map((_, d) => d).sort((a, b) => (sizes[a] ?? 0) - (sizes[b] ?? 0) || a - b)
    let placed = false
    for (const d of order) {
      const seatPt = points[seats[d] as number] as Pt
      const frontier = new Set<number>()
      of.forEach((o, v) => {
        if (o === d) for (const w of adjacency[v] ?? []) if (of[w] === -1) frontier.add(w)
      })
      const pick = [...frontier].sort((a, b) => metres(points[a] as Pt, seatPt) - metres(points[b] as Pt, seatPt) || a - b)[0]
      if (pick === undefined) continue
      of[pick] = d
      sizes[d] = (sizes[d] ?? 0) + 1
      placed = true
      break
    }
    if (!placed) {
      // a village cut off from every district (it cannot happen in a partition, but be total): nearest seat
      const v = of.indexOf(-1)
      const d = seats.map((s, k) => ({ k, m: metres(points[v] as Pt, points[s] as Pt) })).sort((a, b) => a.m - b.m)[0]?.k ?? 0
      of[v] = d
      sizes[d] = (sizes[d] ?? 0) + 1
    }
  }
  return { seats, of }
}
